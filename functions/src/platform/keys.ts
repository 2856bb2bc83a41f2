/**
 * Every key string of the single table is built here and nowhere else.
 * See ACCESS_PATTERNS.md for the queries these keys serve.
 */
export const ENTITY = {
  program: 'Program',
  programVersion: 'ProgramVersion',
  store: 'Store',
  storeJoinCode: 'StoreJoinCode',
  consoleSession: 'ConsoleSession',
  identity: 'Identity',
  member: 'Member',
  card: 'Card',
  pointsEntry: 'PointsLedgerEntry',
  pointsSource: 'PointsSource',
  pointsLot: 'PointsLot',
  checkin: 'Checkin',
  staff: 'Staff',
  staffIdentity: 'StaffIdentity',
  bindingCode: 'BindingCode',
  posKey: 'PosKey',
  posSignature: 'PosSignature',
  consent: 'Consent',
  memberPhone: 'MemberPhone',
  rateCounter: 'RateCounter',
  order: 'Order',
  purchase: 'Purchase',
  refund: 'Refund',
  notice: 'InboxNotice',
  noticeGuard: 'InboxNoticeGuard',
  audit: 'AuditEvent',
  couponTemplate: 'CouponTemplate',
  stockShard: 'StockShard',
  offer: 'Offer',
  claimCounter: 'ClaimCounter',
  claimKey: 'ClaimKey',
  coupon: 'Coupon',
  redemption: 'Redemption',
  reward: 'Reward',
  rewardRedemption: 'RewardRedemption',
  event: 'DomainEvent',
  eventDone: 'EventDone',
  deadLetter: 'DeadLetter',
  idempotency: 'IdempotencyRecord',
  account: 'Account',
  accountEntry: 'AccountEntry',
  accountSource: 'AccountSource',
  lotExpiry: 'LotExpiry',
  tierState: 'TierState',
  dayAggregate: 'DayAggregate',
  monthAggregate: 'MonthAggregate',
  totalAggregate: 'TotalAggregate',
  tierAggregate: 'TierAggregate',
  catalogueAggregate: 'CatalogueAggregate',
  activeMarker: 'ActiveMarker',
  features: 'MemberFeatures',
  segment: 'Segment',
  job: 'Job',
  jobShard: 'JobShard',
  rfmStats: 'RfmStats',
  rfmSettings: 'RfmSettings',
  campaign: 'Campaign',
  campaignChunk: 'CampaignChunk',
  campaignMark: 'CampaignMark',
  campaignRecipient: 'CampaignRecipient',
  campaignRecord: 'CampaignRecord',
  marketingCap: 'MarketingCap',
  campaignBudget: 'CampaignBudget',
  campaignStats: 'CampaignStats',
  wechatGrant: 'WechatGrant',
  wechatGrantEntry: 'WechatGrantEntry',
  storedValueMovement: 'StoredValueMovement',
  referralToken: 'ReferralToken',
  referrer: 'Referrer',
  referral: 'Referral',
  referredFriend: 'ReferredFriend',
  referralMonth: 'ReferralMonth',
  referralCode: 'ReferralCode',
  enrolmentCode: 'EnrolmentCode',
  statusMatch: 'StatusMatch',
  statusMatchPhoto: 'StatusMatchPhoto',
  leaderboardScore: 'LeaderboardScore',
  leaderboardOptIn: 'LeaderboardOptIn',
  leaderboardCount: 'LeaderboardCount',
  storedValueSpend: 'StoredValueSpend',
  wechatMessage: 'WechatMessage',
} as const

