import fc from 'fast-check'
import { consumeFifo, lotExpiresOn, soonestExpiring } from './lots'

describe('points lots', () => {
  it('expire at the end of the 12th month after the earning month', () => {
    expect(lotExpiresOn('2026-11', 12)).toBe('2027-11-30')
    expect(lotExpiresOn('2027-02', 12)).toBe('2028-02-29')
    expect(lotExpiresOn('2026-01', 1)).toBe('2026-02-28')
  })

  it('are spent oldest first and never beyond what they hold', () => {
    const lotsArb = fc.uniqueArray(
      fc.record({
        month: fc.integer({ min: 0, max: 40 }).map((i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`),
        remaining: fc.nat(500),
      }),
      { selector: (l) => l.month, maxLength: 12 },
    )
    fc.assert(
      fc.property(lotsArb, fc.nat(3000), (lots0, spend) => {
        const lots = lots0.map((l) => ({ ...l, expiresOn: lotExpiresOn(l.month, 12) }))
        const total = lots.reduce((s, l) => s + l.remaining, 0)
        if (spend > total) {
          expect(() => consumeFifo(lots, spend)).toThrow()
          return
        }
        const plan = consumeFifo(lots, spend)
        expect(plan.reduce((s, p) => s + p.take, 0)).toBe(spend)
        // every lot before the last one touched is emptied: FIFO
        for (const p of plan.slice(0, -1)) expect(p.take).toBe(p.before)
        const months = plan.map((p) => p.month)
        expect([...months].sort()).toEqual(months)
      }),
    )
  })

  it('finds the soonest-expiring points within the horizon', () => {
    const lots = [
      { month: '2025-11', remaining: 30, expiresOn: '2026-11-30' },
      { month: '2025-12', remaining: 10, expiresOn: '2026-12-31' },
    ]
    expect(soonestExpiring(lots, '2026-11-25', '2026-12-25')).toEqual({ points: 30, expiresOn: '2026-11-30' })
    expect(soonestExpiring(lots, '2026-10-01', '2026-10-31')).toBeNull()
  })
})
