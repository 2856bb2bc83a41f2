/**
 * The till: staff binding, member lookup, the checkout (quote, then one order), orders and
 * refunds, stored-value top-ups (with the program's packages), status matches (身份匹配) and
 * the day's transactions. The API checks the store against the staff's token on every call.
 */
import * as z from 'zod/mini'
import type { CheckoutQuoteRequest, CheckoutRequest } from '@huiyuan/shared/checkout/schemas'
import type { RecordRefundRequest } from '@huiyuan/shared/purchases/schemas'
import type { TopUpRequest } from '@huiyuan/shared/storedValue/schemas'
import type { StatusMatchRequest } from '@huiyuan/shared/statusMatch/schemas'
import { api } from './request'
import { adoptSession, withSession } from './session'
import { SessionCheck, TierProgressCheck, TierSummaryCheck } from './checks'

const MemberSummaryCheck = z.object({
  memberId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  mobile: z.string(),
  tier: TierSummaryCheck,
  points: z.number(),
  storedValueFen: z.number(),
})

const PointsExplanationCheck = z.object({
  basePoints: z.number(),
  multipliers: z.array(z.object({ kind: z.string(), name: z.string(), multiplierBp: z.number(), appliesToFen: z.number() })),
  totalPoints: z.number(),
  debtRepaid: z.number(),
  awarded: z.number(),
})

const StoredValueBalanceCheck = z.object({ balanceFen: z.number(), principalFen: z.number(), bonusFen: z.number() })

const CheckoutPlanCheck = z.object({
  amountFen: z.number(),
  coupons: z.array(z.object({ couponCode: z.string(), name: z.string(), summary: z.string(), discountFen: z.number() })),
  couponDiscountFen: z.number(),
  pointsDeducted: z.number(),
  pointsDeductionFen: z.number(),
  storedValueFen: z.number(),
  cashFen: z.number(),
  paidFen: z.number(),
})

const CheckoutQuoteCheck = z.object({
  member: MemberSummaryCheck,
  plan: CheckoutPlanCheck,
  pointsToEarn: z.number(),
  coupons: z.array(
    z.object({
      couponCode: z.string(),
      name: z.string(),
      summary: z.string(),
      validUntil: z.string(),
      discountFen: z.number(),
      usable: z.boolean(),
      reason: z.nullable(z.string()),
    }),
  ),
  limits: z.object({
    pointsPerYuan: z.number(),
    maxPointsToDeduct: z.number(),
    storedValue: StoredValueBalanceCheck,
    storedValueEnabled: z.boolean(),
  }),
})

const CheckoutResultCheck = z.object({
  orderId: z.string(),
  storeId: z.string(),
  createdAt: z.string(),
  plan: CheckoutPlanCheck,
  member: MemberSummaryCheck,
  points: PointsExplanationCheck,
  tier: z.object({ before: z.nullable(TierSummaryCheck), after: z.nullable(TierSummaryCheck), upgraded: z.boolean() }),
  tierProgress: z.nullable(TierProgressCheck),
  storedValue: StoredValueBalanceCheck,
  replayed: z.boolean(),
})

const TillOrderCheck = z.object({
  orderId: z.string(),
  storeId: z.string(),
  memberCardNo: z.string(),
  createdAt: z.string(),
  paidFen: z.number(),
  refundedFen: z.number(),
  remainingFen: z.number(),
  couponDiscountFen: z.number(),
  coupons: z.array(z.string()),
  pointsEarned: z.number(),
  pointsDeducted: z.number(),
  storedValueFen: z.number(),
  storedValueReturnedFen: z.number(),
})

const StoredValueRulesCheck = z.object({
  enabled: z.boolean(),
  packages: z.array(z.object({ packageId: z.string(), name: z.string(), payFen: z.number(), bonusFen: z.number() })),
  customAmounts: z.boolean(),
  balanceCapFen: z.number(),
  realNameFromFen: z.number(),
})

const RefundResultCheck = z.object({
  refundId: z.string(),
  orderId: z.string(),
  storeId: z.string(),
  amountFen: z.number(),
  totalRefundedFen: z.number(),
  pointsReversed: z.number(),
  pointsDebt: z.number(),
  pointsBalance: z.number(),
  couponsReturned: z.array(z.string()),
  couponsKept: z.array(z.string()),
  storedValueFen: z.number(),
  cashFen: z.number(),
  pointsReturned: z.number(),
  replayed: z.boolean(),
})

