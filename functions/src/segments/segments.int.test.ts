/**
 * Segments against DynamoDB Local and its real stream: what members do reaches their
 * features exactly once (a replayed event changes nothing); erasure drops them; a rebuild
 * from the ledgers gives the same record; a count job over the shards — its messages each
 * delivered twice, as at-least-once delivery may — counts exactly what the in-process count
 * does; the RFM refresh keeps each member's group of the month.
 */
import type { SegmentGroup } from '@huiyuan/shared/segments/schemas'
import type { AuthContext } from '../platform/auth'
import { calendarDate } from '../platform/clock'
import { eventsRepoOf, featuresKeeperOf, messagingOf, segmentsRepoOf, privacyOf } from '../platform/wiring'
import type { WorkMessage, WorkQueue } from '../platform/queue/work'
import { eventually, joinInput, memberCodeAt, seededServices, startConsumers } from '../testing/fixtures'
import { freshTable } from '../testing/table'
import { featuresKeeper } from './consumers/features'
import { type CountParams, segmentJobs } from './jobs'
import { DEFAULT_THRESHOLDS } from './rfm'
import { tiersRepository } from '../tiers/repository'

const now = new Date()
const today = calendarDate(now, 'Asia/Shanghai')
const admin: AuthContext = { openid: 'admin', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }

/** A queue that keeps what is sent; `drain` hands every message to the handler twice (a redelivery each). */
const recordingQueue = () => {
  const sent: WorkMessage[] = []
  const queue: WorkQueue = {
    send: async (messages) => {
      sent.push(...messages)
    },
  }
  return { queue, sent }
}