export const keys = {
  program: () => ({ PK: 'PROGRAM', SK: 'RULES' }),
  /** A change of the program rules: who, when, the rules and the diff; newest first by its zero-padded number. */
  programVersion: (version: number) => ({ PK: 'PROGRAM', SK: `VERSION#${String(version).padStart(10, '0')}` }),
  programPartition: () => 'PROGRAM',
  programVersionPrefix: () => 'VERSION#',
  store: (storeId: string) => ({ PK: `STORE#${storeId}`, SK: 'STORE', GSI1PK: 'STORES', GSI1SK: `STORE#${storeId}` }),
  storeKey: (storeId: string) => ({ PK: `STORE#${storeId}`, SK: 'STORE' }),
  storesIndex: () => ({ GSI1PK: 'STORES' }),
  /** A store's join QR image from WeChat, kept so WeChat is asked once per store and scene. */
  storeJoinCode: (storeId: string, scene: string) => ({ PK: `STORE#${storeId}`, SK: `JOINCODE#${scene}` }),
  /** A console sign-in ticket (expires by TTL). */
  consoleSession: (ticket: string) => ({ PK: `CONSOLE#${ticket}`, SK: 'SESSION' }),
  /** One WeChat identity (openid) ⇒ at most one member. */
  identity: (openid: string) => ({ PK: `IDENTITY#${openid}`, SK: 'IDENTITY' }),
  member: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'PROFILE' }),
  memberPartition: (memberId: string) => `MEMBER#${memberId}`,
  /** Members by name, for the admin search by name prefix (GSI1 on the profile: first character, then the name). */
  memberNameIndex: (name: string, memberId: string) => ({ GSI1PK: `MNAME#${[...name][0] ?? ''}`, GSI1SK: `${name}#${memberId}` }),
  /** Members by phone, through the keyed lookup hash (never the number): one item per member. */
  memberPhone: (mobileHash: string, memberId: string) => ({ PK: `PHONE#${mobileHash}`, SK: `MEMBER#${memberId}` }),
  memberPhonePartition: (mobileHash: string) => `PHONE#${mobileHash}`,
  /** What the member agreed to or withdrew, and when (kept after erasure: proof of consent). */
  consent: (memberId: string, at: string, id: string) => ({ PK: `MEMBER#${memberId}`, SK: `CONSENT#${at}#${id}` }),
  consentPrefix: () => 'CONSENT#',
  /** Card numbers are unique; the dynamic member code carries the card number. */
  card: (cardNo: string) => ({ PK: `CARD#${cardNo}`, SK: 'CARD' }),
  /** Ledger entries sort by time within the member's partition (ULID ids are time-ordered). */
  pointsEntry: (memberId: string, entryId: string) => ({ PK: `MEMBER#${memberId}`, SK: `POINTS#${entryId}` }),
  pointsEntryPrefix: () => 'POINTS#',
  /** Idempotency guard: one item per source reference (e.g. checkin:2026-11-25). */
  pointsSource: (memberId: string, sourceRef: string) => ({ PK: `MEMBER#${memberId}`, SK: `PSOURCE#${sourceRef}` }),
  /** Points held in lots by earning month (FIFO spending, expiry by lot). */
  pointsLot: (memberId: string, month: string) => ({ PK: `MEMBER#${memberId}`, SK: `LOT#${month}` }),
  pointsLotPrefix: () => 'LOT#',
  checkin: (memberId: string, date: string) => ({ PK: `MEMBER#${memberId}`, SK: `CHECKIN#${date}` }),
  checkinPrefix: (month?: string) => (month ? `CHECKIN#${month}` : 'CHECKIN#'),

  staff: (staffId: string, createdAt: string) => ({
    PK: `STAFF#${staffId}`,
    SK: 'PROFILE',
    GSI1PK: 'STAFF',
    GSI1SK: `${createdAt}#${staffId}`,
  }),
  staffKey: (staffId: string) => ({ PK: `STAFF#${staffId}`, SK: 'PROFILE' }),
  staffIndex: () => ({ GSI1PK: 'STAFF' }),
  /** A WeChat identity bound to a staff account (at most one). */
  staffIdentity: (openid: string) => ({ PK: `STAFFID#${openid}`, SK: 'STAFFID' }),
  bindingCode: (code: string) => ({ PK: `BINDCODE#${code}`, SK: 'BINDCODE' }),
  posKey: (keyId: string) => ({ PK: `POSKEY#${keyId}`, SK: 'POSKEY' }),
  /** A store's API keys, newest first (GSI1). */
  posKeyIndex: (storeId: string, createdAt: string, keyId: string) => ({ GSI1PK: `POSKEYS#${storeId}`, GSI1SK: `${createdAt}#${keyId}` }),
  /** A POS request signature, kept for the replay window: a second use is refused. */
  posSignature: (keyId: string, signature: string) => ({ PK: `POSSIG#${keyId}#${signature}`, SK: 'POSSIG' }),

  /** One per (store, order id): the purchase's idempotency guard and running refund state. */
  order: (storeId: string, orderId: string) => ({ PK: `ORDER#${storeId}#${orderId}`, SK: 'ORDER' }),
  /** One per refund of an order (guard and result). */
  refund: (storeId: string, orderId: string, refundId: string) => ({ PK: `ORDER#${storeId}#${orderId}`, SK: `REFUND#${refundId}` }),
  /** Purchase history: by member and time (PK/SK), and by store and day (GSI1). */
  purchase: (memberId: string, at: string, storeId: string, orderId: string, date: string) => ({
    PK: `MEMBER#${memberId}`,
    SK: `PURCHASE#${at}#${storeId}#${orderId}`,
    GSI1PK: `STOREDAY#${storeId}#${date}`,
    GSI1SK: `${at}#P#${orderId}`,
  }),
  purchasePrefix: () => 'PURCHASE#',
  refundRecord: (memberId: string, at: string, storeId: string, orderId: string, refundId: string, date: string) => ({
    PK: `MEMBER#${memberId}`,
    SK: `REFUNDREC#${at}#${storeId}#${orderId}#${refundId}`,
    GSI1PK: `STOREDAY#${storeId}#${date}`,
    GSI1SK: `${at}#R#${orderId}#${refundId}`,
  }),
  refundRecordPrefix: () => 'REFUNDREC#',
  storeDay: (storeId: string, date: string) => ({ GSI1PK: `STOREDAY#${storeId}#${date}` }),

  /** Member inbox, newest first (ULID ids). */
  notice: (memberId: string, noticeId: string) => ({ PK: `MEMBER#${memberId}`, SK: `INBOX#${noticeId}` }),
  noticePrefix: () => 'INBOX#',
  /** Makes a notice with a natural key (e.g. expiry reminder of a lot) be sent once. */
  noticeGuard: (memberId: string, dedupeKey: string) => ({ PK: `MEMBER#${memberId}`, SK: `NOTICEKEY#${dedupeKey}` }),

  /** Audit trail, by day; by actor (GSI1) and by subject (GSI2), each in time order. */
  audit: (date: string, eventId: string) => ({ PK: `AUDIT#${date}`, SK: eventId }),
  auditIndexes: (actor: string, subject: string, date: string, eventId: string) => ({
    GSI1PK: `AUDITBY#${actor}`,
    GSI1SK: `${date}#${eventId}`,
    GSI2PK: `AUDITOF#${subject}`,
    GSI2SK: `${date}#${eventId}`,
  }),

  /** Lots by expiry date, sharded so one busy date does not make one hot index partition. */
  lotExpiryIndex: (expiresOn: string, memberId: string) => ({
    GSI2PK: `LOTEXP#${expiresOn}#${shardOf(memberId)}`,
    GSI2SK: `MEMBER#${memberId}`,
  }),
  lotExpiryShards: (expiresOn: string) => Array.from({ length: LOT_EXPIRY_SHARDS }, (_, i) => `LOTEXP#${expiresOn}#${i}`),
}

