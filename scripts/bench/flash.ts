/**
 * `npm run bench:flash`: a flash offer through the local HTTP gateway.
 * N members (BENCH_MEMBERS, default 5,000) claim an offer with stock S (BENCH_STOCK,
 * default 1,000) at concurrency C (BENCH_CONCURRENCY, default 50); 10% of them double-tap.
 * Prints claims/s, successes (must equal S), oversell (must be 0), members over the limit
 * (must be 0), writes per attempt after the sell-out, and the busiest partition key's share
 * of writes (stock spread over shards). Figures, not assertions.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ulid } from 'ulid'
import { ensureTable, log, startApi, startDynamo, type Started } from '../lib/stack'
import { seedIfEmpty } from '../lib/seed'
import { makeDb } from '../../functions/src/platform/db'
import { membersRepository, type MemberRecord } from '../../functions/src/members/repository'
import { couponsRepository } from '../../functions/src/coupons/repository'
import { issueToken } from '../../functions/src/platform/auth'
import { readConfig } from '../../functions/src/platform/config'
import { newCardNo } from '../../functions/src/members/cardNumber'
import { UnitOfWork } from '../../functions/src/platform/unitOfWork'
import { post, runConcurrent } from './lib'

const N = Number(process.env.BENCH_MEMBERS ?? 5000)
const S = Number(process.env.BENCH_STOCK ?? 1000)
const C = Number(process.env.BENCH_CONCURRENCY ?? 50)
const AFTER = Number(process.env.BENCH_AFTER_SELLOUT ?? 1000)
const PORTS = { dynamo: 8300, api: 3300, lambda: 3302 }
const STATS = path.join(os.tmpdir(), `huiyuan-write-stats-${process.pid}.json`)

const readStats = async (): Promise<Record<string, number>> => {
  await new Promise((r) => setTimeout(r, 600))
  return fs.existsSync(STATS) ? JSON.parse(fs.readFileSync(STATS, 'utf8')) : {}
}
const diff = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(b)
      .map(([k, v]) => [k, v - (a[k] ?? 0)])
      .filter(([, v]) => (v as number) > 0),
  ) as Record<string, number>

async function main() {
  process.env.STAGE = 'local'
  const started: Started[] = []
  try {
    started.push(await startDynamo({ port: PORTS.dynamo, quiet: true }))
    const table = await ensureTable(PORTS.dynamo)
    await seedIfEmpty({ dynamoPort: PORTS.dynamo, tableName: table })
    // Only the API process counts its writes.
    process.env.HUIYUAN_WRITE_STATS_FILE = STATS
    started.push(
      await startApi({ apiPort: PORTS.api, lambdaPort: PORTS.lambda, dynamoPort: PORTS.dynamo, queuePort: PORTS.dynamo + 2, quiet: true }),
    )
    delete process.env.HUIYUAN_WRITE_STATS_FILE
    const api = `http://127.0.0.1:${PORTS.api}`
    const cfg = readConfig({ STAGE: 'local' })
    const db = makeDb({ tableName: table, endpoint: `http://127.0.0.1:${PORTS.dynamo}` })
    const members = membersRepository(db)

    log(`creating ${N} members…`)
    const now = new Date()
    const tokens = await runConcurrent(N, 32, async (i) => {
      const memberId = ulid()
      const openid = `bench_${memberId}`
      const m: MemberRecord = {
        memberId,
        openid,
        cardNo: newCardNo(),
        name: `压测${i}`,
        mobileSealed: 'v1.local.x.x.x',
        mobileHash: 'x',
        mobileMasked: '138****0000',
        birthday: '1990-01-01',
        gender: 'undisclosed',
        joinStoreId: 'S001',
        joinChannel: 'store_qr',
        joinedAt: now.toISOString(),
        marketingConsent: false,
        marketingConsentAt: now.toISOString(),
        privacyConsentVersion: '2026-11',
        privacyConsentAt: now.toISOString(),
      }
      await new UnitOfWork<'alreadyMember' | 'cardTaken'>(db, now).add(...members.joinItems(m)).commit()
      return (await issueToken({ openid, memberId, roles: [], storeIds: [] }, cfg.tokenSecret, now, 3600)).token
    })

    const admin = (await post(`${api}/v1/auth/wechat`, undefined, { code: 'dev:admin' })).body.token as string
    const t = await post(`${api}/v1/admin/coupon-templates`, admin, {
      name: '闪购券',
      kind: 'cash_off',
      valueFen: 2000,
      thresholdFen: 10000,
      validity: { type: 'relative', days: 7 },
      totalStock: S,
      perMemberLimit: 1,
    })
    const o = await post(`${api}/v1/admin/offers`, admin, {
      templateId: t.body.templateId,
      title: '闪购',
      claimFrom: new Date(Date.now() - 60_000).toISOString(),
      claimUntil: new Date(Date.now() + 3_600_000).toISOString(),
    })
    const offerId = o.body.offerId as string
    const templateId = t.body.templateId as string

    // Each member claims once; every tenth member double-taps (two concurrent claims).
    const attempts: number[] = []
    for (let i = 0; i < N; i++) {
      attempts.push(i)
      if (i % 10 === 0) attempts.push(i)
    }
    attempts.sort(() => Math.random() - 0.5)
    const before = await readStats()
    log(`${attempts.length} claims from ${N} members for ${S} coupons (concurrency ${C})…`)
    const t0 = Date.now()
    const outcomes = await runConcurrent(attempts.length, C, async (k) => {
      const i = attempts[k]!
      // Every tap is its own request (its own key); the per-member limit stops the second.
      const r = await post(`${api}/v1/offers/${offerId}/claims`, tokens[i], undefined, { 'idempotency-key': `tap-${k}-${ulid()}` })
      return { member: i, status: r.status, code: r.body?.error?.code as string | undefined }
    })
    const seconds = (Date.now() - t0) / 1000
    const during = diff(before, await readStats())

    const successes = outcomes.filter((o) => o.status === 201)
    const perMember = new Map<number, number>()
    for (const s of successes) perMember.set(s.member, (perMember.get(s.member) ?? 0) + 1)
    const overLimit = [...perMember.values()].filter((v) => v > 1).length
    const shards = await couponsRepository(db).shardStock(templateId, Math.min(32, Math.max(1, Math.ceil(S / 50))), true)
    const issuedByStock = S - shards.reduce((a, b) => a + b, 0)
    const errors = new Map<string, number>()
    for (const o of outcomes)
      if (o.status !== 201) errors.set(o.code ?? String(o.status), (errors.get(o.code ?? String(o.status)) ?? 0) + 1)

    // After the sell-out: members without a coupon keep trying.
    const losers = [...Array(N).keys()].filter((i) => !perMember.has(i)).slice(0, AFTER)
    const beforeAfter = await readStats()
    await runConcurrent(losers.length, C, async (k) =>
      post(`${api}/v1/offers/${offerId}/claims`, tokens[losers[k]!], undefined, { 'idempotency-key': `late-${k}-${ulid()}` }),
    )
    const afterDiff = diff(beforeAfter, await readStats())
    const afterWrites = Object.values(afterDiff).reduce((a, b) => a + b, 0)
    if (process.env.BENCH_DEBUG) {
      const byPrefix: Record<string, number> = {}
      for (const [k, v] of Object.entries(afterDiff)) byPrefix[k.split('#')[0]!] = (byPrefix[k.split('#')[0]!] ?? 0) + v
      console.log('after sell-out writes by key prefix', byPrefix)
    }

    const totalWrites = Object.values(during).reduce((a, b) => a + b, 0)
    const [busiestKey, busiest] = Object.entries(during).sort((a, b) => b[1] - a[1])[0] ?? ['-', 0]
    const stockWrites = Object.entries(during)
      .filter(([k]) => k.startsWith('CSTOCK#'))
      .reduce((a, [, v]) => a + v, 0)
    const [busiestShard, busiestShardWrites] = Object.entries(during)
      .filter(([k]) => k.startsWith('CSTOCK#'))
      .sort((a, b) => b[1] - a[1])[0] ?? ['-', 0]

    const lines = [
      `flash offer: ${N} members (${attempts.length} claims incl. double taps), stock ${S}, concurrency ${C}`,
      `claims/s:                     ${(attempts.length / seconds).toFixed(0)}  (${seconds.toFixed(1)} s)`,
      `successes:                    ${successes.length}  (must equal ${S})`,
      `oversell:                     ${Math.max(0, successes.length - S)}  (stock counters: ${issuedByStock} issued, min shard ${Math.min(...shards)})`,
      `members over limit:           ${overLimit}`,
      `refusals:                     ${[...errors.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `writes per attempt after sell-out: ${(afterWrites / Math.max(1, losers.length)).toFixed(3)}  (${afterWrites} writes / ${losers.length} attempts)`,
      `busiest partition key:        ${busiestKey} — ${((100 * busiest) / Math.max(1, totalWrites)).toFixed(1)}% of ${totalWrites} writes`,
      `busiest stock shard:          ${busiestShard} — ${((100 * busiestShardWrites) / Math.max(1, stockWrites)).toFixed(1)}% of ${stockWrites} stock writes`,
    ]
    process.stdout.write(
      `\n=== Huiyuan flash-offer benchmark (${new Date().toISOString()}, ${os.cpus().length} cores) ===\n${lines.join('\n')}\n\n`,
    )
  } finally {
    for (const s of started.reverse()) await s.stop()
    fs.rmSync(STATS, { force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
