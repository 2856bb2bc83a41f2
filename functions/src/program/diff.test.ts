import { defaultProgramRules } from './defaults'
import { diffRules } from './diff'

describe('diffRules', () => {
  it('nothing changed: no changes', () => {
    expect(diffRules(defaultProgramRules(), defaultProgramRules())).toEqual([])
  })

  it('names each changed setting by its path, with before and after', () => {
    const before = defaultProgramRules()
    const after = defaultProgramRules()
    after.earning.fenPerPoint = 50
    after.tiers[1]!.thresholdFen = 200_000
    after.marketing.quietHours.from = '22:00'
    expect(diffRules(before, after)).toEqual([
      { path: 'tiers.1.thresholdFen', before: 300_000, after: 200_000 },
      { path: 'earning.fenPerPoint', before: 100, after: 50 },
      { path: 'marketing.quietHours.from', before: '21:00', after: '22:00' },
    ])
  })

  it('an added or removed list entry is one change (null on the side where it is missing)', () => {
    const before = defaultProgramRules()
    const after = defaultProgramRules()
    const platinum = { code: 'platinum', name: '白金卡', thresholdFen: 5_000_000, earnMultiplierBp: 20000, benefits: [] }
    after.tiers.push(platinum)
    after.earning.promotions = after.earning.promotions.slice(0, 1)
    expect(diffRules(before, after)).toEqual([
      { path: 'tiers.3', before: null, after: platinum },
      { path: 'earning.promotions.1', before: before.earning.promotions[1], after: null },
    ])
  })

  it('a list of plain values is one setting; an optional field that appears is a change', () => {
    const before = { earning: { promotions: [{ id: 's', kind: 'store', storeIds: ['S001'] }] } }
    const after = { earning: { promotions: [{ id: 's', kind: 'store', storeIds: ['S001', 'S002'], to: '2026-12-31' }] } }
    expect(diffRules(before, after)).toEqual([
      { path: 'earning.promotions.0.storeIds', before: ['S001'], after: ['S001', 'S002'] },
      { path: 'earning.promotions.0.to', before: null, after: '2026-12-31' },
    ])
  })

  it('from an empty list to one with entries: each entry is a change', () => {
    expect(diffRules({ packs: { welcomeTemplateIds: [] } }, { packs: { welcomeTemplateIds: ['T1'] } })).toEqual([
      { path: 'packs.welcomeTemplateIds', before: [], after: ['T1'] },
    ])
    expect(diffRules({ bonuses: [] }, { bonuses: [{ day: 7 }] })).toEqual([{ path: 'bonuses.0', before: null, after: { day: 7 } }])
  })
})
