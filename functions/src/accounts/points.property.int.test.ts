/**
 * Property-based: random sequences of earn (purchase) / spend / refund / expire / retry
 * against the real services and DynamoDB Local, compared with a small reference model.
 * Invariants: balance = Σ ledger = Σ lots ≥ 0, debt ≥ 0, each source applied once,
 * lots match the model (FIFO, never a lot past its expiry). ≥ 20,000 operations by
 * default; PROPERTY_OPS=N for more.
 */
import fc from 'fast-check'
import { issueMemberCode } from '../members/memberCode'
import { readConfig } from '../platform/config'
import type { Db } from '../platform/db'
import { expireLot } from '../points/jobs/expiry'
import { defaultProgramRules } from '../program/defaults'
import { joinInput, pointsTotals, seededServices, spendPoints } from '../testing/fixtures'
import { freshTable } from '../testing/table'
import { lotExpiresOn } from './model'

const TARGET_OPS = Number(process.env.PROPERTY_OPS ?? 20_000)
const MEMBERS_PER_RUN = 16
const MIN_OPS = 30
const MAX_OPS = 36
const NUM_RUNS = Math.ceil(TARGET_OPS / (MEMBERS_PER_RUN * MIN_OPS))

type Op =
  | { kind: 'earn'; amountFen: number }
  | { kind: 'spend'; points: number }
  | { kind: 'refund'; order: number; percent: number }
  | { kind: 'expire' }
  | { kind: 'nextMonth' }
  | { kind: 'retry'; which: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('earn' as const), amountFen: fc.integer({ min: 1, max: 30_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 250 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('refund' as const), order: fc.nat(50), percent: fc.integer({ min: 1, max: 100 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextMonth' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), which: fc.nat(100) }) },
)

let db: Db
let s: Awaited<ReturnType<typeof seededServices>>
const rules = {
  ...defaultProgramRules(),
  tiers: [{ code: 'normal', name: '普卡', thresholdFen: 0, earnMultiplierBp: 10000, benefits: [] }],
  earning: { fenPerPoint: 100, promotions: [] },
}
const secret = readConfig({ STAGE: 'local' }).memberCodeSecret
const cashier = { openid: 'prop-cashier', memberId: null, roles: ['cashier' as const], storeIds: ['S001'] }
let opsRun = 0
let seq = 0

beforeAll(async () => {
  db = await freshTable('property')
  s = await seededServices(db)
  await s.program.putRules(rules, new Date())
})

const monthOf = (d: Date) => d.toISOString().slice(0, 7)
const at = (monthOffset: number) => new Date(Date.UTC(2026, 0 + monthOffset, 15, 4, 0, 0))

async function runMember(ops: Op[]) {
  const id = seq++
  let monthOffset = 0
  const m = await s.membersService.join(`prop-${id}-${Date.now()}`, joinInput({ birthday: '1990-12-31' }), at(0))
  const model = { balance: 0, debt: 0, lots: new Map<string, number>() }
  const orders: Array<{ orderId: string; amountFen: number; refunded: number; earned: number; reversed: number }> = []
  const done: Array<() => Promise<unknown>> = []

  const spendable = (today: string) => [...model.lots.keys()].sort().filter((month) => lotExpiresOn(month, 12) >= today)
  const available = (today: string) => spendable(today).reduce((sum, month) => sum + model.lots.get(month)!, 0)
  const takeFifo = (points: number, today: string) => {
    let left = points
    for (const month of spendable(today)) {
      const take = Math.min(left, model.lots.get(month)!)
      model.lots.set(month, model.lots.get(month)! - take)
      left -= take
    }
  }

  for (const op of ops) {
    opsRun++
    const now = at(monthOffset)
    if (op.kind === 'nextMonth') {
      monthOffset++
    } else if (op.kind === 'earn') {
      const orderId = `P${id}-${orders.length}`
      const code = issueMemberCode(m.cardNo, secret, now, rules.memberCode).code
      const run = () => s.purchases.record(cashier, { memberCode: code, storeId: 'S001', orderId, amountFen: op.amountFen }, now)
      const r = await run()
      const pts = Math.floor(op.amountFen / 100)
      const repaid = Math.min(model.debt, pts)
      expect(r.points).toMatchObject({ totalPoints: pts, debtRepaid: repaid, awarded: pts - repaid })
      model.debt -= repaid
      model.balance += pts - repaid
      if (pts - repaid > 0) model.lots.set(monthOf(now), (model.lots.get(monthOf(now)) ?? 0) + pts - repaid)
      orders.push({ orderId, amountFen: op.amountFen, refunded: 0, earned: pts, reversed: 0 })
      done.push(async () => expect((await run()).replayed).toBe(true))
    } else if (op.kind === 'spend') {
      const ref = `spend:${id}:${done.length}:${opsRun}`
      const today = now.toISOString().slice(0, 10)
      const run = () => spendPoints(s, m.memberId, op.points, ref, now)
      if (available(today) >= op.points) {
        await run()
        model.balance -= op.points
        takeFifo(op.points, today)
        done.push(async () => expect((await run()).replayed).toBe(true))
      } else {
        await expect(run()).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' })
      }
    } else if (op.kind === 'refund') {
      if (orders.length === 0) continue
      const o = orders[op.order % orders.length]!
      const remaining = o.amountFen - o.refunded
      const amountFen = Math.max(1, Math.min(remaining, Math.ceil((o.amountFen * op.percent) / 100)))
      const refundId = `R${opsRun}`
      const run = () => s.checkout.refund(cashier, { storeId: 'S001', orderId: o.orderId, refundId, amountFen }, now)
      if (remaining <= 0) {
        await expect(run()).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PURCHASE' })
        continue
      }
      const r = await run()
      const refundedAfter = o.refunded + amountFen
      const reversal = o.earned - Math.floor((o.earned * (o.amountFen - refundedAfter)) / o.amountFen) - o.reversed
      const taken = Math.min(available(now.toISOString().slice(0, 10)), reversal)
      expect(r).toMatchObject({ pointsReversed: reversal, totalRefundedFen: refundedAfter })
      model.balance -= taken
      model.debt += reversal - taken
      takeFifo(taken, now.toISOString().slice(0, 10))
      o.refunded = refundedAfter
      o.reversed += reversal
      done.push(async () => expect((await run()).replayed).toBe(true))
    } else if (op.kind === 'expire') {
      const oldest = [...model.lots.entries()].filter(([month, left]) => left > 0 && month < monthOf(now)).sort()[0]
      if (!oldest) continue
      const lot = { kind: 'points' as const, memberId: m.memberId, lotId: oldest[0], expiresOn: lotExpiresOn(oldest[0], 12) }
      const expired = await expireLot(s, lot, rules, now)
      expect(expired).toBe(oldest[1])
      model.balance -= oldest[1]
      model.lots.set(oldest[0], 0)
    } else if (op.kind === 'retry') {
      if (done.length === 0) continue
      await done[op.which % done.length]!()
    }
  }

  // Invariants
  const t = await pointsTotals(s, m.memberId)
  expect(t.balance).toBe(model.balance)
  expect(t.balance).toBeGreaterThanOrEqual(0)
  expect(t.debt).toBe(model.debt)
  expect(t.ledger).toBe(model.balance)
  expect(new Set(t.entries.map((e) => e.sourceRef)).size).toBe(t.entries.length)
  expect(t.lots).toBe(model.balance)
  const lots = (await s.accounts.open(m.memberId, 'points')).snapshot().lots
  for (const [month, left] of model.lots) expect(lots[month]?.remaining ?? 0).toBe(left)
}

describe('points invariants under random operation sequences (DynamoDB Local)', () => {
  it(`hold over ≥ ${TARGET_OPS} operations`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: MIN_OPS, maxLength: MAX_OPS }), { minLength: MEMBERS_PER_RUN, maxLength: MEMBERS_PER_RUN }),
        async (sequences) => {
          await Promise.all(sequences.map(runMember))
        },
      ),
      { numRuns: NUM_RUNS, endOnFailure: true },
    )
    console.log(`points property test: ${opsRun} operations over ${seq} members`)
    expect(opsRun).toBeGreaterThanOrEqual(TARGET_OPS)
  }, 900_000)
})
