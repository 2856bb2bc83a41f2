/**
 * One checkout at the till (PRODUCT.md §6, §7): the member's coupons, a points deduction and a
 * stored-value payment on one order, committed as one unit of work, and the order as the till
 * sees it for a refund. Money in integer fen, points integers.
 */
import { z, Fen, Points, IsoDateTime } from '../common'
import { MemberSummary, OrderId, LineItem, PointsExplanation, MAX_ORDER_FEN } from '../purchases/schemas'
import { TierSummary, TierProgress } from '../members/schemas'
import { StoredValueBalance } from '../storedValue/schemas'

/** The most coupons one order may use (each is three items of the order's transaction). */
export const MAX_CHECKOUT_COUPONS = 10

const CouponCodes = z
  .array(z.string().trim().min(1).max(40))
  .max(MAX_CHECKOUT_COUPONS)
  .refine((codes) => new Set(codes).size === codes.length, 'a coupon once only')

const checkoutFields = {
  /** The member's dynamic code, as scanned. */
  memberCode: z.string().trim().min(1).max(40),
  storeId: z.string().min(1).max(40),
  /** The order's total before coupons and points, fen. */
  amountFen: Fen.refine((v) => v > 0, 'must be more than 0').refine((v) => v <= MAX_ORDER_FEN, 'at most ¥1,000,000'),
  items: z.array(LineItem).max(200).optional(),
  /** The member's coupons to use, applied in this order. */
  couponCodes: CouponCodes.default([]),
  /** Points to take off the price (the program's rate: 100 points = ¥1 by default), within the per-order cap. */
  pointsToDeduct: Points.default(0),
  /** What the card's stored value pays of what is left, fen. */
  storedValueFen: Fen.default(0),
}

/** What the till would charge: the same plan the checkout commits, nothing written. */
export const CheckoutQuoteRequest = z.object(checkoutFields).meta({ id: 'CheckoutQuoteRequest' })
export type CheckoutQuoteRequest = z.infer<typeof CheckoutQuoteRequest>

export const CheckoutRequest = z
  .object({
    ...checkoutFields,
    /** The till's order number: a retry with it returns the first result. */
    orderId: OrderId,
  })
  .meta({ id: 'CheckoutRequest' })
export type CheckoutRequest = z.infer<typeof CheckoutRequest>

export const AppliedCoupon = z
  .object({ couponCode: z.string(), name: z.string(), summary: z.string(), discountFen: Fen })
  .meta({ id: 'AppliedCoupon' })
export type AppliedCoupon = z.infer<typeof AppliedCoupon>

/** How an order is paid, fen: amount − coupons − points = storedValue + cash (what the other payment takes). */
export const CheckoutPlan = z
  .object({
    amountFen: Fen,
    coupons: z.array(AppliedCoupon),
    couponDiscountFen: Fen,
    pointsDeducted: Points,
    pointsDeductionFen: Fen,
    storedValueFen: Fen,
    /** Paid by other means (cash, WeChat Pay, bank card). */
    cashFen: Fen,
    /** Paid money: stored value + cash. Points are earned on it, the tier counts it, and refunds are of it. */
    paidFen: Fen,
  })
  .meta({ id: 'CheckoutPlan' })
export type CheckoutPlan = z.infer<typeof CheckoutPlan>

/** One of the member's coupons as the till offers it for this order. */
export const TillCoupon = z
  .object({
    couponCode: z.string(),
    name: z.string(),
    summary: z.string(),
    validUntil: IsoDateTime,
    /** What it would take off this order now (0 when it cannot be used). */
    discountFen: Fen,
    usable: z.boolean(),
    /** Why not, in Chinese (未满足门槛, 不适用本店…); null when usable. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'TillCoupon' })
export type TillCoupon = z.infer<typeof TillCoupon>

export const CheckoutQuote = z
  .object({
    member: MemberSummary,
    plan: CheckoutPlan,
    /** Points the order would earn (on what is paid), after any points debt. */
    pointsToEarn: Points,
    /** The member's issued coupons (soonest to end first, at most 50). */
    coupons: z.array(TillCoupon),
    limits: z.object({
      pointsPerYuan: z.number().int(),
      /** The most points this order may deduct (the program's cap, the member's points, whole fen). */
      maxPointsToDeduct: Points,
      storedValue: StoredValueBalance,
      storedValueEnabled: z.boolean(),
    }),
  })
  .meta({ id: 'CheckoutQuote' })
export type CheckoutQuote = z.infer<typeof CheckoutQuote>

export const CheckoutResult = z
  .object({
    orderId: z.string(),
    storeId: z.string(),
    createdAt: IsoDateTime,
    plan: CheckoutPlan,
    member: MemberSummary,
    points: PointsExplanation,
    tier: z.object({ before: TierSummary.nullable(), after: TierSummary.nullable(), upgraded: z.boolean() }),
    tierProgress: TierProgress.nullable(),
    storedValue: StoredValueBalance,
    replayed: z.boolean(),
  })
  .meta({ id: 'CheckoutResult' })
export type CheckoutResult = z.infer<typeof CheckoutResult>

export const TillOrderQuery = z.object({ storeId: z.string().min(1).max(40) })
export const TillOrderParams = z.object({ orderId: OrderId })

/** An order as the till's refund screen sees it: what was paid how, and what can still be refunded. */
export const TillOrder = z
  .object({
    orderId: z.string(),
    storeId: z.string(),
    memberCardNo: z.string(),
    createdAt: IsoDateTime,
    /** Paid money (stored value + cash), fen. */
    paidFen: Fen,
    refundedFen: Fen,
    /** What a refund may still return. */
    remainingFen: Fen,
    couponDiscountFen: Fen,
    coupons: z.array(z.string()),
    pointsEarned: Points,
    pointsDeducted: Points,
    storedValueFen: Fen,
    storedValueReturnedFen: Fen,
  })
  .meta({ id: 'TillOrder' })
export type TillOrder = z.infer<typeof TillOrder>
