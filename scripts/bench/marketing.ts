/**
 * Precision marketing at 100,000 members (BENCH_MARKETING_MEMBERS), on DynamoDB Local and the
 * local work queue, with the same handlers the `work` Lambda runs:
 *  1. seeds the members deterministically — profile, tier, points account, a year of
 *     purchases with items — straight into the table (the ledgers a rebuild reads);
 *  2. rebuilds every member's features from those ledgers (a job over the members index);
 *  3. counts a segment by a count job over the 32 features shards (target ≤ 60 s);
 *  4. refreshes RFM (two phases);
 *  5. launches a campaign with a coupon, a budget of half the audience and a 5 % control
 *     group, and times launch → last send (sends/s, DynamoDB round trips per member);
 *  6. checks at that size: the control share (5 % ± 0.5 %), the budget (never exceeded), the
 *     cap (a second message over a cap of 1 is suppressed for everyone) and quiet hours (a
 *     send due in them is deferred, not sent).
 *
 * Part of `npm run bench`; on its own: `npx tsx scripts/bench/marketing.ts`
 *   (BENCH_MARKETING_MEMBERS, BENCH_MARKETING_DYNAMO_PORT)
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { SegmentGroup } from '@huiyuan/shared/segments/schemas'
import type { AuthContext } from '../../functions/src/platform/auth'
import { addDays, calendarDate } from '../../functions/src/platform/clock'
import { readConfig } from '../../functions/src/platform/config'
import { makeDb } from '../../functions/src/platform/db'
import { coreKeys, ENTITY, keys } from '../../functions/src/platform/keys'
import { startLocalQueueServer, startQueuePoller } from '../../functions/src/platform/queue/localQueue'
import { campaignsOf, couponsOf, makeCore, programOf, segmentsOf, workDispatcherOf } from '../../functions/src/platform/wiring'
import type { defaultProgramRules } from '../../functions/src/program/defaults'
import { seedIfEmpty } from '../lib/seed'
import { ensureTable, log, startDynamo, type Started } from '../lib/stack'
import { runConcurrent } from './lib'

const MEMBERS = Number(process.env.BENCH_MARKETING_MEMBERS ?? 100_000)
const DYNAMO_PORT = Number(process.env.BENCH_MARKETING_DYNAMO_PORT ?? 8250)
const STORES = ['S001', 'S002', 'S003']
const CATEGORIES = ['咖啡', '烘焙', '咖啡豆', '周边', '饮品']
const admin: AuthContext = { openid: 'bench', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }
const DAY = 86_400_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** Deterministic noise in [0, 1) per (member, salt). */
const rnd = (i: number, salt: number) => {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453
  return x - Math.floor(x)
}

