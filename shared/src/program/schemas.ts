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

export const ProgramRules = z
  .object({
    name: z.string().min(1).max(40),
    timeZone: z.string().default('Asia/Shanghai'),
    minimumAge: z.number().int().min(0).max(100),
    privacyPolicyVersion: z.string().min(1).max(20),
    tiers: z.array(TierRule).min(1),
    checkin: CheckinRules,
    earning: z.object({
      /** Points per yuan paid (floor of fen / fenPerPoint). */
      fenPerPoint: z.number().int().min(1),
    }),
    memberCode: z.object({
      stepSeconds: z.number().int().min(15).max(300),
      graceSeconds: z.number().int().min(0).max(60),
    }),
  })
  .meta({ id: 'ProgramRules' })
export type ProgramRules = z.infer<typeof ProgramRules>
