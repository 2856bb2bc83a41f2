/**
 * The stored-value reports against DynamoDB Local: top-ups, spends and refunds over two
 * quarters at three stores, counted once each, give the daily balance, the quarter's
 * prepaid-funds figures and each store's monthly settlement with HQ.
 */
import type { DomainEvent, DomainEventType, EventPayload } from '@huiyuan/shared/events/schemas'
import type { Report, ReportName, ReportQuery } from '@huiyuan/shared/reports/schemas'
import type { AuthContext } from '../platform/auth'
import type { Db } from '../platform/db'
import { aggregatesOf, eventsRepoOf, programOf, reportsOf, tiersOf } from '../platform/wiring'
import { seededServices } from '../testing/fixtures'
import { freshTable } from '../testing/table'
import { applyToAggregates } from './consumers/aggregates'

/** "Now" in the test: 2026-11-20, noon in Shanghai (Q4 so far; Q3 complete). */
const now = new Date('2026-11-20T12:00:00+08:00')
const admin: AuthContext = { openid: 'admin', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }
const manager: AuthContext = { openid: 'mgr', memberId: null, roles: ['store_manager'], storeIds: ['S001'], staffId: 'STAFF-MGR' }

let seq = 0
const event = <T extends DomainEventType>(type: T, payload: Omit<EventPayload<T>, 'at'>, day: string): DomainEvent => {
  const at = `${day}T15:00:00+08:00`
  return { eventId: `E${String(++seq).padStart(6, '0')}-${type}`, type, payload: { ...payload, at } as EventPayload<T>, occurredAt: at }
}

const topUp = (storeId: string, paidFen: number, bonusFen: number, day: string) =>
  event('StoredValueToppedUp', { memberId: 'M1', storeId, topUpId: `T${seq}`, paidFen, bonusFen }, day)
const spend = (storeId: string, principalFen: number, bonusFen: number, day: string) =>
  event('StoredValueSpent', { memberId: 'M1', storeId, orderId: `O${seq}`, principalFen, bonusFen }, day)
const refund = (storeId: string, principalFen: number, bonusFen: number, day: string) =>
  event('StoredValueRefunded', { memberId: 'M1', storeId, orderId: 'O-R', refundId: `R${seq}`, principalFen, bonusFen }, day)

