/**
 * The composition root: how each area's service is built from the ones it uses. It wires
 * and holds no rules. Every builder is memoised per core, so a Lambda function builds only
 * what its handlers use (and, bundled on its own, ships only that code); the tests and the
 * local scripts build a core over their own table.
 */
import { accountsService } from '../accounts'
import { auditRepository } from '../audit/repository'
import { authService } from '../auth/service'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import { devWechatClient } from '../auth/devWechat'
import { realWechatClient, type WechatClient } from '../auth/wechat'
import { checkinsRepository } from '../checkins/repository'
import { checkinsService } from '../checkins/service'
import { returnCouponsOnRefund } from '../coupons/consumers/returnOnRefund'
import { couponCatalogue } from '../coupons/catalogue'
import { memberActivity } from '../members/activity'
import { reportAggregates } from '../reports/consumers/aggregates'
import { aggregatesRepository } from '../reports/repository'
import { reportsService } from '../reports/service'
import { rewardCatalogue } from '../rewards/catalogue'
import { couponsRepository } from '../coupons/repository'
import { couponsService } from '../coupons/service'
import { inboxRepository } from '../inbox/repository'
import { inboxService } from '../inbox/service'
import { welcomePack } from '../members/consumers/welcome'
import { enrolmentRepository } from '../enrolment/repository'
import { enrolmentService } from '../enrolment/service'
import { leaderboardScores } from '../leaderboard/consumers'
import { leaderboardRepository } from '../leaderboard/repository'
import { leaderboardService } from '../leaderboard/service'
import { referralRewards } from '../referrals/consumers'
import { referralsRepository } from '../referrals/repository'
import { referralsService } from '../referrals/service'
import { memberDirectory } from '../members/directory'
import { membersRepository } from '../members/repository'
import { membersService } from '../members/service'
import { pointsService } from '../points/service'
import { privacyService } from '../privacy/service'
import { programRepository } from '../program/repository'
import { programAdminService } from '../program/service'
import { consoleSessionsRepository } from '../console/repository'
import { consoleService } from '../console/service'
import { storesRepository } from '../stores/repository'
import { storesService } from '../stores/service'
import { purchasesRepository } from '../purchases/repository'
import { purchasesService } from '../purchases/service'
import { rewardsRepository } from '../rewards/repository'
import { rewardsService } from '../rewards/service'
import { storedValueRepository } from '../storedValue/repository'
import { storedValueService } from '../storedValue/service'
import { checkoutService } from '../checkout/service'
import { tillIdentity } from '../purchases/till'
import { statusMatchRepository } from '../statusMatch/repository'
import { statusMatchService } from '../statusMatch/service'
import { staffRepository } from '../staff/repository'
import { staffService } from '../staff/service'
import { tierNotice } from '../tiers/consumers/tierNotice'
import { automationsService } from '../automations/service'
import { dailyAutomations } from '../automations/daily'
import { wechatSender } from '../messaging/consumers/sender'
import { messagingRepository } from '../messaging/repository'
import { messagingService } from '../messaging/service'
import { featuresKeeper, featuresSubscribers } from '../segments/consumers/features'
import { segmentsRepository } from '../segments/repository'
import { segmentJobs } from '../segments/jobs'
import { campaignAttribution } from '../campaigns/consumers/attribution'
import { campaignsRepository } from '../campaigns/repository'
import { campaignSender } from '../campaigns/send'
import { campaignsService } from '../campaigns/service'
import { segmentsService } from '../segments/service'
import { tiersRepository } from '../tiers/repository'
import { tiersService } from '../tiers/service'
import { type Config, config } from './config'
import { reportKeys } from './keys'
import { lookupHash, personalDataCipher, posSecretCipher } from './crypto'
import { type Db, db } from './db'
import { eventDispatcher } from './events/dispatch'
import { eventsRepository } from './events/repository'
import { sqsWorkQueue, unconfiguredWorkQueue, type WorkHandler, type WorkQueue, workDispatcher } from './queue/work'
import { type HandlerDeps, makeAuthenticator } from './http/handler'
import { makeTx, type Tx } from './tx'
import { rateLimiter } from './rateLimit'
import { currentAccess } from './currentAccess'

export interface Core {
  config: Config
  db: Db
  tx: Tx
  wechat?: WechatClient
}

export const makeCore = (d: Db, opts: { config?: Config; wechat?: WechatClient } = {}): Core => ({
  config: opts.config ?? config(),
  db: d,
  tx: makeTx(d),
  ...(opts.wechat ? { wechat: opts.wechat } : {}),
})

