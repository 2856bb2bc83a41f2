import { useCallback, useState } from 'react'
import type { RedemptionResult } from '@huiyuan/shared/coupons/schemas'
import { MAX_ORDER_FEN } from '@huiyuan/shared/purchases/limits'
import { canonicalCouponCode, formatCouponCode, isCouponCode } from '@huiyuan/shared/coupons/code'
import { redeemCoupon } from '../../../services/coupons'
import { newOrderId, ORDER_ID_PATTERN, parseYuan } from '../../../utils/money'
import { tillError } from '../../errors'

export interface RedeemErrors {
  code?: string
  amount?: string
  orderId?: string
  form?: string
}

/**
 * Redeeming (核销) one coupon at the till: the code (typed or scanned), the order amount
 * (typed yuan, parsed exactly to fen) and the order number. The order number stays until
 * a redemption succeeds, so a retry after a network error is answered `replayed`.
 */
export function useRedeemCoupon(storeId: string) {
  const [code, setCodeRaw] = useState('')
  const [amount, setAmountRaw] = useState('')
  const [orderId, setOrderIdRaw] = useState(() => newOrderId())
  const [errors, setErrors] = useState<RedeemErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<RedemptionResult | null>(null)

  const clear = useCallback(
    (field: keyof RedeemErrors) => setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e)),
    [],
  )
  const setCode = useCallback(
    (v: string) => {
      setCodeRaw(v.toUpperCase())
      clear('code')
    },
    [clear],
  )
  /** A scanned code: shown grouped, as printed under the member's barcode. */
  const setScanned = useCallback((raw: string) => setCode(formatCouponCode(raw.trim())), [setCode])
  const setAmount = useCallback(
    (v: string) => {
      setAmountRaw(v)
      clear('amount')
    },
    [clear],
  )
  const setOrderId = useCallback(
    (v: string) => {
      setOrderIdRaw(v.trim())
      clear('orderId')
    },
    [clear],
  )

  const amountFen = parseYuan(amount)
  const normalized = canonicalCouponCode(code)

  const submit = useCallback(async (): Promise<RedemptionResult | null> => {
    const couponCode = canonicalCouponCode(code)
    const next: RedeemErrors = {}
    if (!couponCode) next.code = '请输入或扫描券码'
    else if (!isCouponCode(couponCode)) next.code = '券码为 16 位字母和数字，请核对'
    if (amountFen === null) next.amount = '请输入正确的订单金额，如 120 或 88.50'
    else if (amountFen <= 0) next.amount = '订单金额必须大于 0'
    else if (amountFen > MAX_ORDER_FEN) next.amount = '金额过大，请核对'
    if (!ORDER_ID_PATTERN.test(orderId)) next.orderId = '订单号只能包含字母、数字和 _-.:'
    setErrors(next)
    if (Object.keys(next).length > 0 || amountFen === null) return null
    setSubmitting(true)
    try {
      const r = await redeemCoupon({ couponCode, storeId, orderId, orderAmountFen: amountFen })
      setResult(r)
      return r
    } catch (e) {
      setErrors({ form: tillError(e) })
      return null
    } finally {
      setSubmitting(false)
    }
  }, [code, amountFen, orderId, storeId])

  /** Ready for the next coupon: clear everything, new order number. */
  const next = useCallback(() => {
    setResult(null)
    setCodeRaw('')
    setAmountRaw('')
    setOrderIdRaw(newOrderId())
    setErrors({})
  }, [])

  const newOrderNumber = useCallback(() => setOrderId(newOrderId()), [setOrderId])

  return {
    code,
    setCode,
    setScanned,
    normalized,
    amount,
    setAmount,
    amountFen,
    orderId,
    setOrderId,
    newOrderNumber,
    errors,
    submitting,
    submit,
    result,
    next,
  }
}

export type CouponRedemption = ReturnType<typeof useRedeemCoupon>
