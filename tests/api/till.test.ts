import { randomUUID } from 'node:crypto'
import { PurchaseResult, RefundResult, MemberSummary, TillTransactions } from '@huiyuan/shared/purchases/schemas'
import { PointsHistory } from '@huiyuan/shared/points/schemas'
import { issueMemberCode } from '../../functions/src/members/memberCode'
import { readConfig } from '../../functions/src/platform/config'
import { call, eventually, newMember, signedCall, signIn } from './client'

const orderId = () => `T${randomUUID().replace(/-/g, '').slice(0, 16)}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
/** Birthday outside the current month, so the birthday promotion does not apply by chance. */
const offMonthBirthday = () => {
  const m = ((new Date().getUTCMonth() + 6) % 12) + 1
  return `1990-${String(m).padStart(2, '0')}-15`
}
const member = () => newMember({ birthday: offMonthBirthday(), name: '王小明', mobile: '13912345678' })
const expectedPoints = (p: { basePoints: number; multipliers: Array<{ multiplierBp: number }> }, amountFen: number) =>
  Math.floor((amountFen * p.multipliers.reduce((f, m) => f * m.multiplierBp, 1)) / 10000 ** p.multipliers.length / 100)

let cashier: string
let manager: string
let admin: string
beforeAll(async () => {
  ;[cashier, manager, admin] = await Promise.all([signIn('cashier'), signIn('manager'), signIn('admin')])
})

const purchase = (token: string, body: Record<string, unknown>) => call('POST', '/v1/staff/purchases', { token, body })

describe('the till', () => {
  it('looks a member up by dynamic code and shows only what the till needs', async () => {
    const m = await member()
    const r = await call('POST', '/v1/staff/lookup', { token: cashier, body: { memberCode: await codeOf(m.token), storeId: 'S001' } })
    expect(r.status).toBe(200)
    const s = MemberSummary.parse(r.body)
    expect(s).toMatchObject({ name: '王*明', mobile: '139****5678', tier: { name: '普卡' } })
    expect(JSON.stringify(r.body)).not.toContain('13912345678')
    expect(r.body).not.toHaveProperty('birthday')
    const card = (await call('GET', '/v1/me', { token: m.token })).body
    expect(s.cardNo).toBe(`******${card.cardNo.slice(-4)}`)
    expect(JSON.stringify(r.body)).not.toContain(card.cardNo)
  })

  it('records a purchase: points explained, balance updated, retry returns the first result', async () => {
    const m = await member()
    const id = orderId()
    const body = {
      memberCode: await codeOf(m.token),
      storeId: 'S001',
      orderId: id,
      amountFen: 12_345,
      items: [{ sku: 'A1', name: '衬衫', category: 'apparel', unitPriceFen: 12_345, qty: 1 }],
    }
    const r = await purchase(cashier, body)
    expect(r.status).toBe(201)
    const p = PurchaseResult.parse(r.body)
    expect(p.points.basePoints).toBe(123)
    expect(p.points.totalPoints).toBe(expectedPoints(p.points, 12_345))
    expect(p.member.points).toBe(p.points.awarded)
    const again = await purchase(cashier, body)
    expect(again.status).toBe(201)
    expect(again.body).toMatchObject({ replayed: true, points: p.points })
    expect((await call('GET', '/v1/me', { token: m.token })).body.points).toBe(p.points.awarded)
    const history = PointsHistory.parse((await call('GET', '/v1/me/points', { token: m.token })).body)
    expect(history.items).toHaveLength(1)
    expect(history.items[0]).toMatchObject({ type: 'purchase', delta: p.points.awarded, balanceAfter: p.points.awarded })
  })

  it('keeps points exact under 50 concurrent purchases, and applies one order sent 10× once', async () => {
    const m = await member()
    const code = await codeOf(m.token)
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        purchase(cashier, { memberCode: code, storeId: 'S001', orderId: orderId(), amountFen: 1_000 + i }),
      ),
    )
    expect(results.filter((r) => r.status !== 201).map((r) => JSON.stringify(r.body).slice(0, 200))).toEqual([])
    const same = { memberCode: code, storeId: 'S001', orderId: orderId(), amountFen: 5_000 }
    const copies = await Promise.all(Array.from({ length: 10 }, () => purchase(cashier, same)))
    expect(copies.every((r) => r.status === 201)).toBe(true)
    expect(copies.filter((r) => r.body.replayed === false)).toHaveLength(1)
    const total = results.reduce((s, r) => s + r.body.points.awarded, 0) + copies[0]!.body.points.awarded
    const me = (await call('GET', '/v1/me', { token: m.token })).body
    expect(me.points).toBe(total)
    const spend = 50 * 1_000 + (49 * 50) / 2 + 5_000
    expect(me.tierProgress.spendFen).toBe(spend)
  })

  it('upgrades the tier at once when a purchase crosses the threshold, with an inbox notice', async () => {
    const m = await member()
    const r = await purchase(cashier, { memberCode: await codeOf(m.token), storeId: 'S001', orderId: orderId(), amountFen: 300_000 })
    expect(r.body.tier).toMatchObject({ before: { name: '普卡' }, after: { name: '银卡' }, upgraded: true })
    expect(r.body.tierProgress).toMatchObject({ next: { name: '金卡' }, remainingFen: 700_000 })
    await eventually(async () => {
      const inbox = await call('GET', '/v1/me/inbox', { token: m.token })
      expect(inbox.body.items[0]).toMatchObject({ kind: 'tier_upgrade', title: '恭喜升级为银卡' })
    })
  })

  it('refunds partly and fully, reversing points in proportion, and refuses more than was paid', async () => {
    const m = await member()
    const id = orderId()
    const p = (await purchase(cashier, { memberCode: await codeOf(m.token), storeId: 'S001', orderId: id, amountFen: 20_000 })).body
    const earned = p.points.totalPoints
    const half = await call('POST', '/v1/staff/refunds', {
      token: cashier,
      body: { storeId: 'S001', orderId: id, refundId: 'R1', amountFen: 10_000 },
    })
    expect(half.status).toBe(201)
    const r1 = RefundResult.parse(half.body)
    expect(r1.pointsReversed).toBe(earned - Math.floor(earned / 2))
    const retry = await call('POST', '/v1/staff/refunds', {
      token: cashier,
      body: { storeId: 'S001', orderId: id, refundId: 'R1', amountFen: 10_000 },
    })
    expect(retry.body).toMatchObject({ replayed: true, pointsReversed: r1.pointsReversed })
    const tooMuch = await call('POST', '/v1/staff/refunds', {
      token: cashier,
      body: { storeId: 'S001', orderId: id, refundId: 'R2', amountFen: 10_001 },
    })
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body.error.code).toBe('REFUND_EXCEEDS_PURCHASE')
    const rest = await call('POST', '/v1/staff/refunds', {
      token: cashier,
      body: { storeId: 'S001', orderId: id, refundId: 'R3', amountFen: 10_000 },
    })
    expect(rest.body).toMatchObject({ totalRefundedFen: 20_000, pointsBalance: 0 })
    const me = (await call('GET', '/v1/me', { token: m.token })).body
    expect(me).toMatchObject({ points: 0 })
    expect(me.tierProgress.spendFen).toBe(0)
    const missing = await call('POST', '/v1/staff/refunds', {
      token: cashier,
      body: { storeId: 'S001', orderId: 'NOPE', refundId: 'R1', amountFen: 1 },
    })
    expect(missing.status).toBe(404)
  })

  it('records points already spent as a debt that the next purchase repays first', async () => {
    const m = await member()
    const id = orderId()
    const p = (await purchase(cashier, { memberCode: await codeOf(m.token), storeId: 'S001', orderId: id, amountFen: 10_000 })).body
    const earned = p.points.awarded
    // The member spends most of them (an admin adjustment stands in for the points mall here).
    const spend = earned - 10
    const adj = await call('POST', `/v1/admin/members/${m.member.memberId}/adjustments`, {
      token: admin,
      body: { points: -spend, reason: '积分兑换礼品', idempotencyKey: randomUUID() },
    })
    expect(adj.status).toBe(201)
    const r = (
      await call('POST', '/v1/staff/refunds', { token: cashier, body: { storeId: 'S001', orderId: id, refundId: 'R1', amountFen: 10_000 } })
    ).body
    expect(r).toMatchObject({ pointsReversed: earned, pointsBalance: 0, pointsDebt: spend })
    // the day's audit log, every page (oldest first)
    const events: Array<{ subject: string }> = []
    let cursor: string | null = null
    do {
      const page: { body: { items: Array<{ subject: string }>; nextCursor: string | null } } = await call(
        'GET',
        `/v1/admin/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: admin },
      )
      events.push(...page.body.items)
      cursor = page.body.nextCursor
    } while (cursor)
    expect(events.find((e) => e.subject === `member:${m.member.memberId}`)).toMatchObject({
      action: 'points.adjust',
      details: { points: -spend, reason: '积分兑换礼品' },
    })
    expect((await call('GET', '/v1/admin/audit', { token: cashier })).status).toBe(403)
    const next = (await purchase(cashier, { memberCode: await codeOf(m.token), storeId: 'S001', orderId: orderId(), amountFen: 10_000 }))
      .body
    expect(next.points.debtRepaid).toBe(Math.min(spend, next.points.totalPoints))
    const history = (await call('GET', '/v1/me/points', { token: m.token })).body
    expect(history.pointsDebt).toBe(spend - next.points.debtRepaid)
    expect(history.balance).toBe(next.points.awarded)
  })

  it("lists the till's transactions of the day", async () => {
    const m = await member()
    const id = orderId()
    await purchase(manager, { memberCode: await codeOf(m.token), storeId: 'S002', orderId: id, amountFen: 8_800 })
    const r = await call('GET', '/v1/staff/purchases?storeId=S002', { token: manager })
    expect(r.status).toBe(200)
    const t = TillTransactions.parse(r.body)
    expect(t.items.find((i) => i.orderId === id)).toMatchObject({ kind: 'purchase', amountFen: 8_800 })
    expect(t.items.every((i) => i.memberCardNo.includes('******'))).toBe(true)
  })
})