/** The backbone: events, idempotency records, accounts and their entries. */
export const coreKeys = {
  /** A domain event (the outbox): written in the transaction of what it reports, read from the stream. */
  event: (eventId: string) => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
  /** A subscriber has handled the event. */
  eventDone: (eventId: string, subscriber: string) => ({ PK: `EVENT#${eventId}`, SK: `DONE#${subscriber}` }),
  eventDonePrefix: () => 'DONE#',
  /** Stream records whose consumers kept failing (local stream reader; on AWS the DLQ). */
  deadLetter: (at: string, sequenceNumber: string) => ({ PK: 'DEADLETTER', SK: `${at}#${sequenceNumber}` }),
  deadLetterPartition: () => 'DEADLETTER',
  /** One per (operation, caller, key): the request's hash and the first result. */
  idempotency: (operation: string, caller: string, key: string) => ({ PK: `IDEMP#${operation}#${caller}#${key}`, SK: 'IDEMP' }),
  /** A member's account of one kind of value: balance, debt, lots, version. */
  account: (memberId: string, kind: string) => ({ PK: `MEMBER#${memberId}`, SK: `ACCOUNT#${kind}` }),
  /** Immutable ledger entries of an account, by time (ULID ids). */
  accountEntry: (memberId: string, kind: string, entryId: string) => ({ PK: `MEMBER#${memberId}`, SK: `ENTRY#${kind}#${entryId}` }),
  accountEntryPrefix: (kind: string) => `ENTRY#${kind}#`,
  /** Entries of every account kind of a member. */
  anyAccountEntryPrefix: () => 'ENTRY#',
  /** Idempotency per source of a movement (e.g. `checkin:2026-11-25`, `expiry:2025-11`). */
  accountSource: (memberId: string, kind: string, sourceRef: string) => ({ PK: `MEMBER#${memberId}`, SK: `SOURCE#${kind}#${sourceRef}` }),
  /** Lots by expiry date, sharded by member: what the expiry job and the reminders read. */
  lotExpiry: (expiresOn: string, kind: string, memberId: string, lotId: string) => ({
    PK: `LOTEXP#${expiresOn}#${shardOf(memberId)}`,
    SK: `${kind}#${memberId}#${lotId}`,
  }),
  lotExpiryShards: (expiresOn: string) => Array.from({ length: LOT_EXPIRY_SHARDS }, (_, i) => `LOTEXP#${expiresOn}#${i}`),
  /** A rate-limit counter of one key in one fixed window (platform/rateLimit.ts); expires by TTL. */
  rateCounter: (scope: string, key: string, window: number) => ({ PK: `RATE#${scope}#${key}`, SK: `W#${window}` }),
  /** A member's tier and the rolling window it is measured on. */
  tierState: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'TIER' }),
  /**
   * Every member of the program, through their tier state (one per member, written at join):
   * GSI2 partitions `MEMBERS#<0-15>` by member, which jobs over all members read shard by shard.
   */
  memberShardIndex: (memberId: string) => ({ GSI2PK: `MEMBERS#${shardOf(memberId, MEMBER_SHARDS)}`, GSI2SK: `MEMBER#${memberId}` }),
  memberShards: () => Array.from({ length: MEMBER_SHARDS }, (_, i) => `MEMBERS#${i}`),
}

