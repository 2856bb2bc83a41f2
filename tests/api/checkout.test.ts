/**
 * One checkout at the till over HTTP: a quote, then one order that redeems two coupons,
 * deducts points, pays part from stored value and earns points on what was paid; its retry
 * and a different request under the same order id; refusals that change nothing; a partial
 * and then a full refund returning each part (stored value in its split, deducted points,
 * coupons only on the full refund); and two tills on two API processes using one coupon.
 */
import { randomUUID } from 'node:crypto'
import { CheckoutQuote, CheckoutResult, TillOrder } from '@huiyuan/shared/checkout/schemas'
import { formatCouponCode } from '@huiyuan/shared/coupons/code'
import { ClaimResult } from '@huiyuan/shared/coupons/schemas'
import { RefundResult } from '@huiyuan/shared/purchases/schemas'
import { MyStoredValue } from '@huiyuan/shared/storedValue/schemas'
import { APIS, call, eventually, newMember, signIn } from './client'

const orderNo = (p = 'CO') => `${p}${randomUUID().replace(/-/g, '').slice(0, 16)}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const iso = (ms: number) => new Date(Date.now() + ms).toISOString()

let admin: string
let cashier: string
beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
})

/** An offer of a coupon template, one per member: its id. */
async function offerOf(template: Record<string, unknown>): Promise<string> {
  const t = await call('POST', '/v1/admin/coupon-templates', {
    token: admin,
    body: { validity: { type: 'relative', days: 7 }, totalStock: null, perMemberLimit: 1, ...template },
  })
  expect(t.status).toBe(201)
  const o = await call('POST', '/v1/admin/offers', {
    token: admin,
    body: { templateId: t.body.templateId, title: String(template.name), claimFrom: iso(-60_000), claimUntil: iso(86_400_000) },
  })
  expect(o.status).toBe(201)
  return o.body.offerId as string
}

/** The two offers every shopper here claims from: 满100减20 and 9折. */
let offers: string[]
beforeAll(async () => {
  offers = [
    await offerOf({ name: '结账满100减20', kind: 'cash_off', valueFen: 2_000, thresholdFen: 10_000 }),
    await offerOf({ name: '结账九折券', kind: 'percent_off', percentPaid: 90, thresholdFen: 0 }),
  ]
})

const claim = async (memberToken: string, offerId: string): Promise<string> => {
  const claimed = await call('POST', `/v1/offers/${offerId}/claims`, {
    token: memberToken,
    headers: { 'idempotency-key': randomUUID() },
  })
  expect(claimed.status).toBe(201)
  return ClaimResult.parse(claimed.body).coupon.code
}

/** A member holding 2,000 points, ¥1,100 of stored value (充1000送100) and the two coupons. */
async function shopper() {
  const m = await newMember()
  await call('POST', `/v1/admin/members/${m.member.memberId}/adjustments`, {
    token: admin,
    body: { points: 2_000, reason: '测试积分', idempotencyKey: randomUUID() },
  })
  const top = await call('POST', '/v1/staff/stored-value/top-ups', {
    token: cashier,
    body: { memberCode: await codeOf(m.token), storeId: 'S001', topUpId: orderNo('TU'), packageId: 'P1000', paymentRef: 'WX-1' },
  })
  expect(top.status).toBe(201)
  return { ...m, coupons: [await claim(m.token, offers[0]!), await claim(m.token, offers[1]!)] }
}

const pointsOf = async (token: string) => (await call('GET', '/v1/me', { token })).body.points as number
const cardOf = async (token: string) => MyStoredValue.parse((await call('GET', '/v1/me/stored-value', { token })).body)
const usable = async (token: string) =>
  ((await call('GET', '/v1/me/coupons?status=usable', { token })).body.items as Array<{ code: string }>).map((c) => c.code)

const refund = (orderId: string, amountFen: number) =>
  call('POST', '/v1/staff/refunds', { token: cashier, body: { storeId: 'S001', orderId, refundId: orderNo('RF'), amountFen } })

describe('one checkout at the till', () => {
  it('quotes, then commits one order: coupons, points deduction, stored value, points earned on what was paid; refunds return each part', async () => {
    const m = await shopper()
    const order = {
      storeId: 'S001',
      amountFen: 30_000,
      couponCodes: m.coupons,
      pointsToDeduct: 1_000,
      storedValueFen: 20_000,
    }
    const q = await call('POST', '/v1/staff/checkouts/quote', { token: cashier, body: { ...order, memberCode: await codeOf(m.token) } })
    expect(q.status).toBe(200)
    const quote = CheckoutQuote.parse(q.body)
    // 满100减20 on ¥300 → ¥280; 9折 of ¥280 → ¥252; 1,000 points = ¥10 → ¥242, of which ¥200 from the card.
    expect(quote.plan).toEqual({
      amountFen: 30_000,
      coupons: [
        expect.objectContaining({ couponCode: m.coupons[0], discountFen: 2_000 }),
        expect.objectContaining({ couponCode: m.coupons[1], discountFen: 2_800 }),
      ],
      couponDiscountFen: 4_800,
      pointsDeducted: 1_000,
      pointsDeductionFen: 1_000,
      storedValueFen: 20_000,
      cashFen: 4_200,
      paidFen: 24_200,
    })
    // Theirs, with the welcome pack's beside them.
    expect(quote.coupons.filter((c) => m.coupons.includes(c.couponCode)).map((c) => c.usable)).toEqual([true, true])
    expect(quote.limits).toMatchObject({ pointsPerYuan: 100, maxPointsToDeduct: 2_000, storedValue: { balanceFen: 110_000 } })
    expect(quote.pointsToEarn).toBeGreaterThan(0)

    const orderId = orderNo()
    const body = { ...order, orderId, memberCode: await codeOf(m.token) }
    const r = await call('POST', '/v1/staff/checkouts', { token: cashier, body })
    expect(r.status).toBe(201)
    const done = CheckoutResult.parse(r.body)
    expect(done.plan).toEqual(quote.plan)
    expect(done.points.awarded).toBe(quote.pointsToEarn)
    // ¥200 from 充1000送100, in its loaded ratio 10:1.
    expect(done.storedValue).toEqual({ balanceFen: 90_000, principalFen: 81_818, bonusFen: 8_182 })
    expect(done.member.storedValueFen).toBe(90_000)
    expect(await pointsOf(m.token)).toBe(1_000 + done.points.awarded)
    expect(await usable(m.token)).not.toEqual(expect.arrayContaining([m.coupons[0]]))
    expect(await usable(m.token)).not.toEqual(expect.arrayContaining([m.coupons[1]]))

    const again = await call('POST', '/v1/staff/checkouts', { token: cashier, body })
    expect(again).toMatchObject({ status: 201, body: { replayed: true, plan: { paidFen: 24_200 } } })
    const other = await call('POST', '/v1/staff/checkouts', { token: cashier, body: { ...body, storedValueFen: 10_000 } })
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } })

    const view = await call('GET', `/v1/staff/orders/${orderId}?storeId=S001`, { token: cashier })
    expect(view.status).toBe(200)
    expect(TillOrder.parse(view.body)).toMatchObject({
      paidFen: 24_200,
      remainingFen: 24_200,
      couponDiscountFen: 4_800,
      pointsDeducted: 1_000,
      storedValueFen: 20_000,
      storedValueReturnedFen: 0,
    })
    expect(view.body.coupons.sort()).toEqual([...m.coupons].sort())

    // Half back: half the stored value to the card, half the deducted points, coupons kept.
    const half = await refund(orderId, 12_100)
    expect(half.status).toBe(201)
    expect(RefundResult.parse(half.body)).toMatchObject({
      storedValueFen: 10_000,
      cashFen: 2_100,
      pointsReturned: 500,
      couponsReturned: [],
    })
    expect((await cardOf(m.token)).balance.balanceFen).toBe(100_000)
    // The rest: every part back exactly, and the coupons come back to the wallet.
    const rest = await refund(orderId, 12_100)
    expect(RefundResult.parse(rest.body)).toMatchObject({ storedValueFen: 10_000, cashFen: 2_100, pointsReturned: 500 })
    expect(rest.body.couponsReturned.sort()).toEqual([...m.coupons].sort())
    const card = await cardOf(m.token)
    expect(card.balance).toEqual({ balanceFen: 110_000, principalFen: 100_000, bonusFen: 10_000 })
    expect(card.items.map((i) => i.kind)).toEqual(['refund', 'refund', 'spend', 'topUp'])
    expect(await pointsOf(m.token)).toBe(2_000)
    await eventually(async () => expect(await usable(m.token)).toEqual(expect.arrayContaining(m.coupons)))
    const over = await refund(orderId, 1)
    expect(over).toMatchObject({ status: 422, body: { error: { code: 'REFUND_EXCEEDS_PURCHASE' } } })
  })

  it('refuses, changing nothing: another member’s coupon, points past the cap, more stored value than is due or held', async () => {
    const m = await shopper()
    const stranger = await shopper()
    const base = { storeId: 'S001', amountFen: 10_000 }
    const tryIt = async (extra: Record<string, unknown>) =>
      call('POST', '/v1/staff/checkouts', {
        token: cashier,
        body: { ...base, orderId: orderNo(), memberCode: await codeOf(m.token), ...extra },
      })
    expect(await tryIt({ couponCodes: [stranger.coupons[0]] })).toMatchObject({
      status: 404,
      body: { error: { code: 'COUPON_NOT_FOUND' } },
    })
    // Cap 50 %: ¥100 lets points pay ¥50 (5,000 points) at most; the member has 2,000.
    expect(await tryIt({ pointsToDeduct: 3_000 })).toMatchObject({ status: 409, body: { error: { code: 'INSUFFICIENT_POINTS' } } })
    expect(await tryIt({ amountFen: 2_000, pointsToDeduct: 1_100 })).toMatchObject({
      status: 422,
      body: { error: { code: 'POINTS_DEDUCTION_CAP_EXCEEDED', details: { maxPoints: 1_000 } } },
    })
    expect(await tryIt({ storedValueFen: 10_001 })).toMatchObject({ status: 422, body: { error: { code: 'STORED_VALUE_EXCEEDS_DUE' } } })
    expect(await tryIt({ amountFen: 200_000, storedValueFen: 110_001 })).toMatchObject({
      status: 409,
      body: { error: { code: 'INSUFFICIENT_BALANCE' } },
    })
    expect(await tryIt({ pointsToDeduct: 150 })).toMatchObject({ status: 201 })
    expect(await tryIt({ couponCodes: [m.coupons[0], m.coupons[0]] })).toMatchObject({ status: 400 })
    // The same coupon written another way is still the same coupon.
    expect(await tryIt({ couponCodes: [m.coupons[0], formatCouponCode(m.coupons[0]!)] })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    })
    expect((await cardOf(m.token)).balance.balanceFen).toBe(110_000)
    expect(await usable(m.token)).toEqual(expect.arrayContaining(m.coupons))
    expect(await pointsOf(m.token)).toBeGreaterThanOrEqual(2_000 - 150)
  })

  it('two tills on two API processes use one coupon on two orders at once: one order is paid, the other refused', async () => {
    const apis = APIS()
    expect(apis.length).toBeGreaterThanOrEqual(2)
    const m = await shopper()
    const code = await codeOf(m.token)
    const results = await Promise.all(
      apis.slice(0, 2).map((api) =>
        call('POST', '/v1/staff/checkouts', {
          token: cashier,
          api,
          body: {
            memberCode: code,
            storeId: 'S001',
            orderId: orderNo('RACE'),
            amountFen: 20_000,
            couponCodes: [m.coupons[0]],
            storedValueFen: 10_000,
          },
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe('COUPON_ALREADY_REDEEMED')
    // Only the paid order took stored value: ¥1,100 − ¥100.
    expect((await cardOf(m.token)).balance.balanceFen).toBe(100_000)
  })
})
