import { useCallback, useState } from 'react'
import type { RefundResult } from '@huiyuan/shared/purchases/schemas'
import { recordRefund } from '../../services/staff'
import { newRefundId, ORDER_ID_PATTERN, parseYuan } from '../../utils/money'
import { errorCode, tillError } from '../errors'

export interface RefundErrors {
  orderId?: string
  amount?: string
  refundId?: string
  form?: string
}

/**
 * A refund of (part of) a recorded purchase. The refund number is generated once and kept
 * until the refund succeeds, so a retry never refunds twice.
 */
export function useRefund(storeId: string, initialOrderId = '') {
  const [orderId, setOrderId] = useState(initialOrderId)
  const [amount, setAmount] = useState('')
  const [refundId, setRefundId] = useState(() => newRefundId())
  const [errors, setErrors] = useState<RefundErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<RefundResult | null>(null)

  const clear = useCallback(
    (key: keyof RefundErrors) => setErrors((e) => (e[key] || e.form ? { ...e, [key]: undefined, form: undefined } : e)),
    [],
  )
  const changeOrderId = useCallback(
    (v: string) => {
      setOrderId(v.trim())
      clear('orderId')
    },
    [clear],
  )
  const changeAmount = useCallback(
    (v: string) => {
      setAmount(v)
      clear('amount')
    },
    [clear],
  )
  const changeRefundId = useCallback(
    (v: string) => {
      setRefundId(v.trim())
      clear('refundId')
    },
    [clear],
  )

  const amountFen = parseYuan(amount)

  const submit = useCallback(async (): Promise<RefundResult | null> => {
    const next: RefundErrors = {}
    if (!orderId) next.orderId = '请输入原订单号'
    else if (!ORDER_ID_PATTERN.test(orderId)) next.orderId = '订单号只能包含字母、数字和 _-.:'
    if (amountFen === null) next.amount = '请输入正确的退款金额，如 88.50'
    else if (amountFen <= 0) next.amount = '退款金额必须大于 0'
    if (!ORDER_ID_PATTERN.test(refundId)) next.refundId = '退货单号只能包含字母、数字和 _-.:'
    setErrors(next)
    if (next.orderId || next.amount || next.refundId || amountFen === null) return null
    setSubmitting(true)
    try {
      const r = await recordRefund({ storeId, orderId, refundId, amountFen })
      setResult(r)
      return r
    } catch (e) {
      const code = errorCode(e)
      if (code === 'ORDER_NOT_FOUND') setErrors({ orderId: tillError(e) })
      else if (code === 'REFUND_EXCEEDS_PURCHASE') setErrors({ amount: tillError(e) })
      else setErrors({ form: tillError(e) })
      return null
    } finally {
      setSubmitting(false)
    }
  }, [storeId, orderId, refundId, amountFen])

  const another = useCallback(() => {
    setOrderId('')
    setAmount('')
    setRefundId(newRefundId())
    setErrors({})
    setResult(null)
  }, [])

  return { orderId, changeOrderId, amount, changeAmount, amountFen, refundId, changeRefundId, errors, submit, submitting, result, another }
}
