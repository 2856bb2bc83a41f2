/**
 * How one order is paid, and how a refund of it is returned. Pure: the service reads, plans
 * here, and commits what the plan says as one unit of work.
 *
 * An order of `amount` fen: the member's coupons come off first (in the order given, each on
 * what the ones before it left, each checked against the order's amount for its threshold),
 * then a points deduction (whole fen at the program's rate, within the per-order cap), then
 * stored value pays part or all of what is left and the rest is paid by other means (cash).
 * Paid money — stored value + cash — is what points are earned on, what the tier counts and
 * what refunds are of.
 */
import type { AppliedCoupon, CheckoutPlan } from '@huiyuan/shared/checkout/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import { assertRedeemable, type CouponState, discountFor } from '../coupons/rules'

export interface PlannedCoupon extends CouponState {
  code: string
  memberId: string
  name: string
  summary: string
  kind: Parameters<typeof discountFor>[0]['kind']
  valueFen?: number
  percentPaid?: number
  capFen?: number
}

export interface PlanInput {
  memberId: string
  storeId: string
  amountFen: number
  /** The coupons named, in the order given (undefined: no such coupon). */
  coupons: ReadonlyArray<{ code: string; coupon: PlannedCoupon | undefined }>
  pointsToDeduct: number
  storedValueFen: number
  /** Points the member can spend today. */
  pointsAvailable: number
  pointsPerYuan: number
  /** The most of an order (after coupons) that points may pay, percent. */
  deductionCapPct: number
  now: Date
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** Fen a number of points is worth at the program's rate, or undefined when it is not whole fen. */
export const fenOfPoints = (points: number, pointsPerYuan: number): number | undefined =>
  (points * 100) % pointsPerYuan === 0 ? (points * 100) / pointsPerYuan : undefined

/** The most points an order may deduct: the cap, the member's points, and only whole fen. */
export const maxPointsToDeduct = (afterCouponsFen: number, available: number, pointsPerYuan: number, capPct: number): number => {
  const capFen = Math.floor((afterCouponsFen * capPct) / 100)
  // Points per fen step: the smallest number of points that is a whole number of fen.
  const step = pointsPerYuan / gcd(pointsPerYuan, 100)
  const byCap = Math.floor((capFen * pointsPerYuan) / 100)
  const most = Math.min(byCap, available)
  return most - (most % step)
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** The coupons' discounts, each on what the ones before it left; throws the first coupon's refusal. */
export const applyCoupons = (input: Pick<PlanInput, 'memberId' | 'storeId' | 'amountFen' | 'coupons' | 'now'>): AppliedCoupon[] => {
  const applied: AppliedCoupon[] = []
  let left = input.amountFen
  for (const { code, coupon } of input.coupons) {
    if (!coupon || coupon.memberId !== input.memberId)
      throw new DomainError('COUPON_NOT_FOUND', `Coupon ${code} is not this member's`, { couponCode: code })
    try {
      assertRedeemable(coupon, input.storeId, input.amountFen, input.now)
    } catch (e) {
      if (e instanceof DomainError)
        throw new DomainError(e.code, e.message, { ...((e.details as object | undefined) ?? {}), couponCode: code })
      throw e
    }
    const discountFen = discountFor(coupon, left)
    left -= discountFen
    applied.push({ couponCode: coupon.code, name: coupon.name, summary: coupon.summary, discountFen })
  }
  return applied
}

/** The order's plan; throws the refusal (a coupon's, the points cap, more stored value than is due). */
export const planCheckout = (input: PlanInput): CheckoutPlan => {
  const coupons = applyCoupons(input)
  const couponDiscountFen = coupons.reduce((s, c) => s + c.discountFen, 0)
  const afterCoupons = input.amountFen - couponDiscountFen
  const pointsDeductionFen = fenOfPoints(input.pointsToDeduct, input.pointsPerYuan)
  if (pointsDeductionFen === undefined)
    throw new DomainError('VALIDATION_FAILED', `Points are deducted in whole fen: ${input.pointsPerYuan} points = ¥1`, {
      fields: [
        { field: 'body.pointsToDeduct', message: `a multiple of ${input.pointsPerYuan / gcd(input.pointsPerYuan, 100)}`, code: 'step' },
      ],
    })
  if (input.pointsToDeduct > input.pointsAvailable)
    throw new DomainError('INSUFFICIENT_POINTS', `The member has ${input.pointsAvailable} points`, {
      balance: input.pointsAvailable,
      needed: input.pointsToDeduct,
    })
  const most = maxPointsToDeduct(afterCoupons, input.pointsAvailable, input.pointsPerYuan, input.deductionCapPct)
  if (input.pointsToDeduct > most)
    throw new DomainError(
      'POINTS_DEDUCTION_CAP_EXCEEDED',
      `Points may pay at most ${input.deductionCapPct}% of this order: ${most} points (${yuan(fenOfPoints(most, input.pointsPerYuan) ?? 0)})`,
      { maxPoints: most, capPct: input.deductionCapPct },
    )
  const due = afterCoupons - pointsDeductionFen
  if (input.storedValueFen > due) throw new DomainError('STORED_VALUE_EXCEEDS_DUE', `Only ${yuan(due)} is left to pay`, { dueFen: due })
  return {
    amountFen: input.amountFen,
    coupons,
    couponDiscountFen,
    pointsDeducted: input.pointsToDeduct,
    pointsDeductionFen,
    storedValueFen: input.storedValueFen,
    cashFen: due - input.storedValueFen,
    paidFen: due,
  }
}

/**
 * What a refund of `amount` fen of an order's paid money returns of each part. Each part is
 * returned in proportion to the order's refunded share, counted over all the order's refunds
 * so far (so rounding never drifts and a full refund returns every part exactly): the points
 * that were deducted, and the stored value (never more than the refund, the rest is cash).
 */
export const refundShares = (
  order: { paidFen: number; refundedFen: number; pointsDeducted: number; pointsReturned: number },
  storedValue: { spentFen: number; returnedFen: number },
  amount: number,
): { pointsReturned: number; storedValueFen: number; cashFen: number } => {
  const after = order.refundedFen + amount
  const whole = after >= order.paidFen
  const share = (total: number) => (whole ? total : Math.floor((total * after) / order.paidFen))
  const pointsReturned = Math.max(0, share(order.pointsDeducted) - order.pointsReturned)
  const storedValueFen = Math.min(amount, Math.max(0, share(storedValue.spentFen) - storedValue.returnedFen))
  return { pointsReturned, storedValueFen, cashFen: amount - storedValueFen }
}
