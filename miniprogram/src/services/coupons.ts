/**
 * Coupons: the offer centre, the member's wallet, the points mall, and redemption (核销)
 * at the till. Claims and exchanges carry an idempotency key made once per tap, so a
 * retry of the same tap (e.g. after a network error) never issues a second coupon.
 */
import * as z from 'zod/mini'
import type { RedeemCouponRequest } from '@huiyuan/shared/coupons/schemas'
import { canonicalCouponCode } from '@huiyuan/shared/coupons/code'
import { api } from './request'
import { withSession } from './session'
import { pageOf } from './checks'

/** What a coupon is worth (CouponTerms). */
const terms = {
  kind: z.string(),
  valueFen: z.optional(z.number()),
  percentPaid: z.optional(z.number()),
  capFen: z.optional(z.number()),
  thresholdFen: z.number(),
  itemName: z.optional(z.string()),
}

const CouponCheck = z.object({
  code: z.string(),
  templateId: z.string(),
  name: z.string(),
  ...terms,
  summary: z.string(),
  status: z.string(),
  usable: z.boolean(),
  validFrom: z.string(),
  validUntil: z.string(),
  storeIds: z.array(z.string()),
  source: z.string(),
  issuedAt: z.string(),
  redeemedAt: z.nullable(z.string()),
  redeemedStoreId: z.nullable(z.string()),
})

const MemberOffersCheck = pageOf(
  z.object({
    offerId: z.string(),
    templateId: z.string(),
    title: z.string(),
    description: z.string(),
    claimFrom: z.string(),
    claimUntil: z.string(),
    audienceTiers: z.array(z.string()),
    summary: z.string(),
    ...terms,
    availability: z.string(),
    remainingStock: z.nullable(z.number()),
    totalStock: z.nullable(z.number()),
    claimedByMe: z.number(),
    perMemberLimit: z.number(),
  }),
)

const RewardListCheck = pageOf(
  z.object({
    rewardId: z.string(),
    name: z.string(),
    description: z.string(),
    pointsCost: z.number(),
    kind: z.string(),
    templateId: z.nullable(z.string()),
    stock: z.number(),
  }),
)

const RewardRedemptionCheck = z.object({
  rewardId: z.string(),
  pointsSpent: z.number(),
  pointsBalance: z.number(),
  coupon: z.nullable(CouponCheck),
  giftName: z.nullable(z.string()),
  replayed: z.boolean(),
})

const RedemptionResultCheck = z.object({
  couponCode: z.string(),
  name: z.string(),
  summary: z.string(),
  discountFen: z.number(),
  itemName: z.nullable(z.string()),
  storeId: z.string(),
  orderId: z.string(),
  redeemedAt: z.string(),
  replayed: z.boolean(),
})

export type WalletStatus = 'usable' | 'used' | 'expired'

/** Query of one page of a list: pass the previous page's `nextCursor` for the next one. */
const pageQuery = (cursor?: string, limit = 20) => ({ limit, ...(cursor ? { cursor } : {}) })

/** The offer centre, ending soonest first, a page at a time. */
export const listOffers = (cursor?: string) => withSession(() => api('listOffers', { query: pageQuery(cursor), check: MemberOffersCheck }))

export const claimOffer = (offerId: string, idempotencyKey: string) =>
  withSession(() =>
    api('claimOffer', {
      params: { offerId },
      headers: { 'Idempotency-Key': idempotencyKey },
      loading: '领取中',
      check: z.object({ coupon: CouponCheck, replayed: z.boolean() }),
    }),
  )

/** One tab of the wallet, a page at a time. */
export const getMyCoupons = (status: WalletStatus, cursor?: string) =>
  withSession(() => api('getMyCoupons', { query: { status, ...pageQuery(cursor) }, check: pageOf(CouponCheck) }))

export const getMyCoupon = (code: string) =>
  withSession(() => api('getMyCoupon', { params: { code: canonicalCouponCode(code) }, check: CouponCheck }))

/** The points mall, newest first, a page at a time. */
export const listRewards = (cursor?: string) => withSession(() => api('listRewards', { query: pageQuery(cursor), check: RewardListCheck }))

export const redeemReward = (rewardId: string, idempotencyKey: string) =>
  withSession(() =>
    api('redeemReward', {
      params: { rewardId },
      headers: { 'Idempotency-Key': idempotencyKey },
      loading: '兑换中',
      check: RewardRedemptionCheck,
    }),
  )

/** Staff: redeem (核销) a coupon at the till. */
export const redeemCoupon = (body: RedeemCouponRequest) =>
  withSession(() => api('redeemCoupon', { body, loading: '正在核销', check: RedemptionResultCheck }))
