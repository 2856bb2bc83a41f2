/**
 * The console's reports over the local gateway: a year (365 days) of daily aggregates for a
 * program of 100,000 members over the demo stores is written straight into the table (the
 * reports read only aggregates), then each report is asked for the whole year, one request
 * at a time, and its p50/p95 printed (target ≤ 300 ms each).
 *
 * Part of `npm run bench`; on its own (its own stack on separate ports):
 *   npx tsx scripts/bench/reports.ts   (BENCH_REPORT_CALLS, BENCH_REPORT_DYNAMO_PORT / _API_PORT)
 */
import { REPORT_NAMES } from '@huiyuan/shared/reports/schemas'
import { DAY_COUNTERS, type Counters, type Target, TOTAL_COUNTERS } from '../../functions/src/reports/counters'
import { aggregatesRepository } from '../../functions/src/reports/repository'
import { addDays, calendarDate } from '../../functions/src/platform/clock'
import { buildServices } from '../../functions/src/platform/container'
import { makeDb } from '../../functions/src/platform/db'
import { reportsOf } from '../../functions/src/platform/wiring'
import { defaultProgramRules } from '../../functions/src/program/defaults'
import { DEMO_STORES, seedIfEmpty } from '../lib/seed'
import { ensureTable, log, startApi, startDynamo, type Started } from '../lib/stack'
import { fmt, percentile, post, runConcurrent, timed } from './lib'

const MEMBERS = 100_000
const DAYS = 365
const TEMPLATES = 40
/** Each demo store's share of the program's activity. */
const SHARES = [0.5, 0.3, 0.2]

/** Deterministic noise in [0.7, 1.3) so the figures look like a real year, and runs compare. */
const noise = (i: number) => 0.7 + (((Math.sin(i * 12.9898) * 43758.5453) % 1) + 1) * 0.3

/** One day of a program of MEMBERS members (or a share of it). */
function dayCounters(day: number, share: number): Counters {
  const n = (x: number) => Math.round(x * share * noise(day + x))
  const purchases = n(3_500)
  const salesFen = purchases * 32_000
  const issued = Math.round(salesFen / 100)
  const c: Record<string, number> = Object.fromEntries(DAY_COUNTERS.map((k) => [k, 0]))
  return {
    ...c,
    joins: n(MEMBERS / DAYS),
    erasures: n(1),
    activeMembers: n(4_200),
    purchases,
    salesFen,
    refunds: n(90),
    refundsFen: n(90) * 30_000,
    pointsIssued: issued + n(9_000),
    pointsFromPurchases: issued,
    pointsFromCheckins: n(9_000),
    pointsRedeemed: n(250_000),
    pointsExpired: n(120_000),
    pointsReversed: n(9_000),
    couponsIssued: n(900),
    couponsRedeemed: n(320),
    discountFen: n(320) * 1_800,
    checkins: n(1_800),
    rewardsExchanged: n(60),
    tierUps: n(25),
    tierDowns: n(2),
  }
}

/** A year of aggregates for the program and each demo store, the totals, tiers and templates. */
export async function writeYearOfAggregates(dynamoPort: number, tableName: string, today: string): Promise<number> {
  const agg = aggregatesRepository(makeDb({ tableName, endpoint: `http://127.0.0.1:${dynamoPort}` }))
  const writes: Array<[Target, string, Counters]> = []
  const scopes = [{ scope: 'ALL', share: 1 }, ...DEMO_STORES.map((s, i) => ({ scope: `STORE#${s.storeId}`, share: SHARES[i] ?? 0.1 }))]
  for (const { scope, share } of scopes) {
    // The days, and each month's sums of them (what the consumer keeps beside each day).
    const months = new Map<string, Counters>()
    for (let d = 0; d < DAYS; d++) {
      const date = addDays(today, -d)
      const counters = dayCounters(d, share)
      writes.push([{ kind: 'day', scope }, date, counters])
      const month = months.get(date.slice(0, 7)) ?? {}
      for (const [k, v] of Object.entries(counters)) month[k] = (month[k] ?? 0) + v
      months.set(date.slice(0, 7), month)
    }
    for (const [month, counters] of months) {
      const distinct = Math.round(38_000 * share * noise(Number(month.slice(5))))
      writes.push([{ kind: 'month', scope }, `${month}-01`, { ...counters, activeMembers: distinct }])
    }
    const members = Math.round(MEMBERS * share)
    writes.push([
      { kind: 'total', scope },
      today,
      {
        ...Object.fromEntries(TOTAL_COUNTERS.map((k) => [k, 0])),
        members,
        purchases: members * 12,
        salesFen: members * 12 * 32_000,
        refundsFen: members * 12 * 800,
        pointsIssued: members * 4_000,
        pointsRedeemed: members * 1_400,
        pointsExpired: members * 900,
        pointsReversed: members * 100,
        pointsOutstanding: members * 1_600,
      },
    ])
  }
  for (const [tierCode, members] of [
    ['normal', 85_000],
    ['silver', 12_000],
    ['gold', 3_000],
  ] as const)
    writes.push([{ kind: 'tier', tierCode }, today, { members }])
  for (let t = 0; t < TEMPLATES; t++) {
    const issued = Math.round(8_000 * noise(t))
    writes.push([
      { kind: 'template', templateId: `TBENCH${String(t).padStart(3, '0')}` },
      today,
      {
        issued,
        redeemed: Math.round(issued * 0.35),
        discountFen: Math.round(issued * 0.35) * 1_800,
      },
    ])
  }
  await runConcurrent(writes.length, 16, (i) => agg.putAggregate(...writes[i]!))
  return writes.length
}

