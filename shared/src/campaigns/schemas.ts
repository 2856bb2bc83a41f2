/**
 * Campaigns (PRODUCT.md §9): a segment, an offer (a coupon into the wallet) and/or a message
 * (the inbox always; a WeChat subscription message where the member holds a grant), a
 * schedule, a budget, and a control group that receives nothing — so the report shows what
 * the campaign really earned. Money is fen; times carry their offset (Asia/Shanghai).
 */
import { z, Fen, IsoDateTime, CalendarDate, pageOf } from '../common'

export const CAMPAIGN_GOALS = ['reactivate', 'upsell', 'retain', 'new_member', 'birthday', 'other'] as const
export const CampaignGoal = z.enum(CAMPAIGN_GOALS)
export type CampaignGoal = z.infer<typeof CampaignGoal>
export const CAMPAIGN_GOAL_LABELS: Record<CampaignGoal, string> = {
  reactivate: '唤醒沉睡会员',
  upsell: '提升客单价',
  retain: '老客留存',
  new_member: '新会员首购',
  birthday: '生日关怀',
  other: '其他',
}

export const CampaignStatus = z.enum(['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled'])
export type CampaignStatus = z.infer<typeof CampaignStatus>

/** Why a member of the audience got nothing (or not yet). */
export const SUPPRESSION_REASONS = ['holdout', 'cap', 'no_consent', 'no_grant', 'budget_exhausted', 'erased'] as const
export const SuppressionReason = z.enum(SUPPRESSION_REASONS)
export type SuppressionReason = z.infer<typeof SuppressionReason>
export const SUPPRESSION_LABELS: Record<SuppressionReason, string> = {
  holdout: '对照组',
  cap: '频次上限',
  no_consent: '未同意营销',
  no_grant: '无订阅授权（改发站内信）',
  budget_exhausted: '预算用尽',
  erased: '已注销',
}

/** WeChat subscription message field limits: `thing` ≤ 20 characters. */
export const CampaignMessage = z
  .object({
    /** The inbox title and the WeChat message's `thing` field (≤ 20 characters). */
    title: z.string().trim().min(1, 'must not be empty').max(20),
    body: z.string().trim().min(1, 'must not be empty').max(200),
    /** Also as a WeChat subscription message to members who hold a grant. */
    wechat: z.boolean().default(false),
  })
  .meta({ id: 'CampaignMessage' })

/**
 * Now, at a time, or recurring: every day, every week on a weekday (1 = Monday … 7 = Sunday)
 * or every month on a day (1–28, in every month), at a time of day, until a date (or for
 * good). Each run of a recurring campaign is a campaign of its own (its audience frozen when
 * it runs, its own control group and report).
 */
export const CampaignSchedule = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('now') }),
    z.object({ type: z.literal('at'), at: IsoDateTime }),
    z.object({
      type: z.literal('recurring'),
      every: z.enum(['day', 'week', 'month']),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm'),
      weekday: z.number().int().min(1).max(7).optional(),
      dayOfMonth: z.number().int().min(1).max(28).optional(),
      until: CalendarDate.nullable().default(null),
    }),
  ])
  .meta({ id: 'CampaignSchedule' })
export type CampaignSchedule = z.infer<typeof CampaignSchedule>

export const CreateCampaignRequest = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(40),
    goal: CampaignGoal,
    segmentId: z.string().min(1).max(40),
    /** A coupon template issued into each treated member's wallet. */
    offer: z
      .object({ templateId: z.string().min(1).max(40) })
      .nullable()
      .default(null),
    message: CampaignMessage,
    schedule: CampaignSchedule.default({ type: 'now' }),
    /** At most this many coupons (null: the template's stock is the only limit). */
    maxCoupons: z.number().int().min(1).max(10_000_000).nullable().default(null),
    /** Purchases within this many days of the send count for the campaign. */
    attributionDays: z.number().int().min(1).max(90).default(14),
    /** Share of the audience held out as the control group, in per cent (0–50). */
    holdoutPct: z.number().min(0).max(50).default(5),
  })
  .meta({ id: 'CreateCampaignRequest' })
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequest>

export const UpdateCampaignRequest = CreateCampaignRequest.extend({ version: z.number().int().min(1) }).meta({
  id: 'UpdateCampaignRequest',
})
export type UpdateCampaignRequest = z.infer<typeof UpdateCampaignRequest>

export const CampaignIdParams = z.object({ campaignId: z.string().min(1).max(40) })