export const couponKeys = {
  template: (templateId: string, createdAt: string) => ({
    PK: `CTPL#${templateId}`,
    SK: 'TEMPLATE',
    GSI1PK: 'CTPLS',
    GSI1SK: `${createdAt}#${templateId}`,
  }),
  templateKey: (templateId: string) => ({ PK: `CTPL#${templateId}`, SK: 'TEMPLATE' }),
  templatesIndex: () => 'CTPLS',
  /** Stock is split over shards, each its own partition key, so claims spread their writes. */
  stockShard: (templateId: string, shard: number) => ({ PK: `CSTOCK#${templateId}#${shard}`, SK: 'STOCK' }),
  offer: (offerId: string, claimUntil: string) => ({
    PK: `OFFER#${offerId}`,
    SK: 'OFFER',
    GSI1PK: 'OFFERS',
    GSI1SK: `${claimUntil}#${offerId}`,
  }),
  offerKey: (offerId: string) => ({ PK: `OFFER#${offerId}`, SK: 'OFFER' }),
  offersIndex: () => 'OFFERS',
  /** How many coupons of a template a member holds from claims (per-member limit). */
  claimCounter: (memberId: string, templateId: string) => ({ PK: `MEMBER#${memberId}`, SK: `CCOUNT#${templateId}` }),
  /** A claim's idempotency key → the coupon it produced. */
  claimKey: (memberId: string, key: string) => ({ PK: `MEMBER#${memberId}`, SK: `CLAIMKEY#${key}` }),
  /** A coupon, by its code; the member's wallet via GSI1, the expiry job via GSI2 (while issued). */
  coupon: (code: string) => ({ PK: `COUPON#${code}`, SK: 'COUPON' }),
  walletIndex: (memberId: string, status: string, validUntil: string, code: string) => ({
    GSI1PK: `MCOUPONS#${memberId}`,
    GSI1SK: `${status}#${validUntil}#${code}`,
  }),
  walletPartition: (memberId: string) => `MCOUPONS#${memberId}`,
  couponExpiryIndex: (validUntilDate: string, code: string) => ({ GSI2PK: `CEXP#${validUntilDate}#${shardOf(code)}`, GSI2SK: code }),
  couponExpiryShards: (date: string) => Array.from({ length: LOT_EXPIRY_SHARDS }, (_, i) => `CEXP#${date}#${i}`),
  /** Coupons redeemed on an order (a refund of the order reverses them). */
  redemption: (storeId: string, orderId: string, code: string) => ({ PK: `ORDER#${storeId}#${orderId}`, SK: `REDEMPTION#${code}` }),
  redemptionPrefix: () => 'REDEMPTION#',
  reward: (rewardId: string, createdAt: string) => ({
    PK: `REWARD#${rewardId}`,
    SK: 'REWARD',
    GSI1PK: 'REWARDS',
    GSI1SK: `${createdAt}#${rewardId}`,
  }),
  rewardKey: (rewardId: string) => ({ PK: `REWARD#${rewardId}`, SK: 'REWARD' }),
  rewardsIndex: () => 'REWARDS',
  rewardRedemption: (memberId: string, key: string) => ({ PK: `MEMBER#${memberId}`, SK: `RREDEEM#${key}` }),
  /** Members by birthday (MM-DD), for the birthday pack. */
  birthdayIndex: (birthday: string, memberId: string) => ({ GSI2PK: `BDAY#${birthday.slice(5)}`, GSI2SK: `MEMBER#${memberId}` }),
}

