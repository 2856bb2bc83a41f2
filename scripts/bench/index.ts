/**
 * `npm run bench`: starts its own local stack on separate ports (in-memory DynamoDB
 * Local + serverless-offline) and prints figures:
 *  - local p50/p99 of POST /v1/me/checkins over 1,000 calls (1,000 members, concurrency 10),
 *  - local p50/p99 of POST /v1/staff/purchases over 1,000 calls (concurrency 10, a cashier,
 *    100 members, each sale with a freshly fetched dynamic code),
 *  - p50/p95 of each console report over a year of daily aggregates for 100,000 members
 *    (the reports service, and over HTTP; scripts/bench/reports.ts),
 *  - the weapp main package size; DynamoDB round trips per operation; each Lambda
 *    function's zip size and module init time (scripts/bench/backbone.ts),
 *  - the H5 app's JS over the wire in headless Chromium (as the static server sends it,
 *    brotli): the home page's first load, and every member page opened in one visit,
 *  - the console's JS over the wire (gzip): the sign-in page, the signed-in first load,
 *    and every area opened in one visit.
 * Sizes and latencies are printed, never asserted: this is a measurement, not a test.
 * BENCH_CALLS and BENCH_CONCURRENCY change the load.
 */
import os from 'node:os'
import { ensureTable, log, startApi, startDynamo, type Started } from '../lib/stack'
import { seedIfEmpty } from '../lib/seed'
import { buildMiniprogram, weappPackageSizes } from '../lib/h5'
import { lambdaFigures, roundTrips } from './backbone'
import { measureH5Weight } from '../lib/h5Weight'
import { serveH5 } from '../lib/static'
import { buildConsole } from '../lib/console'
import { measureConsoleWeight } from '../lib/consoleWeight'
import { fmt, percentile, post, runConcurrent, timed } from './lib'
import { benchMarketing } from './marketing'
import { benchReports, reportLine } from './reports'

const CALLS = Number(process.env.BENCH_CALLS ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10)
const REPORT_CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 30)
const PORTS = { dynamo: 8200, api: 3200, lambda: 3202, h5: 10200, console: 10201 }

async function benchCheckins(api: string) {
  log(`preparing ${CALLS} members…`)
  const tokens = await runConcurrent(CALLS, CONCURRENCY, async (i) => {
    const s = await post(`${api}/v1/auth/wechat`, undefined, { code: `dev:bench-${Date.now()}-${i}` })
    const j = await post(`${api}/v1/members`, s.body.token, {
      storeId: 'S001',
      name: `压测${i}`,
      mobile: `138${String(i).padStart(8, '0')}`,
      birthday: '1990-01-01',
      gender: 'undisclosed',
      privacyConsentVersion: '2026-11',
    })
    if (j.status !== 201) throw new Error(`join failed: ${JSON.stringify(j.body)}`)
    return j.body.session.token as string
  })
  log(`POST /v1/me/checkins × ${CALLS} (concurrency ${CONCURRENCY})…`)
  const started = Date.now()
  const samples = await runConcurrent(CALLS, CONCURRENCY, async (i) => {
    const { ms, value } = await timed(() => post(`${api}/v1/me/checkins`, tokens[i]))
    if (value.status !== 201) throw new Error(`check-in failed: ${value.status}`)
    return ms
  })
  const wall = (Date.now() - started) / 1000
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), rps: CALLS / wall, tokens }
}

async function benchPurchases(api: string, memberTokens: string[]) {
  const cashier = (await post(`${api}/v1/auth/wechat`, undefined, { code: 'dev:cashier' })).body.token as string
  const shoppers = memberTokens.slice(0, 100)
  const codeOf = async (token: string) => {
    const res = await fetch(`${api}/v1/me/code`, { headers: { authorization: `Bearer ${token}` } })
    return ((await res.json()) as { code: string }).code
  }
  const run = `B${Date.now()}`
  log(`POST /v1/staff/purchases × ${CALLS} (concurrency ${CONCURRENCY})…`)
  const started = Date.now()
  const samples = await runConcurrent(CALLS, CONCURRENCY, async (i) => {
    // Codes live 60 s: each sale shows a freshly fetched one (outside the timed call).
    const memberCode = await codeOf(shoppers[i % shoppers.length]!)
    const body = { memberCode, storeId: 'S001', orderId: `${run}-${i}`, amountFen: 1_000 + (i % 50) * 137 }
    const { ms, value } = await timed(() => post(`${api}/v1/staff/purchases`, cashier, body))
    if (value.status !== 201) throw new Error(`purchase failed: ${value.status} ${JSON.stringify(value.body)}`)
    return ms
  })
  const wall = (Date.now() - started) / 1000
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), rps: CALLS / wall }
}