let cachedCore: Core | undefined
/** The container's core, from config (after the secrets are loaded). */
export const core = (): Core => {
  cachedCore ??= makeCore(db())
  return cachedCore
}

const memo = <T>(build: (c: Core) => T): ((c: Core) => T) => {
  const built = new WeakMap<Core, T>()
  return (c) => {
    if (!built.has(c)) built.set(c, build(c))
    return built.get(c)!
  }
}

export const programOf = /* @__PURE__ */ memo((c) => programRepository(c.db, { cacheSeconds: c.config.programCacheSeconds }))
export const membersRepoOf = /* @__PURE__ */ memo((c) => membersRepository(c.db))
export const accountsOf = /* @__PURE__ */ memo((c) => accountsService(c.db))
export const tiersRepoOf = /* @__PURE__ */ memo((c) => tiersRepository(c.db))
export const tiersOf = /* @__PURE__ */ memo((c) => tiersService({ tiers: tiersRepoOf(c) }))
export const checkinsRepoOf = /* @__PURE__ */ memo((c) => checkinsRepository(c.db))
export const auditOf = /* @__PURE__ */ memo((c) => auditRepository(c.db))
export const couponsRepoOf = /* @__PURE__ */ memo((c) => couponsRepository(c.db))
export const eventsRepoOf = /* @__PURE__ */ memo((c) => eventsRepository(c.db))
export const staffRepoOf = /* @__PURE__ */ memo((c) => staffRepository(c.db))
export const limiterOf = /* @__PURE__ */ memo((c) => rateLimiter(c.db))

/**
 * The development sign-in only on stage local, and only in a build that may carry it: the
 * bundles of other stages have HUIYUAN_LOCAL_DEV defined as 'false', so this folds to the
 * real client and the development one is left out of them.
 */
export const wechatOf = /* @__PURE__ */ memo(
  (c): WechatClient =>
    c.wechat ??
    (process.env.HUIYUAN_LOCAL_DEV !== 'false' && c.config.stage === 'local'
      ? devWechatClient(c.config.wechat.apiBase)
      : realWechatClient(c.config.wechat.appId ?? '', c.config.wechat.appSecret ?? '', fetch, c.config.wechat.apiBase)),
)

export const programAdminOf = /* @__PURE__ */ memo((c) =>
  programAdminService({ program: programOf(c), staff: staffRepoOf(c), audit: auditOf(c), tx: c.tx }),
)

/** Join QRs (stores' and referrers'): the H5 join link on stage local, WeChat's mini-program code elsewhere. */
const joinCodesOf = (c: Core) =>
  c.config.stage === 'local'
    ? ({ kind: 'link', h5Origin: c.config.h5Origin } as const)
    : ({ kind: 'wxacode', wechat: () => wechatOf(c) } as const)

export const storesOf = /* @__PURE__ */ memo((c) =>
  storesService({ stores: storesRepository(c.db), program: programOf(c), audit: auditOf(c), tx: c.tx, joinCodes: joinCodesOf(c) }),
)

export const referralsOf = /* @__PURE__ */ memo((c) =>
  referralsService({
    referrals: referralsRepository(c.db),
    members: membersRepoOf(c),
    accounts: accountsOf(c),
    coupons: couponsOf(c),
    couponsRepo: couponsRepoOf(c),
    inbox: inboxRepository(c.db),
    program: programOf(c),
    tx: c.tx,
    identityHash: (v) => lookupHash(c.config.phoneHashSecret, v),
    codes: joinCodesOf(c),
  }),
)

export const consoleOf = /* @__PURE__ */ memo((c) =>
  consoleService({
    sessions: consoleSessionsRepository(c.db),
    staff: staffRepoOf(c),
    program: programOf(c),
    audit: auditOf(c),
    tx: c.tx,
    limiter: limiterOf(c),
    startsPerMinute: c.config.signInsPerMinute,
    tokenSecret: c.config.tokenSecret,
    timeZone: 'Asia/Shanghai',
  }),
)

export const inboxOf = /* @__PURE__ */ memo((c) => inboxService({ inbox: inboxRepository(c.db), program: programOf(c), tx: c.tx }))

