/**
 * The catalogue after issue: templates, offers and points-mall items with their counts, and
 * the edits that stay safe — copy, the end of a window, a stock top-up, pausing — each
 * audited; the value and the rules members hold coupons under are not editable.
 */
import { randomUUID } from 'node:crypto'
import { AdminCouponTemplate, AdminOffer, AdminReward } from '@huiyuan/shared/coupons/admin'
import { call, eventually, newMember, type Res, signIn, uniqueName } from './client'

let admin: string
let marketer: string
let manager: string
let cashier: string

const iso = (ms: number) => new Date(Date.now() + ms).toISOString()
const DAY = 86_400_000
/** Claims and exchanges see an edit within the per-container cache time (1 s). */
const settle = () => new Promise((r) => setTimeout(r, 1_200))

async function newMarketer() {
  const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '运营', roles: ['marketer'] } })
  const t = await signIn(uniqueName('marketer'))
  return (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token as string
}

async function template(body: Record<string, unknown> = {}) {
  const t = await call('POST', '/v1/admin/coupon-templates', {
    token: marketer,
    body: {
      name: '编辑测试券',
      kind: 'cash_off',
      valueFen: 1_000,
      thresholdFen: 0,
      validity: { type: 'relative', days: 7 },
      totalStock: 3,
      perMemberLimit: 1,
      ...body,
    },
  })
  expect(t.status).toBe(201)
  return t.body.templateId as string
}

async function offer(templateId: string, body: Record<string, unknown> = {}) {
  const o = await call('POST', '/v1/admin/offers', {
    token: marketer,
    body: { templateId, title: '编辑测试', claimFrom: iso(-60_000), claimUntil: iso(DAY), ...body },
  })
  expect(o.status).toBe(201)
  return o.body.offerId as string
}

const claim = (offerId: string, token: string): Promise<Res> =>
  call('POST', `/v1/offers/${offerId}/claims`, { token, headers: { 'idempotency-key': randomUUID() } })
const patch = (path: string, body: unknown, token = marketer) => call('PATCH', path, { token, body })

beforeAll(async () => {
  ;[admin, manager, cashier] = await Promise.all([signIn('admin'), signIn('manager'), signIn('cashier')])
  marketer = await newMarketer()
})

