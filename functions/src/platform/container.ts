/**
 * Every service over one table, for the local scripts (seed data, jobs, the first admin)
 * and the integration tests. Lambda functions don't use this: each builds only what its
 * handlers need from the same builders (platform/wiring.ts).
 */
import type { WechatClient } from '../auth/wechat'
import type { Db } from './db'
import * as w from './wiring'

export const buildServices = (d: Db, opts: { stage?: string; wechat?: WechatClient } = {}) => {
  const c = w.makeCore(d, { ...(opts.wechat ? { wechat: opts.wechat } : {}) })
  return {
    core: c,
    db: d,
    tx: c.tx,
    program: w.programOf(c),
    members: w.membersRepoOf(c),
    membersService: w.membersOf(c),
    referrals: w.referralsOf(c),
    leaderboard: w.leaderboardOf(c),
    enrolment: w.enrolmentOf(c),
    accounts: w.accountsOf(c),
    tiers: w.tiersOf(c),
    tiersRepo: w.tiersRepoOf(c),
    checkins: w.checkinsOf(c),
    points: w.pointsOf(c),
    purchases: w.purchasesOf(c),
    checkout: w.checkoutOf(c),
    storedValue: w.storedValueOf(c),
    coupons: w.couponsOf(c),
    couponsRepo: w.couponsRepoOf(c),
    rewards: w.rewardsOf(c),
    inbox: w.inboxOf(c),
    audit: w.auditOf(c),
    staff: w.staffRepoOf(c),
    staffService: w.staffOf(c),
    auth: w.authOf(c),
    events: w.eventsRepoOf(c),
    dispatcher: w.dispatcherOf(c),
  }
}
export type Services = ReturnType<typeof buildServices>
