/**
 * Referrals (推荐有礼, PRODUCT.md §8): the program's rewards for a member who invites a friend
 * and for the friend, the member's invite token and code, and what their invitations earned.
 */
import { z, Fen, IsoDateTime, Points } from '../common'

/** What one side of a referral receives: points and/or coupons of the program's templates. */
export const ReferralReward = z
  .object({
    points: Points.min(0).max(100_000),
    templateIds: z.array(z.string().min(1).max(40)).max(3),
  })
  .meta({ id: 'ReferralReward' })
export type ReferralReward = z.infer<typeof ReferralReward>

export const ReferralRules = z
  .object({
    /** Off: invitations are not recorded and nothing is rewarded (members still join). */
    enabled: z.boolean(),
    /** When both are rewarded: when the friend joins, or after the friend's first purchase. */
    rewardOn: z.enum(['join', 'first_purchase']),
    /** first_purchase: the least the purchase must pay to count (0: any purchase). */
    minPurchaseFen: Fen,
    referrer: ReferralReward,
    friend: ReferralReward,
    /** Friends a referrer is rewarded for per calendar month; friends beyond it still get theirs. */
    monthlyCap: z.number().int().min(0).max(1000),
    /** A full refund of the qualifying first purchase within this many days takes both rewards back. */
    clawbackDays: z.number().int().min(0).max(365),
  })
  .meta({ id: 'ReferralRules' })
export type ReferralRules = z.infer<typeof ReferralRules>

export const DEFAULT_REFERRAL_RULES: ReferralRules = {
  enabled: true,
  rewardOn: 'first_purchase',
  minPurchaseFen: 0,
  referrer: { points: 200, templateIds: [] },
  friend: { points: 100, templateIds: [] },
  monthlyCap: 10,
  clawbackDays: 30,
}

/** A referral's state: waiting for the first purchase, rewarded, or rewarded and taken back after a refund. */
export const ReferralStatus = z.enum(['pending', 'rewarded', 'clawed_back'])
export type ReferralStatus = z.infer<typeof ReferralStatus>

/** One friend who joined with the member's invitation. */
export const ReferredFriend = z
  .object({
    /** Masked: 李*. */
    name: z.string(),
    joinedAt: IsoDateTime,
    status: ReferralStatus,
    /** What the referrer received for this friend (0 and none when over the month's cap or not yet rewarded). */
    points: Points,
    coupons: z.number().int().min(0),
    /** Rewarded, but the month's cap had been reached: the friend got theirs, the referrer nothing. */
    overCap: z.boolean(),
  })
  .meta({ id: 'ReferredFriend' })
export type ReferredFriend = z.infer<typeof ReferredFriend>

/** One side's reward as the invite page shows it. */
export const ReferralRewardView = z
  .object({
    points: Points,
    coupons: z.array(z.object({ templateId: z.string(), name: z.string() })),
  })
  .meta({ id: 'ReferralRewardView' })

export const MyReferral = z
  .object({
    enabled: z.boolean(),
    /** The program's name, for the poster and the share title. */
    programName: z.string(),
    /** The invite token (8 characters), carried in the code's scene as `r=<token>`. */
    token: z.string(),
    /** The mini-program code's scene: `s=<store>&r=<token>` (at most 32 characters). */
    scene: z.string().max(32),
    page: z.string(),
    /** `link` (H5: draw `url` as a QR) or `wxacode` (weapp: WeChat's mini-program code, a PNG). */
    kind: z.enum(['wxacode', 'link']),
    url: z.string().optional(),
    pngBase64: z.string().optional(),
    rules: z.object({
      rewardOn: z.enum(['join', 'first_purchase']),
      minPurchaseFen: Fen,
      referrer: ReferralRewardView,
      friend: ReferralRewardView,
      monthlyCap: z.number().int(),
      clawbackDays: z.number().int(),
    }),
    stats: z.object({
      /** Friends who joined with the invitation. */
      joined: z.number().int().min(0),
      /** Of them, those whose reward was given (and not taken back). */
      rewarded: z.number().int().min(0),
      /** Waiting for their first purchase. */
      pending: z.number().int().min(0),
      pointsEarned: Points,
      couponsEarned: z.number().int().min(0),
      /** Friends rewarded for this month, and how many more can be. */
      rewardedThisMonth: z.number().int().min(0),
      leftThisMonth: z.number().int().min(0),
    }),
    /** Friends who joined, newest first (paginated). */
    items: z.array(ReferredFriend),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MyReferral' })
export type MyReferral = z.infer<typeof MyReferral>
