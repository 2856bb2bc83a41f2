import { freshTable } from '../testing/table'
import {
  cashOffTemplate,
  earnPoints,
  eventually,
  joinInput,
  memberCodeAt,
  pointsBalance,
  seededServices,
  startConsumers,
} from '../testing/fixtures'
import type { Db } from '../platform/db'

/** Rounds of the redemption race; REDEMPTION_ROUNDS=N for longer runs. */
const ROUNDS = Number(process.env.REDEMPTION_ROUNDS ?? 300)

let db: Db
let s: Awaited<ReturnType<typeof seededServices>>
const admin = { openid: 'admin', memberId: null, roles: ['admin' as const], storeIds: [] }
const now = new Date()
let n = 0
const member = async () => (await s.membersService.join(`coupon-${n++}-${Date.now()}`, joinInput(), now)).memberId
const runPool = async (count: number, concurrency: number, task: (i: number) => Promise<void>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++)
    }),
  )
}

let consumers: ReturnType<typeof startConsumers>
let keyNo = 0
const key = () => `tap-${keyNo++}`
beforeAll(async () => {
  db = await freshTable('coupons', { stream: true })
  s = await seededServices(db)
  for (const id of ['S002', 'S003']) await s.program.putStore({ storeId: id, name: id, city: '', address: '', active: true }, now)
  consumers = startConsumers(db, s)
})
afterAll(() => consumers.stop())

const iso = (ms: number) => new Date(now.getTime() + ms).toISOString()
const flashOffer = async (stock: number | null, perMemberLimit = 1, extra: Record<string, unknown> = {}) => {
  const t = await s.coupons.createTemplate(
    {
      name: '闪购券',
      kind: 'cash_off',
      valueFen: 2_000,
      thresholdFen: 10_000,
      validity: { type: 'relative', days: 7 },
      totalStock: stock,
      perMemberLimit,
      ...extra,
    },
    now,
  )
  const o = await s.coupons.createOffer(
    { templateId: t.templateId, title: '抢券', claimFrom: iso(-60_000), claimUntil: iso(3_600_000) },
    now,
  )
  return { t, o }
}

describe('flash claims (DynamoDB Local)', () => {
  it('never oversells: 200 members race for 50 coupons', async () => {
    const { t, o } = await flashOffer(50)
    const members = await Promise.all(Array.from({ length: 200 }, member))
    const results = await Promise.allSettled(members.map((m) => s.coupons.claim(m, o.offerId, key(), now)))
    const ok = results.filter((r) => r.status === 'fulfilled')
    expect(ok).toHaveLength(50)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'OUT_OF_STOCK' })
    const listed = await s.coupons.listTemplates({ limit: 100 })
    expect(listed.items.find((x) => x.templateId === t.templateId)).toBeDefined()
    const codes = new Set(ok.map((r) => (r as PromiseFulfilledResult<{ coupon: { code: string } }>).value.coupon.code))
    expect(codes.size).toBe(50)
  })

  it('never gives one member more than the limit, and a retried claim returns the same coupon', async () => {
    const { o } = await flashOffer(1000, 2)
    const m = await member()
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => s.coupons.claim(m, o.offerId, key(), now)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'LIMIT_REACHED' })
    const m2 = await member()
    const copies = await Promise.all(Array.from({ length: 5 }, () => s.coupons.claim(m2, o.offerId, 'same-key-123', now)))
    expect(new Set(copies.map((c) => c.coupon.code)).size).toBe(1)
    expect(copies.filter((c) => !c.replayed)).toHaveLength(1)
    expect((await s.coupons.wallet(m2, 'usable', now)).items).toHaveLength(1)
    // The same key for another offer: refused, nothing issued.
    const { o: other } = await flashOffer(10)
    await expect(s.coupons.claim(m2, other.offerId, 'same-key-123', now)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
    expect((await s.coupons.wallet(m2, 'usable', now)).items).toHaveLength(1)
  })
})