const TopUpResultCheck = z.object({
  topUpId: z.string(),
  storeId: z.string(),
  paidFen: z.number(),
  bonusFen: z.number(),
  createdAt: z.string(),
  member: MemberSummaryCheck,
  balance: z.object({ balanceFen: z.number(), principalFen: z.number(), bonusFen: z.number() }),
  replayed: z.boolean(),
})

const StatusMatchResultCheck = z.object({
  statusMatch: z.object({
    partner: z.string(),
    partnerTier: z.nullable(z.string()),
    partnerCardNo: z.string(),
    from: TierSummaryCheck,
    to: TierSummaryCheck,
    storeId: z.string(),
    approvedBy: z.string(),
    approvedAt: z.string(),
    hasPhoto: z.boolean(),
  }),
  member: MemberSummaryCheck,
  replayed: z.boolean(),
})

const tally = z.object({ count: z.number(), amountFen: z.number() })

const TillTransactionsCheck = z.object({
  date: z.string(),
  items: z.array(
    z.object({
      kind: z.string(),
      orderId: z.string(),
      refundId: z.optional(z.string()),
      amountFen: z.number(),
      points: z.number(),
      memberCardNo: z.string(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.nullable(z.string()),
  summary: z.object({ purchases: tally, refunds: tally, netFen: z.number() }),
  totalFen: z.number(),
})

/** Bind this WeChat identity to a staff account; stores the new token (roles, stores). */
export async function bindStaff(code: string) {
  const session = await withSession(() => api('bindStaff', { body: { code: code.trim() }, loading: '正在绑定', check: SessionCheck }))
  adoptSession(session)
  return session
}

export const lookupMember = (memberCode: string, storeId: string) =>
  withSession(() => api('lookupMember', { body: { memberCode, storeId }, loading: '正在查询会员', check: MemberSummaryCheck }))

/**
 * What the order would cost with this selection (nothing written). No loading mask: the
 * till quotes as the cashier types and picks, and shows its own 计算中.
 */
export const quoteCheckout = (body: CheckoutQuoteRequest) => withSession(() => api('quoteCheckout', { body, check: CheckoutQuoteCheck }))

/** The order, all or nothing. Idempotent on (store, orderId): a retry with the same order number answers the first result (`replayed`). */
export const checkout = (body: CheckoutRequest) =>
  withSession(() => api('checkout', { body, loading: '正在结账', check: CheckoutResultCheck }))

/** An order of the store as the refund screen sees it: what was paid how, what can still be refunded. */
export const getTillOrder = (orderId: string, storeId: string) =>
  withSession(() => api('getTillOrder', { params: { orderId }, query: { storeId }, check: TillOrderCheck }))

/** The program's top-up packages and prepaid-card rules, as the till's top-up screen offers them. */
export const getTillStoredValueRules = (storeId: string) =>
  withSession(() => api('getTillStoredValueRules', { query: { storeId }, check: StoredValueRulesCheck }))

export const recordRefund = (body: RecordRefundRequest) =>
  withSession(() => api('recordRefund', { body, loading: '正在办理退货', check: RefundResultCheck }))

/** Idempotent on (store, topUpId): a retry with the same receipt number answers the first result (`replayed`). */
export const topUpStoredValue = (body: TopUpRequest) =>
  withSession(() => api('topUpStoredValue', { body, loading: '正在充值', check: TopUpResultCheck }))

/**
 * A store manager approves a status match: the member's tier moves up at once. Once per
 * member; the same approval again answers the first (`replayed`).
 */
export const createStatusMatch = (body: StatusMatchRequest) =>
  withSession(() => api('createStatusMatch', { body, loading: '正在办理', check: StatusMatchResultCheck }))

/** date: YYYY-MM-DD; omitted → today (program time zone). */
export const listTillTransactions = (storeId: string, cursor?: string, date?: string) =>
  withSession(() =>
    api('listTillTransactions', {
      query: { storeId, limit: 50, ...(date ? { date } : {}), ...(cursor ? { cursor } : {}) },
      check: TillTransactionsCheck,
    }),
  )
