/**
 * Runs a scheduled job once against the local database (the same code EventBridge runs):
 *   npm run job -- expire-points [--at 2027-12-01T00:10:00+08:00]
 *   npm run job -- review-tiers
 *   npm run job -- coupons-daily
 * A job that fans out sends to the work queue of `npm start` (HUIYUAN_QUEUE_PORT, 9324), whose
 * consumers process handles the messages.
 */
import { JOBS, type JobName } from '../functions/src/jobs'
import { makeDb } from '../functions/src/platform/db'
import { localQueueUrl, localWorkQueueName } from '../functions/src/platform/queue/localQueue'
import { makeCore } from '../functions/src/platform/wiring'

async function main() {
  const [job, ...rest] = process.argv.slice(2)
  const atIdx = rest.indexOf('--at')
  const now = atIdx >= 0 ? new Date(rest[atIdx + 1]!) : new Date()
  if (!job || !(job in JOBS)) {
    console.error(`usage: npm run job -- ${Object.keys(JOBS).join('|')} [--at ISO-TIME]`)
    process.exit(2)
  }
  // Against the local database: stage local.
  process.env.STAGE = 'local'
  const port = process.env.HUIYUAN_DYNAMO_PORT ?? '8000'
  process.env.WORK_QUEUE_URL ??= localQueueUrl(Number(process.env.HUIYUAN_QUEUE_PORT ?? 9324), localWorkQueueName())
  const db = makeDb({ tableName: process.env.TABLE_NAME ?? 'huiyuan-local', endpoint: `http://127.0.0.1:${port}` })
  console.log(await JOBS[job as JobName](makeCore(db), now))
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
