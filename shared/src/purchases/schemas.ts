import { z, Fen, Points, IsoDateTime, CalendarDate } from '../common'
import { TierSummary, TierProgress } from '../members/schemas'
import { ORDER_ID_PATTERN } from './orderId'
import { MAX_ORDER_FEN } from './limits'

export { MAX_ORDER_FEN }

export const OrderId = z.string().trim().min(1).max(64).regex(ORDER_ID_PATTERN, 'letters, digits and _-.: only')

export const LineItem = z
  .object({
    sku: z.string().min(1).max(64),
    name: z.string().max(100).optional(),
    brand: z.string().max(60).optional(),
    category: z.string().max(60).optional(),
    unitPriceFen: Fen,
    qty: z.number().int().min(1).max(10_000),
  })
  .meta({ id: 'LineItem' })

/** What a till may see of a member: masked, no birthday, no full phone. */
export const MemberSummary = z
  .object({
    memberId: z.string(),
    cardNo: z.string().meta({ description: 'Masked but for the last 4 digits, e.g. ******6784' }),
    name: z.string().meta({ description: 'Masked, e.g. 张*' }),
    mobile: z.string().meta({ description: 'Masked, e.g. 138****1234' }),
    tier: TierSummary,
    points: Points,
    storedValueFen: Fen,
  })
  .meta({ id: 'MemberSummary' })
export type MemberSummary = z.infer<typeof MemberSummary>

export const LookupMemberRequest = z
  .object({ memberCode: z.string().trim().min(1).max(40), storeId: z.string().min(1).max(40) })
  .meta({ id: 'LookupMemberRequest' })

export const RecordPurchaseRequest = z
  .object({
    /** The member's dynamic code, as scanned. */
    memberCode: z.string().trim().min(1).max(40),
    storeId: z.string().min(1).max(40),
    orderId: OrderId,
    /** Amount actually paid, in fen. */
    amountFen: Fen.refine((v) => v > 0, 'must be more than 0').refine((v) => v <= MAX_ORDER_FEN, 'at most ¥1,000,000'),
    items: z.array(LineItem).max(200).optional(),
  })
  .meta({ id: 'RecordPurchaseRequest' })
export type RecordPurchaseRequest = z.infer<typeof RecordPurchaseRequest>

export const PointsExplanation = z
  .object({
    basePoints: Points,
    multipliers: z.array(z.object({ kind: z.string(), name: z.string(), multiplierBp: z.number().int(), appliesToFen: Fen })),
    totalPoints: Points,
    /** Points kept back to repay an earlier refund's shortfall (see README: points debt). */
    debtRepaid: Points,
    awarded: Points,
  })
  .meta({ id: 'PointsExplanation' })

export const PurchaseResult = z
  .object({
    purchaseId: z.string(),
    storeId: z.string(),
    orderId: z.string(),
    amountFen: Fen,
    createdAt: IsoDateTime,
    member: MemberSummary,
    points: PointsExplanation,
    tier: z.object({ before: TierSummary.nullable(), after: TierSummary.nullable(), upgraded: z.boolean() }),
    tierProgress: TierProgress.nullable(),
    /** True when this order had already been recorded: the first result is returned. */
    replayed: z.boolean(),
  })
  .meta({ id: 'PurchaseResult' })
export type PurchaseResult = z.infer<typeof PurchaseResult>

export const RecordRefundRequest = z
  .object({
    storeId: z.string().min(1).max(40),
    orderId: OrderId,
    /** Unique per refund of this order; a retry with the same id changes nothing. */
    refundId: OrderId,
    amountFen: Fen.refine((v) => v > 0, 'must be more than 0'),
  })
  .meta({ id: 'RecordRefundRequest' })
export type RecordRefundRequest = z.infer<typeof RecordRefundRequest>

export const RefundResult = z
  .object({
    refundId: z.string(),
    orderId: z.string(),
    storeId: z.string(),
    amountFen: Fen,
    totalRefundedFen: Fen,
    pointsReversed: Points,
    /** Points that could not be taken back because they were already spent. */
    pointsDebt: Points,
    pointsBalance: Points,
    /** Coupons redeemed on the order that come back to the member: only when the whole order is refunded (PRODUCT.md §6). */
    couponsReturned: z.array(z.string()).default([]),
    /** Coupons redeemed on the order that stay used because this refund is partial. */
    couponsKept: z.array(z.string()).default([]),
    /** Of the refund, what goes back on the card as stored value (in the split it was paid) … */
    storedValueFen: Fen.default(0),
    /** … and what the till pays back by other means. */
    cashFen: Fen.default(0),
    /** Points the order deducted that come back to the member. */
    pointsReturned: Points.default(0),
    replayed: z.boolean(),
  })
  .meta({ id: 'RefundResult' })
export type RefundResult = z.infer<typeof RefundResult>

export const StorePurchasesQuery = z.object({
  storeId: z.string().min(1).max(40),
  date: CalendarDate.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export const TillTransaction = z
  .object({
    kind: z.enum(['purchase', 'refund']),
    orderId: z.string(),
    refundId: z.string().optional(),
    amountFen: Fen,
    points: Points,
    memberCardNo: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'TillTransaction' })

const TillTally = z.object({ count: z.number().int().nonnegative(), amountFen: Fen })

/** Totals of the whole day, whichever page is asked for. */
export const TillDaySummary = z
  .object({ purchases: TillTally, refunds: TillTally, netFen: z.number().int() })
  .meta({ id: 'TillDaySummary' })

export const TillTransactions = z
  .object({
    date: CalendarDate,
    /** Newest first. */
    items: z.array(TillTransaction),
    nextCursor: z.string().nullable(),
    summary: TillDaySummary,
    /** Net takings of the whole day (purchases − refunds), fen; same as summary.netFen. */
    totalFen: z.number().int(),
  })
  .meta({ id: 'TillTransactions' })
