/**
 * Races across processes. The test stack runs two API processes over one DynamoDB Local, as
 * on AWS many Lambda containers run at once: nothing in a process serialises these requests,
 * only DynamoDB's conditions protect the money. Every request here alternates between the
 * processes, and every answer must be a 2xx or a 4xx with a business code — never a 5xx.
 *
 * Taking out the account's version condition (accounts/repository.ts `accountItem`) makes
 * "points-mall exchanges on both processes" fail: all 8 exchanges succeed against points
 * for 3 (each overwrote the others' balance). Purchases stay exact even then, because they
 * also move the tier state, which has its own version condition.
 */
import { randomUUID } from 'node:crypto'
import { APIS, call, eventually, newMember, type Res, signIn } from './client'

const orderId = () => `X${randomUUID().replace(/-/g, '').slice(0, 16)}`
const apis = APIS()
/** The i-th request goes to process i mod n. */
const on = (i: number) => apis[i % apis.length]!
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const member = () => newMember({ birthday: '1990-06-15', name: '赛跑', mobile: '13700001111' })

let cashier: string
let admin: string
beforeAll(async () => {
  ;[cashier, admin] = await Promise.all([signIn('cashier'), signIn('admin')])
  expect(apis.length).toBeGreaterThanOrEqual(2)
})

const noServerErrors = (results: Res[]) => expect(results.filter((r) => r.status >= 500).map((r) => JSON.stringify(r.body))).toEqual([])
const codes = (results: Res[]) => results.map((r) => (r.status < 300 ? r.status : `${r.status} ${r.body?.error?.code}`))

