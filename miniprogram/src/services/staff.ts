/**
 * The till: staff binding, member lookup, purchases, refunds and the day's transactions.
 * The API checks the store against the staff's token on every call.
 */
import type { RecordPurchaseRequest, RecordRefundRequest } from '@huiyuan/shared/purchases/schemas'
import { api } from './request'
import { adoptSession, withSession } from './session'

/** Bind this WeChat identity to a staff account; stores the new token (roles, stores). */
export async function bindStaff(code: string) {
  const session = await withSession(() => api('bindStaff', { body: { code: code.trim() }, loading: '正在绑定' }))
  adoptSession(session)
  return session
}

export const lookupMember = (memberCode: string, storeId: string) =>
  withSession(() => api('lookupMember', { body: { memberCode, storeId }, loading: '正在查询会员' }))

export const recordPurchase = (body: RecordPurchaseRequest) => withSession(() => api('recordPurchase', { body, loading: '正在记录消费' }))

export const recordRefund = (body: RecordRefundRequest) => withSession(() => api('recordRefund', { body, loading: '正在办理退货' }))

/** date: YYYY-MM-DD; omitted → today (program time zone). */
export const listTillTransactions = (storeId: string, cursor?: string, date?: string) =>
  withSession(() =>
    api('listTillTransactions', { query: { storeId, limit: 50, ...(date ? { date } : {}), ...(cursor ? { cursor } : {}) } }),
  )
