import type { DomainError } from '@huiyuan/shared/errors'
import fc from 'fast-check'
import { fenOfPoints, maxPointsToDeduct, type PlannedCoupon, planCheckout, refundShares } from './plan'

const now = new Date('2026-11-26T08:00:00Z')
const coupon = (code: string, over: Partial<PlannedCoupon> = {}): PlannedCoupon => ({
  code,
  memberId: 'M1',
  name: code,
  summary: code,
  kind: 'cash_off',
  valueFen: 2_000,
  status: 'issued',
  validFrom: '2026-11-01T00:00:00.000Z',
  validUntil: '2026-12-31T00:00:00.000Z',
  storeIds: [],
  thresholdFen: 0,
  ...over,
})
const input = (over: Partial<Parameters<typeof planCheckout>[0]> = {}) => ({
  memberId: 'M1',
  storeId: 'S001',
  amountFen: 30_000,
  coupons: [],
  pointsToDeduct: 0,
  storedValueFen: 0,
  pointsAvailable: 10_000,
  pointsPerYuan: 100,
  deductionCapPct: 50,
  now,
  ...over,
})
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return (e as DomainError).code
  }
  return undefined
}

describe('the checkout plan', () => {
  it('takes coupons in order, each on what the ones before left, then points, then stored value; the rest is cash', () => {
    const plan = planCheckout(
      input({
        coupons: [
          { code: 'A', coupon: coupon('A', { thresholdFen: 10_000 }) },
          { code: 'B', coupon: coupon('B', { kind: 'percent_off', percentPaid: 90, valueFen: undefined }) },
        ],
        pointsToDeduct: 1_000,
        storedValueFen: 20_000,
      }),
    )
    expect(plan).toMatchObject({
      couponDiscountFen: 4_800,
      pointsDeductionFen: 1_000,
      storedValueFen: 20_000,
      cashFen: 4_200,
      paidFen: 24_200,
    })
    expect(plan.coupons.map((c) => c.discountFen)).toEqual([2_000, 2_800])
  })

  it('refuses another member’s coupon, one that cannot be used here, points past the cap or not whole fen, stored value past what is due', () => {
    expect(refusal(() => planCheckout(input({ coupons: [{ code: 'X', coupon: undefined }] })))).toBe('COUPON_NOT_FOUND')
    expect(refusal(() => planCheckout(input({ coupons: [{ code: 'A', coupon: coupon('A', { memberId: 'M2' }) }] })))).toBe(
      'COUPON_NOT_FOUND',
    )
    expect(refusal(() => planCheckout(input({ coupons: [{ code: 'A', coupon: coupon('A', { storeIds: ['S002'] }) }] })))).toBe(
      'COUPON_NOT_VALID_AT_STORE',
    )
    expect(refusal(() => planCheckout(input({ pointsToDeduct: 15_001 })))).toBe('INSUFFICIENT_POINTS')
    expect(refusal(() => planCheckout(input({ pointsAvailable: 100_000, pointsToDeduct: 15_100 })))).toBe('POINTS_DEDUCTION_CAP_EXCEEDED')
    expect(refusal(() => planCheckout(input({ pointsPerYuan: 150, pointsToDeduct: 100 })))).toBe('VALIDATION_FAILED')
    expect(refusal(() => planCheckout(input({ storedValueFen: 30_001 })))).toBe('STORED_VALUE_EXCEEDS_DUE')
  })

  it('deducts points only in whole fen, within the cap and what the member holds', () => {
    expect(fenOfPoints(150, 150)).toBe(100)
    expect(fenOfPoints(100, 150)).toBeUndefined()
    expect(maxPointsToDeduct(10_001, 100_000, 100, 50)).toBe(5_000)
    expect(maxPointsToDeduct(10_000, 1_234, 100, 50)).toBe(1_234)
    // 150 points = ¥1: points go in steps of 3 (2 fen).
    expect(maxPointsToDeduct(10_000, 100_000, 150, 50) % 3).toBe(0)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 0, max: 100 }),
        (fen, held, rate, cap) => {
          const most = maxPointsToDeduct(fen, held, rate, cap)
          expect(most).toBeLessThanOrEqual(held)
          expect(fenOfPoints(most, rate)).toBeLessThanOrEqual(Math.floor((fen * cap) / 100))
        },
      ),
    )
  })
})

describe('refund shares', () => {
  it('over any sequence of partial refunds return every part exactly, never more than the refund in stored value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (paidFen, svShare, pointsDeducted, cuts) => {
          const spentFen = Math.floor(paidFen * svShare)
          const order = { paidFen, refundedFen: 0, pointsDeducted, pointsReturned: 0 }
          const sv = { spentFen, returnedFen: 0 }
          for (const cut of [...cuts, 1]) {
            const left = paidFen - order.refundedFen
            if (left === 0) break
            const amount = Math.max(1, Math.min(left, Math.round(left * cut)))
            const s = refundShares(order, sv, amount)
            expect(s.storedValueFen + s.cashFen).toBe(amount)
            expect(s.storedValueFen).toBeGreaterThanOrEqual(0)
            expect(s.cashFen).toBeGreaterThanOrEqual(0)
            order.refundedFen += amount
            order.pointsReturned += s.pointsReturned
            sv.returnedFen += s.storedValueFen
          }
          expect(order.refundedFen).toBe(paidFen)
          expect(sv.returnedFen).toBe(spentFen)
          expect(order.pointsReturned).toBe(pointsDeducted)
        },
      ),
    )
  })
})
