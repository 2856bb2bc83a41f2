import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { TillOrder } from '@huiyuan/shared/checkout/schemas'
import type { RefundResult } from '@huiyuan/shared/purchases/schemas'
import { getTillOrder, recordRefund } from '../../services/staff'
import { useLatestLoad } from '../../hooks/useLatestLoad'
import { newRefundId, ORDER_ID_PATTERN, parseYuan, yuan2 } from '../../utils/money'
import { errorCode, tillError } from '../errors'

export interface RefundErrors {
  orderId?: string
  amount?: string
  refundId?: string
  form?: string
}

/** How long the refund screen waits after the last keystroke of an order number before it reads the order. */
const ORDER_DELAY_MS = 400

/** "24200" → "242.00" for the amount field (no thousands separators: it is typed over). */
const yuanField = (fen: number) => yuan2(fen).replace(/,/g, '')

/** Asks the cashier to confirm: money and points go back at once. */
async function confirmRefund(orderId: string, amountFen: number, order: TillOrder | null): Promise<boolean> {
  const whole = order !== null && amountFen >= order.remainingFen && order.refundedFen === 0
  const lines = [
    `订单 ${orderId} 退款 ¥${yuan2(amountFen)}`,
    ...(order && order.storedValueFen > 0 ? ['储值支付的部分按比例退回会员卡，其余退现金'] : []),
    ...(order && order.pointsDeducted > 0 ? ['抵现积分按比例退回会员'] : []),
    ...(order && order.coupons.length > 0
      ? [whole ? `整单退款：${order.coupons.length} 张优惠券退回会员券包` : `部分退款：${order.coupons.length} 张优惠券仍为已使用，不退回`]
      : []),
    '本单所得积分按比例扣回。退款后不能撤销。',
  ]
  const { confirm } = await Taro.showModal({
    title: '确认退款',
    content: lines.join('\n'),
    confirmText: '确认退款',
    cancelText: '返回修改',
  })
  return confirm
}

/**
 * A refund of (part of) an order. Once the order number is entered (or passed in), the order
 * is read (GET /v1/staff/orders/{orderId}) to show what it paid how and to prefill the amount
 * with what can still be refunded. The refund number is generated once and kept until the
 * refund succeeds, so a retry never refunds twice.
 */
export function useRefund(storeId: string, initialOrderId = '') {
  const [orderId, setOrderId] = useState(initialOrderId)
  const [amount, setAmount] = useState('')
  const [refundId, setRefundId] = useState(() => newRefundId())
  const [errors, setErrors] = useState<RefundErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<RefundResult | null>(null)
  const [order, setOrder] = useState<TillOrder | null>(null)
  const [orderLoading, setOrderLoading] = useState(false)
  const latest = useLatestLoad()

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

  /** Reads the order and prefills the amount with what can still be refunded. */
  const loadOrder = useCallback(
    async (id: string) => {
      const live = latest.start()
      setOrderLoading(true)
      try {
        const o = await getTillOrder(id, storeId)
        if (!live()) return
        setOrder(o)
        setAmount(o.remainingFen > 0 ? yuanField(o.remainingFen) : '')
        setErrors((e) => ({ ...e, orderId: undefined, amount: undefined }))
      } catch (e) {
        if (!live()) return
        setOrder(null)
        setErrors((prev) => ({ ...prev, orderId: tillError(e) }))
      } finally {
        if (live()) setOrderLoading(false)
      }
    },
    [storeId, latest],
  )

  useEffect(() => {
    if (order?.orderId === orderId) return
    setOrder(null)
    if (!orderId || !ORDER_ID_PATTERN.test(orderId)) {
      latest.start()
      setOrderLoading(false)
      return
    }
    setOrderLoading(true)
    const timer = setTimeout(() => void loadOrder(orderId), orderId === initialOrderId ? 0 : ORDER_DELAY_MS)
    return () => clearTimeout(timer)
  }, [orderId, order?.orderId, initialOrderId, loadOrder, latest])

  const amountFen = parseYuan(amount)

  const submit = useCallback(async (): Promise<RefundResult | null> => {
    const next: RefundErrors = {}
    if (!orderId) next.orderId = '请输入原订单号'
    else if (!ORDER_ID_PATTERN.test(orderId)) next.orderId = '订单号只能包含字母、数字和 _-.:'
    if (amountFen === null) next.amount = '请输入正确的退款金额，如 88.50'
    else if (amountFen <= 0) next.amount = '退款金额必须大于 0'
    else if (order && order.orderId === orderId && amountFen > order.remainingFen)
      next.amount = order.remainingFen > 0 ? `退款金额超过了可退金额，最多可退 ¥${yuan2(order.remainingFen)}` : '该订单已全部退款，不能再退'
    if (!ORDER_ID_PATTERN.test(refundId)) next.refundId = '退货单号只能包含字母、数字和 _-.:'
    setErrors(next)
    if (next.orderId || next.amount || next.refundId || amountFen === null) return null
    if (!(await confirmRefund(orderId, amountFen, order?.orderId === orderId ? order : null))) return null
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
  }, [storeId, orderId, refundId, amountFen, order])

  const another = useCallback(() => {
    setOrderId('')
    setAmount('')
    setRefundId(newRefundId())
    setErrors({})
    setResult(null)
    setOrder(null)
  }, [])

  return {
    orderId,
    changeOrderId,
    order,
    orderLoading,
    amount,
    changeAmount,
    amountFen,
    refundId,
    changeRefundId,
    errors,
    submit,
    submitting,
    result,
    another,
  }
}
