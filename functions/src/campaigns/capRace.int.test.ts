/**
 * Races across processes: two campaigns to the same members, their chunks sent at the same
 * moment by two worker processes over one DynamoDB Local.
 *  - With a cap of one marketing message a week, every member gets exactly one of the two;
 *    the other is recorded as `cap`.
 *  - With WeChat on and one 会员活动通知 grant each, every member's grant is spent by exactly
 *    one of the two; the other still sends the inbox notice and counts `no_grant`.
 * Both are conditional writes on the member's items, not a lock in any process.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import type { AuthContext } from '../platform/auth'
import type { Db } from '../platform/db'
import type { WorkMessage, WorkQueue } from '../platform/queue/work'
import { inboxRepository } from '../inbox/repository'
import { localMessagingRules } from '../program/defaults'
import { campaignsRepoOf, messagingOf, segmentsOf, segmentsRepoOf } from '../platform/wiring'
import { eventually, joinInput, memberCodeAt, seededServices, startConsumers } from '../testing/fixtures'
import { freshTable } from '../testing/table'
import { AUDIENCE_WORK, CHUNK_WORK, campaignSender } from './send'
import { campaignsService } from './service'

const admin: AuthContext = { openid: 'admin', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }
const MEMBERS = 30
type Services = Awaited<ReturnType<typeof seededServices>>
const ROOT = path.resolve(__dirname, '../../..')

/** HH:MM in the program's zone, `hours` from now. */
const clock = (hours: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + hours * 3_600_000),
  )

/** A worker process sending the given chunks; resolves when it is done. */
const worker = (db: Db, chunks: WorkMessage[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'functions/src/testing/chunkWorker.ts'), JSON.stringify(chunks)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          STAGE: 'local',
          LOG_LEVEL: 'ERROR',
          PROGRAM_CACHE_SECONDS: '1',
          TABLE_NAME: db.tableName,
          DYNAMODB_ENDPOINT: process.env.HUIYUAN_TEST_TABLES_ENDPOINT!,
          NODE_OPTIONS: '--disable-warning=NodeVersionSupportWarning',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let err = ''
    child.stderr.on('data', (d) => {
      err += d
    })
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${err.slice(-2000)}`))))
  })

/**
 * Two campaigns (WeChat on or off) to the same members, launched here and their chunks sent at
 * once by two worker processes; `prepare` runs for each member after joining. Their records.
 */
const raceTwoCampaigns = async (
  name: string,
  opts: { capPer7Days: number; wechat: boolean; prepare?: (s: Services, memberId: string, i: number) => Promise<void> },
) => {
  const db = await freshTable(name, { stream: true })
  const s = await seededServices(db)
  const reader = startConsumers(db, s, { analytics: true })
  try {
    const now = new Date()
    const rules = await s.program.getRules()
    // Quiet hours far from now, so the workers send at once.
    await s.program.putRules(
      {
        ...rules,
        marketing: { ...rules.marketing, maxMessagesPer7Days: opts.capPer7Days, quietHours: { from: clock(6), to: clock(7) } },
        messaging: localMessagingRules(),
      },
      now,
    )
    const memberIds: string[] = []
    for (let i = 0; i < MEMBERS; i++) {
      const m = await s.membersService.join(`${name}-${i}`, joinInput({ marketingConsent: true }), now)
      await s.purchases.record(
        admin,
        { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', orderId: `${name}-${i}`, amountFen: 44_400 },
        now,
      )
      await opts.prepare?.(s, m.memberId, i)
      memberIds.push(m.memberId)
    }
    const seg = await segmentsOf(s.core).create(
      admin,
      { name, definition: { op: 'and', conditions: [{ field: 'spend12m', range: { min: 44_400, max: 44_400 } }] } },
      now,
    )
    await eventually(async () => {
      const p = await segmentsOf(s.core).previewSaved(seg.segmentId, new Date())
      expect(p.count?.size).toBe(MEMBERS)
    }, 60_000)

    // Two campaigns launched, their audiences frozen here; their chunks collected from the queue.
    const sent: WorkMessage[] = []
    const queue: WorkQueue = { send: async (m) => void sent.push(...m) }
    const sender = campaignSender({
      campaigns: campaignsRepoOf(s.core),
      segments: segmentsRepoOf(s.core),
      coupons: s.coupons,
      inbox: inboxRepository(s.db),
      messaging: messagingOf(s.core),
      program: s.program,
      queue: () => queue,
      tx: s.tx,
    })
    const service = campaignsService({
      campaigns: campaignsRepoOf(s.core),
      segments: segmentsRepoOf(s.core),
      segmentsService: segmentsOf(s.core),
      templates: s.couponsRepo,
      sender,
      program: s.program,
      audit: s.audit,
      tx: s.tx,
    })
    const ids: string[] = []
    for (const title of ['甲', '乙']) {
      const c = await service.create(
        admin,
        {
          name: title,
          goal: 'retain',
          segmentId: seg.segmentId,
          offer: null,
          message: { title, body: title, wechat: opts.wechat },
          schedule: { type: 'now' },
          maxCoupons: null,
          attributionDays: 7,
          holdoutPct: 0,
        },
        now,
      )
      await service.launch(admin, c.campaignId, now)
      ids.push(c.campaignId)
    }
    for (const m of sent.splice(0).filter((x) => x.kind === AUDIENCE_WORK))
      await sender.freeze({ campaignId: String(m.campaignId), shard: Number(m.shard), seq: 0, pending: [], members: 0 })
    const chunks = (id: string) => sent.filter((m) => m.kind === CHUNK_WORK && m.campaignId === id)

    await Promise.all([worker(db, chunks(ids[0]!)), worker(db, chunks(ids[1]!))])

    const [a, b] = await Promise.all(ids.map((id) => campaignsRepoOf(s.core).get(id)))
    return { s, memberIds, a: a!.counters, b: b!.counters }
  } finally {
    await reader.stop()
  }
}

describe('races across worker processes', () => {
  it('the 7-day cap: each member gets one of two campaigns sent at once by two processes', async () => {
    const { a, b } = await raceTwoCampaigns('caprace', { capPer7Days: 1, wechat: false })
    expect(a.processed + b.processed).toBe(2 * MEMBERS)
    expect(a.sent + b.sent).toBe(MEMBERS)
    expect(a.cap + b.cap).toBe(MEMBERS)
  }, 240_000)

  it("a member's last WeChat grant: spent by exactly one of two campaigns sent at once by two processes", async () => {
    const { s, memberIds, a, b } = await raceTwoCampaigns('grantrace', {
      capPer7Days: 2,
      wechat: true,
      // Each member accepts 会员活动通知 once: one grant held.
      prepare: (s, memberId, i) =>
        messagingOf(s.core)
          .record(memberId, { results: [{ templateId: 'local-member-activity', result: 'accept' }] }, `grant-${i}`, new Date())
          .then(() => undefined),
    })
    expect(a.sent + b.sent).toBe(2 * MEMBERS)
    expect(a.wechat + b.wechat).toBe(MEMBERS)
    expect(a.no_grant + b.no_grant).toBe(MEMBERS)
    for (const memberId of memberIds)
      expect((await messagingOf(s.core).mine(memberId)).templates.find((t) => t.purpose === 'memberActivity')?.held).toBe(0)
  }, 240_000)
})