/**
 * Report aggregates (functions/src/reports): counters kept by the aggregates consumer, read by
 * the reports with one Query per key range. A scope is the whole program (`ALL`) or a store.
 */
export const reportKeys = {
  programScope: () => 'ALL',
  storeScope: (storeId: string) => `STORE#${storeId}`,
  /** The store of a store scope (undefined for the program scope). */
  storeOfScope: (scope: string): string | undefined => (scope.startsWith('STORE#') ? scope.slice('STORE#'.length) : undefined),
  /** A scope's counters of one calendar day (Asia/Shanghai): a date range is one Query. */
  day: (scope: string, date: string) => ({ PK: `AGG#DAY#${scope}`, SK: date }),
  dayPartition: (scope: string) => `AGG#DAY#${scope}`,
  /** A scope's counters of one month (distinct active members). */
  month: (scope: string, month: string) => ({ PK: `AGG#MONTH#${scope}`, SK: month }),
  monthPartition: (scope: string) => `AGG#MONTH#${scope}`,
  /** All-time running totals of a scope (members, points outstanding, sales); every scope in one partition. */
  total: (scope: string) => ({ PK: 'AGG#TOTAL', SK: scope }),
  totalPartition: () => 'AGG#TOTAL',
  /** Current members of a tier; every tier in one partition. */
  /** Members per tier; pending shoppers ('' in qualify mode) count under `-`, as a key can't be empty. */
  tier: (tierCode: string) => ({ PK: 'AGG#TIER', SK: tierCode || '-' }),
  tierPartition: () => 'AGG#TIER',
  /** Lifetime counters of a coupon template, an offer or a points-mall item; each kind in one partition. */
  template: (templateId: string) => ({ PK: 'AGG#TEMPLATE', SK: templateId }),
  templatePartition: () => 'AGG#TEMPLATE',
  offer: (offerId: string) => ({ PK: 'AGG#OFFER', SK: offerId }),
  reward: (rewardId: string) => ({ PK: 'AGG#REWARD', SK: rewardId }),
  /** A member was active in a scope on a day (`D#`) or in a month (`M#`): counted once; expires by TTL. */
  activeDay: (memberId: string, scope: string, date: string) => ({ PK: `AGG#ACTIVE#${memberId}`, SK: `${scope}#D#${date}` }),
  activeMonth: (memberId: string, scope: string, month: string) => ({ PK: `AGG#ACTIVE#${memberId}`, SK: `${scope}#M#${month}` }),
}

