/** A member's ledger, purchases, coupons and notices in the console: paginated, for marketers, each read audited. */
import { randomUUID } from 'node:crypto'
import { AdminMemberPurchases } from '@huiyuan/shared/members/activity'
import { Wallet } from '@huiyuan/shared/coupons/schemas'
import { Inbox, PointsHistory } from '@huiyuan/shared/points/schemas'
import { call, eventually, newMember, type Res, signIn, uniqueName } from './client'

let admin: string
let marketer: string
let cashier: string
let manager: string
let m: Awaited<ReturnType<typeof newMember>>
const orderId = `AML${randomUUID().replace(/-/g, '').slice(0, 12)}`

beforeAll(async () => {
  ;[admin, cashier, manager] = await Promise.all([signIn('admin'), signIn('cashier'), signIn('manager')])
  const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '会员运营', roles: ['marketer'] } })
  const t = await signIn(uniqueName('marketer'))
  marketer = (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token
  m = await newMember()
  const code = async () => (await call('GET', '/v1/me/code', { token: m.token })).body.code
  const items = [{ sku: 'SKU-1', name: '衬衫', unitPriceFen: 6_000, qty: 2 }]
  expect(
    (
      await call('POST', '/v1/staff/purchases', {
        token: cashier,
        body: { memberCode: await code(), storeId: 'S001', orderId, amountFen: 12_000, items },
      })
    ).status,
  ).toBe(201)
  expect(
    (
      await call('POST', '/v1/staff/purchases', {
        token: cashier,
        body: { memberCode: await code(), storeId: 'S001', orderId: `${orderId}B`, amountFen: 3_000 },
      })
    ).status,
  ).toBe(201)
  expect(
    (await call('POST', '/v1/staff/refunds', { token: cashier, body: { storeId: 'S001', orderId, refundId: 'R1', amountFen: 6_000 } }))
      .status,
  ).toBe(201)
  // the welcome pack (coupon and notice) arrives through the consumers
  await eventually(async () => {
    expect((await call('GET', '/v1/me/inbox', { token: m.token })).body.items.length).toBeGreaterThan(0)
    expect((await call('GET', '/v1/me/coupons', { token: m.token })).body.items.length).toBeGreaterThan(0)
  })
})

const list = (what: string, query = '', token = marketer): Promise<Res> =>
  call('GET', `/v1/admin/members/${m.member.memberId}/${what}${query ? `?${query}` : ''}`, { token })

describe("a member's lists in the console", () => {
  it('purchases, newest first, with their items and refunds, a page at a time', async () => {
    const first = await list('purchases', 'limit=1')
    expect(first.status).toBe(200)
    const p1 = AdminMemberPurchases.parse(first.body)
    expect(p1.items).toHaveLength(1)
    expect(p1.items[0]).toMatchObject({ orderId: `${orderId}B`, amountFen: 3_000, refundedFen: 0, refunds: [], items: [] })
    expect(p1.nextCursor).not.toBeNull()
    const p2 = AdminMemberPurchases.parse((await list('purchases', `limit=1&cursor=${encodeURIComponent(p1.nextCursor!)}`)).body)
    expect(p2.items[0]).toMatchObject({
      orderId,
      storeId: 'S001',
      amountFen: 12_000,
      items: [{ sku: 'SKU-1', name: '衬衫', unitPriceFen: 6_000, qty: 2 }],
      refundedFen: 6_000,
      refunds: [{ refundId: 'R1', amountFen: 6_000 }],
    })
    expect(p2.items[0]!.pointsReversed).toBeGreaterThan(0)
    expect(p2.nextCursor).toBeNull()
  })

  it('the points ledger, the coupons by status and the notices are the member’s own lists', async () => {
    const points = PointsHistory.parse((await list('points')).body)
    const mine = PointsHistory.parse((await call('GET', '/v1/me/points', { token: m.token })).body)
    expect(points.items.map((e) => e.entryId)).toEqual(mine.items.map((e) => e.entryId))
    expect(points.balance).toBe(mine.balance)
    const coupons = Wallet.parse((await list('coupons', 'status=usable')).body)
    expect(coupons.items.length).toBeGreaterThan(0)
    expect(Wallet.parse((await list('coupons', 'status=used')).body).items).toEqual([])
    expect((await list('coupons', 'status=nope')).status).toBe(400)
    const inbox = Inbox.parse((await list('inbox')).body)
    expect(inbox.items.map((n) => n.kind)).toContain('welcome')
  })

  it('each read is audited; cashiers and store managers are refused; an unknown member is a 404', async () => {
    for (const what of ['points', 'purchases', 'coupons', 'inbox']) {
      expect((await list(what, '', cashier)).status).toBe(403)
      expect((await list(what, '', manager)).status).toBe(403)
      expect((await list(what, '', admin)).status).toBe(200)
      expect((await call('GET', `/v1/admin/members/NOBODY/${what}`, { token: marketer })).status).toBe(404)
    }
    const trail = (await call('GET', `/v1/admin/audit?memberId=${m.member.memberId}&limit=100`, { token: admin })).body.items as Array<{
      action: string
    }>
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.viewPoints', 'member.viewPurchases', 'member.viewCoupons', 'member.viewInbox']),
    )
  })
})