export const messagingRepoOf = /* @__PURE__ */ memo((c) => messagingRepository(c.db))
export const messagingOf = /* @__PURE__ */ memo((c) => messagingService({ messaging: messagingRepoOf(c), program: programOf(c), tx: c.tx }))
/** Delivers queued subscription messages to WeChat, counting each outcome on its campaign. */
export const wechatSenderOf = /* @__PURE__ */ memo((c) =>
  wechatSender({
    messaging: messagingRepoOf(c),
    tx: c.tx,
    wechat: () => wechatOf(c),
    outcomeItems: (m, outcome) =>
      m.source.kind === 'campaign'
        ? [campaignsRepoOf(c).addCountersItem(m.source.id, { [outcome === 'sent' ? 'wechatDelivered' : 'wechatFailed']: 1 })]
        : [],
  }),
)

export const staffOf = /* @__PURE__ */ memo((c) =>
  staffService({ staff: staffRepoOf(c), program: programOf(c), cipher: posSecretCipher(), audit: auditOf(c), tx: c.tx }),
)

export const authOf = /* @__PURE__ */ memo((c) =>
  authService({
    wechat: wechatOf(c),
    members: membersRepoOf(c),
    staffOf: (openid) => staffOf(c).rolesOf(openid),
    tokenSecret: c.config.tokenSecret,
    tokenTtlSeconds: c.config.tokenTtlSeconds,
    timeZone: 'Asia/Shanghai',
    limiter: limiterOf(c),
    signInsPerMinute: c.config.signInsPerMinute,
  }),
)

export const membersOf = /* @__PURE__ */ memo((c) =>
  membersService({
    members: membersRepoOf(c),
    accounts: accountsOf(c),
    tiers: tiersOf(c),
    checkins: checkinsRepoOf(c),
    program: programOf(c),
    tx: c.tx,
    cipher: personalDataCipher(),
    phoneHash: (m) => lookupHash(c.config.phoneHashSecret, m),
    memberCodeSecret: c.config.memberCodeSecret,
    resolvePhoneCode: (code) => wechatOf(c).phoneNumber(code),
    referrals: referralsOf(c),
    enrolment: enrolmentOf(c),
  }),
)

export const enrolmentOf = /* @__PURE__ */ memo((c) =>
  enrolmentService({ enrolment: enrolmentRepository(c.db), program: programOf(c), audit: auditOf(c), tx: c.tx }),
)

export const leaderboardOf = /* @__PURE__ */ memo((c) =>
  leaderboardService({
    leaderboard: leaderboardRepository(c.db),
    members: membersRepoOf(c),
    events: eventsRepoOf(c),
    program: programOf(c),
    tx: c.tx,
  }),
)

export const privacyOf = /* @__PURE__ */ memo((c) =>
  privacyService({
    db: c.db,
    members: membersRepoOf(c),
    card: membersOf(c),
    statusMatch: statusMatchRepoOf(c),
    program: programOf(c),
    tx: c.tx,
  }),
)

export const directoryOf = /* @__PURE__ */ memo((c) =>
  memberDirectory({
    members: membersRepoOf(c),
    accounts: accountsOf(c),
    tiers: tiersOf(c),
    program: programOf(c),
    purchases: purchasesRepository(c.db),
    coupons: couponsRepoOf(c),
    statusMatch: statusMatchRepoOf(c),
    audit: auditOf(c),
    cipher: personalDataCipher(),
    phoneHash: (m) => lookupHash(c.config.phoneHashSecret, m),
    tx: c.tx,
  }),
)

export const checkinsOf = /* @__PURE__ */ memo((c) =>
  checkinsService({ checkins: checkinsRepoOf(c), accounts: accountsOf(c), program: programOf(c), tx: c.tx, members: membersRepoOf(c) }),
)

export const pointsOf = /* @__PURE__ */ memo((c) =>
  pointsService({ accounts: accountsOf(c), members: membersRepoOf(c), program: programOf(c), audit: auditOf(c), tx: c.tx }),
)

/** Who is at the till: every till operation identifies the member through it. */
const tillOf = /* @__PURE__ */ memo((c) =>
  tillIdentity({
    members: membersRepoOf(c),
    accounts: accountsOf(c),
    tiers: tiersOf(c),
    tx: c.tx,
    memberCodeSecret: c.config.memberCodeSecret,
    limiter: limiterOf(c),
  }),
)

export const purchasesOf = /* @__PURE__ */ memo((c) =>
  purchasesService({
    purchases: purchasesRepository(c.db),
    accounts: accountsOf(c),
    tiers: tiersOf(c),
    program: programOf(c),
    till: tillOf(c),
    tx: c.tx,
  }),
)

