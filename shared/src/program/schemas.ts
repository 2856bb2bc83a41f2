import { DEFAULT_MESSAGING_RULES, MessagingRules } from '../messaging/schemas'
import { DEFAULT_REFERRAL_RULES, ReferralRules } from '../referrals/schemas'
import { DEFAULT_STORED_VALUE_RULES, StoredValueRules } from '../storedValue/schemas'
import { z, CalendarDate, Fen, IsoDateTime, Points, pageOf } from '../common'
import { LineItem, MAX_ORDER_FEN } from '../purchases/schemas'
import { programRulesIssues } from './validation'

export const TierRule = z
  .object({
    code: z.string().min(1).max(20),
    name: z.string().min(1).max(20),
    /** Rolling 12-month spend (fen) needed to reach this tier. 0 for the entry tier. */
    thresholdFen: Fen,
    /** Earn multiplier in basis points (10000 = ×1). Integer to keep money math exact. */
    earnMultiplierBp: z.number().int().min(0).max(100000),
    benefits: z.array(z.object({ icon: z.string().max(20), text: z.string().max(60) })).max(20),
  })
  .meta({ id: 'TierRule' })
export type TierRule = z.infer<typeof TierRule>

export const CheckinRules = z
  .object({
    basePoints: Points.min(0),
    /** A bonus on every n-th consecutive day (streak % day === 0). */
    streakBonuses: z.array(z.object({ day: z.number().int().min(2).max(365), points: Points.min(0) })).max(10),
  })
  .meta({ id: 'CheckinRules' })
export type CheckinRules = z.infer<typeof CheckinRules>

export const Promotion = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().min(1).max(40),
    /** member_day: a day of every month; birthday_month: the member's birthday month; store / category: scoped. */
    kind: z.enum(['member_day', 'birthday_month', 'store', 'category']),
    /** Multiplier in basis points (20000 = ×2). */
    multiplierBp: z.number().int().min(10000).max(100000),
    dayOfMonth: z.number().int().min(1).max(31).optional(),
    storeIds: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional(),
    /** Optional validity window (calendar dates, inclusive). */
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .meta({ id: 'Promotion' })
export type Promotion = z.infer<typeof Promotion>

/** A time of day, HH:mm (24 h), in the program's time zone. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm')

export const MarketingRules = z
  .object({
    /** Marketing messages a member receives at most in any 7 days (service notices don't count). */
    maxMessagesPer7Days: z.number().int().min(0).max(50),
    /** No marketing message in this window (it waits until `to`); `from` after `to` spans midnight. */
    quietHours: z.object({ from: TimeOfDay, to: TimeOfDay }),
    /** Gross margin on sales, in per cent: a campaign's incremental profit is its incremental revenue × this − coupon cost. */
    grossMarginPct: z.number().int().min(0).max(100).default(40),
    /**
     * A program-wide control group, in per cent (0: none): members no marketing reaches — not a
     * campaign, not the win-back — so the program can measure what all its marketing adds. A
     * member's place in it is a hash of the member alone (the same for every campaign).
     */
    globalControlPct: z.number().min(0).max(20).default(0),
  })
  .meta({ id: 'MarketingRules' })
export type MarketingRules = z.infer<typeof MarketingRules>

export const DEFAULT_MARKETING_RULES: MarketingRules = {
  maxMessagesPer7Days: 2,
  quietHours: { from: '21:00', to: '09:00' },
  grossMarginPct: 40,
  globalControlPct: 0,
}

export const ProgramRules = z
  .object({
    name: z.string().min(1).max(40),
    timeZone: z.string().default('Asia/Shanghai'),
    minimumAge: z.number().int().min(0).max(100),
    privacyPolicyVersion: z.string().min(1).max(20),
    tiers: z.array(TierRule).min(1),
    checkin: CheckinRules,
    earning: z.object({
      /** Fen paid per point (100 = 1 point per ¥1), floored. */
      fenPerPoint: z.number().int().min(1),
      promotions: z.array(Promotion).max(50).default([]),
    }),
    points: z
      .object({
        /** A lot earned in month M expires at the end of month M + validityMonths. */
        validityMonths: z.number().int().min(1).max(120),
        /** Days before expiry that a reminder notice is queued. */
        reminderDays: z.number().int().min(0).max(90),
        /** Points worth one yuan when redeemed (liability reporting, cash deduction). */
        pointsPerYuan: z.number().int().min(1),
        /** The most of an order (after coupons) points may pay at the till, percent. */
        deductionCapPct: z.number().int().min(0).max(100).default(50),
      })
      .default({ validityMonths: 12, reminderDays: 30, pointsPerYuan: 100, deductionCapPct: 50 }),
    tierPolicy: z
      .object({
        /** What tier thresholds are measured in over the rolling window. */
        basis: z.enum(['spend', 'points']),
        windowMonths: z.number().int().min(1).max(36),
        /** join_at_entry: anyone joins at the entry tier; qualify: the entry card needs a qualifying purchase. */
        entryMode: z.enum(['join_at_entry', 'qualify']),
        qualifySinglePurchaseFen: Fen,
        qualifyCumulativeFen: Fen,
      })
      .default({
        basis: 'spend',
        windowMonths: 12,
        entryMode: 'join_at_entry',
        qualifySinglePurchaseFen: 10_000,
        qualifyCumulativeFen: 30_000,
      }),
    packs: z
      .object({
        /** Coupon templates every new member receives. */
        welcomeTemplateIds: z.array(z.string()).max(10),
        /** Coupon templates sent on the member's birthday, once a year. */
        birthdayTemplateIds: z.array(z.string()).max(10),
      })
      .default({ welcomeTemplateIds: [], birthdayTemplateIds: [] }),
    memberCode: z.object({
      stepSeconds: z.number().int().min(15).max(300),
      graceSeconds: z.number().int().min(0).max(60),
    }),
    /** Frequency caps and quiet hours of marketing messages (PRODUCT.md §9). */
    marketing: MarketingRules.default(DEFAULT_MARKETING_RULES),
    /** The WeChat subscription message templates, by purpose (PRODUCT.md §9). */
    messaging: MessagingRules.default(DEFAULT_MESSAGING_RULES),
    /** Top-up packages and the prepaid-card rules (PRODUCT.md §7). */
    storedValue: StoredValueRules.default(DEFAULT_STORED_VALUE_RULES),
    /** Rewards for inviting a friend (PRODUCT.md §8). */
    referral: ReferralRules.default(DEFAULT_REFERRAL_RULES),
  })
  .meta({ id: 'ProgramRules' })
