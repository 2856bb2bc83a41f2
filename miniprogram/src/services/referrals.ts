/** The member's invitations (邀请有礼): the invite code, the program's rewards, what the invitations earned, the friends who joined. */
import * as z from 'zod/mini'
import { api } from './request'
import { withSession } from './session'

const RewardCheck = z.object({ points: z.number(), coupons: z.array(z.object({ templateId: z.string(), name: z.string() })) })

const MyReferralCheck = z.object({
  enabled: z.boolean(),
  token: z.string(),
  scene: z.string(),
  page: z.string(),
  kind: z.string(),
  url: z.optional(z.string()),
  pngBase64: z.optional(z.string()),
  rules: z.object({
    rewardOn: z.string(),
    minPurchaseFen: z.number(),
    referrer: RewardCheck,
    friend: RewardCheck,
    monthlyCap: z.number(),
    clawbackDays: z.number(),
  }),
  stats: z.object({
    joined: z.number(),
    rewarded: z.number(),
    pending: z.number(),
    pointsEarned: z.number(),
    couponsEarned: z.number(),
    rewardedThisMonth: z.number(),
    leftThisMonth: z.number(),
  }),
  items: z.array(
    z.object({
      name: z.string(),
      joinedAt: z.string(),
      status: z.string(),
      points: z.number(),
      coupons: z.number(),
      overCap: z.boolean(),
    }),
  ),
  nextCursor: z.nullable(z.string()),
})

/** The invite code and rules with the first page of friends who joined (newest first); pass `nextCursor` for more. */
export const getMyReferral = (cursor?: string, limit = 20) =>
  withSession(() => api('getMyReferral', { query: { limit, ...(cursor ? { cursor } : {}) }, check: MyReferralCheck }))
