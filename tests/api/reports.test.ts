/**
 * The console's reports over HTTP: who may read which, the range rules, and a purchase, a
 * claim and a redemption showing up once the event consumers have counted them.
 */
import { randomUUID } from 'node:crypto'
import { REPORT_NAMES, Report } from '@huiyuan/shared/reports/schemas'
import { call, eventually, newMember, type Res, signIn, uniqueName } from './client'

let admin: string
let marketer: string
let manager: string
let cashier: string

const SHANGHAI_DAY = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** A marketer's token: an account made by the admin, bound to a new identity. */
async function newStaff(roles: string[], storeIds: string[] = []) {
  const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '报表员', roles, storeIds } })
  expect(s.status).toBe(201)
  const t = await signIn(uniqueName('staff'))
  const bound = await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })
  expect(bound.status).toBe(200)
  return bound.body.token as string
}

const report = async (name: string, token: string, query = ''): Promise<Res> =>
  call('GET', `/v1/admin/reports/${name}${query ? `?${query}` : ''}`, { token })

beforeAll(async () => {
  ;[admin, manager, cashier] = await Promise.all([signIn('admin'), signIn('manager'), signIn('cashier')])
  marketer = await newStaff(['marketer'])
})

describe('who reads which report', () => {
  it('admins and marketers read every report; each answer is its schema, named', async () => {
    for (const token of [admin, marketer]) {
      for (const name of REPORT_NAMES) {
        const r = await report(name, token)
        expect({ name, status: r.status }).toEqual({ name, status: 200 })
        expect(Report.parse(r.body).name).toBe(name)
        // The settlement is of a month (this one by default); the others of a range (the last 30 days by default).
        if (name === 'settlement')
          expect(r.body).toMatchObject({ month: SHANGHAI_DAY().slice(0, 7), from: `${SHANGHAI_DAY().slice(0, 7)}-01` })
        else expect(r.body).toMatchObject({ to: SHANGHAI_DAY(), from: addDays(SHANGHAI_DAY(), -29) })
      }
    }
  })

  it('a store manager reads the overview and the stores report of their own store only', async () => {
    const overview = await report('overview', manager)
    expect(overview.status).toBe(200)
    expect(overview.body.storeId).toBe('S002')
    expect((await report('overview', manager, 'storeId=S002')).status).toBe(200)
    const other = await report('overview', manager, 'storeId=S001')
    expect(other.status).toBe(403)
    expect(Object.keys(other.body)).toEqual(['error'])
    const stores = await report('stores', manager)
    expect(stores.status).toBe(200)
    expect(stores.body.stores.map((s: { storeId: string }) => s.storeId)).toEqual(['S002'])
    for (const name of ['tiers', 'points-liability', 'coupons', 'stored-value', 'settlement']) {
      const r = await report(name, manager)
      expect({ name, status: r.status, code: r.body.error?.code }).toEqual({ name, status: 403, code: 'FORBIDDEN' })
    }
  })

  it('cashiers, members and strangers are refused', async () => {
    const m = await newMember()
    expect((await report('overview', cashier)).status).toBe(403)
    expect((await report('overview', m.token)).status).toBe(403)
    expect((await call('GET', '/v1/admin/reports/overview')).status).toBe(401)
  })

  it('checks the range: real dates, from ≤ to, at most 366 days; names it knows', async () => {
    const today = SHANGHAI_DAY()
    expect((await report('overview', admin, `from=${addDays(today, -365)}&to=${today}`)).status).toBe(200)
    const long = await report('overview', admin, `from=${addDays(today, -366)}&to=${today}`)
    expect(long.status).toBe(400)
    expect(long.body.error.code).toBe('VALIDATION_FAILED')
    expect((await report('overview', admin, `from=${today}&to=${addDays(today, -1)}`)).status).toBe(400)
    expect((await report('overview', admin, 'from=2026-02-30')).status).toBe(400)
    expect((await report('rfm-nope', admin)).status).toBe(400)
    const r = await report('overview', admin, `from=${addDays(today, -6)}&to=${today}`)
    expect(r.body.series).toHaveLength(7)
  })
})