/**
 * Segments (functions/src/segments): each member's features record in a sharded index that
 * jobs over all members read shard by shard; segment definitions; jobs and their shards' results.
 */
export const segmentKeys = {
  /** A member's features (GSI1 `FEAT#<0-31>` / member id: every member's features, shard by shard). */
  features: (memberId: string) => ({
    PK: `MEMBER#${memberId}`,
    SK: 'FEATURES',
    GSI1PK: `FEAT#${shardOf(memberId, FEATURE_SHARDS)}`,
    GSI1SK: memberId,
  }),
  featuresKey: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'FEATURES' }),
  featureShard: (shard: number) => `FEAT#${shard}`,
  segment: (segmentId: string, updatedAt: string) => ({
    PK: `SEG#${segmentId}`,
    SK: 'SEGMENT',
    GSI1PK: 'SEGMENTS',
    GSI1SK: `${updatedAt}#${segmentId}`,
  }),
  segmentKey: (segmentId: string) => ({ PK: `SEG#${segmentId}`, SK: 'SEGMENT' }),
  segmentsIndex: () => 'SEGMENTS',
  /** A job over every member: kind, phase, shards done, its result. */
  job: (jobId: string) => ({ PK: `JOB#${jobId}`, SK: 'JOB' }),
  /** One shard's result of one phase of a job (put once: a redelivered shard adds nothing). */
  jobShard: (jobId: string, phase: number, shard: number) => ({
    PK: `JOB#${jobId}`,
    SK: `SHARD#${phase}#${String(shard).padStart(3, '0')}`,
  }),
  jobShardPrefix: (phase: number) => `SHARD#${phase}#`,
  jobPartition: (jobId: string) => `JOB#${jobId}`,
  /** The RFM picture of the last refresh, and the merchant's thresholds. */
  rfmStats: () => ({ PK: 'SEGSTATS', SK: 'RFM' }),
  rfmSettings: () => ({ PK: 'SEGSTATS', SK: 'RFMSETTINGS' }),
}

/**
 * Campaigns (functions/src/campaigns): the campaign, its frozen audience in chunks and its
 * recipients — both spread over the features shards so a large send has no hot partition —
 * each member's campaign records (attribution), their marketing cap, the budget's shards and
 * the report's counters.
 */
/** WeChat subscription messages: grants per member and template, their ledger, the messages. */
export const messagingKeys = {
  /** The member's unused grants of one template (`held`), written over its version. */
  grant: (memberId: string, templateId: string) => ({ PK: `MEMBER#${memberId}`, SK: `WXGRANT#${templateId}` }),
  /** One movement of a grant (accepted, sent, cleared), never changed. */
  grantEntry: (memberId: string, entryId: string) => ({ PK: `MEMBER#${memberId}`, SK: `WXGRANTLOG#${entryId}` }),
  /** A message in the member's partition, listed by the day it was queued (GSI1, newest first by id). */
  message: (memberId: string, messageId: string, date: string) => ({
    PK: `MEMBER#${memberId}`,
    SK: `WXMSG#${messageId}`,
    GSI1PK: `WXMSGS#${date}`,
    GSI1SK: messageId,
  }),
  messageKey: (memberId: string, messageId: string) => ({ PK: `MEMBER#${memberId}`, SK: `WXMSG#${messageId}` }),
  messagesIndex: (date: string) => `WXMSGS#${date}`,
}