describe('coupon templates', () => {
  it('show stock, issued and redeemed; a top-up adds stock atomically and brings a sold-out offer back', async () => {
    const templateId = await template({ totalStock: 1 })
    const offerId = await offer(templateId)
    const [a, b] = await Promise.all([newMember(), newMember()])
    expect((await claim(offerId, a.token)).status).toBe(201)
    const sold = await claim(offerId, b.token)
    expect(sold.body.error.code).toBe('OUT_OF_STOCK')
    await eventually(async () => {
      const t = AdminCouponTemplate.parse((await call('GET', `/v1/admin/coupon-templates/${templateId}`, { token: marketer })).body)
      expect(t).toMatchObject({ totalStock: 1, remainingStock: 0, issued: 1, redeemed: 0 })
      const o = AdminOffer.parse((await call('GET', `/v1/admin/offers/${offerId}`, { token: marketer })).body)
      expect(o).toMatchObject({ status: 'active', totalStock: 1, remainingStock: 0, claimed: 1 })
    })

    // Stock only ever grows: nothing lowers it below what was claimed.
    for (const addStock of [0, -1, 1.5]) {
      const r = await patch(`/v1/admin/coupon-templates/${templateId}`, { addStock })
      expect({ addStock, status: r.status }).toEqual({ addStock, status: 400 })
    }
    const topped = await patch(`/v1/admin/coupon-templates/${templateId}`, { addStock: 4 })
    expect(topped.status).toBe(200)
    expect(topped.body).toMatchObject({ totalStock: 5, remainingStock: 4, issued: 1 })
    await settle()
    expect((await claim(offerId, b.token)).status).toBe(201)
    const list = await call('GET', '/v1/admin/coupon-templates?limit=100', { token: marketer })
    expect(list.body.items.find((t: { templateId: string }) => t.templateId === templateId)).toMatchObject({
      totalStock: 5,
      remainingStock: 3,
    })
    const trail = await auditsFor(`template:${templateId}`)
    expect(trail.find((e) => e.action === 'couponTemplate.update')?.details).toEqual({
      before: { totalStock: 1 },
      after: { totalStock: 5 },
    })
  })

  it('refuses edits of the value, of unlimited stock and of a relative validity; moves a fixed end within its rules', async () => {
    const relative = await template({ totalStock: null })
    for (const body of [{ valueFen: 1 }, { kind: 'gift' }, { perMemberLimit: 5 }, {}]) {
      const r = await patch(`/v1/admin/coupon-templates/${relative}`, body)
      expect({ body, status: r.status }).toEqual({ body, status: 400 })
    }
    const unlimited = await patch(`/v1/admin/coupon-templates/${relative}`, { addStock: 5 })
    expect(unlimited.status).toBe(422)
    expect(unlimited.body.error.code).toBe('EDIT_NOT_ALLOWED')
    expect((await patch(`/v1/admin/coupon-templates/${relative}`, { validUntil: iso(DAY) })).body.error.code).toBe('EDIT_NOT_ALLOWED')

    const from = iso(DAY)
    const fixed = await template({ validity: { type: 'fixed', from, until: iso(10 * DAY) } })
    const past = await patch(`/v1/admin/coupon-templates/${fixed}`, { validUntil: iso(-DAY) })
    expect(past.body.error.code).toBe('EDIT_NOT_ALLOWED')
    const beforeStart = await patch(`/v1/admin/coupon-templates/${fixed}`, { validUntil: iso(DAY / 2) })
    expect(beforeStart.body.error.code).toBe('EDIT_NOT_ALLOWED')
    const until = iso(20 * DAY)
    const moved = await patch(`/v1/admin/coupon-templates/${fixed}`, { validUntil: until, name: '延期券' })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ name: '延期券', validity: { type: 'fixed', from, until }, kind: 'cash_off', valueFen: 1_000 })
    expect((await call('GET', '/v1/admin/coupon-templates/NOPE', { token: marketer })).status).toBe(404)
  })
})

describe('offers', () => {
  it('a paused offer cannot be claimed and leaves the offer centre; resumed, it can; its end moves within its rules', async () => {
    const templateId = await template({ totalStock: 10 })
    const offerId = await offer(templateId)
    const m = await newMember()
    const paused = await patch(`/v1/admin/offers/${offerId}`, { status: 'paused', title: '暂停中' })
    expect(paused.status).toBe(200)
    expect(AdminOffer.parse(paused.body)).toMatchObject({ status: 'paused', title: '暂停中', totalStock: 10, remainingStock: 10 })
    await settle()
    const refused = await claim(offerId, m.token)
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('OFFER_PAUSED')
    const centre = await call('GET', '/v1/offers?limit=100', { token: m.token })
    expect(centre.body.items.map((o: { offerId: string }) => o.offerId)).not.toContain(offerId)

    expect((await patch(`/v1/admin/offers/${offerId}`, { status: 'active' })).status).toBe(200)
    await settle()
    expect((await claim(offerId, m.token)).status).toBe(201)

    expect((await patch(`/v1/admin/offers/${offerId}`, { claimUntil: iso(-60_000) })).body.error.code).toBe('EDIT_NOT_ALLOWED')
    expect((await patch(`/v1/admin/offers/${offerId}`, { templateId: 'T-other' })).status).toBe(400)
    const longer = iso(3 * DAY)
    const moved = await patch(`/v1/admin/offers/${offerId}`, { claimUntil: longer })
    expect(moved.body.claimUntil).toBe(longer)
    const all = await call('GET', '/v1/admin/offers?limit=100', { token: marketer })
    expect(all.body.items.find((o: { offerId: string }) => o.offerId === offerId)).toMatchObject({ claimUntil: longer, status: 'active' })
    const trail = await auditsFor(`offer:${offerId}`)
    expect(trail.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { before: { title: '编辑测试', status: 'active' }, after: { title: '暂停中', status: 'paused' } },
        { before: { status: 'paused' }, after: { status: 'active' } },
      ]),
    )
  })
})

