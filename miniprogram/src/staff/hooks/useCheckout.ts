import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { CheckoutQuote, CheckoutResult } from '@huiyuan/shared/checkout/schemas'
import { MAX_ORDER_FEN } from '@huiyuan/shared/purchases/limits'
import { isApiError } from '../../services/request'
import { checkout as sendCheckout, quoteCheckout } from '../../services/staff'
import { useLatestLoad } from '../../hooks/useLatestLoad'
import { thousands } from '../../utils/format'
import { clampPoints, pointsStep } from '../../utils/checkout'
import { newOrderId, ORDER_ID_PATTERN, parseYuan, yuan2 } from '../../utils/money'
import { errorCode, tillError } from '../errors'
import { RESCAN_CODES, useMemberLookup } from './useMemberLookup'

export { normalizeMemberCode } from './useMemberLookup'
export { fenOfPoints } from '../../utils/checkout'

/** The most coupons one order may use (MAX_CHECKOUT_COUPONS in shared/src/checkout/schemas.ts). */
export const MAX_COUPONS = 10
/** How long the till waits after the last keystroke or tap before it quotes. */
export const QUOTE_DELAY_MS = 300

export interface CheckoutErrors {
  amount?: string
  orderId?: string
  points?: string
  storedValue?: string
  form?: string
}

/** The selection the till quotes: what changes the price (stored value only splits what is due). */
interface QuoteKey {
  memberCode: string
  amountFen: number
  couponCodes: string[]
  pointsToDeduct: number
}
const keyOf = (k: QuoteKey) => JSON.stringify(k)

/** The coupon a refusal names (COUPON_*, THRESHOLD_NOT_MET carry it in details), if any. */
const refusedCoupon = (e: unknown): string | null => {
  const d = isApiError(e) ? (e.details as { couponCode?: unknown } | undefined) : undefined
  return typeof d?.couponCode === 'string' ? d.couponCode : null
}
const maxPointsOf = (e: unknown): number | null => {
  const d = isApiError(e) ? (e.details as { maxPoints?: unknown } | undefined) : undefined
  return typeof d?.maxPoints === 'number' ? d.maxPoints : null
}

/** What the cashier confirms: the order's breakdown, as it will be charged. */
export interface CheckoutSummary {
  amountFen: number
  couponCount: number
  couponDiscountFen: number
  pointsDeducted: number
  pointsDeductionFen: number
  storedValueFen: number
  cashFen: number
  paidFen: number
  pointsToEarn: number
}

/** Asks the cashier to confirm: coupons, points and stored value are taken at once and cannot be put back here. */
async function confirmCheckout(s: CheckoutSummary, memberName: string, cardTail: string): Promise<boolean> {
  const lines = [
    `会员 ${memberName}（卡号尾号 ${cardTail}）`,
    `订单金额 ¥${yuan2(s.amountFen)}`,
    ...(s.couponCount > 0 ? [`优惠券 ${s.couponCount} 张 −¥${yuan2(s.couponDiscountFen)}`] : []),
    ...(s.pointsDeducted > 0 ? [`积分抵现 ${thousands(s.pointsDeducted)} 积分 −¥${yuan2(s.pointsDeductionFen)}`] : []),
    ...(s.storedValueFen > 0 ? [`储值支付 ¥${yuan2(s.storedValueFen)}`] : []),
    `应收现金 ¥${yuan2(s.cashFen)}`,
    `本单可得积分 ${thousands(s.pointsToEarn)}`,
    '结账后优惠券、积分和储值即被扣除，不能撤销（如需退回请办理退货）。请确认已收取现金部分。',
  ]
  const { confirm } = await Taro.showModal({
    title: '确认结账',
    content: lines.join('\n'),
    confirmText: '确认结账',
    cancelText: '返回修改',
  })
  return confirm
}

/**
 * One customer at the till, one order: identify the member by their dynamic code, enter the
 * order's amount, pick the member's coupons, deduct points and pay part from stored value,
 * then confirm once and check out.
 *
 * The till quotes (POST /v1/staff/checkouts/quote) a moment after the amount, the coupons or
 * the points change: the quote plans the order as the checkout will (coupons, then points
 * within the order's cap), and lists the member's coupons with what each takes off, the most
 * points the order may deduct and the card's balance. Stored value only splits what is left
 * to pay between the card and cash, so the page splits the quote's `paidFen` itself (at most
 * the balance and what is due) without another round trip; the checkout plans it all again.
 * A refusal that names a coupon (used at another till a moment ago, threshold no longer met)
 * drops that coupon and says so; points above a lowered cap come down to it.
 *
 * The order number is made once per order and kept through retries and refusals, so a
 * retry after a network error is charged once (the API answers `replayed`); the next
 * customer gets a new one.
 */