describe('who may act at the till', () => {
  it('refuses a cashier at another store, a member token, and no token', async () => {
    const m = await member()
    const code = await codeOf(m.token)
    const other = await purchase(cashier, { memberCode: code, storeId: 'S002', orderId: orderId(), amountFen: 100 })
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('FORBIDDEN')
    const asMember = await purchase(m.token, { memberCode: code, storeId: 'S001', orderId: orderId(), amountFen: 100 })
    expect(asMember.status).toBe(403)
    expect((await purchase('', { memberCode: code, storeId: 'S001', orderId: orderId(), amountFen: 100 })).status).toBe(401)
    expect((await call('GET', '/v1/staff/purchases?storeId=S002', { token: cashier })).status).toBe(403)
    expect(
      (
        await call('POST', `/v1/admin/members/${m.member.memberId}/adjustments`, {
          token: cashier,
          body: { points: 5, reason: '测试', idempotencyKey: randomUUID() },
        })
      ).status,
    ).toBe(403)
    expect((await call('GET', '/v1/me', { token: m.token })).body.points).toBe(0)
  })

  it('refuses expired, forged and malformed member codes', async () => {
    const m = await member()
    const cfg = readConfig({ STAGE: 'local' })
    const old = issueMemberCode(m.member.cardNo, cfg.memberCodeSecret, new Date(Date.now() - 5 * 60_000), {
      stepSeconds: 60,
      graceSeconds: 10,
    }).code
    const expired = await purchase(cashier, { memberCode: old, storeId: 'S001', orderId: orderId(), amountFen: 100 })
    expect(expired.status).toBe(422)
    expect(expired.body.error.code).toBe('CODE_EXPIRED')
    const fresh = await codeOf(m.token)
    const forged = fresh.slice(0, 10) + String((Number(fresh.slice(10)) + 7) % 1e8).padStart(8, '0')
    expect((await purchase(cashier, { memberCode: forged, storeId: 'S001', orderId: orderId(), amountFen: 100 })).body.error.code).toBe(
      'CODE_INVALID',
    )
    expect(
      (await purchase(cashier, { memberCode: m.member.cardNo, storeId: 'S001', orderId: orderId(), amountFen: 100 })).body.error.code,
    ).toBe('CODE_INVALID')
    const bad = await purchase(cashier, { memberCode: fresh, storeId: 'S001', orderId: 'x y', amountFen: -5 })
    expect(bad.status).toBe(400)
    expect([...new Set(bad.body.error.details.fields.map((f: { field: string }) => f.field))].sort()).toEqual([
      'body.amountFen',
      'body.orderId',
    ])
  })
})

