/**
 * The report aggregates against DynamoDB Local: each event counts exactly once (a replay, or
 * a retry after a crash between the counters and the dispatcher's mark, changes nothing), a
 * refund subtracts in its own counter, a member is active once a day whatever they did, and
 * — through the real stream — what members do shows up in the reports.
 */
import type { DomainEvent, DomainEventType, EventPayload } from '@huiyuan/shared/events/schemas'
import type { AuthContext } from '../platform/auth'
import { calendarDate } from '../platform/clock'
import type { Db } from '../platform/db'
import { eventDispatcher } from '../platform/events/dispatch'
import { startStreamReader } from '../platform/events/localStream'
import { aggregatesOf, eventsRepoOf, privacyOf, programOf, reportsDispatcherOf, reportsOf, tiersOf } from '../platform/wiring'
import { cashOffTemplate, eventually, joinInput, memberCodeAt, pointsBalance, seededServices, startConsumers } from '../testing/fixtures'
import { freshTable, testTablesEndpoint } from '../testing/table'
import { AGGREGATES_SUBSCRIBER, applyToAggregates, reportAggregates } from './consumers/aggregates'

const now = new Date()
const today = calendarDate(now, 'Asia/Shanghai')
const admin: AuthContext = { openid: 'admin', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }

let seq = 0
const event = <T extends DomainEventType>(type: T, payload: EventPayload<T>, at = now): DomainEvent => ({
  eventId: `E${String(++seq).padStart(6, '0')}-${type}`,
  type,
  payload,
  occurredAt: at.toISOString(),
})

describe('report aggregates: exactly once per event', () => {
  let db: Db
  let s: Awaited<ReturnType<typeof seededServices>>
  let apply: (e: DomainEvent) => Promise<boolean>
  const day = async (scope: string) => (await aggregatesOf(s.core).days(scope, today, today))[0]
  beforeAll(async () => {
    db = await freshTable('reports-once')
    s = await seededServices(db, now)
    apply = applyToAggregates({
      aggregates: aggregatesOf(s.core),
      events: eventsRepoOf(s.core),
      program: programOf(s.core),
      tiers: tiersOf(s.core),
      tx: s.tx,
    })
  })

  it('counts an event replayed (or retried after a crash before the dispatcher’s mark) once', async () => {
    const purchase = event('PurchaseRecorded', {
      memberId: 'M-once',
      storeId: 'S001',
      orderId: 'O1',
      amountFen: 8_800,
      pointsEarned: 88,
      at: now.toISOString(),
    })
    expect(await apply(purchase)).toBe(true)
    expect(await apply(purchase)).toBe(false)
    // The dispatcher finds the consumer's own mark and does not run it again.
    const dispatcher = eventDispatcher({
      events: s.events,
      subscribers: reportAggregates({
        aggregates: aggregatesOf(s.core),
        events: eventsRepoOf(s.core),
        program: programOf(s.core),
        tiers: tiersOf(s.core),
        tx: s.tx,
      }),
    })
    await dispatcher.dispatch(purchase)
    expect(await s.events.doneMarks(purchase.eventId)).toEqual(new Set([AGGREGATES_SUBSCRIBER]))
    for (const scope of ['ALL', 'STORE#S001'])
      expect(await day(scope)).toMatchObject({ purchases: 1, salesFen: 8_800, pointsIssued: 88, activeMembers: 1 })
    expect((await aggregatesOf(s.core).total('ALL')).pointsOutstanding).toBe(88)
  })

  it('a purchase then a refund: sales stay, the refund counts in refundsFen, reversed points leave the balance', async () => {
    const before = await day('ALL')
    await apply(
      event('PurchaseRecorded', {
        memberId: 'M-refund',
        storeId: 'S002',
        orderId: 'O2',
        amountFen: 10_000,
        pointsEarned: 100,
        at: now.toISOString(),
      }),
    )
    const refund = event('PurchaseRefunded', {
      memberId: 'M-refund',
      storeId: 'S002',
      orderId: 'O2',
      refundId: 'R1',
      amountFen: 4_000,
      remainingFen: 6_000,
      wholeOrder: false,
      pointsReversed: 40,
      at: now.toISOString(),
    })
    await apply(refund)
    await apply(refund)
    expect(await day('STORE#S002')).toMatchObject({ purchases: 1, salesFen: 10_000, refunds: 1, refundsFen: 4_000, pointsReversed: 40 })
    const after = await day('ALL')
    expect(after!.salesFen - before!.salesFen).toBe(10_000)
    expect(after!.refundsFen - before!.refundsFen).toBe(4_000)
    expect((await aggregatesOf(s.core).total('ALL')).pointsOutstanding).toBe(88 + 100 - 40)
    expect((await aggregatesOf(s.core).total('STORE#S002')).refundsFen).toBe(4_000)
  })

  it('a member with a purchase and a check-in the same day is one active member (and one in the month)', async () => {
    const a = await day('ALL')
    const month = today.slice(0, 7)
    const monthBefore = (await aggregatesOf(s.core).monthlyActive('ALL', month, month))[0]?.activeMembers ?? 0
    await apply(
      event('PurchaseRecorded', {
        memberId: 'M-active',
        storeId: 'S003',
        orderId: 'O3',
        amountFen: 100,
        pointsEarned: 1,
        at: now.toISOString(),
      }),
    )
    await apply(event('CheckedIn', { memberId: 'M-active', date: today, streak: 1, points: 5, storeId: 'S003', at: now.toISOString() }))
    await apply(
      event('PurchaseRecorded', {
        memberId: 'M-active',
        storeId: 'S001',
        orderId: 'O4',
        amountFen: 100,
        pointsEarned: 1,
        at: now.toISOString(),
      }),
    )
    const b = await day('ALL')
    expect(b!.activeMembers - a!.activeMembers).toBe(1)
    expect(b!.checkins - a!.checkins).toBe(1)
    expect((await day('STORE#S003'))!.activeMembers).toBe(1)
    // Active at S001 too (a purchase there), which already counted M-once.
    expect((await day('STORE#S001'))!.activeMembers).toBe(2)
    expect((await aggregatesOf(s.core).monthlyActive('ALL', month, month))[0]!.activeMembers - monthBefore).toBe(1)
  })

  it('concurrent deliveries of the same events count each once', async () => {
    const events = Array.from({ length: 5 }, (_, i) =>
      event('CheckedIn', { memberId: `M-race-${i}`, date: today, streak: 1, points: 5, at: now.toISOString() }),
    )
    const a = await day('ALL')
    const results = await Promise.all([...events, ...events, ...events].map((e) => apply(e)))
    expect(results.filter(Boolean)).toHaveLength(5)
    const b = await day('ALL')
    expect(b!.checkins - a!.checkins).toBe(5)
    expect(b!.activeMembers - a!.activeMembers).toBe(5)
  })
})

