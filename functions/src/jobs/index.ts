/** Scheduled jobs (EventBridge). Each is idempotent: a re-run or a retry changes nothing more. */
import { runCouponsDaily } from '../coupons/jobs/daily'
import { logger } from '../platform/logger'
import { loadSecrets } from '../platform/secrets'
import {
  accountsOf,
  automationsOf,
  campaignsOf,
  type Core,
  core,
  couponsRepoOf,
  programOf,
  segmentJobsOf,
  tiersOf,
  tiersRepoOf,
  dailyAutomationsOf,
} from '../platform/wiring'
import { runPointsExpiry } from '../points/jobs/expiry'
import { runTierReview } from '../tiers/jobs/review'

export const JOBS = {
  'expire-points': (c: Core, now: Date) =>
    runPointsExpiry({ accounts: accountsOf(c), automations: automationsOf(c), tx: c.tx, rules: () => programOf(c).getRules() }, now),
  'review-tiers': (c: Core, now: Date) =>
    runTierReview({ tiersRepo: tiersRepoOf(c), tiers: tiersOf(c), tx: c.tx, rules: () => programOf(c).getRules() }, now),
  'coupons-daily': (c: Core, now: Date) =>
    runCouponsDaily({ couponsRepo: couponsRepoOf(c), automations: automationsOf(c), rules: () => programOf(c).getRules() }, now),
  /** Nightly: RFM medians, quintiles and groups over every member, fanned out on the work queue. */
  'refresh-rfm': async (c: Core, now: Date) => {
    const jobs = segmentJobsOf(c)
    const job = await jobs.start('rfm-refresh', { today: await jobs.today(now), now: now.toISOString() }, now)
    return { jobId: job.jobId }
  },
  /** Daily at 10:00: the win-back and check-in reminder automations over every member, fanned out on the work queue. */
  'automations-daily': (c: Core, now: Date) => dailyAutomationsOf(c).start(now),
  /** Every few minutes: scheduled campaigns that are due start sending. */
  'campaigns-due': (c: Core, now: Date) => campaignsOf(c).launchDue(now),
} as const
export type JobName = keyof typeof JOBS

const scheduled = (name: JobName) => async () => {
  await loadSecrets()
  const result = await JOBS[name](core(), new Date())
  logger.info(`${name} done`, { ...result })
  return result
}

export const expirePoints = scheduled('expire-points')
export const reviewTiers = scheduled('review-tiers')
export const couponsDaily = scheduled('coupons-daily')
export const refreshRfm = scheduled('refresh-rfm')
export const campaignsDue = scheduled('campaigns-due')
export const automationsDaily = scheduled('automations-daily')
