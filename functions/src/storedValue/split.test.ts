import fc from 'fast-check'
import { type AccountState, emptyAccount } from '../accounts/model'
import { minus, planRefund, planSpend, type SplitPart } from './split'

/** Principal and bonus accounts after top-ups of [principal, bonus] fen, lot ids in order. */
const loaded = (topUps: Array<[number, number]>) => {
  const p: AccountState = { ...emptyAccount('m', 'storedValuePrincipal'), exists: true }
  const b: AccountState = { ...emptyAccount('m', 'storedValueBonus'), exists: true }
  topUps.forEach(([pp, bb], i) => {
    const lotId = `L${String(i).padStart(3, '0')}`
    p.lots[lotId] = { remaining: pp, earned: pp }
    if (bb > 0) b.lots[lotId] = { remaining: bb, earned: bb }
    p.balance += pp
    b.balance += bb
  })
  return { p, b }
}

/** Applies a plan to both accounts (negative parts put money back). */
const apply = (s: { p: AccountState; b: AccountState }, parts: SplitPart[], sign: 1 | -1) => {
  for (const part of parts) {
    if (part.principal) {
      s.p.lots[part.lotId]!.remaining -= sign * part.principal
      s.p.balance -= sign * part.principal
    }
    if (part.bonus) {
      s.b.lots[part.lotId]!.remaining -= sign * part.bonus
      s.b.balance -= sign * part.bonus
    }
  }
}

const topUpArb = fc.tuple(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 100_000 }))