export const storedValueKeys = {
  /** A line of the member's statement (top-up, spend, refund), newest last by its ULID. */
  movement: (memberId: string, movementId: string) => ({ PK: `MEMBER#${memberId}`, SK: `SVMOVE#${movementId}` }),
  movementPrefix: () => 'SVMOVE#',
  /** Stored value paid for an order, with the parts it took (a refund puts them back): one per store and order. */
  spend: (storeId: string, orderId: string) => ({ PK: `SVSPEND#${storeId}#${orderId}`, SK: 'SPEND' }),
}

export const referralKeys = {
  /** An invite token → the member it invites for (the code's scene carries the token). */
  token: (token: string) => ({ PK: `REFTOKEN#${token}`, SK: 'TOKEN' }),
  /** The member as a referrer: their token, identity hashes (kept after erasure) and counts. */
  referrer: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'REFERRER' }),
  /** Who invited the member (one at most), the referral's state and what it gave. */
  referral: (friendId: string) => ({ PK: `MEMBER#${friendId}`, SK: 'REFERRAL' }),
  /** A friend in the referrer's list, by the friend's member id (a ULID: join order). */
  friend: (referrerId: string, friendId: string) => ({ PK: `MEMBER#${referrerId}`, SK: `REFFRIEND#${friendId}` }),
  friendPrefix: () => 'REFFRIEND#',
  /** Friends a referrer was rewarded for in a calendar month (the monthly cap). */
  month: (referrerId: string, month: string) => ({ PK: `MEMBER#${referrerId}`, SK: `REFMONTH#${month}` }),
  /** The referrer's mini-program code for a scene, asked of WeChat once and kept. */
  code: (memberId: string, scene: string) => ({ PK: `MEMBER#${memberId}`, SK: `REFCODE#${scene}` }),
}

export const enrolmentKeys = {
  /** A group's enrolment code, listed newest first (GSI1). */
  code: (code: string, createdAt: string) => ({ PK: `ENROL#${code}`, SK: 'CODE', GSI1PK: 'ENROLCODES', GSI1SK: `${createdAt}#${code}` }),
  codeKey: (code: string) => ({ PK: `ENROL#${code}`, SK: 'CODE' }),
  index: () => 'ENROLCODES',
}

export const statusMatchKeys = {
  /** The member's status match (once per member): the partner card and the tier it gave. */
  match: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'STATUSMATCH' }),
  /** Its photo, apart, so reading the match never carries the image. */
  photo: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'STATUSMATCH#PHOTO' }),
}

/** Partitions of a leaderboard's index of scores (GSI1): writes spread, the top read from each. */
export const LEADERBOARD_SHARDS = 4
/** Scores per coarse count of a leaderboard (the rank's two-level count). */
export const LEADERBOARD_BUCKET = 100
const pad = (n: number) => String(n).padStart(10, '0')

export const leaderboardKeys = {
  /** Whether the member takes part (one flag for every board and month). */
  optIn: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'LBOPTIN' }),
  /** The member's score on a board in a month. */
  score: (memberId: string, board: string, month: string) => ({ PK: `MEMBER#${memberId}`, SK: `LB#${board}#${month}` }),
  /** While the member takes part, their score item is in the board's index, by score (GSI1, sparse). */
  scoreIndex: (memberId: string, board: string, month: string, score: number) => ({
    GSI1PK: `LB#${board}#${month}#${shardOf(memberId, LEADERBOARD_SHARDS)}`,
    GSI1SK: `${pad(score)}#${memberId}`,
  }),
  scoreIndexShards: (board: string, month: string) => Array.from({ length: LEADERBOARD_SHARDS }, (_, i) => `LB#${board}#${month}#${i}`),
  /** The board's counts: members taking part with each score (`S#`), each bucket of scores (`C#`), and in all. */
  countsPartition: (board: string, month: string) => `LBCOUNT#${board}#${month}`,
  scoreCount: (board: string, month: string, score: number) => ({ PK: `LBCOUNT#${board}#${month}`, SK: `S#${pad(score)}` }),
  bucketCount: (board: string, month: string, bucket: number) => ({ PK: `LBCOUNT#${board}#${month}`, SK: `C#${pad(bucket)}` }),
  total: (board: string, month: string) => ({ PK: `LBCOUNT#${board}#${month}`, SK: 'TOTAL' }),
  padded: pad,
}