describe('what members do shows up', () => {
  it('a join, a purchase, a claim and its redemption: overview, coupons and stores after the consumers ran', async () => {
    const today = SHANGHAI_DAY()
    const [overview0, stores0, managerView0] = await Promise.all([
      report('overview', marketer),
      report('stores', marketer),
      report('overview', manager),
    ])
    const s001 = (r: Res) => r.body.stores.find((s: { storeId: string }) => s.storeId === 'S001')

    const t = await call('POST', '/v1/admin/coupon-templates', {
      token: marketer,
      body: {
        name: `报表券${randomUUID().slice(0, 4)}`,
        kind: 'cash_off',
        valueFen: 1_500,
        thresholdFen: 5_000,
        validity: { type: 'relative', days: 7 },
        totalStock: 10,
        perMemberLimit: 1,
      },
    })
    expect(t.status).toBe(201)
    const o = await call('POST', '/v1/admin/offers', {
      token: marketer,
      body: {
        templateId: t.body.templateId,
        title: '报表测试',
        claimFrom: new Date(Date.now() - 60_000).toISOString(),
        claimUntil: new Date(Date.now() + 86_400_000).toISOString(),
      },
    })
    expect(o.status).toBe(201)
    const m = await newMember()
    const code = (await call('GET', '/v1/me/code', { token: m.token })).body.code
    const orderId = `RPT${randomUUID().replace(/-/g, '').slice(0, 12)}`
    const sale = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: code, storeId: 'S001', orderId, amountFen: 12_300 },
    })
    expect(sale.status).toBe(201)
    const claim = await call('POST', `/v1/offers/${o.body.offerId}/claims`, {
      token: m.token,
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(claim.status).toBe(201)
    const redeemed = await call('POST', '/v1/staff/redemptions', {
      token: cashier,
      body: { couponCode: claim.body.coupon.code, storeId: 'S001', orderId, orderAmountFen: 12_300 },
    })
    expect(redeemed.status).toBe(201)
    // and one purchase by the manager at their store
    const code2 = (await call('GET', '/v1/me/code', { token: m.token })).body.code
    const sale2 = await call('POST', '/v1/staff/purchases', {
      token: manager,
      body: { memberCode: code2, storeId: 'S002', orderId: `${orderId}B`, amountFen: 4_000 },
    })
    expect(sale2.status).toBe(201)

    await eventually(async () => {
      const coupons = await report('coupons', marketer)
      expect(coupons.body.templates.find((x: { templateId: string }) => x.templateId === t.body.templateId)).toEqual({
        templateId: t.body.templateId,
        name: t.body.name,
        summary: '满50减15',
        issued: 1,
        redeemed: 1,
        redemptionRate: 1,
        discountFen: 1_500,
      })
      const overview = await report('overview', marketer)
      const d = (k: string) => overview.body.today[k] - overview0.body.today[k]
      expect(d('purchases')).toBeGreaterThanOrEqual(2)
      expect(d('salesFen')).toBeGreaterThanOrEqual(16_300)
      expect(d('newMembers')).toBeGreaterThanOrEqual(1)
      expect(d('couponsRedeemed')).toBeGreaterThanOrEqual(1)
      expect(d('discountFen')).toBeGreaterThanOrEqual(1_500)
      expect(d('activeMembers')).toBeGreaterThanOrEqual(1)
      expect(overview.body.members).toBeGreaterThan(overview0.body.members)
      expect(overview.body.series.at(-1)).toMatchObject({ date: today, members: overview.body.members })
      const stores = await report('stores', marketer)
      expect(s001(stores).purchases - s001(stores0).purchases).toBeGreaterThanOrEqual(1)
      expect(s001(stores).salesFen - s001(stores0).salesFen).toBeGreaterThanOrEqual(12_300)
      expect(s001(stores).name).toBe('南京西路旗舰店')
      const managerView = await report('overview', manager)
      expect(managerView.body.today.purchases - managerView0.body.today.purchases).toBeGreaterThanOrEqual(1)
      expect(managerView.body.today.salesFen - managerView0.body.today.salesFen).toBeGreaterThanOrEqual(4_000)
    }, 30_000)

    const liability = await report('points-liability', marketer, 'redemptionYearOnePct=20&redemptionYearTwoPct=60')
    expect(liability.status).toBe(200)
    expect(liability.body.outstandingPoints).toBeGreaterThan(0)
    expect(liability.body.breakage).toMatchObject({ redemptionYearOnePct: 20, redemptionYearTwoPct: 60, expectedBreakagePct: 40 })
    const tiers = await report('tiers', marketer)
    expect(tiers.body.totalMembers).toBeGreaterThan(0)
    expect(tiers.body.distribution[0]).toMatchObject({ tierCode: 'normal' })
  })
})
