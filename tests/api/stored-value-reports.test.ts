/**
 * The stored-value reports over HTTP: a member tops up at one new store and spends at
 * another; once the aggregates' consumer has counted both, the settlement shows the first
 * store owing HQ what it collected and HQ owing the second what it redeemed, and the
 * stored-value report's balance, days and quarter hold together. Bad parameters are 400s.
 */
import { randomUUID } from 'node:crypto'
import { Report, type SettlementReport, type StoredValueReport } from '@huiyuan/shared/reports/schemas'
import { call, eventually, newMember, type Res, signIn } from './client'

const SHANGHAI_DAY = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const receipt = (p: string) => `${p}${randomUUID().replace(/-/g, '').slice(0, 16)}`
const newStoreId = () =>
  `V${randomUUID()
    .replace(/[^0-9]/g, '')
    .slice(0, 9)}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string

let admin: string
let manager: string

const report = async (name: string, query = '', token = admin): Promise<Res> =>
  call('GET', `/v1/admin/reports/${name}${query ? `?${query}` : ''}`, { token })
const storedValue = async (query = '') => {
  const r = await report('stored-value', query)
  expect(r.status).toBe(200)
  return Report.parse(r.body) as StoredValueReport
}
const settlement = async (query = '') => {
  const r = await report('settlement', query)
  expect(r.status).toBe(200)
  return Report.parse(r.body) as SettlementReport
}

beforeAll(async () => {
  ;[admin, manager] = await Promise.all([signIn('admin'), signIn('manager')])
})

describe('stored-value reports', () => {
  it('a top-up at one store and a spend at another: the settlement per store, the balance, the days and the quarter', async () => {
    const [collecting, redeeming] = [newStoreId(), newStoreId()]
    for (const [storeId, name] of [
      [collecting, '储值测试收款店'],
      [redeeming, '储值测试消费店'],
    ] as const) {
      const r = await call('POST', '/v1/admin/stores', { token: admin, body: { storeId, name, city: '上海', address: '测试路 1 号' } })
      expect(r.status).toBe(201)
    }
    const before = await storedValue()

    const m = await newMember()
    const topUp = await call('POST', '/v1/staff/stored-value/top-ups', {
      token: admin,
      body: { memberCode: await codeOf(m.token), storeId: collecting, topUpId: receipt('TU'), packageId: 'P1000', paymentRef: 'WXPAY-R' },
    })
    expect(topUp.status).toBe(201)
    const spend = await call('POST', '/v1/staff/stored-value/spends', {
      token: admin,
      body: { memberCode: await codeOf(m.token), storeId: redeeming, orderId: receipt('SO'), amountFen: 22_000 },
    })
    expect(spend.status).toBe(201)
    expect(spend.body).toMatchObject({ principalFen: 20_000, bonusFen: 2_000 })

    const month = SHANGHAI_DAY().slice(0, 7)
    const s = await eventually(async () => {
      const s = await settlement(`month=${month}`)
      const row = (id: string) => s.stores.find((x) => x.storeId === id)
      expect(row(collecting)).toMatchObject({
        name: '储值测试收款店',
        topUps: 1,
        collectedFen: 100_000,
        bonusIssuedFen: 10_000,
        redeemedPrincipalFen: 0,
        netFen: 100_000,
        position: 'owes_hq',
      })
      expect(row(redeeming)).toMatchObject({
        name: '储值测试消费店',
        collectedFen: 0,
        spends: 1,
        redeemedPrincipalFen: 20_000,
        redeemedBonusFen: 2_000,
        netFen: -20_000,
        position: 'owed_by_hq',
      })
      return s
    }, 30_000)
    // The totals row is the stores summed.
    expect(s.totals.collectedFen).toBe(s.stores.reduce((n, x) => n + x.collectedFen, 0))
    expect(s.totals.netFen).toBe(s.stores.reduce((n, x) => n + x.netFen, 0))

    const after = await eventually(async () => {
      const r = await storedValue()
      expect(r.range.toppedUp.principalFen - before.range.toppedUp.principalFen).toBeGreaterThanOrEqual(100_000)
      expect(r.range.spent.principalFen - before.range.spent.principalFen).toBeGreaterThanOrEqual(20_000)
      return r
    }, 30_000)
    // (The program-wide balance itself is not compared with before: other tests' cards move it meanwhile.)
    const today = after.series.at(-1)!
    expect(today.date).toBe(SHANGHAI_DAY())
    expect(today.toppedUp.principalFen).toBeGreaterThanOrEqual(100_000)
    expect(today.closing).toEqual(after.balance)
    // The quarter so far closes at the balance held now, and its figures add up.
    const q = after.quarter
    expect(q).toMatchObject({ complete: false, asOf: SHANGHAI_DAY(), closing: after.balance })
    for (const part of ['principalFen', 'bonusFen'] as const)
      expect(q.opening[part] + q.toppedUp[part] - q.spent[part] + q.refunded[part]).toBe(q.closing[part])
    // The day before the range's last closes at its own balance, one day's movements earlier.
    const yesterday = after.series.at(-2)!
    expect(yesterday.closing.principalFen).toBe(
      today.closing.principalFen - today.toppedUp.principalFen + today.spent.principalFen - today.refunded.principalFen,
    )
  }, 60_000)

  it('refuses a bad or future quarter or month with 400 in the error envelope, and store managers with 403', async () => {
    const year = Number(SHANGHAI_DAY().slice(0, 4))
    for (const [name, query, field] of [
      ['stored-value', 'quarter=2026-Q5', 'query.quarter'],
      ['stored-value', 'quarter=2026Q4', 'query.quarter'],
      ['stored-value', `quarter=${year + 1}-Q1`, 'query.quarter'],
      ['settlement', 'month=2026-13', 'query.month'],
      ['settlement', `month=${year + 1}-01`, 'query.month'],
    ] as const) {
      const r = await report(name, query)
      expect({ query, status: r.status, code: r.body.error?.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' })
      expect(Object.keys(r.body)).toEqual(['error'])
      expect(r.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field)
    }
    expect((await report('stored-value', 'quarter=2026-Q3')).status).toBe(200)
    for (const name of ['stored-value', 'settlement']) {
      const r = await report(name, '', manager)
      expect({ name, status: r.status, code: r.body.error?.code }).toEqual({ name, status: 403, code: 'FORBIDDEN' })
    }
  })
})