describe('stored-value reports', () => {
  let db: Db
  let s: Awaited<ReturnType<typeof seededServices>>
  const read = async <N extends ReportName>(name: N, q: ReportQuery = {}, auth = admin) =>
    (await reportsOf(s.core).report(auth, name, q, now)) as Extract<Report, { name: N }>

  beforeAll(async () => {
    db = await freshTable('reports-sv')
    s = await seededServices(db, now)
    await s.program.putStore({ storeId: 'S002', name: '三里屯店', city: '北京', address: '', active: true }, now)
    await s.program.putStore({ storeId: 'S003', name: '已关闭店', city: '杭州', address: '', active: false }, now)
    await s.program.putStore({ storeId: 'S004', name: '久未营业店', city: '杭州', address: '', active: false }, now)
    const apply = applyToAggregates({
      aggregates: aggregatesOf(s.core),
      events: eventsRepoOf(s.core),
      program: programOf(s.core),
      tiers: tiersOf(s.core),
      tx: s.tx,
    })
    const events = [
      topUp('S001', 100_000, 10_000, '2026-09-10'),
      spend('S002', 10_000, 1_000, '2026-09-20'),
      topUp('S002', 50_000, 3_000, '2026-10-05'),
      spend('S001', 20_000, 2_000, '2026-11-02'),
      refund('S001', 5_000, 500, '2026-11-03'),
      topUp('S003', 20_000, 0, '2026-11-19'),
      spend('S003', 1_000, 0, '2026-11-20'),
    ]
    for (const e of events) expect(await apply(e)).toBe(true)
    // Redelivered: counted once.
    for (const e of events.slice(0, 3)) expect(await apply(e)).toBe(false)
  })

  it('the balance held now, each day’s movements and closing balance walking back from it', async () => {
    const r = await read('stored-value', { from: '2026-11-01', to: '2026-11-05' })
    expect(r.balance).toEqual({ principalFen: 144_000, bonusFen: 10_500 })
    expect(r.range).toEqual({
      topUps: 0,
      toppedUp: { principalFen: 0, bonusFen: 0 },
      spends: 1,
      spent: { principalFen: 20_000, bonusFen: 2_000 },
      refunds: 1,
      refunded: { principalFen: 5_000, bonusFen: 500 },
    })
    expect(r.series.map((d) => [d.date, d.closing.principalFen, d.closing.bonusFen])).toEqual([
      ['2026-11-01', 140_000, 12_000],
      ['2026-11-02', 120_000, 10_000],
      ['2026-11-03', 125_000, 10_500],
      ['2026-11-04', 125_000, 10_500],
      ['2026-11-05', 125_000, 10_500],
    ])
    expect(r.series[1]).toMatchObject({ spent: { principalFen: 20_000, bonusFen: 2_000 }, toppedUp: { principalFen: 0, bonusFen: 0 } })
    // A range ending today closes at the balance held now.
    const recent = await read('stored-value', { from: '2026-11-18', to: '2026-11-20' })
    expect(recent.series.at(-1)!.closing).toEqual(recent.balance)
    expect(recent.series.map((d) => d.closing.principalFen)).toEqual([125_000, 145_000, 144_000])
  })

  it('the quarter’s prepaid funds: opening, movements and closing, principal and bonus apart; the current one by default', async () => {
    const q4 = (await read('stored-value')).quarter
    expect(q4).toEqual({
      quarter: '2026-Q4',
      from: '2026-10-01',
      to: '2026-12-31',
      complete: false,
      asOf: '2026-11-20',
      opening: { principalFen: 90_000, bonusFen: 9_000 },
      topUps: 2,
      toppedUp: { principalFen: 70_000, bonusFen: 3_000 },
      spends: 2,
      spent: { principalFen: 21_000, bonusFen: 2_000 },
      refunds: 1,
      refunded: { principalFen: 5_000, bonusFen: 500 },
      closing: { principalFen: 144_000, bonusFen: 10_500 },
    })
    const q3 = (await read('stored-value', { quarter: '2026-Q3' })).quarter
    expect(q3).toMatchObject({
      complete: true,
      asOf: '2026-09-30',
      opening: { principalFen: 0, bonusFen: 0 },
      toppedUp: { principalFen: 100_000, bonusFen: 10_000 },
      spent: { principalFen: 10_000, bonusFen: 1_000 },
      closing: { principalFen: 90_000, bonusFen: 9_000 },
    })
    expect((await read('stored-value', { quarter: '2026-Q2' })).quarter).toMatchObject({
      opening: { principalFen: 0, bonusFen: 0 },
      closing: { principalFen: 0, bonusFen: 0 },
    })
    await expect(read('stored-value', { quarter: '2027-Q1' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('the month’s settlement per store: collected, redeemed and refunded, and who owes whom; closed stores only with activity', async () => {
    const nov = await read('settlement', { month: '2026-11' })
    expect(nov).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30', complete: false })
    expect(nov.stores.map((x) => [x.storeId, x.name, x.netFen, x.position])).toEqual([
      ['S001', '测试店', -15_000, 'owed_by_hq'],
      ['S002', '三里屯店', 0, 'even'],
      ['S003', '已关闭店', 19_000, 'owes_hq'],
    ])
    expect(nov.stores[0]).toMatchObject({
      collectedFen: 0,
      spends: 1,
      redeemedPrincipalFen: 20_000,
      redeemedBonusFen: 2_000,
      refunds: 1,
      refundedPrincipalFen: 5_000,
      refundedBonusFen: 500,
    })
    expect(nov.totals).toMatchObject({ collectedFen: 20_000, redeemedPrincipalFen: 21_000, refundedPrincipalFen: 5_000, netFen: 4_000 })
    expect(nov.totals.position).toBe('owes_hq')

    const sep = await read('settlement', { month: '2026-09' })
    expect(sep.complete).toBe(true)
    expect(sep.stores.map((x) => [x.storeId, x.collectedFen, x.bonusIssuedFen, x.redeemedPrincipalFen, x.netFen])).toEqual([
      ['S001', 100_000, 10_000, 0, 100_000],
      ['S002', 0, 0, 10_000, -10_000],
    ])
    // This month by default; none after it.
    expect((await read('settlement')).month).toBe('2026-11')
    await expect(read('settlement', { month: '2026-12' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('is for marketers and admins: a store manager is refused both', async () => {
    await expect(read('stored-value', {}, manager)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(read('settlement', {}, manager)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