describe('stored value split', () => {
  it('a spend takes the oldest top-ups first, principal and bonus in the ratio they were loaded', () => {
    expect(planSpend(loaded([[100_000, 10_000]]).p, loaded([[100_000, 10_000]]).b, 11_000)).toEqual([
      { lotId: 'L000', principal: 10_000, bonus: 1_000 },
    ])
    const s = loaded([
      [10_000, 1_000],
      [50_000, 0],
    ])
    expect(planSpend(s.p, s.b, 12_000)).toEqual([
      { lotId: 'L000', principal: 10_000, bonus: 1_000 },
      { lotId: 'L001', principal: 1_000, bonus: 0 },
    ])
    expect(planSpend(s.p, s.b, 61_001)).toBeUndefined()
    expect(planSpend(s.p, s.b, 0)).toBeUndefined()
  })

  it('over any spends, never takes more than a top-up holds and keeps what is left in its loaded ratio (±1 fen)', () => {
    fc.assert(
      fc.property(
        fc.array(topUpArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 300_000 }), { maxLength: 12 }),
        (topUps, spends) => {
          const s = loaded(topUps)
          for (const amount of spends) {
            const before = s.p.balance + s.b.balance
            const plan = planSpend(s.p, s.b, amount)
            if (amount > before) {
              expect(plan).toBeUndefined()
              continue
            }
            expect(plan!.reduce((x, part) => x + part.principal + part.bonus, 0)).toBe(amount)
            for (const part of plan!) {
              expect(part.principal).toBeGreaterThanOrEqual(0)
              expect(part.bonus).toBeGreaterThanOrEqual(0)
            }
            apply(s, plan!, 1)
            for (const [i, [pp, bb]] of topUps.entries()) {
              const lotId = `L${String(i).padStart(3, '0')}`
              const p = s.p.lots[lotId]!.remaining
              const b = s.b.lots[lotId]?.remaining ?? 0
              expect(p).toBeGreaterThanOrEqual(0)
              expect(b).toBeGreaterThanOrEqual(0)
              expect(Math.abs(b - ((p + b) * bb) / (pp + bb))).toBeLessThanOrEqual(1)
            }
            // FIFO: every top-up before the last one touched is emptied.
            for (const part of plan!.slice(0, -1)) expect(s.p.lots[part.lotId]!.remaining + (s.b.lots[part.lotId]?.remaining ?? 0)).toBe(0)
          }
        },
      ),
    )
  })

  it('refunds of a spend, whole or in parts, put back exactly what it took, in the same split', () => {
    fc.assert(
      fc.property(
        fc.array(topUpArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 400_000 }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { maxLength: 6 }),
        (topUps, amount, refunds) => {
          const s = loaded(topUps)
          const start = JSON.stringify(s)
          const plan = planSpend(s.p, s.b, amount)
          fc.pre(plan !== undefined)
          apply(s, plan!, 1)
          let open: SplitPart[] = plan!
          for (const r of refunds) {
            const left = open.reduce((x, p) => x + p.principal + p.bonus, 0)
            const back = planRefund(open, r)
            if (r > left) {
              expect(back).toBeUndefined()
              continue
            }
            expect(back!.reduce((x, p) => x + p.principal + p.bonus, 0)).toBe(r)
            open = minus(open, back!)
            for (const p of open) {
              expect(p.principal).toBeGreaterThanOrEqual(0)
              expect(p.bonus).toBeGreaterThanOrEqual(0)
            }
            apply(s, back!, -1)
          }
          // The rest refunded: back where it started, to the fen.
          const rest = open.reduce((x, p) => x + p.principal + p.bonus, 0)
          if (rest > 0) apply(s, planRefund(open, rest)!, -1)
          expect(JSON.stringify(s)).toBe(start)
        },
      ),
    )
  })

  it('a refund into a top-up holding more bonus than its ratio puts back principal only, never a negative part', () => {
    const card = loaded([[100, 100]])
    card.p.lots.L000!.remaining = 10
    card.b.lots.L000!.remaining = 13
    expect(planRefund([{ lotId: 'L000', principal: 5, bonus: 5 }], 1, { principal: card.p, bonus: card.b })).toEqual([
      { lotId: 'L000', principal: 1, bonus: 0 },
    ])
  })

  it('spends and partial refunds of them, interleaved, keep every top-up in its loaded ratio (a fen, two once a refund went back)', () => {
    fc.assert(
      fc.property(
        fc.array(topUpArb, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.oneof(
            fc.record({ spend: fc.integer({ min: 1, max: 200_000 }) }),
            fc.record({ refund: fc.nat(10), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
          ),
          { maxLength: 16 },
        ),
        (topUps, ops) => {
          const s = loaded(topUps)
          const spends: SplitPart[][] = []
          // A refund puts back only what its own spend took from a top-up: it can leave the top-up
          // a fen further off its ratio than a spend would (e.g. 1.15 fen, seed -1854707134).
          let refunded = false
          for (const op of ops) {
            if ('spend' in op) {
              const plan = planSpend(s.p, s.b, op.spend)
              if (!plan) continue
              apply(s, plan, 1)
              spends.push(plan)
            } else {
              const i = op.refund % Math.max(1, spends.length)
              const open = spends[i]
              const left = open?.reduce((x, p) => x + p.principal + p.bonus, 0) ?? 0
              if (!open || left === 0) continue
              const back = planRefund(open, Math.max(1, Math.floor(left * op.share)), { principal: s.p, bonus: s.b })!
              for (const part of back) {
                const took = open.find((p) => p.lotId === part.lotId)!
                expect(part.principal).toBeLessThanOrEqual(took.principal)
                expect(part.bonus).toBeLessThanOrEqual(took.bonus)
                expect(Math.min(part.principal, part.bonus)).toBeGreaterThanOrEqual(0)
              }
              apply(s, back, -1)
              spends[i] = minus(open, back)
              refunded = true
            }
            for (const [k, [pp, bb]] of topUps.entries()) {
              const lotId = `L${String(k).padStart(3, '0')}`
              const p = s.p.lots[lotId]!.remaining
              const b = s.b.lots[lotId]?.remaining ?? 0
              expect(Math.abs(b - ((p + b) * bb) / (pp + bb))).toBeLessThanOrEqual(refunded ? 2 : 1)
            }
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
