import fc from 'fast-check'
import { type AccountState, availableOn, emptyAccount, lotExpiresOn, planSpend, soonestExpiring } from './model'

const account = (lots: AccountState['lots']): AccountState => ({
  ...emptyAccount('m', 'points'),
  lots,
  balance: Object.values(lots).reduce((s, l) => s + l.remaining, 0),
})

describe('account lots', () => {
  it('expire at the end of the 12th month after the earning month', () => {
    expect(lotExpiresOn('2026-11', 12)).toBe('2027-11-30')
    expect(lotExpiresOn('2027-02', 12)).toBe('2028-02-29')
    expect(lotExpiresOn('2026-01', 1)).toBe('2026-02-28')
  })

  it('are spent oldest first, never beyond what they hold, never past their expiry', () => {
    const lotsArb = fc.dictionary(
      fc.integer({ min: 0, max: 40 }).map((i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`),
      fc.nat(500),
      { maxKeys: 12 },
    )
    const todayArb = fc.integer({ min: 0, max: 48 }).map((i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15`)
    fc.assert(
      fc.property(lotsArb, fc.nat(3000), todayArb, (raw, spend, today) => {
        const a = account(
          Object.fromEntries(Object.entries(raw).map(([m, r]) => [m, { remaining: r, earned: r, expiresOn: lotExpiresOn(m, 12) }])),
        )
        const spendable = availableOn(a, today)
        const plan = planSpend(a, spend, today)
        if (spend > spendable) {
          expect(plan).toBeUndefined()
          return
        }
        expect(plan!.reduce((s, p) => s + p.take, 0)).toBe(spend)
        for (const p of plan!) {
          expect(a.lots[p.lotId]!.expiresOn! >= today).toBe(true)
          expect(p.take).toBeLessThanOrEqual(a.lots[p.lotId]!.remaining)
        }
        // every spendable lot before the last one touched is emptied: FIFO
        for (const p of plan!.slice(0, -1)) expect(p.take).toBe(a.lots[p.lotId]!.remaining)
        const ids = plan!.map((p) => p.lotId)
        expect([...ids].sort()).toEqual(ids)
      }),
    )
  })

  it('a lot past its expiry is not spendable even before the expiry job runs', () => {
    const a = account({
      '2025-10': { remaining: 100, earned: 100, expiresOn: '2026-10-31' },
      '2026-11': { remaining: 5, earned: 5, expiresOn: '2027-11-30' },
    })
    expect(availableOn(a, '2026-11-25')).toBe(5)
    expect(planSpend(a, 6, '2026-11-25')).toBeUndefined()
    expect(planSpend(a, 5, '2026-10-31')).toEqual([{ lotId: '2025-10', take: 5 }])
  })

  it('finds the soonest-expiring points within the horizon', () => {
    const a = account({
      '2025-11': { remaining: 30, earned: 30, expiresOn: '2026-11-30' },
      '2025-12': { remaining: 10, earned: 10, expiresOn: '2026-12-31' },
    })
    expect(soonestExpiring(a, '2026-11-25', '2026-12-25')).toEqual({ points: 30, expiresOn: '2026-11-30' })
    expect(soonestExpiring(a, '2026-10-01', '2026-10-31')).toBeNull()
  })
})
