/**
 * Property-based: random sequences of earn (purchase) / spend / refund / expire / retry
 * against the real services and DynamoDB Local, compared with a small reference model.
 * Invariants: balance = Σ ledger = Σ lots ≥ 0, debt ≥ 0, each source applied once,
 * lots match the model (FIFO). ≥ 10,000 operations by default; PROPERTY_OPS=N for more.
 */
import fc from 'fast-check'
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { freshTable } from '../testing/table'
import { joinInput, seededServices } from '../testing/fixtures'
import { issueMemberCode } from '../members/memberCode'
import { readConfig } from '../platform/config'
import { defaultProgramRules } from '../program/defaults'
import { expireLot } from './jobs/expiry'
import type { Db } from '../platform/db'

const TARGET_OPS = Number(process.env.PROPERTY_OPS ?? 10_000)
const MEMBERS_PER_RUN = 16
const MIN_OPS = 25
const MAX_OPS = 40
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

  const takeFifo = (points: number) => {
    let left = points
    for (const month of [...model.lots.keys()].sort()) {
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
      const run = () =>
        s.ledger.apply({
          memberId: m.memberId,
          delta: -op.points,
          type: 'redemption',
          sourceRef: ref,
          description: 'spend',
          now,
          timeZone: rules.timeZone,
          lotValidityMonths: 12,
        })
      if (model.balance >= op.points) {
        await run()
        model.balance -= op.points
        takeFifo(op.points)
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
      const run = () => s.purchases.refund(cashier, { storeId: 'S001', orderId: o.orderId, refundId, amountFen }, now)
      if (remaining <= 0) {
        await expect(run()).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PURCHASE' })
        continue
      }
      const r = await run()
      const refundedAfter = o.refunded + amountFen
      const reversal = o.earned - Math.floor((o.earned * (o.amountFen - refundedAfter)) / o.amountFen) - o.reversed
      const taken = Math.min(model.balance, reversal)
      expect(r).toMatchObject({ pointsReversed: reversal, totalRefundedFen: refundedAfter })
      model.balance -= taken
      model.debt += reversal - taken
      takeFifo(taken)
      o.refunded = refundedAfter
      o.reversed += reversal
      done.push(async () => expect((await run()).replayed).toBe(true))
    } else if (op.kind === 'expire') {
      const oldest = [...model.lots.entries()].filter(([month, left]) => left > 0 && month < monthOf(now)).sort()[0]
      if (!oldest) continue
      const expired = await expireLot(s.ledger, m.memberId, oldest[0], rules, now)
      expect(expired).toBe(oldest[1])
      model.balance -= oldest[1]
      model.lots.set(oldest[0], 0)
    } else if (op.kind === 'retry') {
      if (done.length === 0) continue
      await done[op.which % done.length]!()
    }
  }

  // Invariants
  const member = (await s.members.getMember(m.memberId)) as unknown as { pointsBalance: number; pointsDebt?: number }
  const entries = await queryAll(db, `MEMBER#${m.memberId}`, 'POINTS#')
  const lots = await s.ledger.readLots(m.memberId)
  expect(member.pointsBalance).toBe(model.balance)
  expect(member.pointsBalance).toBeGreaterThanOrEqual(0)
  expect(member.pointsDebt ?? 0).toBe(model.debt)
  expect(entries.reduce((sum, e) => sum + Number(e.delta), 0)).toBe(model.balance)
  expect(new Set(entries.map((e) => e.sourceRef)).size).toBe(entries.length)
  expect(lots.reduce((sum, l) => sum + l.remaining, 0)).toBe(model.balance)
  for (const l of lots) expect(l.remaining).toBe(model.lots.get(l.month) ?? 0)
}

async function queryAll(d: Db, pk: string, prefix: string) {
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const out = await d.client.send(
      new QueryCommand({
        TableName: d.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    )
    items.push(...(out.Items ?? []))
    ExclusiveStartKey = out.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
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