export type ProgramRules = z.infer<typeof ProgramRules>

/** Adds the cross-field issues of `rules` (at `at` in the request) to a refinement's context. */
const checkRulesAt = (rules: ProgramRules | undefined, ctx: z.RefinementCtx, at: string) => {
  if (!rules) return
  for (const issue of programRulesIssues(rules)) ctx.addIssue({ code: 'custom', path: [at, ...issue.path], message: issue.message })
}

/** Who changed the rules (null: stored by a script or the seed). */
export const ProgramEditor = z.object({ staffId: z.string(), name: z.string() }).meta({ id: 'ProgramEditor' })
export type ProgramEditor = z.infer<typeof ProgramEditor>

export const ProgramView = z
  .object({
    rules: ProgramRules,
    /** 0 until the rules are first stored; each change adds one. Send it back with an update. */
    version: z.number().int().min(0),
    updatedAt: IsoDateTime.nullable(),
    updatedBy: ProgramEditor.nullable(),
  })
  .meta({ id: 'ProgramView' })
export type ProgramView = z.infer<typeof ProgramView>

/** The whole rules, checked as a whole; `version` is the one read (a stale one is 409 VERSION_CONFLICT). */
export const UpdateProgramRequest = z
  .object({ rules: ProgramRules, version: z.number().int().min(0).max(1_000_000_000) })
  .superRefine((b, ctx) => checkRulesAt(b.rules, ctx, 'rules'))
  .meta({ id: 'UpdateProgramRequest' })
export type UpdateProgramRequest = z.infer<typeof UpdateProgramRequest>

/** One changed setting: its path in the rules (e.g. `tiers.1.thresholdFen`), null where it did not exist. */
export const ProgramChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() }).meta({ id: 'ProgramChange' })
export type ProgramChange = z.infer<typeof ProgramChange>

export const ProgramVersion = z
  .object({
    version: z.number().int(),
    updatedAt: IsoDateTime,
    updatedBy: ProgramEditor.nullable(),
    changes: z.array(ProgramChange),
  })
  .meta({ id: 'ProgramVersion' })
export const ProgramVersionList = pageOf(ProgramVersion).meta({ id: 'ProgramVersionList' })

/** What a purchase would earn, computed exactly as the till does, under the saved rules or a draft. */
export const PreviewEarningRequest = z
  .object({
    /** An unsaved draft of the rules; the saved rules when omitted. */
    rules: ProgramRules.optional(),
    amountFen: Fen.refine((v) => v > 0, 'must be more than 0').refine((v) => v <= MAX_ORDER_FEN, 'at most ¥1,000,000'),
    tierCode: z.string().min(1).max(20),
    storeId: z.string().min(1).max(40),
    /** The purchase's calendar date in the program's time zone. */
    date: CalendarDate,
    birthday: CalendarDate.optional(),
    items: z.array(LineItem).max(200).optional(),
  })
  .superRefine((b, ctx) => checkRulesAt(b.rules, ctx, 'rules'))
  .meta({ id: 'PreviewEarningRequest' })
export type PreviewEarningRequest = z.infer<typeof PreviewEarningRequest>

export const PreviewEarningResult = z
  .object({
    amountFen: Fen,
    storeId: z.string(),
    date: CalendarDate,
    tier: z.object({ code: z.string(), name: z.string() }),
    points: z.object({
      basePoints: Points,
      multipliers: z.array(z.object({ kind: z.string(), name: z.string(), multiplierBp: z.number().int(), appliesToFen: Fen })),
      totalPoints: Points,
    }),
    /** The saved rules' version the preview used; null for a draft. */
    rulesVersion: z.number().int().nullable(),
  })
  .meta({ id: 'PreviewEarningResult' })
export type PreviewEarningResult = z.infer<typeof PreviewEarningResult>
