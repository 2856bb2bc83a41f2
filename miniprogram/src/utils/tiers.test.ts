import { audienceLabel, tierLevel, tierLook } from './tiers'

/** Not the default program: other codes, other names, four tiers. */
const tiers = [
  { code: 'bronze', name: '青铜会员' },
  { code: 'silver2', name: '白银会员' },
  { code: 'gold2', name: '黄金会员' },
  { code: 'black', name: '黑钻会员' },
]

describe('tiers from the program rules', () => {
  test('a tier level is its place in the table, lowest first; unknown codes and a missing table are -1', () => {
    expect(tierLevel(tiers, 'bronze')).toBe(0)
    expect(tierLevel(tiers, 'black')).toBe(3)
    expect(tierLevel(tiers, 'gold')).toBe(-1)
    expect(tierLevel(null, 'bronze')).toBe(-1)
  })

  test('looks follow the level; unknown tiers look like the entry tier, levels past the palette like the top', () => {
    expect(tierLook(0)).toBe('tier-0')
    expect(tierLook(2)).toBe('tier-2')
    expect(tierLook(-1)).toBe('tier-0')
    expect(tierLook(9)).toBe('tier-4')
  })

  test('an offer for a tier and all above it names the lowest: 仅限…及以上', () => {
    expect(audienceLabel(tiers, ['gold2', 'silver2', 'black'])).toBe('仅限白银会员及以上')
    expect(audienceLabel(tiers, ['black'])).toBe('仅限黑钻会员')
  })

  test('an offer for tiers with a gap lists them by name', () => {
    expect(audienceLabel(tiers, ['black', 'silver2'])).toBe('仅限白银会员、黑钻会员')
    expect(audienceLabel(tiers, ['gold2'])).toBe('仅限黄金会员')
  })

  test('codes the program does not know, or no table yet: the plain message', () => {
    expect(audienceLabel(tiers, ['gold'])).toBe('暂不符合领取条件')
    expect(audienceLabel(null, ['silver2'])).toBe('暂不符合领取条件')
    expect(audienceLabel(tiers, [])).toBe('暂不符合领取条件')
  })
})
