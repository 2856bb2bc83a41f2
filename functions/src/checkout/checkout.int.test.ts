/**
 * The largest checkout the till may send — ten coupons, a points deduction and stored value
 * on one order — commits as one transaction well under DynamoDB's 100 items, in 3 round
 * trips on a warm container (rules and stores cached), counted on the SDK client.
 */
import type { AuthContext } from '../platform/auth'
import { MAX_CHECKOUT_COUPONS } from '@huiyuan/shared/checkout/schemas'
import { cashOffTemplate, joinInput, memberCodeAt, seededServices } from '../testing/fixtures'
import { countRoundTrips } from '../testing/roundTrips'
import { freshTable } from '../testing/table'

const cashier: AuthContext = { openid: 'c', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }

describe('the checkout (DynamoDB Local)', () => {
  it(`with ${MAX_CHECKOUT_COUPONS} coupons is one transaction of at most 51 items, in 3 round trips`, async () => {
    const db = await freshTable('checkout')
    const s = await seededServices(db)
    const counted = countRoundTrips(db)
    const now = new Date()
    const m = await s.membersService.join('co-1', joinInput(), now)
    await s.points.adjust(cashier, m.memberId, { points: 5_000, reason: '测试', idempotencyKey: 'co-adj' }, now)
    await s.storedValue.topUp(
      cashier,
      { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', topUpId: 'T1', packageId: 'P1000', paymentRef: 'x' },
      now,
    )
    const t = await cashOffTemplate(s, now, { valueFen: 500, thresholdFen: 0, perMemberLimit: 20 })
    const codes: string[] = []
    for (let i = 0; i < MAX_CHECKOUT_COUPONS; i++)
      codes.push((await s.coupons.grant(m.memberId, t.templateId, 'staff', `G${i}`, now))!.coupon.code)
    await s.program.getRules()
    await s.program.getStore('S001')

    const before = counted.calls()
    const r = await s.checkout.checkout(
      cashier,
      {
        memberCode: memberCodeAt(m.cardNo, now),
        storeId: 'S001',
        orderId: 'BIG-1',
        amountFen: 100_000,
        couponCodes: codes,
        pointsToDeduct: 5_000,
        storedValueFen: 20_000,
      },
      now,
    )
    const roundTrips = counted.calls() - before
    const txItems = counted.lastTransactionItems()
    console.log(`checkout with ${MAX_CHECKOUT_COUPONS} coupons: ${roundTrips} DynamoDB round trips, ${txItems} items in its transaction`)
    expect(r.plan).toMatchObject({ couponDiscountFen: 5_000, pointsDeductionFen: 5_000, storedValueFen: 20_000, cashFen: 70_000 })
    expect(txItems).toBeLessThanOrEqual(51)
    expect(roundTrips).toBe(3)
  })
})