export function useCheckout(storeId: string) {
  const identified = useMemberLookup(storeId)
  const { member, memberCode, clearMember, rescan, updateMember } = identified

  const [amount, setAmount] = useState('')
  const [orderId, setOrderId] = useState(() => newOrderId())
  const [couponCodes, setCouponCodes] = useState<string[]>([])
  const [pointsOn, setPointsOn] = useState(false)
  const [points, setPoints] = useState(0)
  /** Points follow the order's most (switched on, or 最多 tapped) until the cashier types a number. */
  const [pointsAtMost, setPointsAtMost] = useState(true)
  const [storedValueOn, setStoredValueOn] = useState(false)
  /** What the cashier typed for stored value; null: as much as the card holds and is due. */
  const [storedValueInput, setStoredValueInput] = useState<string | null>(null)

  const [quote, setQuote] = useState<CheckoutQuote | null>(null)
  const [quotedKey, setQuotedKey] = useState('')
  const [quoting, setQuoting] = useState(false)
  const [quoteError, setQuoteError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [errors, setErrors] = useState<CheckoutErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<CheckoutResult | null>(null)
  const [retryTick, setRetryTick] = useState(0)
  const latest = useLatestLoad()

  const amountFen = parseYuan(amount)
  const amountOk = amountFen !== null && amountFen > 0 && amountFen <= MAX_ORDER_FEN
  const pointsToDeduct = pointsOn ? points : 0
  const key: QuoteKey | null = member && memberCode && amountOk ? { memberCode, amountFen, couponCodes, pointsToDeduct } : null
  const currentKey = key ? keyOf(key) : ''

  // The selection belongs to the member it was made for: another member starts afresh
  // (the same member shown again after an expired code keeps it).
  const selectionOwner = useRef<string | null>(null)
  /** Another member (or the next customer): no coupons, points or stored value carried over. */
  const clearSelection = useCallback(() => {
    setCouponCodes([])
    setPointsOn(false)
    setPoints(0)
    setPointsAtMost(true)
    setStoredValueOn(false)
    setStoredValueInput(null)
    setQuote(null)
    setNotice(null)
  }, [])
  useEffect(() => {
    if (!member) return
    if (selectionOwner.current !== null && selectionOwner.current !== member.memberId) clearSelection()
    selectionOwner.current = member.memberId
  }, [member, clearSelection])

  const clearFormErrors = useCallback(() => setErrors((e) => (e.form ? { ...e, form: undefined } : e)), [])

  // Quote a moment after the last change; a newer change cancels an older answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `currentKey` stands for `key`; `retryTick` asks again after an error
  useEffect(() => {
    if (!key) {
      latest.start()
      setQuoting(false)
      setQuoteError(null)
      return
    }
    const live = latest.start()
    setQuoting(true)
    setQuoteError(null)
    const timer = setTimeout(async () => {
      try {
        const q = await quoteCheckout({ storeId, ...key, storedValueFen: 0 })
        if (!live()) return
        setQuote(q)
        setQuotedKey(currentKey)
        setQuoteError(null)
        updateMember(q.member)
        // Points at their most follow the order's cap as coupons and the amount change.
        const max = q.limits.maxPointsToDeduct
        if (pointsOn && pointsAtMost && key.pointsToDeduct !== max) setPoints(max)
      } catch (e) {
        if (!live()) return
        const code = errorCode(e)
        const coupon = refusedCoupon(e)
        const maxPoints = maxPointsOf(e)
        if (code && RESCAN_CODES.has(code)) {
          // Keep the amount, the selection and the order number: only the code has to be shown again.
          rescan(tillError(e))
        } else if (coupon && key.couponCodes.includes(coupon)) {
          const name = quote?.coupons.find((c) => c.couponCode === coupon)?.name ?? coupon
          setCouponCodes((codes) => codes.filter((c) => c !== coupon))
          setNotice(`「${name}」${tillError(e)}，已取消勾选`)
        } else if (code === 'POINTS_DEDUCTION_CAP_EXCEEDED' && maxPoints !== null) {
          setPoints(maxPoints)
          if (!pointsAtMost) setNotice(`本单最多可抵扣 ${thousands(maxPoints)} 积分，已调整`)
        } else {
          setQuoteError(tillError(e))
        }
      } finally {
        if (live()) setQuoting(false)
      }
    }, QUOTE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [currentKey, storeId, retryTick])

  const fresh = quote !== null && quotedKey === currentKey && !quoting && quoteError === null

  // What the order comes to with this selection (from the last quote while a new one runs).
  const limits = quote?.limits ?? null
  const dueFen = quote?.plan.paidFen ?? 0
  const balanceFen = limits?.storedValue.balanceFen ?? member?.storedValueFen ?? 0
  const storedValueMaxFen = Math.min(balanceFen, dueFen)
  const typedStoredValue = storedValueInput === null ? storedValueMaxFen : parseYuan(storedValueInput)
  const storedValueFen = storedValueOn ? (typedStoredValue ?? 0) : 0
  const storedValueError = !storedValueOn
    ? undefined
    : typedStoredValue === null
      ? '请输入正确的储值支付金额，如 88.50'
      : typedStoredValue > balanceFen
        ? `储值余额只有 ¥${yuan2(balanceFen)}`
        : typedStoredValue > dueFen
          ? `储值最多支付应付的 ¥${yuan2(dueFen)}`
          : undefined

  const summary: CheckoutSummary | null = quote
    ? {
        amountFen: quote.plan.amountFen,
        couponCount: quote.plan.coupons.length,
        couponDiscountFen: quote.plan.couponDiscountFen,
        pointsDeducted: quote.plan.pointsDeducted,
        pointsDeductionFen: quote.plan.pointsDeductionFen,
        storedValueFen: storedValueError ? 0 : storedValueFen,
        cashFen: dueFen - (storedValueError ? 0 : storedValueFen),
        paidFen: dueFen,
        pointsToEarn: quote.pointsToEarn,
      }
    : null

  const changeAmount = useCallback((v: string) => {
    setAmount(v)
    setNotice(null)
    setErrors((e) => (e.amount || e.form ? { ...e, amount: undefined, form: undefined } : e))
  }, [])
  const changeOrderId = useCallback((v: string) => {
    setOrderId(v.trim())
    setErrors((e) => (e.orderId || e.form ? { ...e, orderId: undefined, form: undefined } : e))
  }, [])

  /** Picks or unpicks a coupon (usable ones only, at most 10; applied in the order picked). */
  const toggleCoupon = useCallback(
    (code: string) => {
      setNotice(null)
      clearFormErrors()
      setCouponCodes((codes) => {
        if (codes.includes(code)) return codes.filter((c) => c !== code)
        if (codes.length >= MAX_COUPONS) {
          setNotice(`一单最多使用 ${MAX_COUPONS} 张优惠券`)
          return codes
        }
        return [...codes, code]
      })
    },
    [clearFormErrors],
  )

  const step = pointsStep(limits?.pointsPerYuan ?? 100)
  const maxPoints = limits?.maxPointsToDeduct ?? 0

  const switchPoints = useCallback(
    (on: boolean) => {
      setNotice(null)
      clearFormErrors()
      setPointsOn(on)
      setPointsAtMost(true)
      setPoints(on ? maxPoints : 0)
    },
    [maxPoints, clearFormErrors],
  )
  /** Points typed or stepped: kept on whole fen and within the order's most. */
  const changePoints = useCallback(
    (v: number) => {
      setNotice(null)
      clearFormErrors()
      const p = clampPoints(v, maxPoints, step)
      setPointsAtMost(p === maxPoints)
      setPoints(p)
    },
    [maxPoints, step, clearFormErrors],
  )

  const switchStoredValue = useCallback(
    (on: boolean) => {
      clearFormErrors()
      setStoredValueOn(on)
      setStoredValueInput(null)
      setErrors((e) => (e.storedValue ? { ...e, storedValue: undefined } : e))
    },
    [clearFormErrors],
  )
  const changeStoredValue = useCallback(
    (v: string | null) => {
      clearFormErrors()
      setStoredValueInput(v)
      setErrors((e) => (e.storedValue ? { ...e, storedValue: undefined } : e))
    },
    [clearFormErrors],
  )

  const submit = useCallback(async (): Promise<CheckoutResult | null> => {
    if (!member) return null
    const next: CheckoutErrors = {}
    if (amountFen === null) next.amount = '请输入正确的金额，如 88.50'
    else if (amountFen <= 0) next.amount = '金额必须大于 0'
    else if (amountFen > MAX_ORDER_FEN) next.amount = '单笔金额不能超过 ¥1,000,000'
    if (!ORDER_ID_PATTERN.test(orderId)) next.orderId = '订单号只能包含字母、数字和 _-.:'
    if (storedValueError) next.storedValue = storedValueError
    if (!next.amount && !fresh) next.form = quoteError ?? '正在计算应收金额，请稍候'
    setErrors(next)
    if (Object.keys(next).length > 0 || !summary || amountFen === null) return null

    if (!(await confirmCheckout(summary, member.name, member.cardNo.slice(-4)))) return null

    setSubmitting(true)
    try {
      const r = await sendCheckout({
        memberCode,
        storeId,
        orderId,
        amountFen,
        couponCodes,
        pointsToDeduct,
        storedValueFen: summary.storedValueFen,
      })
      setResult(r)
      updateMember(r.member)
      return r
    } catch (e) {
      const code = errorCode(e)
      const coupon = refusedCoupon(e)
      if (code && RESCAN_CODES.has(code)) {
        // Keep the amount, the selection and the order number: only the code has to be shown again.
        rescan(tillError(e))
      } else if (coupon && couponCodes.includes(coupon)) {
        const name = quote?.coupons.find((c) => c.couponCode === coupon)?.name ?? coupon
        setCouponCodes((codes) => codes.filter((c) => c !== coupon))
        setErrors({ form: `「${name}」${tillError(e)}，已取消勾选。请核对应收金额后重新结账。` })
      } else if (code === 'POINTS_DEDUCTION_CAP_EXCEEDED' || code === 'INSUFFICIENT_POINTS') {
        const most = maxPointsOf(e)
        if (most !== null) setPoints(most)
        setErrors({ points: tillError(e) })
      } else if (code === 'STORED_VALUE_EXCEEDS_DUE' || code === 'INSUFFICIENT_BALANCE') {
        setStoredValueInput(null)
        setErrors({ storedValue: tillError(e) })
      } else if (code === 'ORDER_CONFLICT') {
        setErrors({ orderId: tillError(e) })
      } else if (code === 'IDEMPOTENCY_KEY_REUSED') {
        setErrors({
          orderId: '该订单号已用不同的内容结过账。请先在今日流水核对该订单；确认未结账后，点「重新生成」换新订单号再提交。',
        })
      } else {
        setErrors({ form: tillError(e) })
      }
      // Whatever changed for the member (a coupon used elsewhere, the balance): quote again.
      setRetryTick((t) => t + 1)
      return null
    } finally {
      setSubmitting(false)
    }
  }, [
    member,
    memberCode,
    storeId,
    orderId,
    amountFen,
    couponCodes,
    pointsToDeduct,
    storedValueError,
    fresh,
    quoteError,
    summary,
    quote,
    rescan,
    updateMember,
  ])

  /** Ready for the next customer: a new order number, nothing carried over. */
  const nextCustomer = useCallback(() => {
    clearMember()
    selectionOwner.current = null
    setAmount('')
    setOrderId(newOrderId())
    clearSelection()
    setQuotedKey('')
    setQuoteError(null)
    setErrors({})
    setResult(null)
  }, [clearMember, clearSelection])

  return {
    code: identified.code,
    setCode: identified.setCode,
    lookup: identified.lookup,
    looking: identified.looking,
    lookupError: identified.lookupError,
    member,
    /** Another member for the same sale (amount and order number kept; their coupons are not). */
    changeMember: clearMember,
    amount,
    changeAmount,
    amountFen,
    amountOk,
    orderId,
    changeOrderId,
    newOrderNumber: () => changeOrderId(newOrderId()),
    quote,
    quoting,
    /** The quote answers the selection on screen (nothing newer pending). */
    fresh,
    quoteError,
    retryQuote: () => {
      setQuoteError(null)
      setRetryTick((t) => t + 1)
    },
    notice,
    couponCodes,
    toggleCoupon,
    pointsOn,
    points,
    pointsStep: step,
    maxPoints,
    switchPoints,
    changePoints,
    balanceFen,
    storedValueOn,
    storedValueInput,
    storedValueFen,
    storedValueMaxFen,
    storedValueError,
    switchStoredValue,
    changeStoredValue,
    summary,
    errors,
    submit,
    submitting,
    result,
    nextCustomer,
  }
}

export type Checkout = ReturnType<typeof useCheckout>
