import { randomUUID } from 'node:crypto'
import { ClaimResult, MemberOffers, Wallet, RedemptionResult, TemplateList } from '@huiyuan/shared/coupons/schemas'
import { call, eventually, newMember, signIn } from './client'

let admin: string
let cashier: string
beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
})

const iso = (ms: number) => new Date(Date.now() + ms).toISOString()
async function offer(stock: number | null, opts: Record<string, unknown> = {}) {
  const t = await call('POST', '/v1/admin/coupon-templates', {
    token: admin,
    body: {
      name: '测试满减券',
      kind: 'cash_off',
      valueFen: 2_000,
      thresholdFen: 10_000,
      validity: { type: 'relative', days: 7 },
      totalStock: stock,
      perMemberLimit: 1,
      ...opts,
    },
  })
  expect(t.status).toBe(201)
  const o = await call('POST', '/v1/admin/offers', {
    token: admin,
    body: { templateId: t.body.templateId, title: '满100减20', claimFrom: iso(-60_000), claimUntil: iso(86_400_000) },
  })
  expect(o.status).toBe(201)
  return { templateId: t.body.templateId as string, offerId: o.body.offerId as string }
}

describe('coupons over HTTP', () => {
  it('claims from the offer centre, shows the coupon, redeems it at the till, and files it under used', async () => {
    const { offerId } = await offer(10)
    const m = await newMember()
    const list = MemberOffers.parse((await call('GET', '/v1/offers', { token: m.token })).body)
    expect(list.items.find((o) => o.offerId === offerId)).toMatchObject({
      availability: 'available',
      summary: '满100减20',
      remainingStock: 10,
    })

    const key = randomUUID()
    const claimed = await call('POST', `/v1/offers/${offerId}/claims`, { token: m.token, headers: { 'idempotency-key': key } })
    expect(claimed.status).toBe(201)
    const { coupon } = ClaimResult.parse(claimed.body)
    const retry = await call('POST', `/v1/offers/${offerId}/claims`, { token: m.token, headers: { 'idempotency-key': key } })
    expect(retry.body).toMatchObject({ replayed: true, coupon: { code: coupon.code } })
    const unkeyed = await call('POST', `/v1/offers/${offerId}/claims`, { token: m.token })
    expect(unkeyed.status).toBe(400)
    expect(unkeyed.body.error.details.fields[0].field).toBe('headers.idempotency-key')
    const again = await call('POST', `/v1/offers/${offerId}/claims`, { token: m.token, headers: { 'idempotency-key': randomUUID() } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('LIMIT_REACHED')
    const after = MemberOffers.parse((await call('GET', '/v1/offers', { token: m.token })).body)
    expect(after.items.find((o) => o.offerId === offerId)?.availability).toBe('limit_reached')

    const wallet = Wallet.parse((await call('GET', '/v1/me/coupons?status=usable', { token: m.token })).body)
    expect(wallet.items.map((c) => c.code)).toContain(coupon.code)
    expect((await call('GET', `/v1/me/coupons/${coupon.code}`, { token: m.token })).body).toMatchObject({ code: coupon.code, usable: true })
    const other = await newMember()
    expect((await call('GET', `/v1/me/coupons/${coupon.code}`, { token: other.token })).status).toBe(404)

    const low = await call('POST', '/v1/staff/redemptions', {
      token: cashier,
      body: { couponCode: coupon.code, storeId: 'S001', orderId: 'C-1', orderAmountFen: 9_000 },
    })
    expect(low.body.error.code).toBe('THRESHOLD_NOT_MET')
    const redeemed = await call('POST', '/v1/staff/redemptions', {
      token: cashier,
      body: { couponCode: coupon.code, storeId: 'S001', orderId: 'C-1', orderAmountFen: 12_000 },
    })
    expect(redeemed.status).toBe(201)
    expect(RedemptionResult.parse(redeemed.body)).toMatchObject({ discountFen: 2_000, replayed: false })
    const twice = await call('POST', '/v1/staff/redemptions', {
      token: cashier,
      body: { couponCode: coupon.code, storeId: 'S001', orderId: 'C-2', orderAmountFen: 12_000 },
    })
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('COUPON_ALREADY_REDEEMED')
    expect(
      (
        await call('POST', '/v1/staff/redemptions', {
          token: m.token,
          body: { couponCode: coupon.code, storeId: 'S001', orderId: 'C-3', orderAmountFen: 12_000 },
        })
      ).status,
    ).toBe(403)

    const used = Wallet.parse((await call('GET', '/v1/me/coupons?status=used', { token: m.token })).body)
    expect(used.items.find((c) => c.code === coupon.code)).toMatchObject({ status: 'redeemed', redeemedStoreId: 'S001' })
  })

  it('sells out exactly and says so', async () => {
    const { offerId, templateId } = await offer(3)
    const members = await Promise.all(Array.from({ length: 8 }, () => newMember()))
    const results = await Promise.all(
      members.map((m) => call('POST', `/v1/offers/${offerId}/claims`, { token: m.token, headers: { 'idempotency-key': randomUUID() } })),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(3)
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'OUT_OF_STOCK')).toBe(true)
    const templates = TemplateList.parse((await call('GET', '/v1/admin/coupon-templates', { token: admin })).body)
    expect(templates.items.find((t) => t.templateId === templateId)?.remainingStock).toBe(0)
  })

  it('gives new members the welcome pack (the MemberJoined consumer), and the welcome notice, once', async () => {
    const m = await newMember()
    await eventually(async () => {
      const wallet = Wallet.parse((await call('GET', '/v1/me/coupons', { token: m.token })).body)
      expect(wallet.items.filter((c) => c.source === 'welcome')).toHaveLength(1)
      const inbox = (await call('GET', '/v1/me/inbox', { token: m.token })).body.items as Array<{ kind: string }>
      expect(inbox.filter((n) => n.kind === 'welcome')).toHaveLength(1)
    })
  })

  it('refuses bad template input and non-marketers', async () => {
    const bad = await call('POST', '/v1/admin/coupon-templates', {
      token: admin,
      body: { name: 'x', kind: 'cash_off', validity: { type: 'relative', days: 0 }, totalStock: null },
    })
    expect(bad.status).toBe(400)
    const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field)
    expect(fields).toEqual(expect.arrayContaining(['body.validity.days', 'body.valueFen']))
    expect((await call('GET', '/v1/admin/coupon-templates', { token: cashier })).status).toBe(403)
  })

  it('exchanges points in the points mall', async () => {
    const m = await newMember()
    const rewards = (await call('GET', '/v1/rewards', { token: m.token })).body.items as Array<{ rewardId: string; pointsCost: number }>
    expect(rewards.length).toBeGreaterThan(0)
    const r = rewards[0]!
    const unkeyed = await call('POST', `/v1/rewards/${r.rewardId}/redemptions`, { token: m.token })
    expect(unkeyed.status).toBe(400)
    const poor = await call('POST', `/v1/rewards/${r.rewardId}/redemptions`, {
      token: m.token,
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(poor.status).toBe(409)
    expect(poor.body.error.code).toBe('INSUFFICIENT_POINTS')
    await call('POST', `/v1/admin/members/${m.member.memberId}/adjustments`, {
      token: admin,
      body: { points: r.pointsCost, reason: '测试积分', idempotencyKey: randomUUID() },
    })
    const key = randomUUID()
    const ok = await call('POST', `/v1/rewards/${r.rewardId}/redemptions`, { token: m.token, headers: { 'idempotency-key': key } })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ pointsSpent: r.pointsCost, pointsBalance: 0, replayed: false })
    // A retry after the points are gone still gets the first result; the key for another reward is refused.
    const retry = await call('POST', `/v1/rewards/${r.rewardId}/redemptions`, { token: m.token, headers: { 'idempotency-key': key } })
    expect(retry.body).toMatchObject({ pointsSpent: r.pointsCost, replayed: true })
    const other = rewards.find((x) => x.rewardId !== r.rewardId)
    if (other) {
      const reused = await call('POST', `/v1/rewards/${other.rewardId}/redemptions`, {
        token: m.token,
        headers: { 'idempotency-key': key },
      })
      expect(reused.status).toBe(422)
      expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    }
    expect((await call('GET', '/v1/me', { token: m.token })).body.points).toBe(0)
  })
})
