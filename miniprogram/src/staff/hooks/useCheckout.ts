import { useCallback, useState } from 'react'
import type { MemberSummary, PurchaseResult } from '@huiyuan/shared/purchases/schemas'
import { MAX_ORDER_FEN } from '@huiyuan/shared/purchases/limits'
import { lookupMember, recordPurchase } from '../../services/staff'
import { newOrderId, ORDER_ID_PATTERN, parseYuan } from '../../utils/money'
import { errorCode, tillError } from '../errors'

/** The member code on the member's home page: 18 digits (spaces allowed when typed). */
export const normalizeMemberCode = (raw: string): string => raw.replace(/[\s-]/g, '')
const MEMBER_CODE = /^\d{18}$/

export interface PurchaseErrors {
  amount?: string
  orderId?: string
  form?: string
}

/** Codes that mean the member must show a fresh code before the purchase can go through. */
const RESCAN_CODES = new Set(['CODE_EXPIRED', 'CODE_INVALID'])

/**
 * One customer at the till: identify the member by their dynamic code, then record the
 * purchase. The order number stays the same until a purchase succeeds, so a retry after a
 * network error is recorded once (the API answers `replayed`).
 */
export function useCheckout(storeId: string) {
  const [code, setCode] = useState('')
  const [member, setMember] = useState<MemberSummary | null>(null)
  /** The code the member summary was looked up with: the purchase sends it. */
  const [memberCode, setMemberCode] = useState('')
  const [lookupError, setLookupError] = useState<string | null>(null)
  const [looking, setLooking] = useState(false)

  const [amount, setAmount] = useState('')
  const [orderId, setOrderId] = useState(() => newOrderId())
  const [errors, setErrors] = useState<PurchaseErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<PurchaseResult | null>(null)

  const lookup = useCallback(
    async (raw?: string) => {
      const c = normalizeMemberCode(raw ?? code)
      setCode(c)
      if (!MEMBER_CODE.test(c)) {
        setLookupError('请输入 18 位会员码')
        return
      }
      setLooking(true)
      setLookupError(null)
      try {
        setMember(await lookupMember(c, storeId))
        setMemberCode(c)
      } catch (e) {
        setMember(null)
        setLookupError(tillError(e))
      } finally {
        setLooking(false)
      }
    },
    [code, storeId],
  )

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
        setMember(null)
        setCode('')
        setLookupError(tillError(e))
      } else if (code === 'ORDER_CONFLICT') {
        setErrors({ orderId: tillError(e) })
      } else {
        setErrors({ form: tillError(e) })
      }
      return null
    } finally {
      setSubmitting(false)
    }
  }, [member, memberCode, storeId, orderId, amountFen])

  /** Ready for the next customer: a new order number, nothing carried over. */
  const nextCustomer = useCallback(() => {
    setCode('')
    setMember(null)
    setMemberCode('')
    setLookupError(null)
    setAmount('')
    setOrderId(newOrderId())
    setErrors({})
    setResult(null)
  }, [])

  /** Another member for the same sale (amount and order number kept). */
  const changeMember = useCallback(() => {
    setMember(null)
    setMemberCode('')
    setCode('')
    setLookupError(null)
  }, [])

  return {
    code,
    setCode,
    lookup,
    looking,
    lookupError,
    member,
    changeMember,
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