/** One synthetic member's items: profile, tier state (the members index), points account, purchases. */
function memberItems(i: number, now: Date) {
  const memberId = `BM${String(i).padStart(7, '0')}`
  const joinedAt = new Date(now.getTime() - (30 + Math.floor(rnd(i, 1) * 700)) * DAY)
  const store = STORES[i % 3]!
  const visits = rnd(i, 2) < 0.15 ? 0 : Math.floor(1 + rnd(i, 3) ** 2 * 14)
  const lapsedDays = rnd(i, 4) < 0.3 ? 120 + Math.floor(rnd(i, 5) * 200) : Math.floor(rnd(i, 6) * 60)
  const items: Record<string, unknown>[] = []
  let points = 0
  for (let v = 0; v < visits; v++) {
    const at = new Date(Math.max(joinedAt.getTime() + DAY, now.getTime() - (lapsedDays + Math.floor(rnd(i * 31 + v, 7) * 300)) * DAY))
    const amountFen = 2_000 + Math.floor(rnd(i * 31 + v, 8) * 58_000)
    const date = calendarDate(at, 'Asia/Shanghai')
    const orderId = `BO${i}-${v}`
    points += Math.floor(amountFen / 100)
    items.push({
      ...keys.purchase(memberId, at.toISOString(), store, orderId, date),
      entity: ENTITY.purchase,
      kind: 'purchase',
      memberId,
      storeId: store,
      orderId,
      amountFen,
      points: Math.floor(amountFen / 100),
      items: [{ sku: 'X', category: CATEGORIES[(i + v) % CATEGORIES.length], unitPriceFen: amountFen, qty: 1 }],
      date,
      createdAt: at.toISOString(),
    })
  }
  const month = calendarDate(now, 'Asia/Shanghai').slice(0, 7)
  items.push(
    {
      ...keys.member(memberId),
      entity: ENTITY.member,
      memberId,
      cardNo: `9${String(i).padStart(9, '0')}`,
      name: `会员${i}`,
      joinStoreId: store,
      joinChannel: 'store_qr',
      joinedAt: joinedAt.toISOString(),
      birthday: `${1965 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      gender: i % 3 === 0 ? 'male' : 'female',
      marketingConsent: i % 7 !== 0,
    },
    {
      ...coreKeys.tierState(memberId),
      ...coreKeys.memberShardIndex(memberId),
      entity: ENTITY.tierState,
      memberId,
      tierCode: 'normal',
      version: 1,
    },
    {
      ...coreKeys.account(memberId, 'points'),
      entity: ENTITY.account,
      memberId,
      kind: 'points',
      balance: points,
      debt: 0,
      version: 1,
      lots: points > 0 ? { [month]: { remaining: points, expiresOn: addDays(calendarDate(now, 'Asia/Shanghai'), 200) } } : {},
    },
  )
  return items
}

async function seedMembers(db: ReturnType<typeof makeDb>, now: Date): Promise<number> {
  let written = 0
  const CHUNK = 200
  await runConcurrent(Math.ceil(MEMBERS / CHUNK), 6, async (c) => {
    const items = Array.from({ length: Math.min(CHUNK, MEMBERS - c * CHUNK) }, (_, k) => memberItems(c * CHUNK + k, now)).flat()
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }))
      while (pending.length > 0) {
        const out = await db.client.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }))
        pending = (out.UnprocessedItems?.[db.tableName] ?? []) as typeof pending
        if (pending.length > 0) await sleep(20)
      }
    }
    written += items.length
    if (c % 50 === 0) log(`  seeded ${Math.min(MEMBERS, (c + 1) * CHUNK).toLocaleString()} members…`)
  })
  return written
}

export async function benchMarketing(): Promise<string[]> {
  process.env.STAGE = 'local'
  const lines: string[] = []
  const say = (line: string) => {
    lines.push(line)
    log(line)
  }
  const started: Started[] = []
  try {
    const queue = await startLocalQueueServer({ port: 0 })
    started.push({ stop: queue.stop })
    // Before anything reads the configuration: the count always runs as a job here (the path
    // of a large program), and rules changes are seen at once.
    process.env.WORK_QUEUE_URL = queue.workQueueUrl
    process.env.SEGMENT_INLINE_MAX_MEMBERS = '0'
    process.env.PROGRAM_CACHE_SECONDS = '1'
    started.push(await startDynamo({ port: DYNAMO_PORT, quiet: true }))
    const tableName = await ensureTable(DYNAMO_PORT)
    await seedIfEmpty({ dynamoPort: DYNAMO_PORT, tableName })
    const db = makeDb({ tableName, endpoint: `http://127.0.0.1:${DYNAMO_PORT}` })
    let calls = 0
    db.client.middlewareStack.add(
      (next) => (args) => {
        calls++
        return next(args)
      },
      { step: 'initialize', name: 'countRoundTrips' },
    )
    const core = makeCore(db, { config: readConfig(process.env) })
    const poller = startQueuePoller({
      queueUrl: queue.workQueueUrl,
      deadLetterQueueUrl: queue.deadLetterQueueUrl,
      handler: (event) => workDispatcherOf(core).handler(event),
      receivers: 4,
    })
    started.push({ stop: poller.stop })
    const segments = segmentsOf(core)
    const campaigns = campaignsOf(core)
    const seconds = (t0: number) => (Date.now() - t0) / 1000
    const untilDone = async (jobId: string) => {
      for (;;) {
        const j = await segments.getJob(jobId)
        if (j.status === 'done') return j
        await sleep(500)
      }
    }

    const now = new Date()
    log(`seeding ${MEMBERS.toLocaleString()} members with a year of purchases…`)
    let t0 = Date.now()
    const items = await seedMembers(db, now)
    say(`marketing: seeded ${MEMBERS.toLocaleString()} members (${items.toLocaleString()} items) in ${seconds(t0).toFixed(0)} s`)

    t0 = Date.now()
    const rebuild = await untilDone((await segments.startJob(admin, 'features-rebuild', new Date())).jobId)
    const rebuildS = seconds(t0)
    say(`marketing: features rebuild from the ledgers: ${rebuildS.toFixed(0)} s (${(rebuild.processed / rebuildS).toFixed(0)} members/s)`)

    const definition: SegmentGroup = {
      op: 'and',
      conditions: [
        {
          field: 'rfmGroup',
          in: ['important_value', 'important_keep', 'important_develop', 'important_retain', 'general_value', 'general_keep'],
        },
        { field: 'marketingConsent', is: true },
      ],
    }
    t0 = Date.now()
    const preview = await segments.preview(definition, new Date())
    const counted = await untilDone(preview.jobId!)
    say(
      `marketing: segment count by job over 32 shards: ${seconds(t0).toFixed(1)} s for ${counted.count!.members.toLocaleString()} members → ${counted.count!.size.toLocaleString()} match (target ≤ 60 s)`,
    )

    t0 = Date.now()
    await untilDone((await segments.startJob(admin, 'rfm-refresh', new Date())).jobId)
    say(`marketing: RFM refresh (two phases, each member's group kept): ${seconds(t0).toFixed(0)} s`)

    // Quiet hours away from now; the default cap of 2.
    const setMarketing = async (over: Partial<ReturnType<typeof defaultProgramRules>['marketing']>) => {
      const record = await programOf(core).getRecord()
      await programOf(core).putRules({ ...record.rules, marketing: { ...record.rules.marketing, ...over } }, new Date())
      await sleep(1_200)
    }
    const clock = (minutes: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(Date.now() + minutes * 60_000),
      )
    await setMarketing({ quietHours: { from: clock(6 * 60), to: clock(7 * 60) }, maxMessagesPer7Days: 2 })

    const everyone = await segments.create(
      admin,
      { name: '全部买过的会员', definition: { op: 'and', conditions: [{ field: 'purchases12m', range: { min: 1 } }] } },
      new Date(),
    )
    const template = await couponsOf(core).createTemplate(
      {
        name: '压测券',
        kind: 'cash_off',
        valueFen: 1_000,
        thresholdFen: 5_000,
        validity: { type: 'relative', days: 14 },
        totalStock: null,
        perMemberLimit: 9,
      },
      new Date(),
    )
    const audience = (await segments.previewSaved(everyone.segmentId, new Date())).jobId
    const size = (await untilDone(audience!)).count!.size
    const budget = Math.floor(size / 2)
    const c = await campaigns.create(
      admin,
      {
        name: '压测活动',
        goal: 'retain',
        segmentId: everyone.segmentId,
        offer: { templateId: template.templateId },
        message: { title: '老朋友专享礼', body: '送您一张满减券', wechat: false },
        schedule: { type: 'now' },
        maxCoupons: budget,
        attributionDays: 14,
        holdoutPct: 5,
      },
      new Date(),
    )
    const calls0 = calls
    t0 = Date.now()
    await campaigns.launch(admin, c.campaignId, new Date())
    let done = await campaigns.get(c.campaignId)
    while (done.status !== 'done') {
      await sleep(1_000)
      done = await campaigns.get(c.campaignId)
    }
    const sendS = seconds(t0)
    const p = done.progress
    say(
      `marketing: campaign to ${p.planned.toLocaleString()} members, launch → last send ${sendS.toFixed(0)} s (${(p.processed / sendS).toFixed(0)} members/s; ${((calls - calls0) / p.processed).toFixed(2)} DynamoDB round trips per member, freezing and counting included)`,
    )
    const share = p.suppressed.holdout / p.planned
    say(
      `marketing: control group ${(share * 100).toFixed(2)} % of ${p.planned.toLocaleString()} (target 5 % ± 0.5 %): ${Math.abs(share - 0.05) <= 0.005 ? 'holds' : 'FAILS'}`,
    )
    say(
      `marketing: budget ${budget.toLocaleString()} coupons → ${p.couponsIssued.toLocaleString()} issued, ${p.suppressed.budget_exhausted.toLocaleString()} past the budget: ${p.couponsIssued <= budget ? 'never exceeded' : 'EXCEEDED'}`,
    )

    // The cap at 1: every member who got the first message is suppressed by a second.
    await setMarketing({ maxMessagesPer7Days: 1 })
    const second = await campaigns.create(
      admin,
      {
        name: '压测频控',
        goal: 'other',
        segmentId: everyone.segmentId,
        offer: null,
        message: { title: '第二条', body: '频控测试', wechat: false },
        schedule: { type: 'now' },
        maxCoupons: null,
        attributionDays: 7,
        holdoutPct: 0,
      },
      new Date(),
    )
    await campaigns.launch(admin, second.campaignId, new Date())
    let s2 = await campaigns.get(second.campaignId)
    while (s2.status !== 'done') {
      await sleep(1_000)
      s2 = await campaigns.get(second.campaignId)
    }
    say(
      `marketing: cap 1 per 7 days, second message: ${s2.progress.suppressed.cap.toLocaleString()} suppressed by the cap, ${s2.progress.sent.toLocaleString()} sent (${p.sent.toLocaleString()} got the first): ${s2.progress.suppressed.cap >= p.sent ? 'holds' : 'FAILS'}`,
    )

    // Quiet hours around now: the sends wait.
    await setMarketing({ maxMessagesPer7Days: 2, quietHours: { from: clock(-1), to: clock(60) } })
    const third = await campaigns.create(
      admin,
      {
        name: '压测免打扰',
        goal: 'other',
        segmentId: everyone.segmentId,
        offer: null,
        message: { title: '第三条', body: '免打扰测试', wechat: false },
        schedule: { type: 'now' },
        maxCoupons: null,
        attributionDays: 7,
        holdoutPct: 0,
      },
      new Date(),
    )
    await campaigns.launch(admin, third.campaignId, new Date())
    let s3 = await campaigns.get(third.campaignId)
    while (s3.progress.deferred < s3.progress.planned || s3.progress.planned === 0) {
      await sleep(1_000)
      s3 = await campaigns.get(third.campaignId)
    }
    say(
      `marketing: quiet hours: ${s3.progress.deferred.toLocaleString()} of ${s3.progress.planned.toLocaleString()} deferred, ${s3.progress.sent} sent: ${s3.progress.sent === 0 ? 'holds' : 'FAILS'}`,
    )
    await campaigns.pause(admin, third.campaignId, new Date())
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined)
  }
  return lines
}

if (process.argv[1]?.endsWith('marketing.ts'))
  benchMarketing().then(
    (lines) => {
      process.stdout.write(`\n=== Huiyuan marketing benchmark (${new Date().toISOString()}) ===\n${lines.join('\n')}\n\n`)
      process.exit(0)
    },
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
