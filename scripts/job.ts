/**
 * Runs a scheduled job once against the local database (the same code EventBridge runs):
 *   npm run job -- expire-points [--at 2027-12-01T00:10:00+08:00]
 *   npm run job -- review-tiers
 *   npm run job -- coupons-daily
 */
import { makeDb } from '../functions/src/platform/db'
import { buildServices } from '../functions/src/platform/container'
import { runPointsExpiry } from '../functions/src/points/jobs/expiry'
import { runTierReview } from '../functions/src/tiers/jobs/review'
import { runCouponsDaily } from '../functions/src/coupons/jobs/daily'

async function main() {
  const [job, ...rest] = process.argv.slice(2)
  const atIdx = rest.indexOf('--at')
  const now = atIdx >= 0 ? new Date(rest[atIdx + 1]!) : new Date()
  const port = process.env.HUIYUAN_DYNAMO_PORT ?? '8000'
  const db = makeDb({ tableName: process.env.TABLE_NAME ?? 'huiyuan-local', endpoint: `http://127.0.0.1:${port}` })
  const s = buildServices(db, { stage: 'local' })
  const rules = () => s.program.getRules()
  if (job === 'expire-points') console.log(await runPointsExpiry({ db, ledger: s.ledger, inbox: s.inbox, rules }, now))
  else if (job === 'review-tiers') console.log(await runTierReview({ db, inbox: s.inbox, rules }, now))
  else if (job === 'coupons-daily') console.log(await runCouponsDaily({ db, inbox: s.inbox, coupons: s.coupons, rules }, now))
  else {
    console.error('usage: npm run job -- expire-points|review-tiers|coupons-daily [--at ISO-TIME]')
    process.exit(2)
  }
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
