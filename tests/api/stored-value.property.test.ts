/**
 * Property-based, across processes: random sequences of top-ups (packages and amounts),
 * stored-value spends, checkouts paying partly from the card and partial or full refunds of
 * them, sent in pairs at once to the two API processes over one DynamoDB Local. Whatever
 * order the pairs land in: no request fails with a 5xx; each refusal is one of the honest
 * ones; the card's balance is what the accepted operations add up to; each account's balance
 * = Σ its ledger = Σ its lots, never negative; the card never holds more than the cap; every
 * top-up keeps its loaded ratio of principal to bonus (within a fen, two after a refund); the statement adds up
 * to the balance. PROPERTY_SV_OPS=N for more operations.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { buildServices } from '../../functions/src/platform/container'
import { makeDb } from '../../functions/src/platform/db'
import { APIS, call, newMember, type Res, signIn } from './client'

const TARGET_OPS = Number(process.env.PROPERTY_SV_OPS ?? 1_000)
const MEMBERS_PER_RUN = 6
const PAIRS = 6
const NUM_RUNS = Math.ceil(TARGET_OPS / (MEMBERS_PER_RUN * PAIRS * 2))
const CAP = 500_000

type Op =
  | { kind: 'topUp'; packageId: 'P500' | 'P1000' }
  | { kind: 'topUpAmount'; amountFen: number }
  | { kind: 'spend'; amountFen: number }
  | { kind: 'checkout'; amountFen: number; cardPct: number }
  | { kind: 'refund'; order: number; pct: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('topUp' as const), packageId: fc.constantFrom('P500' as const, 'P1000' as const) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('topUpAmount' as const), amountFen: fc.integer({ min: 1, max: 200_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('spend' as const), amountFen: fc.integer({ min: 1, max: 80_000 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('checkout' as const),
      amountFen: fc.integer({ min: 1, max: 120_000 }),
      cardPct: fc.integer({ min: 1, max: 100 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), order: fc.nat(20), pct: fc.integer({ min: 1, max: 100 }) }) },
)

/** What a refusal may honestly be; anything else (and any 5xx) fails the property. */
const HONEST = new Set(['BALANCE_CAP_EXCEEDED', 'INSUFFICIENT_BALANCE', 'REFUND_EXCEEDS_PURCHASE', 'ORDER_CONFLICT'])

const id = (p: string) => `${p}${randomUUID().replace(/-/g, '').slice(0, 16)}`
const s = buildServices(makeDb({ tableName: process.env.GATEWAY_TABLE!, endpoint: process.env.DYNAMODB_ENDPOINT! }))
let cashier: string
let opsRun = 0
beforeAll(async () => {
  cashier = await signIn('cashier')
})