export const storedValueOf = /* @__PURE__ */ memo((c) =>
  storedValueService({
    storedValue: storedValueRepository(c.db),
    cipher: personalDataCipher(),
    accounts: accountsOf(c),
    program: programOf(c),
    till: tillOf(c),
    tx: c.tx,
  }),
)

export const checkoutOf = /* @__PURE__ */ memo((c) =>
  checkoutService({
    purchases: purchasesRepository(c.db),
    coupons: couponsRepoOf(c),
    storedValue: storedValueRepository(c.db),
    accounts: accountsOf(c),
    tiers: tiersOf(c),
    program: programOf(c),
    till: tillOf(c),
    tx: c.tx,
  }),
)

export const statusMatchRepoOf = /* @__PURE__ */ memo((c) => statusMatchRepository(c.db))
export const statusMatchOf = /* @__PURE__ */ memo((c) =>
  statusMatchService({
    statusMatch: statusMatchRepoOf(c),
    tiers: tiersOf(c),
    program: programOf(c),
    till: tillOf(c),
    audit: auditOf(c),
    tx: c.tx,
  }),
)

export const couponsOf = /* @__PURE__ */ memo((c) =>
  couponsService({ coupons: couponsRepoOf(c), tiers: tiersOf(c), program: programOf(c), tx: c.tx, audit: auditOf(c) }),
)

export const rewardsOf = /* @__PURE__ */ memo((c) =>
  rewardsService({
    rewards: rewardsRepository(c.db),
    coupons: couponsOf(c),
    accounts: accountsOf(c),
    program: programOf(c),
    tx: c.tx,
    audit: auditOf(c),
  }),
)

/** The report aggregates: counters the reports and the catalogue read. */
export const aggregatesOf = /* @__PURE__ */ memo((c) => aggregatesRepository(c.db))

export const reportsOf = /* @__PURE__ */ memo((c) =>
  reportsService({ aggregates: aggregatesOf(c), program: programOf(c), templates: couponsRepoOf(c) }),
)

export const couponCatalogueOf = /* @__PURE__ */ memo((c) =>
  couponCatalogue({ coupons: couponsRepoOf(c), counts: aggregatesOf(c), audit: auditOf(c), tx: c.tx }),
)

export const rewardCatalogueOf = /* @__PURE__ */ memo((c) =>
  rewardCatalogue({ rewards: rewardsRepository(c.db), counts: aggregatesOf(c), audit: auditOf(c), tx: c.tx }),
)

export const memberActivityOf = /* @__PURE__ */ memo((c) =>
  memberActivity({
    members: membersRepoOf(c),
    points: pointsOf(c),
    purchases: purchasesRepository(c.db),
    coupons: couponsOf(c),
    inbox: inboxOf(c),
    audit: auditOf(c),
  }),
)

/** Every event subscriber of the system, by area. */
export const segmentsRepoOf = /* @__PURE__ */ memo((c) => segmentsRepository(c.db))
const featuresDepsOf = (c: Core) => ({
  segments: segmentsRepoOf(c),
  events: eventsRepoOf(c),
  accounts: accountsOf(c),
  program: programOf(c),
  tx: c.tx,
  grantsOf: (memberId: string, rules: ProgramRules) => messagingOf(c).grantsHeld(memberId, rules),
})
export const featuresKeeperOf = /* @__PURE__ */ memo((c) => featuresKeeper(featuresDepsOf(c)))

export const subscribersOf = (c: Core) => [
  welcomePack({ automations: automationsOf(c) }),
  tierNotice({ inbox: inboxOf(c), automations: automationsOf(c), program: programOf(c) }),
  returnCouponsOnRefund({ coupons: couponsOf(c) }),
  ...referralRewards({ referrals: referralsOf(c) }),
  wechatSenderOf(c).subscriber,
]

export const dispatcherOf = /* @__PURE__ */ memo((c) => eventDispatcher({ events: eventsRepoOf(c), subscribers: subscribersOf(c) }))

/**
 * The analytics read the stream on their own (the `reportEvents` function; locally a second
 * reader in scripts/consumers.ts): report counters, members' features and campaigns'
 * attribution never delay the consumers members wait for (welcome pack, coupon returns, notices).
 */
