import { useCallback, useState } from 'react'
import type { PurchaseResult } from '@huiyuan/shared/purchases/schemas'
import { MAX_ORDER_FEN } from '@huiyuan/shared/purchases/limits'
import { recordPurchase } from '../../services/staff'
import { newOrderId, ORDER_ID_PATTERN, parseYuan } from '../../utils/money'
import { errorCode, tillError } from '../errors'
import { RESCAN_CODES, useMemberLookup } from './useMemberLookup'

export { normalizeMemberCode } from './useMemberLookup'

export interface PurchaseErrors {
  amount?: string
  orderId?: string
  form?: string
}

/**
 * One customer at the till: identify the member by their dynamic code, then record the
 * purchase. The order number stays the same until a purchase succeeds, so a retry after a
 * network error is recorded once (the API answers `replayed`).
 */
export function useCheckout(storeId: string) {
  const identified = useMemberLookup(storeId)
  const { member, memberCode, clearMember, rescan } = identified

  const [amount, setAmount] = useState('')
  const [orderId, setOrderId] = useState(() => newOrderId())
  const [errors, setErrors] = useState<PurchaseErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<PurchaseResult | null>(null)

  const changeAmount = useCallback((v: string) => {
    setAmount(v)
    setErrors((e) => (e.amount || e.form ? { ...e, amount: undefined, form: undefined } : e))
  }, [])
  const changeOrderId = useCallback((v: string) => {
    setOrderId(v.trim())
    setErrors((e) => (e.orderId || e.form ? { ...e, orderId: undefined, form: undefined } : e))
  }, [])

  const amountFen = parseYuan(amount)

  const submit = useCallback(async (): Promise<PurchaseResult | null> => {
    if (!member) return null
    const next: PurchaseErrors = {}
    if (amountFen === null) next.amount = '请输入正确的金额，如 88.50'
    else if (amountFen <= 0) next.amount = '金额必须大于 0'
    else if (amountFen > MAX_ORDER_FEN) next.amount = '单笔金额不能超过 ¥1,000,000'
    if (!ORDER_ID_PATTERN.test(orderId)) next.orderId = '订单号只能包含字母、数字和 _-.:'
    setErrors(next)
    if (next.amount || next.orderId || amountFen === null) return null
    setSubmitting(true)
    try {
      const r = await recordPurchase({ memberCode, storeId, orderId, amountFen })
      setResult(r)
      return r
    } catch (e) {
      const code = errorCode(e)
      if (code && RESCAN_CODES.has(code)) {
        // Keep the amount and order number: only the member's code has to be shown again.
        rescan(tillError(e))
      } else if (code === 'ORDER_CONFLICT') {
        setErrors({ orderId: tillError(e) })
      } else {
        setErrors({ form: tillError(e) })
      }
      return null
    } finally {
      setSubmitting(false)
    }
  }, [member, memberCode, storeId, orderId, amountFen, rescan])

  /** Ready for the next customer: a new order number, nothing carried over. */
  const nextCustomer = useCallback(() => {
    clearMember()
    setAmount('')
    setOrderId(newOrderId())
    setErrors({})
    setResult(null)
  }, [clearMember])

  return {
    code: identified.code,
    setCode: identified.setCode,
    lookup: identified.lookup,
    looking: identified.looking,
    lookupError: identified.lookupError,
    member,
    /** Another member for the same sale (amount and order number kept). */
    changeMember: clearMember,
    amount,
    changeAmount,
    amountFen,
    orderId,
    changeOrderId,
    newOrderNumber: () => changeOrderId(newOrderId()),
    errors,
    submit,
    submitting,
    result,
    nextCustomer,
  }
}

export type Checkout = ReturnType<typeof useCheckout>