async function runMember(ops: Op[]) {
  const apis = APIS()
  const m = await newMember()
  const codeOf = async () => (await call('GET', '/v1/me/code', { token: m.token })).body.code as string
  /** The card's balance as the accepted operations add it up. */
  let expected = 0
  const orders: Array<{ orderId: string; paidFen: number; refundedFen: number }> = []

  const send = async (op: Op, api: string) => {
    const memberCode = await codeOf()
    const post = (path: string, body: Record<string, unknown>) => call('POST', path, { token: cashier, api, body })
    switch (op.kind) {
      case 'topUp':
      case 'topUpAmount': {
        const r = await post('/v1/staff/stored-value/top-ups', {
          memberCode,
          storeId: 'S001',
          topUpId: id('PT'),
          paymentRef: 'PROP',
          ...(op.kind === 'topUp' ? { packageId: op.packageId } : { amountFen: op.amountFen }),
        })
        if (r.status === 201) expected += r.body.paidFen + r.body.bonusFen
        return r
      }
      case 'spend': {
        const r = await post('/v1/staff/stored-value/spends', { memberCode, storeId: 'S001', orderId: id('PS'), amountFen: op.amountFen })
        if (r.status === 201) expected -= op.amountFen
        return r
      }
      case 'checkout': {
        const orderId = id('PC')
        const storedValueFen = Math.floor((op.amountFen * op.cardPct) / 100)
        const r = await post('/v1/staff/checkouts', { memberCode, storeId: 'S001', orderId, amountFen: op.amountFen, storedValueFen })
        if (r.status === 201) {
          expected -= storedValueFen
          orders.push({ orderId, paidFen: op.amountFen, refundedFen: 0 })
        }
        return r
      }
      case 'refund': {
        const o = orders[op.order % Math.max(1, orders.length)]
        if (!o) return { status: 0, body: null }
        const amountFen = Math.max(1, Math.floor(((o.paidFen - o.refundedFen) * op.pct) / 100))
        const r = await post('/v1/staff/refunds', { storeId: 'S001', orderId: o.orderId, refundId: id('PR'), amountFen })
        if (r.status === 201) {
          expected += r.body.storedValueFen
          o.refundedFen += amountFen
        }
        return r
      }
    }
  }

  for (let i = 0; i + 1 < ops.length; i += 2) {
    // A pair at once, one to each API process.
    const pair = [ops[i]!, ops[i + 1]!]
    const results = await Promise.all([send(pair[0]!, apis[0]!), send(pair[1]!, apis[1 % apis.length]!)])
    results.forEach((r, k) => {
      const what = { op: pair[k], status: r.status, error: r.status >= 400 ? JSON.stringify(r.body?.error) : undefined }
      expect(what).toEqual({ ...what, status: r.status < 500 ? r.status : 'a 4xx at most' })
      if (r.status >= 400) expect(HONEST).toContain(r.body?.error?.code)
    })
    opsRun += 2
  }

  const [principal, bonus] = await Promise.all([
    s.accounts.open(m.member.memberId, 'storedValuePrincipal'),
    s.accounts.open(m.member.memberId, 'storedValueBonus'),
  ])
  expect(principal.balance + bonus.balance).toBe(expected)
  expect(principal.balance + bonus.balance).toBeLessThanOrEqual(CAP)
  for (const a of [principal, bonus]) {
    expect(a.balance).toBeGreaterThanOrEqual(0)
    const entries = await s.accounts.allEntries(m.member.memberId, a.snapshot().kind)
    expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(a.balance)
    expect(new Set(entries.map((e) => e.sourceRef)).size).toBe(entries.length)
    expect(Object.values(a.snapshot().lots).reduce((sum, l) => sum + l.remaining, 0)).toBe(a.balance)
  }
  // Every top-up keeps its loaded ratio of principal to bonus: within a fen after a spend; a
  // refund can only put back what its own spend took from the top-up, which may leave it one
  // fen further off until the next spend re-balances it.
  const pLots = principal.snapshot().lots
  const bLots = bonus.snapshot().lots
  for (const lotId of new Set([...Object.keys(pLots), ...Object.keys(bLots)])) {
    const p = pLots[lotId] ?? { remaining: 0, earned: 0 }
    const b = bLots[lotId] ?? { remaining: 0, earned: 0 }
    const left = p.remaining + b.remaining
    expect(Math.abs(b.remaining - (left * b.earned) / (p.earned + b.earned))).toBeLessThanOrEqual(2)
  }
  // The statement adds up to the balance.
  let sum = 0
  let cursor: string | null = null
  do {
    const page: Res = await call('GET', `/v1/me/stored-value?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      token: m.token,
    })
    for (const i of page.body.items as Array<{ deltaFen: number }>) sum += i.deltaFen
    cursor = page.body.nextCursor
  } while (cursor)
  expect(sum).toBe(expected)
}

describe('stored value under random operations from two API processes', () => {
  it(`keeps the card whole over ≥ ${TARGET_OPS} operations`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: PAIRS * 2, maxLength: PAIRS * 2 }), {
          minLength: MEMBERS_PER_RUN,
          maxLength: MEMBERS_PER_RUN,
        }),
        async (members) => {
          await Promise.all(members.map(runMember))
        },
      ),
      { numRuns: NUM_RUNS, endOnFailure: true },
    )
    console.log(`stored-value property test: ${opsRun} operations, in pairs across two API processes`)
    expect(opsRun).toBeGreaterThanOrEqual(TARGET_OPS)
  }, 600_000)
})