export const campaignKeys = {
  campaign: (campaignId: string, createdAt: string) => ({
    PK: `CAMP#${campaignId}`,
    SK: 'CAMPAIGN',
    GSI1PK: 'CAMPAIGNS',
    GSI1SK: `${createdAt}#${campaignId}`,
  }),
  campaignKey: (campaignId: string) => ({ PK: `CAMP#${campaignId}`, SK: 'CAMPAIGN' }),
  campaignsIndex: () => 'CAMPAIGNS',
  /** A scheduled campaign, by when it is due (GSI2; removed when it launches). */
  dueIndex: (at: string, campaignId: string) => ({ GSI2PK: 'CAMPDUE', GSI2SK: `${at}#${campaignId}` }),
  duePartition: () => 'CAMPDUE',
  /** A chunk of the frozen audience: up to 100 member ids of one features shard. */
  chunk: (campaignId: string, shard: number, seq: number) => ({
    PK: `CAMPAUD#${campaignId}#${shard}`,
    SK: String(seq).padStart(6, '0'),
  }),
  chunkPartition: (campaignId: string, shard: number) => `CAMPAUD#${campaignId}#${shard}`,
  /** Marks in the campaign's partition: an audience shard frozen (`AUD#`), a chunk sent (`SENT#`) or held back by quiet hours (`DEFER#`). */
  mark: (campaignId: string, kind: 'AUD' | 'SENT' | 'DEFER', id: string) => ({ PK: `CAMP#${campaignId}`, SK: `${kind}#${id}` }),
  markPrefix: (kind: 'AUD' | 'SENT' | 'DEFER') => `${kind}#`,
  campaignPartition: (campaignId: string) => `CAMP#${campaignId}`,
  /** A run of a recurring campaign, in the parent's partition, by its occurrence. */
  run: (parentId: string, occurrence: string) => ({ PK: `CAMP#${parentId}`, SK: `RUN#${occurrence}` }),
  runPrefix: () => 'RUN#',
  /** One member's outcome in a campaign, once (`attribute_not_exists`): sent, or why not. */
  recipient: (campaignId: string, shard: number, memberId: string) => ({ PK: `CAMPR#${campaignId}#${shard}`, SK: memberId }),
  recipientPartition: (campaignId: string, shard: number) => `CAMPR#${campaignId}#${shard}`,
  /** The member's record of a campaign they were in (either group): attribution of their purchases. */
  record: (memberId: string, campaignId: string) => ({ PK: `MEMBER#${memberId}`, SK: `CAMPREC#${campaignId}` }),
  recordPrefix: () => 'CAMPREC#',
  /** The member's marketing messages of the last 7 days (the frequency cap), written whole over its version. */
  cap: (memberId: string) => ({ PK: `MEMBER#${memberId}`, SK: 'MKTCAP' }),
  /** One of the budget's shards (`remaining`), each its own partition. */
  budget: (campaignId: string, shard: number) => ({ PK: `CAMPBUDGET#${campaignId}#${shard}`, SK: 'BUDGET' }),
  /** The report's counters of one group, in one of 8 shards (by member); days under `DAY#<date>#<group>`. */
  stats: (campaignId: string, shard: number, sk: string) => ({ PK: `CAMPSTAT#${campaignId}#${shard}`, SK: sk }),
  statsPartition: (campaignId: string, shard: number) => `CAMPSTAT#${campaignId}#${shard}`,
}

/** A member's features shard (also their shard of a campaign's audience and recipients). */
export const featureShardOf = (memberId: string): number => shardOf(memberId, FEATURE_SHARDS)

/** Partitions of the features index: a job over all members runs this many shards side by side. */
export const FEATURE_SHARDS = 32

export const LOT_EXPIRY_SHARDS = 8
/** Partitions of the members index (coreKeys.memberShardIndex). */
export const MEMBER_SHARDS = 16
function shardOf(id: string, shards = LOT_EXPIRY_SHARDS): number {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return h % shards
}