describe('reports from what members do (the real stream)', () => {
  it('a join, a purchase with a coupon, a partial refund, a check-in and an adjustment show up in the reports', async () => {
    const db = await freshTable('reports-flow', { stream: true })
    const s = await seededServices(db, now)
    const reader = startConsumers(db, s)
    // The aggregates' own reader of the stream, as on AWS (the reportEvents function).
    const aggregatesReader = startStreamReader({
      endpoint: testTablesEndpoint(),
      tableName: db.tableName,
      handler: reportsDispatcherOf(s.core).handler,
      backoffMs: 50,
    })
    try {
      const m = await s.membersService.join('reports-flow', joinInput(), now)
      const t = await cashOffTemplate(s, now)
      const coupon = (await s.coupons.grant(m.memberId, t.templateId, 'staff', 'g1', now))!.coupon
      await s.purchases.record(admin, { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', orderId: 'RF-1', amountFen: 10_000 }, now)
      await s.coupons.redeem(admin, { couponCode: coupon.code, storeId: 'S001', orderId: 'RF-1', orderAmountFen: 10_000 }, now)
      await s.checkout.refund(admin, { storeId: 'S001', orderId: 'RF-1', refundId: 'R1', amountFen: 2_000 }, now)
      await s.checkins.checkIn(m.memberId, now)
      await s.points.adjust(admin, m.memberId, { points: 50, reason: '补发积分', idempotencyKey: 'adjust-reports-1' }, now)
      const reports = reportsOf(s.core)
      await eventually(async () => {
        const o = await reports.report(admin, 'overview', {}, now)
        if (o.name !== 'overview') throw new Error('wrong report')
        expect(o.today).toMatchObject({
          newMembers: 1,
          activeMembers: 1,
          purchases: 1,
          salesFen: 10_000,
          refundsFen: 2_000,
          netSalesFen: 8_000,
          checkins: 1,
          couponsIssued: 1,
          couponsRedeemed: 1,
          discountFen: 1_000,
        })
        expect(o.members).toBe(1)
        expect(o.series.at(-1)).toMatchObject({ date: today, members: 1, newMembers: 1 })
      }, 30_000)
      // The running balance is what the member holds (once the adjustment, the last event, is counted).
      const held = await pointsBalance(s, m.memberId)
      await eventually(async () => {
        const liability = await reports.report(admin, 'points-liability', {}, now)
        if (liability.name !== 'points-liability') throw new Error('wrong report')
        expect(liability.outstandingPoints).toBe(held)
        expect(liability.liabilityFen).toBe(held)
        expect(liability.breakage).toMatchObject({ redemptionYearOnePct: 30, redemptionYearTwoPct: 50, expectedBreakagePct: 50 })
      }, 30_000)
      const coupons = await reports.report(admin, 'coupons', {}, now)
      if (coupons.name !== 'coupons') throw new Error('wrong report')
      expect(coupons.templates).toEqual([
        expect.objectContaining({ templateId: t.templateId, name: '满减', issued: 1, redeemed: 1, redemptionRate: 1, discountFen: 1_000 }),
      ])
      const stores = await reports.report(admin, 'stores', {}, now)
      if (stores.name !== 'stores') throw new Error('wrong report')
      expect(stores.stores.find((x) => x.storeId === 'S001')).toMatchObject({
        name: '测试店',
        members: 1,
        purchases: 1,
        netSalesFen: 8_000,
      })

      await privacyOf(s.core).erase(m.memberId, now)
      await eventually(async () => {
        const tiers = await reports.report(admin, 'tiers', {}, now)
        if (tiers.name !== 'tiers') throw new Error('wrong report')
        expect(tiers.totalMembers).toBe(0)
      }, 30_000)
    } finally {
      await Promise.all([reader.stop(), aggregatesReader.stop()])
    }
  }, 90_000)
})