describe('redemption at the till (DynamoDB Local)', () => {
  it(`redeems exactly once when 2–8 tills race, over ${ROUNDS} rounds`, async () => {
    const t = await s.coupons.createTemplate(
      { name: '无门槛券', kind: 'cash_off', valueFen: 500, validity: { type: 'relative', days: 7 }, totalStock: null, perMemberLimit: 100 },
      now,
    )
    const m = await member()
    let successes = 0
    await runPool(ROUNDS, 8, async (round) => {
      const c = (await s.coupons.grant(m, t.templateId, 'staff', `race-${round}`, now))?.coupon
      const tills = 2 + (round % 7)
      const results = await Promise.allSettled(
        Array.from({ length: tills }, (_, i) =>
          s.coupons.redeem(
            admin,
            { couponCode: c!.code, storeId: ['S001', 'S002', 'S003'][i % 3]!, orderId: `R${round}-${i}`, orderAmountFen: 5_000 },
            now,
          ),
        ),
      )
      const ok = results.filter((r) => r.status === 'fulfilled')
      expect(ok).toHaveLength(1)
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'COUPON_ALREADY_REDEEMED' })
      successes += ok.length
    })
    expect(successes).toBe(ROUNDS)
  }, 600_000)

  it('checks store, threshold and validity, catches typos, and answers a retry with the first result', async () => {
    const t = await s.coupons.createTemplate(
      {
        name: '门店券',
        kind: 'cash_off',
        valueFen: 2_000,
        thresholdFen: 10_000,
        validity: { type: 'relative', days: 1 },
        storeIds: ['S001'],
        totalStock: null,
        perMemberLimit: 5,
      },
      now,
    )
    const m = await member()
    const c = (await s.coupons.grant(m, t.templateId, 'staff', 'k1', now))!.coupon
    const req = { couponCode: c.code, storeId: 'S001', orderId: 'ORD-1', orderAmountFen: 12_000 }
    await expect(s.coupons.redeem(admin, { ...req, storeId: 'S002' }, now)).rejects.toMatchObject({ code: 'COUPON_NOT_VALID_AT_STORE' })
    await expect(s.coupons.redeem(admin, { ...req, orderAmountFen: 9_999 }, now)).rejects.toMatchObject({ code: 'THRESHOLD_NOT_MET' })
    await expect(s.coupons.redeem(admin, req, new Date(now.getTime() + 2 * 86_400_000))).rejects.toMatchObject({ code: 'COUPON_EXPIRED' })
    const typo = c.code.slice(0, 5) + (c.code[5] === 'A' ? 'B' : 'A') + c.code.slice(6)
    await expect(s.coupons.redeem(admin, { ...req, couponCode: typo }, now)).rejects.toMatchObject({ code: 'COUPON_INVALID' })
    const first = await s.coupons.redeem(admin, req, now)
    expect(first).toMatchObject({ discountFen: 2_000, replayed: false })
    expect(await s.coupons.redeem(admin, req, now)).toMatchObject({ replayed: true, discountFen: 2_000 })
    await expect(s.coupons.redeem(admin, { ...req, orderId: 'ORD-2' }, now)).rejects.toMatchObject({ code: 'COUPON_ALREADY_REDEEMED' })
    await expect(s.coupons.redeem({ ...admin, roles: ['cashier'], storeIds: ['S002'] }, req, now)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
  })

  it('puts a coupon back only when the whole order it was used on is refunded (through the PurchaseRefunded consumer)', async () => {
    const m = await member()
    const card = await s.members.getMember(m)
    const t = await cashOffTemplate(s, now, { valueFen: 2_000, thresholdFen: 10_000 })
    const c = (await s.coupons.grant(m, t.templateId, 'staff', 'refund-1', now))!.coupon
    const code = memberCodeAt(card!.cardNo, now)
    await s.purchases.record(admin, { memberCode: code, storeId: 'S001', orderId: 'RF-1', amountFen: 12_000 }, now)
    await s.coupons.redeem(admin, { couponCode: c.code, storeId: 'S001', orderId: 'RF-1', orderAmountFen: 12_000 }, now)
    expect((await s.coupons.wallet(m, 'used', now)).items.map((x) => x.code)).toContain(c.code)
    // A partial refund — even one that leaves the order under the threshold — never returns it.
    const partial = await s.checkout.refund(admin, { storeId: 'S001', orderId: 'RF-1', refundId: 'X1', amountFen: 5_000 }, now)
    expect(partial).toMatchObject({ couponsReturned: [], couponsKept: [c.code] })
    await new Promise((r) => setTimeout(r, 500))
    expect((await s.coupons.wallet(m, 'used', now)).items.map((x) => x.code)).toContain(c.code)
    // The rest of the order: now it comes back, once.
    const whole = await s.checkout.refund(admin, { storeId: 'S001', orderId: 'RF-1', refundId: 'X2', amountFen: 7_000 }, now)
    expect(whole).toMatchObject({ couponsReturned: [c.code], couponsKept: [] })
    await eventually(async () => {
      const usable = await s.coupons.wallet(m, 'usable', now)
      expect(usable.items.find((x) => x.code === c.code)).toMatchObject({ status: 'issued', usable: true })
    })
    expect(await s.coupons.returnRedeemedOn('S001', 'RF-1', now)).toBe(0)
  })
})

describe('points mall (DynamoDB Local)', () => {
  it('spends points and issues the coupon atomically; sold out takes no points', async () => {
    const t = await s.coupons.createTemplate(
      { name: '兑换券', kind: 'cash_off', valueFen: 1_000, validity: { type: 'relative', days: 7 }, totalStock: null, perMemberLimit: 9 },
      now,
    )
    const reward = await s.rewards.createReward(
      { name: '10元券', pointsCost: 500, kind: 'coupon', templateId: t.templateId, stock: 1 },
      now,
    )
    const m = await member()
    await earnPoints(s, m, 1_200, 'seed', now)
    const results = await Promise.allSettled([0, 1, 2].map((i) => s.rewards.exchange(m, reward.rewardId, `rr-${i}-key`, now)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'OUT_OF_STOCK' })
    expect(await pointsBalance(s, m)).toBe(700)
    expect((await s.coupons.wallet(m, 'usable', now)).items.filter((c) => c.source === 'reward')).toHaveLength(1)
    const big = await s.rewards.createReward({ name: '大礼', pointsCost: 5_000, kind: 'gift', stock: 10 }, now)
    await expect(s.rewards.exchange(m, big.rewardId, 'big-key-1', now)).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    expect(await pointsBalance(s, m)).toBe(700)
  })
})
