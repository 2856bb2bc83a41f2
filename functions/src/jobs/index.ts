/** Scheduled jobs (EventBridge). Each is idempotent: a re-run or a retry changes nothing more. */
import { services } from '../platform/container'
import { loadSecrets } from '../platform/secrets'
import { logger } from '../platform/logger'
import { runPointsExpiry } from '../points/jobs/expiry'
import { runTierReview } from '../tiers/jobs/review'
import { runCouponsDaily } from '../coupons/jobs/daily'

export const expirePoints = async () => {
  await loadSecrets()
  const s = services()
  const result = await runPointsExpiry({ db: s.db, ledger: s.ledger, inbox: s.inbox, rules: () => s.program.getRules() }, new Date())
  logger.info('points expiry done', { ...result })
  return result
}

export const reviewTiers = async () => {
  await loadSecrets()
  const s = services()
  const result = await runTierReview({ db: s.db, inbox: s.inbox, rules: () => s.program.getRules() }, new Date())
  logger.info('tier review done', { ...result })
  return result
}

export const couponsDaily = async () => {
  await loadSecrets()
  const s = services()
  const result = await runCouponsDaily({ db: s.db, inbox: s.inbox, coupons: s.coupons, rules: () => s.program.getRules() }, new Date())
  logger.info('coupons daily done', { ...result })
  return result
}