describe('points-mall items', () => {
  it('a paused item cannot be exchanged; a top-up adds stock; exchanges are counted', async () => {
    const created = await call('POST', '/v1/admin/rewards', {
      token: marketer,
      body: { name: '编辑礼', pointsCost: 10, kind: 'gift', stock: 1 },
    })
    const rewardId = created.body.rewardId as string
    const m = await newMember()
    await call('POST', `/v1/admin/members/${m.member.memberId}/adjustments`, {
      token: admin,
      body: { points: 100, reason: '兑换测试', idempotencyKey: randomUUID() },
    })
    const exchange = () =>
      call('POST', `/v1/rewards/${rewardId}/redemptions`, { token: m.token, headers: { 'idempotency-key': randomUUID() } })
    try {
      expect((await patch(`/v1/admin/rewards/${rewardId}`, { status: 'paused' })).body.status).toBe('paused')
      const refused = await exchange()
      expect(refused.status).toBe(422)
      expect(refused.body.error.code).toBe('REWARD_PAUSED')
      const mall = await call('GET', '/v1/rewards?limit=100', { token: m.token })
      expect(mall.body.items.map((r: { rewardId: string }) => r.rewardId)).not.toContain(rewardId)
      expect((await patch(`/v1/admin/rewards/${rewardId}`, { status: 'active' })).status).toBe(200)
      expect((await exchange()).status).toBe(201)
      expect((await exchange()).body.error.code).toBe('OUT_OF_STOCK')
      expect((await patch(`/v1/admin/rewards/${rewardId}`, { pointsCost: 1 })).status).toBe(400)
      const topped = await patch(`/v1/admin/rewards/${rewardId}`, { addStock: 2, description: '到店领取' })
      expect(AdminReward.parse(topped.body)).toMatchObject({ stock: 2, description: '到店领取', status: 'active' })
      expect((await exchange()).status).toBe(201)
      await eventually(async () => {
        const r = AdminReward.parse((await call('GET', `/v1/admin/rewards/${rewardId}`, { token: marketer })).body)
        expect(r).toMatchObject({ stock: 1, exchanged: 2, pointsSpent: 20 })
      })
      expect((await auditsFor(`reward:${rewardId}`)).map((e) => e.action)).toEqual([
        'reward.create',
        'reward.update',
        'reward.update',
        'reward.update',
      ])
    } finally {
      // Other suites list the points mall: leave the item exchangeable.
      await patch(`/v1/admin/rewards/${rewardId}`, { status: 'active' })
    }
  })
})

describe('access', () => {
  it('marketers and admins edit the catalogue; store managers and cashiers are refused', async () => {
    const templateId = await template()
    const offerId = await offer(templateId)
    for (const [path, body] of [
      [`/v1/admin/coupon-templates/${templateId}`, { name: 'x' }],
      [`/v1/admin/offers/${offerId}`, { title: 'x' }],
    ] as const) {
      for (const token of [manager, cashier]) {
        expect((await call('GET', path, { token })).status).toBe(403)
        expect((await patch(path, body, token)).status).toBe(403)
      }
      expect((await call('GET', path, { token: admin })).status).toBe(200)
      expect((await patch(path, body, admin)).status).toBe(200)
    }
  })
})

/** Today's audit events about a catalogue item, oldest first (every page of the day). */
async function auditsFor(subject: string) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  const out: Array<{ action: string; details: Record<string, unknown> }> = []
  let next: string | null = null
  do {
    const r: Res = await call('GET', `/v1/admin/audit?date=${today}&limit=100${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, {
      token: admin,
    })
    for (const e of r.body.items) if (e.subject === subject) out.push({ action: e.action, details: e.details })
    next = r.body.nextCursor
  } while (next)
  return out
}
