/**
 * Domain events: what happened, in the past tense, each payload defined once. A write whose
 * consequences live elsewhere puts its event in the same transaction; consumers subscribe by
 * type (functions/src/<area>/consumers) and are idempotent on the event id.
 */
import { z } from '../common'
import { CouponSource } from '../coupons/schemas'
import { SubscriptionPurpose } from '../messaging/schemas'
import { LineItem } from '../purchases/schemas'

const MemberId = z.string().min(1)
const At = z.iso.datetime({ offset: true })

export const MemberJoined = z.object({
  memberId: MemberId,
  storeId: z.string(),
  channel: z.enum(['store_qr', 'referral', 'group']),
  referralCode: z.string().optional(),
  /** A group's enrolment code the member joined with. */
  enrolmentCode: z.string().optional(),
  /** The member who invited them, when the invitation counted (functions/src/referrals). */
  referrerId: z.string().optional(),
  /** The tier the member starts at. */
  tierCode: z.string().optional(),
  joinedAt: At,
})

/** A member exercised erasure: marketing stops, features and segments drop them. */
export const MemberErased = z.object({
  memberId: MemberId,
  /** The member's join store. */
  storeId: z.string().optional(),
  erasedAt: At,
})

/** What segments read of the profile changed: gender, birthday, marketing consent or tags. */
export const MemberProfileChanged = z.object({
  memberId: MemberId,
  fields: z.array(z.enum(['gender', 'birthday', 'marketingConsent', 'tags', 'name'])),
  at: At,
})

export const PurchaseRecorded = z.object({
  memberId: MemberId,
  storeId: z.string(),
  orderId: z.string(),
  /** Paid money (stored value + cash); 0 when coupons paid it all. */
  amountFen: z.number().int().nonnegative(),
  pointsEarned: z.number().int().nonnegative(),
  items: z.array(LineItem).optional(),
  /** A till checkout's other parts: coupons off the order total, points deducted, stored value paid. */
  couponDiscountFen: z.number().int().nonnegative().optional(),
  pointsDeducted: z.number().int().nonnegative().optional(),
  storedValueFen: z.number().int().nonnegative().optional(),
  at: At,
})

export const PurchaseRefunded = z.object({
  memberId: MemberId,
  storeId: z.string(),
  orderId: z.string(),
  refundId: z.string(),
  amountFen: z.number().int().positive(),
  /** What the member has paid on the order after this refund. */
  remainingFen: z.number().int().nonnegative(),
  /** The whole order is refunded now: coupons redeemed on it come back (PRODUCT.md §6). */
  wholeOrder: z.boolean(),
  pointsReversed: z.number().int().nonnegative(),
  /** Points the order deducted, given back; stored value put back on the card. */
  pointsReturned: z.number().int().nonnegative().optional(),
  storedValueFen: z.number().int().nonnegative().optional(),
  at: At,
})

export const CouponClaimed = z.object({
  memberId: MemberId,
  code: z.string(),
  templateId: z.string(),
  source: CouponSource,
  offerId: z.string().optional(),
  at: At,
})

export const CouponRedeemed = z.object({
  memberId: MemberId,
  code: z.string(),
  templateId: z.string(),
  /** The offer the coupon was claimed from, if any. */
  offerId: z.string().optional(),
  storeId: z.string(),
  orderId: z.string(),
  discountFen: z.number().int().nonnegative(),
  at: At,
})

export const CouponReturned = z.object({
  memberId: MemberId,
  code: z.string(),
  storeId: z.string(),
  orderId: z.string(),
  status: z.enum(['issued', 'expired']),
  templateId: z.string().optional(),
  offerId: z.string().optional(),
  /** The discount the redemption gave, now given back. */
  discountFen: z.number().int().nonnegative().optional(),
  at: At,
})

export const PointsExpired = z.object({
  memberId: MemberId,
  lotId: z.string(),
  points: z.number().int().positive(),
  at: At,
})

export const TierChanged = z.object({
  memberId: MemberId,
  from: z.string(),
  to: z.string(),
  direction: z.enum(['up', 'down']),
  /** Set when a store manager's status match moved the tier (not spend). */
  reason: z.enum(['status_match']).optional(),
  at: At,
})