describe('staff accounts', () => {
  it('binds a WeChat identity with a one-time code and carries the roles in the token', async () => {
    const created = await call('POST', '/v1/admin/staff', {
      token: admin,
      body: { name: '新收银员', roles: ['cashier'], storeIds: ['S003'] },
    })
    expect(created.status).toBe(201)
    const user = await signIn()
    const bound = await call('POST', '/v1/staff/bind', { token: user, body: { code: created.body.bindingCode } })
    expect(bound.status).toBe(200)
    expect(bound.body).toMatchObject({ roles: ['cashier'], storeIds: ['S003'] })
    const again = await call('POST', '/v1/staff/bind', { token: await signIn(), body: { code: created.body.bindingCode } })
    expect(again.status).toBe(422)
    expect(again.body.error.code).toBe('BINDING_CODE_INVALID')
    const list = await call('GET', '/v1/admin/staff', { token: admin })
    expect(list.body.items.find((s: { staffId: string }) => s.staffId === created.body.staffId)).toMatchObject({ bound: true })
    expect((await call('POST', '/v1/admin/staff', { token: cashier, body: { name: 'x', roles: ['admin'] } })).status).toBe(403)
  })
})

describe('store systems (POS) with a signed API key', () => {
  const now = () => Math.floor(Date.now() / 1000)
  it('records purchases for its own store only, idempotent on the order id, and refuses bad or stale signatures', async () => {
    const key = (await call('POST', '/v1/admin/stores/S001/pos-keys', { token: admin })).body
    expect(key.secret).toMatch(/^hys_/)
    const m = await member()
    const body = { memberCode: await codeOf(m.token), storeId: 'S001', orderId: orderId(), amountFen: 6_600 }
    const signedAt = now()
    const first = await signedCall(key, 'POST', '/v1/staff/purchases', body, { at: signedAt })
    expect(first.status).toBe(201)
    // A retry is signed anew (another timestamp than the first's, whenever it runs): the order id makes it safe.
    expect((await signedCall(key, 'POST', '/v1/staff/purchases', body, { at: signedAt - 1 })).body.replayed).toBe(true)
    expect((await signedCall(key, 'POST', '/v1/staff/purchases', { ...body, storeId: 'S002', orderId: orderId() })).status).toBe(403)
    const tampered = await signedCall(key, 'POST', '/v1/staff/purchases', { ...body, orderId: orderId() }, { tamper: true })
    expect(tampered.status).toBe(401)
    expect(tampered.body.error.code).toBe('SIGNATURE_INVALID')
    const stale = await signedCall(key, 'POST', '/v1/staff/purchases', { ...body, orderId: orderId() }, { at: now() - 301 })
    expect(stale.body.error.code).toBe('REQUEST_EXPIRED')
    expect((await call('GET', '/v1/me', { token: m.token })).body.points).toBe(first.body.points.awarded)
  })
})