export const reportsDispatcherOf = /* @__PURE__ */ memo((c) =>
  eventDispatcher({
    events: eventsRepoOf(c),
    subscribers: [
      ...reportAggregates({
        aggregates: aggregatesOf(c),
        events: eventsRepoOf(c),
        program: programOf(c),
        tiers: tiersOf(c),
        tx: c.tx,
      }),
      // Members' features (segments) and campaigns' attribution: analytics too, kept off the members' path.
      ...featuresSubscribers(featuresDepsOf(c)),
      ...campaignAttribution({ campaigns: campaignsRepoOf(c), events: eventsRepoOf(c), tx: c.tx }),
      // The leaderboard's scores: kept for every member, counted for those who opted in.
      ...leaderboardScores({ leaderboard: leaderboardOf(c) }),
    ],
  }),
)

/**
 * The work queue (platform/queue/work.ts). Locally its URL points at the SQS server of
 * scripts/consumers.ts, which is addressed directly; on AWS the SDK finds SQS itself.
 */
export const workQueueOf = /* @__PURE__ */ memo((c): WorkQueue => {
  const queueUrl = c.config.workQueueUrl
  if (!queueUrl) return unconfiguredWorkQueue()
  return sqsWorkQueue({ queueUrl, region: c.config.region, ...(c.config.stage === 'local' ? { endpoint: new URL(queueUrl).origin } : {}) })
})

/** Every work handler of the system, by area (each kind once; the worker refuses duplicates). */
export const workHandlersOf = (c: Core): WorkHandler[] => [
  ...segmentJobsOf(c).handlers,
  ...campaignSenderOf(c).handlers,
  ...dailyAutomationsOf(c).handlers,
]

export const workDispatcherOf = /* @__PURE__ */ memo((c) => workDispatcher({ handlers: workHandlersOf(c), queue: workQueueOf(c) }))

export const segmentJobsOf = /* @__PURE__ */ memo((c) =>
  segmentJobs({
    segments: segmentsRepoOf(c),
    tiersRepo: tiersRepoOf(c),
    keeper: featuresKeeperOf(c),
    program: programOf(c),
    queue: () => workQueueOf(c),
    tx: c.tx,
  }),
)

export const segmentsOf = /* @__PURE__ */ memo((c) =>
  segmentsService({
    segments: segmentsRepoOf(c),
    jobs: segmentJobsOf(c),
    program: programOf(c),
    memberCount: async () => (await aggregatesOf(c).total(reportKeys.programScope())).members ?? 0,
    audit: auditOf(c),
    tx: c.tx,
    inlineMaxMembers: c.config.segmentInlineMaxMembers,
  }),
)

export const campaignsRepoOf = /* @__PURE__ */ memo((c) => campaignsRepository(c.db))

export const campaignSenderOf = /* @__PURE__ */ memo((c) =>
  campaignSender({
    campaigns: campaignsRepoOf(c),
    segments: segmentsRepoOf(c),
    coupons: couponsOf(c),
    inbox: inboxRepository(c.db),
    messaging: messagingOf(c),
    program: programOf(c),
    queue: () => workQueueOf(c),
    tx: c.tx,
  }),
)

export const automationsOf = /* @__PURE__ */ memo((c) =>
  automationsService({
    campaigns: campaignsRepoOf(c),
    coupons: couponsOf(c),
    templates: couponsRepoOf(c),
    inbox: inboxRepository(c.db),
    messaging: messagingOf(c),
    program: programOf(c),
    audit: auditOf(c),
    tx: c.tx,
  }),
)

export const dailyAutomationsOf = /* @__PURE__ */ memo((c) =>
  dailyAutomations({ automations: automationsOf(c), segments: segmentsRepoOf(c), program: programOf(c), queue: () => workQueueOf(c) }),
)

export const campaignsOf = /* @__PURE__ */ memo((c) =>
  campaignsService({
    campaigns: campaignsRepoOf(c),
    segments: segmentsRepoOf(c),
    segmentsService: segmentsOf(c),
    templates: couponsRepoOf(c),
    sender: campaignSenderOf(c),
    program: programOf(c),
    audit: auditOf(c),
    tx: c.tx,
  }),
)

/** What every HTTP handler of a function needs: the authenticator (with store systems' signatures where `pos`). */
export const httpDepsOf = (c: Core, opts: { pos?: boolean } = {}): HandlerDeps => ({
  authenticate: makeAuthenticator({
    tokenSecret: () => c.config.tokenSecret,
    current: currentAccess({
      staffNow: (id) => staffRepoOf(c).get(id, true),
      memberIdNow: (openid) => membersRepoOf(c).getMemberIdByOpenid(openid, true),
    }),
    ...(opts.pos ? { pos: (req, now) => staffOf(c).authenticatePos(req, now) } : {}),
  }),
})