describe('member features and segment jobs', () => {
  let s: Awaited<ReturnType<typeof seededServices>>
  let reader: ReturnType<typeof startConsumers>
  const members: Array<{ memberId: string; cardNo: string }> = []

  beforeAll(async () => {
    const db = await freshTable('segments', { stream: true })
    s = await seededServices(db, now)
    reader = startConsumers(db, s, { analytics: true })
    for (let i = 0; i < 6; i++) members.push(await s.membersService.join(`seg-${i}`, joinInput({ name: `会员${i}` }), now))
    // Members 0–3 buy: 0 and 1 twice, 2 and 3 once; 4 and 5 never.
    const buy = (i: number, orderId: string, amountFen: number) =>
      s.purchases.record(admin, { memberCode: memberCodeAt(members[i]!.cardNo, now), storeId: 'S001', orderId, amountFen }, now)
    await buy(0, 'SG-0a', 60_000)
    await buy(0, 'SG-0b', 60_000)
    await buy(1, 'SG-1a', 10_000)
    await buy(1, 'SG-1b', 10_000)
    await buy(2, 'SG-2', 80_000)
    await buy(3, 'SG-3', 5_000)
    await s.checkout.refund(admin, { storeId: 'S001', orderId: 'SG-3', refundId: 'R1', amountFen: 5_000 }, now)
    await eventually(async () => {
      const f = await segmentsRepoOf(s.core).getFeatures(members[3]!.memberId)
      expect(f).toMatchObject({ purchasesTotal: 0, spendTotalFen: 0, lastPurchaseDate: today })
      expect(await segmentsRepoOf(s.core).getFeatures(members[5]!.memberId)).toBeDefined()
    }, 30_000)
  }, 120_000)
  afterAll(async () => {
    await reader.stop()
  })
  /** The jobs over this test's table, sending to `queue`; `budgetMs` 0 hands every page on. */
  const jobsOver = (queue: WorkQueue, budgetMs?: number) =>
    segmentJobs({
      segments: segmentsRepoOf(s.core),
      tiersRepo: tiersRepository(s.db),
      keeper: featuresKeeperOf(s.core),
      program: s.program,
      queue: () => queue,
      tx: s.tx,
      ...(budgetMs === undefined ? {} : { budgetMs }),
    })

  it('folds purchases into the record once, and a replayed event changes nothing', async () => {
    const repo = segmentsRepoOf(s.core)
    const f0 = await repo.getFeatures(members[0]!.memberId)
    expect(f0).toMatchObject({ purchasesTotal: 2, spendTotalFen: 120_000, stores: { S001: 2 }, nameMasked: '会*' })
    expect(f0!.pointsBalance).toBeGreaterThan(0)
    const keeper = featuresKeeperOf(s.core)
    const replay = {
      eventId: 'replayed-event',
      type: 'PurchaseRecorded' as const,
      payload: {
        memberId: members[0]!.memberId,
        storeId: 'S001',
        orderId: 'SG-0a',
        amountFen: 60_000,
        pointsEarned: 0,
        at: now.toISOString(),
      },
      occurredAt: now.toISOString(),
    }
    expect(await keeper.apply(replay)).toBe(true)
    expect(await keeper.apply(replay)).toBe(false)
    expect((await repo.getFeatures(members[0]!.memberId))!.purchasesTotal).toBe(3)
  })

  it('rebuilds a record from the ledgers as the events built it', async () => {
    const repo = segmentsRepoOf(s.core)
    const before = await repo.getFeatures(members[2]!.memberId)
    const keeper = featuresKeeper({
      segments: repo,
      events: eventsRepoOf(s.core),
      accounts: s.accounts,
      program: s.program,
      tx: s.tx,
      grantsOf: (memberId, rules) => messagingOf(s.core).grantsHeld(memberId, rules),
    })
    expect(await keeper.rebuild(members[2]!.memberId, new Date())).toBe(true)
    const after = await repo.getFeatures(members[2]!.memberId)
    const pick = (f: typeof before) => ({ ...f, version: 0, rebuiltAt: null })
    expect(pick(after)).toEqual(pick(before))
    expect(after!.rebuiltAt).not.toBeNull()
  })

  it('counts by a job with each shard message delivered twice exactly as in process', async () => {
    const { queue, sent } = recordingQueue()
    const jobs = jobsOver(queue, 0)
    const definition: SegmentGroup = { op: 'and', conditions: [{ field: 'spend12m', range: { min: 20_000 } }] }
    const params: CountParams = { definition, thresholds: DEFAULT_THRESHOLDS, quintiles: null, today, now: now.toISOString() }
    const inProcess = await jobs.countIn(await jobs.readAll(), params)
    expect(inProcess).toMatchObject({ size: 3, members: 6 })
    const job = await jobs.start('segment-count', params as unknown as Record<string, unknown>, now)
    const handler = jobs.handlers[0]!
    // Work the queue until it is empty, every message twice (budget 0: every page hands the rest on).
    while (sent.length > 0) {
      const m = sent.shift()!
      const parsed = handler.schema.parse(m) as WorkMessage
      await handler.handle(parsed, { queue })
      await handler.handle(parsed, { queue })
    }
    const done = await segmentsRepoOf(s.core).getJob(job.jobId)
    expect(done).toMatchObject({ status: 'done', shardsDone: 32 })
    expect({ ...(done!.result as object), countedAt: 0 }).toEqual({ ...inProcess, countedAt: 0 })
  })

  it('refreshes RFM in two phases and keeps each member its group of the month', async () => {
    const { queue, sent } = recordingQueue()
    const jobs = jobsOver(queue)
    const job = await jobs.start('rfm-refresh', { today, now: now.toISOString() }, now)
    while (sent.length > 0) await jobs.runShard(jobs.handlers[0]!.schema.parse(sent.shift()) as never)
    expect(await segmentsRepoOf(s.core).getJob(job.jobId)).toMatchObject({ status: 'done', phase: 2 })
    const stats = await segmentsRepoOf(s.core).getRfmStats()
    expect(stats).toMatchObject({ members: 6, month: today.slice(0, 7) })
    // Buyers in 12 months: 0 (3 purchases here, 180,000), 1 (2, 20,000), 2 (1, 80,000) → medians 2 purchases, ¥800.
    expect(stats!.medians).toEqual({ recencyDays: 1, frequency: 2, monetaryFen: 80_000 })
    const f0 = await segmentsRepoOf(s.core).getFeatures(members[0]!.memberId)
    expect(f0!.rfm).toEqual({ month: today.slice(0, 7), group: 'important_value' })
    expect((await segmentsRepoOf(s.core).getFeatures(members[4]!.memberId))!.rfm).toMatchObject({ group: 'prospect' })
  })

  it('drops an erased member', async () => {
    await privacyOf(s.core).erase(members[5]!.memberId, now)
    await eventually(async () => expect(await segmentsRepoOf(s.core).getFeatures(members[5]!.memberId)).toBeUndefined(), 30_000)
  })
})