async function get(url: string, token: string) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  await res.arrayBuffer()
  return res.status
}

const p = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

export interface ReportFigures {
  name: string
  /** The reports service in this process (its DynamoDB reads and the report's arithmetic). */
  service: { p50: number; p95: number }
  /** The whole request through the local gateway (auth, the access check, the response schema). */
  http: { p50: number; p95: number }
}

/** p50/p95 of each report over a year, one request at a time: the service itself, and over HTTP. */
export async function benchReports(api: string, dynamoPort: number, tableName: string, calls = 30): Promise<ReportFigures[]> {
  const today = calendarDate(new Date(), defaultProgramRules().timeZone)
  const items = await writeYearOfAggregates(dynamoPort, tableName, today)
  log(`wrote ${items} aggregate items (${DAYS} days × ${DEMO_STORES.length + 1} scopes, ${MEMBERS.toLocaleString('en')} members)`)
  const token = (await post(`${api}/v1/auth/wechat`, undefined, { code: 'dev:admin' })).body.token as string
  const reports = reportsOf(buildServices(makeDb({ tableName, endpoint: `http://127.0.0.1:${dynamoPort}` })).core)
  const admin = { openid: 'bench', memberId: null, roles: ['admin' as const], storeIds: [] }
  const from = addDays(today, -(DAYS - 1))
  const out: ReportFigures[] = []
  for (const name of REPORT_NAMES) {
    const url = `${api}/v1/admin/reports/${name}?from=${from}&to=${today}`
    if ((await get(url, token)) !== 200) throw new Error(`report ${name} failed`)
    const service: number[] = []
    const http: number[] = []
    for (let i = 0; i < calls; i++) {
      service.push((await timed(() => reports.report(admin, name, { from, to: today }, new Date()))).ms)
      const { ms, value } = await timed(() => get(url, token))
      if (value !== 200) throw new Error(`report ${name}: ${value}`)
      http.push(ms)
    }
    out.push({ name, service: p(service), http: p(http) })
  }
  return out
}

export const reportLine = (r: ReportFigures, calls: number) =>
  `report ${r.name.padEnd(16)} ${DAYS} days, ${MEMBERS.toLocaleString('en')} members, ${calls} calls: service p50 ${fmt(r.service.p50)}  p95 ${fmt(r.service.p95)}; over HTTP p50 ${fmt(r.http.p50)}  p95 ${fmt(r.http.p95)}  (target 300 ms)`

async function main() {
  process.env.STAGE = 'local'
  const ports = {
    dynamo: Number(process.env.BENCH_REPORT_DYNAMO_PORT ?? 8210),
    api: Number(process.env.BENCH_REPORT_API_PORT ?? 3210),
  }
  const calls = Number(process.env.BENCH_REPORT_CALLS ?? 30)
  const started: Started[] = []
  try {
    started.push(await startDynamo({ port: ports.dynamo, quiet: true }))
    const table = await ensureTable(ports.dynamo)
    await seedIfEmpty({ dynamoPort: ports.dynamo, tableName: table })
    started.push(
      await startApi({
        apiPort: ports.api,
        lambdaPort: ports.api + 2,
        dynamoPort: ports.dynamo,
        queuePort: ports.dynamo + 2,
        quiet: true,
        esbuildDir: `.esbuild-${ports.api}`,
      }),
    )
    const lines = (await benchReports(`http://127.0.0.1:${ports.api}`, ports.dynamo, table, calls)).map((r) => reportLine(r, calls))
    process.stdout.write(`\n${lines.join('\n')}\n\n`)
  } finally {
    for (const s of started.reverse()) await s.stop()
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