export const CampaignProgress = z.object({
  /** Members in the frozen audience (treatment and control). */
  planned: z.number().int(),
  /** Members gone through so far. */
  processed: z.number().int(),
  /** Treated members who received the campaign (inbox, and the coupon if any). */
  sent: z.number().int(),
  /** Of those, also queued as a WeChat subscription message (a grant consumed each); and what WeChat answered so far. */
  wechat: z.number().int(),
  wechatDelivered: z.number().int(),
  wechatFailed: z.number().int(),
  couponsIssued: z.number().int(),
  suppressed: z.object(Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, z.number().int()])) as Record<SuppressionReason, z.ZodNumber>),
  failed: z.number().int(),
  /** Sends that waited for the end of quiet hours (they are sent then, not dropped). */
  deferred: z.number().int(),
})
export type CampaignProgress = z.infer<typeof CampaignProgress>

export const Campaign = z
  .object({
    campaignId: z.string(),
    name: z.string(),
    goal: CampaignGoal,
    segmentId: z.string(),
    segmentName: z.string().nullable(),
    offer: z.object({ templateId: z.string(), name: z.string().nullable() }).nullable(),
    message: CampaignMessage,
    schedule: CampaignSchedule,
    maxCoupons: z.number().int().nullable(),
    attributionDays: z.number().int(),
    holdoutPct: z.number(),
    status: CampaignStatus,
    version: z.number().int(),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    launchedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    /** A run of a recurring campaign: the campaign it is a run of. */
    parentId: z.string().nullable(),
    /** A recurring campaign: when its next run starts (null when it has ended). */
    nextRunAt: IsoDateTime.nullable(),
    progress: CampaignProgress,
  })
  .meta({ id: 'Campaign' })
export type Campaign = z.infer<typeof Campaign>
export const CampaignList = pageOf(Campaign).meta({ id: 'CampaignList' })

/** Before launch: how many the campaign would reach, after the control group, consent, caps and grants. */
export const CampaignEstimate = z
  .object({
    audience: z.number().int(),
    control: z.number().int(),
    noConsent: z.number().int(),
    /** Treated members already at their 7-day marketing cap today. */
    capped: z.number().int(),
    /** Expected to receive it. */
    reach: z.number().int(),
    /** Of those, holding a WeChat grant (the rest get the inbox only). */
    wechatReach: z.number().int(),
    /** Coupons the budget lets out (null: no budget). */
    couponsCapped: z.number().int().nullable(),
  })
  .meta({ id: 'CampaignEstimate' })
export type CampaignEstimate = z.infer<typeof CampaignEstimate>

const GroupFigures = z.object({
  members: z.number().int(),
  /** Received it (treatment) — the control group receives nothing. */
  delivered: z.number().int(),
  deliveredWechat: z.number().int(),
  couponsIssued: z.number().int(),
  couponsRedeemed: z.number().int(),
  /** Members who bought within the attribution window. */
  purchasers: z.number().int(),
  orders: z.number().int(),
  revenueFen: z.number().int(),
  /** purchasers ÷ members. */
  conversion: z.number(),
  revenuePerMemberFen: z.number(),
})

export const CampaignReport = z
  .object({
    campaignId: z.string(),
    name: z.string(),
    status: CampaignStatus,
    launchedAt: IsoDateTime.nullable(),
    /** The attribution window: from the launch, attributionDays long. */
    windowFrom: CalendarDate.nullable(),
    windowTo: CalendarDate.nullable(),
    treatment: GroupFigures,
    control: GroupFigures,
    /** (revenue per treated member − per control member) × treated members, with its 95 % interval. */
    incrementalRevenueFen: z.number().int(),
    incrementalRevenueLowFen: z.number().int().nullable(),
    incrementalRevenueHighFen: z.number().int().nullable(),
    /** How the interval is computed. */
    method: z.string(),
    /** The discount the treated members' redeemed coupons gave. */
    couponCostFen: Fen,
    grossMarginPct: z.number(),
    /** incremental revenue × margin − coupon cost. */
    incrementalProfitFen: z.number().int(),
    /** 'significant' | 'not_significant' | 'too_small': what may be concluded, and in words. */
    verdict: z.enum(['significant', 'not_significant', 'too_small']),
    verdictText: z.string(),
    funnel: z.array(z.object({ step: z.string(), treatment: z.number().int(), control: z.number().int() })),
    /** Revenue per member by day, treatment and control. */
    daily: z.array(z.object({ date: CalendarDate, treatmentFen: z.number(), controlFen: z.number() })),
  })
  .meta({ id: 'CampaignReport' })
export type CampaignReport = z.infer<typeof CampaignReport>

/** One member's outcome in a campaign (the console's 发送记录): masked. */
export const CampaignRecipient = z.object({
  memberId: z.string(),
  cardNo: z.string(),
  group: z.enum(['treatment', 'control']),
  outcome: z.enum(['sent', ...SUPPRESSION_REASONS, 'failed']),
  wechat: z.boolean(),
  couponCode: z.string().nullable(),
  at: IsoDateTime,
})
export const CampaignRecipients = pageOf(CampaignRecipient).meta({ id: 'CampaignRecipients' })
