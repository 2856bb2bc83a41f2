import type { DomainEvent, DomainEventType, EventPayload } from '@huiyuan/shared/events/schemas'
import { type Counted, countsOf } from './counters'

const at = '2026-11-25T10:00:00+08:00'
const event = <T extends DomainEventType>(type: T, payload: EventPayload<T>): DomainEvent => ({
  eventId: `E-${type}`,
  type,
  payload,
  occurredAt: at,
})
const ctx = { entryTierCode: 'normal' }
const find = (counted: Counted[], target: Counted['target']) =>
  counted.find((c) => JSON.stringify(c.target) === JSON.stringify(target))?.counters

describe('what an event adds to the aggregates', () => {
  it('a purchase: the day of the program and of the store, the totals, and an active member in both', () => {
    const c = countsOf(
      event('PurchaseRecorded', { memberId: 'M1', storeId: 'S1', orderId: 'O1', amountFen: 12_300, pointsEarned: 123, at }),
      ctx,
    )
    for (const scope of ['ALL', 'STORE#S1']) {
      expect(find(c.counted, { kind: 'day', scope })).toEqual({
        purchases: 1,
        salesFen: 12_300,
        pointsIssued: 123,
        pointsFromPurchases: 123,
      })
      // the month sums the same amounts
      expect(find(c.counted, { kind: 'month', scope })).toEqual(find(c.counted, { kind: 'day', scope }))
    }
    expect(find(c.counted, { kind: 'total', scope: 'ALL' })).toMatchObject({ salesFen: 12_300, pointsOutstanding: 123 })
    expect(find(c.counted, { kind: 'total', scope: 'STORE#S1' })).toEqual({ purchases: 1, salesFen: 12_300 })
    expect(c.active).toEqual({ memberId: 'M1', scopes: ['ALL', 'STORE#S1'] })
  })

  it('a till checkout: the points it deducted are redeemed, and a refund that gives them back un-redeems them', () => {
    const c = countsOf(
      event('PurchaseRecorded', {
        memberId: 'M1',
        storeId: 'S1',
        orderId: 'O1',
        amountFen: 24_200,
        pointsEarned: 242,
        couponDiscountFen: 4_800,
        pointsDeducted: 1_000,
        storedValueFen: 20_000,
        at,
      }),
      ctx,
    )
    expect(find(c.counted, { kind: 'day', scope: 'ALL' })).toMatchObject({ salesFen: 24_200, pointsRedeemed: 1_000 })
    expect(find(c.counted, { kind: 'total', scope: 'ALL' })).toMatchObject({ pointsRedeemed: 1_000, pointsOutstanding: 242 - 1_000 })
    const back = countsOf(
      event('PurchaseRefunded', {
        memberId: 'M1',
        storeId: 'S1',
        orderId: 'O1',
        refundId: 'R1',
        amountFen: 24_200,
        remainingFen: 0,
        wholeOrder: true,
        pointsReversed: 242,
        pointsReturned: 1_000,
        storedValueFen: 20_000,
        at,
      }),
      ctx,
    )
    expect(find(back.counted, { kind: 'day', scope: 'ALL' })).toMatchObject({ pointsRedeemed: -1_000, pointsReversed: 242 })
    expect(find(back.counted, { kind: 'total', scope: 'ALL' })).toMatchObject({ pointsRedeemed: -1_000, pointsOutstanding: 1_000 - 242 })
    // One update per aggregate item (a transaction may not touch an item twice).
    for (const x of [c, back]) expect(new Set(x.counted.map((k) => JSON.stringify(k.target))).size).toBe(x.counted.length)
  })

  it('a refund subtracts in its own counters and takes the reversed points out of the outstanding balance', () => {
    const c = countsOf(
      event('PurchaseRefunded', {
        memberId: 'M1',
        storeId: 'S1',
        orderId: 'O1',
        refundId: 'R1',
        amountFen: 2_000,
        remainingFen: 10_300,
        wholeOrder: false,
        pointsReversed: 20,
        at,
      }),
      ctx,
    )
    expect(find(c.counted, { kind: 'day', scope: 'STORE#S1' })).toEqual({ refunds: 1, refundsFen: 2_000, pointsReversed: 20 })
    expect(find(c.counted, { kind: 'total', scope: 'ALL' })).toEqual({ refundsFen: 2_000, pointsReversed: 20, pointsOutstanding: -20 })
    expect(c.active).toBeUndefined()
  })

  it('tiers: a join adds to its tier (the entry tier when the event does not say), a change moves one member, an erasure removes one', () => {
    const joined = countsOf(event('MemberJoined', { memberId: 'M1', storeId: 'S1', channel: 'store_qr', joinedAt: at }), ctx)
    expect(find(joined.counted, { kind: 'tier', tierCode: 'normal' })).toEqual({ members: 1 })
    expect(find(joined.counted, { kind: 'total', scope: 'STORE#S1' })).toEqual({ members: 1 })
    const moved = countsOf(event('TierChanged', { memberId: 'M1', from: 'normal', to: 'silver', direction: 'up', at }), ctx)
    expect(find(moved.counted, { kind: 'tier', tierCode: 'normal' })).toEqual({ members: -1 })
    expect(find(moved.counted, { kind: 'tier', tierCode: 'silver' })).toEqual({ members: 1 })
    expect(find(moved.counted, { kind: 'day', scope: 'ALL' })).toEqual({ tierUps: 1 })
    const erased = countsOf(event('MemberErased', { memberId: 'M1', storeId: 'S1', erasedAt: at }), { ...ctx, erasedMemberTier: 'silver' })
    expect(find(erased.counted, { kind: 'tier', tierCode: 'silver' })).toEqual({ members: -1 })
    expect(find(erased.counted, { kind: 'total', scope: 'ALL' })).toEqual({ members: -1 })
  })

  it('adjustments: a credit is points issued, a debit points deducted; both move the outstanding balance', () => {
    const up = countsOf(event('PointsAdjusted', { memberId: 'M1', points: 50, reason: '补偿', at }), ctx)
    expect(find(up.counted, { kind: 'day', scope: 'ALL' })).toEqual({ pointsIssued: 50, pointsFromAdjustments: 50 })
    const down = countsOf(event('PointsAdjusted', { memberId: 'M1', points: -30, reason: '更正', at }), ctx)
    expect(find(down.counted, { kind: 'day', scope: 'ALL' })).toEqual({ pointsDeducted: 30 })
    expect(find(down.counted, { kind: 'total', scope: 'ALL' })).toEqual({ pointsDeducted: 30, pointsOutstanding: -30 })
  })

  it('coupons: a claim counts for its template and offer; a returned redemption takes the redemption and its discount back', () => {
    const claimed = countsOf(
      event('CouponClaimed', { memberId: 'M1', code: 'C', templateId: 'T1', source: 'offer', offerId: 'O1', at }),
      ctx,
    )
    expect(find(claimed.counted, { kind: 'template', templateId: 'T1' })).toEqual({ issued: 1 })
    expect(find(claimed.counted, { kind: 'offer', offerId: 'O1' })).toEqual({ claimed: 1 })
    const back = countsOf(
      event('CouponReturned', {
        memberId: 'M1',
        code: 'C',
        storeId: 'S1',
        orderId: 'X',
        status: 'issued',
        templateId: 'T1',
        offerId: 'O1',
        discountFen: 500,
        at,
      }),
      ctx,
    )
    expect(find(back.counted, { kind: 'template', templateId: 'T1' })).toEqual({ redeemed: -1, discountFen: -500 })
    expect(find(back.counted, { kind: 'day', scope: 'STORE#S1' })).toEqual({ couponsReturned: 1, discountReturnedFen: 500 })
  })

  it('a check-in counts for the member’s join store when the event names it, and never a zero counter', () => {
    const c = countsOf(event('CheckedIn', { memberId: 'M1', date: '2026-11-25', streak: 1, points: 0, storeId: 'S2', at }), ctx)
    expect(find(c.counted, { kind: 'day', scope: 'STORE#S2' })).toEqual({ checkins: 1 })
    expect(find(c.counted, { kind: 'total', scope: 'ALL' })).toBeUndefined()
    expect(c.active?.scopes).toEqual(['ALL', 'STORE#S2'])
  })

  it('stored value: a top-up, a spend and a refund count per day and month in the program and the store, and move the balance held', () => {
    const topUp = countsOf(
      event('StoredValueToppedUp', { memberId: 'M1', storeId: 'S1', topUpId: 'T1', paidFen: 100_000, bonusFen: 10_000, at }),
      ctx,
    )
    for (const scope of ['ALL', 'STORE#S1']) {
      expect(find(topUp.counted, { kind: 'day', scope })).toEqual({ svTopUps: 1, svTopUpPrincipalFen: 100_000, svTopUpBonusFen: 10_000 })
      expect(find(topUp.counted, { kind: 'month', scope })).toEqual(find(topUp.counted, { kind: 'day', scope }))
    }
    expect(find(topUp.counted, { kind: 'total', scope: 'ALL' })).toEqual({ svPrincipalFen: 100_000, svBonusFen: 10_000 })
    // the liability is the program's: a card is spendable at every store
    expect(find(topUp.counted, { kind: 'total', scope: 'STORE#S1' })).toBeUndefined()
    expect(topUp.active).toBeUndefined()

    const spent = countsOf(
      event('StoredValueSpent', { memberId: 'M1', storeId: 'S2', orderId: 'O1', principalFen: 10_000, bonusFen: 1_000, at }),
      ctx,
    )
    expect(find(spent.counted, { kind: 'day', scope: 'STORE#S2' })).toEqual({
      svSpends: 1,
      svSpentPrincipalFen: 10_000,
      svSpentBonusFen: 1_000,
    })
    expect(find(spent.counted, { kind: 'month', scope: 'ALL' })).toEqual({
      svSpends: 1,
      svSpentPrincipalFen: 10_000,
      svSpentBonusFen: 1_000,
    })
    expect(find(spent.counted, { kind: 'day', scope: 'STORE#S1' })).toBeUndefined()
    expect(find(spent.counted, { kind: 'total', scope: 'ALL' })).toEqual({ svPrincipalFen: -10_000, svBonusFen: -1_000 })

    const refunded = countsOf(
      event('StoredValueRefunded', {
        memberId: 'M1',
        storeId: 'S2',
        orderId: 'O1',
        refundId: 'R1',
        principalFen: 4_000,
        bonusFen: 400,
        at,
      }),
      ctx,
    )
    expect(find(refunded.counted, { kind: 'day', scope: 'STORE#S2' })).toEqual({
      svRefunds: 1,
      svRefundedPrincipalFen: 4_000,
      svRefundedBonusFen: 400,
    })
    expect(find(refunded.counted, { kind: 'total', scope: 'ALL' })).toEqual({ svPrincipalFen: 4_000, svBonusFen: 400 })
    // nothing of a purchase's counters: a stored-value refund is not a purchase refund
    expect(find(refunded.counted, { kind: 'day', scope: 'ALL' })).not.toHaveProperty('refundsFen')
  })

  it('stored value: a spend taken from the principal alone counts no zero bonus', () => {
    const c = countsOf(event('StoredValueSpent', { memberId: 'M1', storeId: 'S1', orderId: 'O2', principalFen: 500, bonusFen: 0, at }), ctx)
    expect(find(c.counted, { kind: 'day', scope: 'ALL' })).toEqual({ svSpends: 1, svSpentPrincipalFen: 500 })
    expect(find(c.counted, { kind: 'total', scope: 'ALL' })).toEqual({ svPrincipalFen: -500 })
  })
})