/** The member's ledger, all pages: its sum must equal the balance. */
async function ledger(token: string) {
  const deltas: number[] = []
  let cursor: string | null = null
  let balance = 0
  let debt = 0
  do {
    const page: Res = await call('GET', `/v1/me/points?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token })
    deltas.push(...(page.body.items as Array<{ delta: number }>).map((e) => e.delta))
    balance = page.body.balance
    debt = page.body.pointsDebt
    cursor = page.body.nextCursor
  } while (cursor)
  return { balance, debt, sum: deltas.reduce((a, b) => a + b, 0), entries: deltas.length }
}

/** The points-mall item that costs least (with stock to spare). */
async function cheapestReward(token: string) {
  const rewards = (await call('GET', '/v1/rewards?limit=100', { token })).body.items as Array<{
    rewardId: string
    pointsCost: number
    stock: number
  }>
  return rewards.filter((r) => r.stock >= 10).sort((x, y) => x.pointsCost - y.pointsCost)[0]!
}

const grantPoints = (memberId: string, points: number) =>
  call('POST', `/v1/admin/members/${memberId}/adjustments`, {
    token: admin,
    body: { points, reason: '并发测试', idempotencyKey: randomUUID() },
  })

describe('races across two API processes', () => {
  it("one member's purchases on both processes: every one counted once, balance = Σ ledger", async () => {
    const m = await member()
    const code = await codeOf(m.token)
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        call('POST', '/v1/staff/purchases', {
          api: on(i),
          token: cashier,
          body: { memberCode: code, storeId: 'S001', orderId: orderId(), amountFen: 1_000 + 100 * i },
        }),
      ),
    )
    noServerErrors(results)
    expect(codes(results).every((c) => c === 201)).toBe(true)
    const awarded = results.reduce((s, r) => s + r.body.points.awarded, 0)
    const l = await ledger(m.token)
    expect(l).toMatchObject({ balance: awarded, sum: awarded, entries: 16 })
    const me = (await call('GET', '/v1/me', { token: m.token })).body
    expect(me.tierProgress.spendFen).toBe(16 * 1_000 + 100 * ((15 * 16) / 2))
  })

  it('one order sent to every process at once: recorded once, every answer the first result', async () => {
    const m = await member()
    const body = { memberCode: await codeOf(m.token), storeId: 'S001', orderId: orderId(), amountFen: 8_800 }
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call('POST', '/v1/staff/purchases', { api: on(i), token: cashier, body })),
    )
    noServerErrors(results)
    expect(codes(results).every((c) => c === 201)).toBe(true)
    expect(results.filter((r) => r.body.replayed === false)).toHaveLength(1)
    expect(new Set(results.map((r) => r.body.points.awarded)).size).toBe(1)
    expect((await ledger(m.token)).entries).toBe(1)
  })

  it('the same order id for two members at once: one is recorded, the other is 409 ORDER_CONFLICT', async () => {
    const [a, b] = await Promise.all([member(), member()])
    const id = orderId()
    const results = await Promise.all(
      [a, b, a, b].map(async (m, i) =>
        call('POST', '/v1/staff/purchases', {
          api: on(i),
          token: cashier,
          body: { memberCode: await codeOf(m.token), storeId: 'S001', orderId: id, amountFen: 5_000 },
        }),
      ),
    )
    noServerErrors(results)
    const winner = results.find((r) => r.status === 201)!.body.member.memberId as string
    for (const [i, r] of results.entries()) {
      const who = (i % 2 === 0 ? a : b).member.memberId
      if (who === winner) expect(r.status).toBe(201)
      else expect(`${r.status} ${r.body.error.code}`).toBe('409 ORDER_CONFLICT')
    }
    // The same order id with another amount, for the same member: a reused key, 422.
    const winnerToken = a.member.memberId === winner ? a.token : b.token
    const other = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await codeOf(winnerToken), storeId: 'S001', orderId: id, amountFen: 5_001 },
    })
    expect(`${other.status} ${other.body.error.code}`).toBe('422 IDEMPOTENCY_KEY_REUSED')
  })

  it('check-in taps on both processes: one award', async () => {
    const m = await member()
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => call('POST', '/v1/me/checkins', { api: on(i), token: m.token })))
    noServerErrors(results)
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.error.code === 'ALREADY_CHECKED_IN')).toBe(true)
    expect(await ledger(m.token)).toMatchObject({ balance: 5, sum: 5, entries: 1 })
  })

  it('points-mall exchanges on both processes never spend more than the member has', async () => {
    const m = await member()
    const reward = await cheapestReward(m.token)
    await grantPoints(m.member.memberId, reward.pointsCost * 3 + reward.pointsCost / 2)
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', `/v1/rewards/${reward.rewardId}/redemptions`, {
          api: on(i),
          token: m.token,
          headers: { 'idempotency-key': randomUUID() },
        }),
      ),
    )
    noServerErrors(results)
    expect(results.filter((r) => r.status === 201)).toHaveLength(3)
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.error.code === 'INSUFFICIENT_POINTS')).toBe(true)
    const l = await ledger(m.token)
    expect(l).toMatchObject({ balance: reward.pointsCost / 2, sum: reward.pointsCost / 2 })
  })

  it('a refund racing a points exchange on the same points: no 5xx, nothing lost, nothing negative', async () => {
    for (let round = 0; round < 4; round++) {
      const m = await member()
      const reward = await cheapestReward(m.token)
      const id = orderId()
      const bought = await call('POST', '/v1/staff/purchases', {
        token: cashier,
        body: { memberCode: await codeOf(m.token), storeId: 'S001', orderId: id, amountFen: reward.pointsCost * 100 },
      })
      const earned = bought.body.points.awarded as number
      expect(earned).toBeGreaterThanOrEqual(reward.pointsCost)
      const [refund, exchange] = await Promise.all([
        call('POST', '/v1/staff/refunds', {
          api: on(round),
          token: cashier,
          body: { storeId: 'S001', orderId: id, refundId: 'R1', amountFen: reward.pointsCost * 100 },
        }),
        call('POST', `/v1/rewards/${reward.rewardId}/redemptions`, {
          api: on(round + 1),
          token: m.token,
          headers: { 'idempotency-key': randomUUID() },
        }),
      ])
      noServerErrors([refund, exchange])
      expect(refund.status).toBe(201)
      const l = await ledger(m.token)
      expect(l.balance).toBeGreaterThanOrEqual(0)
      expect(l.sum).toBe(l.balance)
      // What the exchange spent was either still there for the refund to take back, or became debt.
      const spent = exchange.status === 201 ? reward.pointsCost : 0
      expect(l.balance - l.debt).toBe(earned - earned - spent)
    }
  })

  it('one coupon redeemed at several tills on both processes: exactly once', async () => {
    const m = await member()
    await eventually(async () => {
      const w = (await call('GET', '/v1/me/coupons?status=usable', { token: m.token })).body.items
      expect(w.length).toBeGreaterThan(0)
    })
    const coupon = (await call('GET', '/v1/me/coupons?status=usable', { token: m.token })).body.items[0] as {
      code: string
      thresholdFen: number
    }
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', '/v1/staff/redemptions', {
          api: on(i),
          token: cashier,
          body: { couponCode: coupon.code, storeId: 'S001', orderId: orderId(), orderAmountFen: coupon.thresholdFen + 1_000 },
        }),
      ),
    )
    noServerErrors(results)
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.error.code === 'COUPON_ALREADY_REDEEMED')).toBe(true)
  })

  it('refuses an Idempotency-Key that is too long or malformed (400), never dropping it', async () => {
    const m = await member()
    const offers = (await call('GET', '/v1/offers?limit=1', { token: m.token })).body.items as Array<{ offerId: string }>
    const url = `/v1/offers/${offers[0]?.offerId ?? 'none'}/claims`
    for (const key of ['x'.repeat(65), 'has space', 'a/b', '-leading-dash']) {
      const r = await call('POST', url, { token: m.token, headers: { 'idempotency-key': key } })
      expect(`${r.status} ${r.body.error.details.fields[0].field}`).toBe('400 headers.idempotency-key')
    }
  })
})
