import { monthsBack, pruneTotals, rollingTotal, tierAfterPurchase, tierAtReview } from './rules'
import { defaultProgramRules } from '../program/defaults'

const rules = defaultProgramRules()

describe('tier engine', () => {
  it('sums a rolling 12-month window', () => {
    const totals = { '2025-11': 100, '2025-12': 200, '2026-11': 300 }
    expect(monthsBack('2026-11', 11)).toBe('2025-12')
    expect(rollingTotal(totals, '2026-11', 12)).toBe(500)
    expect(pruneTotals(totals, '2026-11', 12)).toEqual({ '2025-12': 200, '2026-11': 300 })
  })

  it('upgrades at once when a purchase crosses a threshold, never downgrades on purchase', () => {
    expect(tierAfterPurchase(rules, 'normal', 299_999, 1000, 299_999)).toEqual({ code: 'normal', upgraded: false })
    expect(tierAfterPurchase(rules, 'normal', 300_000, 1000, 300_000)).toEqual({ code: 'silver', upgraded: true })
    expect(tierAfterPurchase(rules, 'normal', 1_000_000, 1000, 1_000_000)).toEqual({ code: 'gold', upgraded: true })
    expect(tierAfterPurchase(rules, 'gold', 0, 1000, 0)).toEqual({ code: 'gold', upgraded: false })
  })

  it('in qualify mode opens the entry card on a ¥100 purchase or ¥300 cumulative', () => {
    const q = { ...rules, tierPolicy: { ...rules.tierPolicy, entryMode: 'qualify' as const } }
    expect(tierAfterPurchase(q, '', 9_999, 9_999, 9_999)).toEqual({ code: '', upgraded: false })
    expect(tierAfterPurchase(q, '', 10_000, 10_000, 10_000)).toEqual({ code: 'normal', upgraded: true })
    expect(tierAfterPurchase(q, '', 30_000, 5_000, 30_000)).toEqual({ code: 'normal', upgraded: true })
    // Spend before qualifying counts towards the tier the card opens at.
    expect(tierAfterPurchase(q, '', 300_000, 10_000, 300_000)).toEqual({ code: 'silver', upgraded: true })
  })

  it('leaves a threshold of 0 unused, and opens a pending card on any purchase once the program is back on join_at_entry', () => {
    const cumulativeOnly = { ...rules, tierPolicy: { ...rules.tierPolicy, entryMode: 'qualify' as const, qualifySinglePurchaseFen: 0 } }
    expect(tierAfterPurchase(cumulativeOnly, '', 5_000, 5_000, 5_000)).toEqual({ code: '', upgraded: false })
    expect(tierAfterPurchase(cumulativeOnly, '', 30_000, 5_000, 30_000)).toEqual({ code: 'normal', upgraded: true })
    expect(tierAfterPurchase(rules, '', 100, 100, 100)).toEqual({ code: 'normal', upgraded: true })
  })

  it('downgrades one level at a time at the review', () => {
    expect(tierAtReview(rules.tiers, 'gold', 0)).toEqual({ code: 'silver', downgraded: true })
    expect(tierAtReview(rules.tiers, 'gold', 1_000_000)).toEqual({ code: 'gold', downgraded: false })
    expect(tierAtReview(rules.tiers, 'normal', 0)).toEqual({ code: 'normal', downgraded: false })
  })
})
