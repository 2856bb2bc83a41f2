import fc from 'fast-check'
import { nextMemberDay, promotionsOn, purchasePoints } from './earning'
import { defaultProgramRules } from '../program/defaults'

const rules = defaultProgramRules()
const [normal, silver, gold] = rules.tiers as [(typeof rules.tiers)[0], (typeof rules.tiers)[0], (typeof rules.tiers)[0]]
const ctx = { amountFen: 12_345, storeId: 'S001', date: '2026-11-25', birthday: '1990-05-17', tier: normal }

describe('purchase points', () => {
  it('gives 1 point per whole yuan, floored', () => {
    expect(purchasePoints(ctx, rules)).toEqual({ basePoints: 123, multipliers: [], totalPoints: 123 })
    expect(purchasePoints({ ...ctx, amountFen: 99 }, rules).totalPoints).toBe(0)
  })

  it('applies the tier multiplier', () => {
    expect(purchasePoints({ ...ctx, tier: silver }, rules).totalPoints).toBe(148) // 123.45 × 1.2 = 148.14
    expect(purchasePoints({ ...ctx, tier: gold }, rules).totalPoints).toBe(185) // 123.45 × 1.5 = 185.175
  })

  it('doubles on member day and in the birthday month, and compounds them', () => {
    const memberDay = purchasePoints({ ...ctx, date: '2026-11-08' }, rules)
    expect(memberDay.totalPoints).toBe(246)
    expect(memberDay.multipliers.map((m) => m.kind)).toEqual(['member_day'])
    expect(purchasePoints({ ...ctx, date: '2026-05-20' }, rules).totalPoints).toBe(246)
    expect(purchasePoints({ ...ctx, date: '2026-05-08', tier: gold }, rules).totalPoints).toBe(740) // ×1.5×2×2
  })

  it('applies store and category promotions to their scope only', () => {
    const r = {
      earning: {
        fenPerPoint: 100,
        promotions: [
          { id: 's', name: '新店三倍', kind: 'store' as const, multiplierBp: 30000, storeIds: ['S002'] },
          {
            id: 'c',
            name: '美妆双倍',
            kind: 'category' as const,
            multiplierBp: 20000,
            categories: ['beauty'],
            from: '2026-11-01',
            to: '2026-11-30',
          },
        ],
      },
    }
    expect(purchasePoints({ ...ctx, storeId: 'S002' }, r).totalPoints).toBe(370)
    const items = [
      { sku: 'a', category: 'beauty', unitPriceFen: 5_000, qty: 1 },
      { sku: 'b', category: 'food', unitPriceFen: 5_000, qty: 1 },
    ]
    // ¥100 paid, half of it beauty: 100 + 50 extra = 150
    expect(purchasePoints({ ...ctx, amountFen: 10_000, items }, r).totalPoints).toBe(150)
    expect(purchasePoints({ ...ctx, amountFen: 10_000, items, date: '2026-12-01' }, r).totalPoints).toBe(100)
  })

  it('never gives fewer points for paying more', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a]
        return purchasePoints({ ...ctx, amountFen: lo }, rules).totalPoints <= purchasePoints({ ...ctx, amountFen: hi }, rules).totalPoints
      }),
    )
  })
})

describe('the day’s promotions on the card', () => {
  const rules = defaultProgramRules()
  it('names the member day on its day and the birthday month in its month, and the next member day', () => {
    expect(promotionsOn(rules, '2026-12-08', '1990-06-15')).toEqual([{ kind: 'member_day', name: '会员日双倍积分', multiplierBp: 20000 }])
    expect(promotionsOn(rules, '2026-12-09', '1990-06-15')).toEqual([])
    expect(promotionsOn(rules, '2026-06-09', '1990-06-15').map((p) => p.kind)).toEqual(
      rules.earning.promotions.some((p) => p.kind === 'birthday_month') ? ['birthday_month'] : [],
    )
    expect(nextMemberDay(rules, '2026-11-26')).toBe('2026-12-08')
    expect(nextMemberDay(rules, '2026-12-08')).toBe('2027-01-08')
    expect(nextMemberDay({ earning: { ...rules.earning, promotions: [] } }, '2026-11-26')).toBeNull()
  })
})
