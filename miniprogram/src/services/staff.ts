/**
 * The till: staff binding, member lookup, purchases, refunds, stored-value top-ups and the
 * day's transactions.
 * The API checks the store against the staff's token on every call.
 */
import * as z from 'zod/mini'
import type { RecordPurchaseRequest, RecordRefundRequest } from '@huiyuan/shared/purchases/schemas'
import type { TopUpRequest } from '@huiyuan/shared/storedValue/schemas'
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

const PurchaseResultCheck = z.object({
  purchaseId: z.string(),
  storeId: z.string(),
  orderId: z.string(),
  amountFen: z.number(),
  createdAt: z.string(),
  member: MemberSummaryCheck,
  points: z.object({
    basePoints: z.number(),
    multipliers: z.array(z.object({ kind: z.string(), name: z.string(), multiplierBp: z.number(), appliesToFen: z.number() })),
    totalPoints: z.number(),
    debtRepaid: z.number(),
    awarded: z.number(),
  }),
  tier: z.object({ before: z.nullable(TierSummaryCheck), after: z.nullable(TierSummaryCheck), upgraded: z.boolean() }),
  tierProgress: z.nullable(TierProgressCheck),
  replayed: z.boolean(),
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

export const recordPurchase = (body: RecordPurchaseRequest) =>
  withSession(() => api('recordPurchase', { body, loading: '正在记录消费', check: PurchaseResultCheck }))

export const recordRefund = (body: RecordRefundRequest) =>
  withSession(() => api('recordRefund', { body, loading: '正在办理退货', check: RefundResultCheck }))

/** Idempotent on (store, topUpId): a retry with the same receipt number answers the first result (`replayed`). */
export const topUpStoredValue = (body: TopUpRequest) =>
  withSession(() => api('topUpStoredValue', { body, loading: '正在充值', check: TopUpResultCheck }))

/** date: YYYY-MM-DD; omitted → today (program time zone). */
export const listTillTransactions = (storeId: string, cursor?: string, date?: string) =>
  withSession(() =>
    api('listTillTransactions', {
      query: { storeId, limit: 50, ...(date ? { date } : {}), ...(cursor ? { cursor } : {}) },
      check: TillTransactionsCheck,
    }),
  )
