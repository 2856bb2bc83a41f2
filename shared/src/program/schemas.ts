import { z, Fen, Points } from '../common'

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
      })
      .default({ validityMonths: 12, reminderDays: 30, pointsPerYuan: 100 }),
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
  })
  .meta({ id: 'ProgramRules' })
export type ProgramRules = z.infer<typeof ProgramRules>