export const CheckedIn = z.object({
  memberId: MemberId,
  date: z.string(),
  streak: z.number().int().positive(),
  points: z.number().int().nonnegative(),
  /** The member's join store (a check-in happens in the app, not at a till). */
  storeId: z.string().optional(),
  at: At,
})

export const RewardExchanged = z.object({
  memberId: MemberId,
  rewardId: z.string(),
  pointsSpent: z.number().int().positive(),
  couponCode: z.string().optional(),
  at: At,
})

/** An admin's manual points adjustment: `points` > 0 credits, < 0 debits. */
export const PointsAdjusted = z.object({
  memberId: MemberId,
  points: z.number().int(),
  reason: z.string(),
  at: At,
})

/** The member's grants of a subscription template changed (accepted, sent, cleared): `held` after it, over `version`. */
export const SubscriptionsChanged = z.object({
  memberId: MemberId,
  purpose: SubscriptionPurpose,
  held: z.number().int(),
  version: z.number().int(),
  at: At,
})

/** A subscription message was queued (its grant consumed): the sender delivers it to WeChat. */
export const WechatMessageQueued = z.object({
  memberId: MemberId,
  messageId: z.string(),
  at: At,
})

/** Money put on a member's card at a store: what was paid (principal) and the package's bonus. */
export const StoredValueToppedUp = z.object({
  memberId: MemberId,
  storeId: z.string(),
  topUpId: z.string(),
  paidFen: z.number().int().positive(),
  bonusFen: z.number().int().min(0),
  at: At,
})

/** Stored value paid for an order at a store, principal and bonus in the ratio they were loaded. */
export const StoredValueSpent = z.object({
  memberId: MemberId,
  storeId: z.string(),
  orderId: z.string(),
  principalFen: z.number().int().min(0),
  bonusFen: z.number().int().min(0),
  at: At,
})

/** Stored value paid for an order put back on the card by a refund of it, in the split it was paid. */
export const StoredValueRefunded = z.object({
  memberId: MemberId,
  storeId: z.string(),
  orderId: z.string(),
  refundId: z.string(),
  principalFen: z.number().int().min(0),
  bonusFen: z.number().int().min(0),
  at: At,
})

/** A referral's rewards given: the friend's, and the referrer's unless over the month's cap (then 0). */
export const ReferralRewarded = z.object({
  referrerId: MemberId,
  friendId: MemberId,
  /** The friend's first purchase that qualified (rewards on first purchase). */
  storeId: z.string().optional(),
  orderId: z.string().optional(),
  referrerPoints: z.number().int().min(0),
  referrerCoupons: z.number().int().min(0),
  friendPoints: z.number().int().min(0),
  friendCoupons: z.number().int().min(0),
  overCap: z.boolean(),
  at: At,
})

/** A referral's rewards taken back: its qualifying purchase was refunded in full within the window. */
export const ReferralClawedBack = z.object({
  referrerId: MemberId,
  friendId: MemberId,
  storeId: z.string(),
  orderId: z.string(),
  referrerPoints: z.number().int().min(0),
  referrerCoupons: z.number().int().min(0),
  friendPoints: z.number().int().min(0),
  at: At,
})

export const DOMAIN_EVENTS = {
  MemberJoined,
  MemberErased,
  MemberProfileChanged,
  PurchaseRecorded,
  PurchaseRefunded,
  CouponClaimed,
  CouponRedeemed,
  CouponReturned,
  PointsExpired,
  TierChanged,
  CheckedIn,
  RewardExchanged,
  PointsAdjusted,
  SubscriptionsChanged,
  WechatMessageQueued,
  StoredValueToppedUp,
  StoredValueSpent,
  StoredValueRefunded,
  ReferralRewarded,
  ReferralClawedBack,
} as const

export type DomainEventType = keyof typeof DOMAIN_EVENTS
export type EventPayload<T extends DomainEventType> = z.infer<(typeof DOMAIN_EVENTS)[T]>
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENTS) as DomainEventType[]

/** A stored event as consumers receive it. */
export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  eventId: string
  type: T
  payload: EventPayload<T>
  occurredAt: string
}

export const isDomainEventType = (t: unknown): t is DomainEventType => typeof t === 'string' && t in DOMAIN_EVENTS

export const parseEventPayload = <T extends DomainEventType>(type: T, payload: unknown): EventPayload<T> =>
  DOMAIN_EVENTS[type].parse(payload) as EventPayload<T>