async function main() {
  // A local stack: stage local.
  process.env.STAGE = 'local'
  const started: Started[] = []
  const lines: string[] = []
  const report = {
    push: (line: string) => {
      lines.push(line)
      log(line)
    },
  }
  try {
    started.push(await startDynamo({ port: PORTS.dynamo, quiet: true }))
    const table = await ensureTable(PORTS.dynamo)
    await seedIfEmpty({ dynamoPort: PORTS.dynamo, tableName: table })
    started.push(
      await startApi({ apiPort: PORTS.api, lambdaPort: PORTS.lambda, dynamoPort: PORTS.dynamo, queuePort: PORTS.dynamo + 2, quiet: true }),
    )
    const api = `http://127.0.0.1:${PORTS.api}`

    const c = await benchCheckins(api)
    report.push(
      `POST /v1/me/checkins     ${CALLS} calls, concurrency ${CONCURRENCY}: p50 ${fmt(c.p50)}  p99 ${fmt(c.p99)}  (${c.rps.toFixed(0)} req/s)`,
    )
    const p = await benchPurchases(api, c.tokens)
    report.push(
      `POST /v1/staff/purchases ${CALLS} calls, concurrency ${CONCURRENCY}: p50 ${fmt(p.p50)}  p99 ${fmt(p.p99)}  (${p.rps.toFixed(0)} req/s)`,
    )
    for (const r of await benchReports(api, PORTS.dynamo, table, REPORT_CALLS)) report.push(reportLine(r, REPORT_CALLS))

    const weapp = buildMiniprogram('weapp')
    const { main } = weappPackageSizes(weapp)
    report.push(`weapp main package: ${(main / 1024).toFixed(1)} KB (WeChat limit 2048 KB; budget 600 KB)`)

    const h5 = await serveH5({ port: PORTS.h5, root: buildMiniprogram('h5'), apiUrl: api })
    started.push(h5)
    const w = await measureH5Weight(h5.url)
    report.push(
      `H5 home page, first load: ${(w.homeJs / 1024).toFixed(1)} KB of JS over the wire (${w.homeFiles.length} files; budget 200 KB)`,
    )
    report.push(
      `H5 all ${w.pages.length} member pages in one visit: ${(w.allPagesJs / 1024).toFixed(1)} KB of JS over the wire (${w.allFiles.length} files; target 400 KB)`,
    )

    const consoleServer = await serveH5({ port: PORTS.console, root: buildConsole({ devSignIn: true }), apiUrl: api })
    started.push(consoleServer)
    const cw = await measureConsoleWeight(consoleServer.url)
    report.push(`console sign-in page, first load: ${(cw.loginJs / 1024).toFixed(1)} KB of JS over the wire`)
    report.push(
      `console signed in (frame + 概览), first load: ${(cw.firstLoadJs / 1024).toFixed(1)} KB of JS over the wire (${cw.firstLoadFiles.length} files; budget 400 KB)`,
    )
    report.push(`console all ${cw.areas.length} areas in one visit: ${(cw.allAreasJs / 1024).toFixed(1)} KB of JS over the wire`)

    for (const [op, n] of await roundTrips(PORTS.dynamo, table))
      report.push(
        op === 'checkout items'
          ? `DynamoDB items in that checkout's transaction: ${n} (of 100)`
          : `DynamoDB round trips: ${op.padEnd(21)} ${n}`,
      )
    for (const f of lambdaFigures()) {
      report.push(
        `Lambda ${f.name.padEnd(13)} ${f.zipKb.toFixed(1).padStart(6)} KB zipped (${f.jsKb.toFixed(0)} KB of JS)  init ${f.initMs.toFixed(1)} ms (median of 10 cold requires, AWS SDK excluded)`,
      )
    }
  } finally {
    for (const s of started.reverse()) await s.stop()
  }
  // Precision marketing at 100,000 members (its own DynamoDB Local and work queue).
  for (const line of await benchMarketing()) lines.push(line)
  process.stdout.write(`\n=== Huiyuan benchmark (${new Date().toISOString()}, ${os.cpus().length} cores) ===\n${lines.join('\n')}\n\n`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
