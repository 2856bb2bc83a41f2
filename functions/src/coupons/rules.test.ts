import { assertRedeemable, couponSummary, discountFor, offerAvailability, shardCountFor, splitStock, validityFor } from './rules'

const now = new Date('2026-11-25T04:00:00Z')
const coupon = {
  status: 'issued' as const,
  validFrom: '2026-11-01T00:00:00.000Z',
  validUntil: '2026-11-30T16:00:00.000Z',
  storeIds: ['S001'],
  thresholdFen: 10_000,
}

describe('coupon rules', () => {
  it('summarises coupons the way shoppers read them', () => {
    expect(couponSummary({ kind: 'cash_off', valueFen: 2_000, thresholdFen: 10_000 })).toBe('满100减20')
    expect(couponSummary({ kind: 'cash_off', valueFen: 500, thresholdFen: 0 })).toBe('立减5元')
    expect(couponSummary({ kind: 'percent_off', percentPaid: 85, thresholdFen: 0, capFen: 5_000 })).toBe('8.5折（最多减50元）')
    expect(couponSummary({ kind: 'percent_off', percentPaid: 80, thresholdFen: 0 })).toBe('8折')
    expect(couponSummary({ kind: 'gift', itemName: '帆布袋', thresholdFen: 0 })).toBe('赠：帆布袋')
  })

  it('computes discounts in integer fen', () => {
    expect(discountFor({ kind: 'cash_off', valueFen: 2_000 }, 12_000)).toBe(2_000)
    expect(discountFor({ kind: 'percent_off', percentPaid: 85 }, 12_345)).toBe(12_345 - 10_493)
    expect(discountFor({ kind: 'percent_off', percentPaid: 85, capFen: 1_000 }, 100_000)).toBe(1_000)
    expect(discountFor({ kind: 'gift' }, 100_000)).toBe(0)
  })

  it('gives fixed or relative validity', () => {
    expect(validityFor({ validity: { type: 'relative', days: 7 } }, now)).toEqual({
      validFrom: '2026-11-25T04:00:00.000Z',
      validUntil: '2026-12-02T04:00:00.000Z',
    })
    expect(
      validityFor({ validity: { type: 'fixed', from: '2026-11-01T00:00:00+08:00', until: '2026-12-01T00:00:00+08:00' } }, now).validUntil,
    ).toBe('2026-11-30T16:00:00.000Z')
  })

  it('refuses redemption with a precise reason', () => {
    expect(() => assertRedeemable(coupon, 'S001', 10_000, now)).not.toThrow()
    expect(() => assertRedeemable({ ...coupon, status: 'redeemed' }, 'S001', 10_000, now)).toThrow(
      expect.objectContaining({ code: 'COUPON_ALREADY_REDEEMED' }),
    )
    expect(() => assertRedeemable(coupon, 'S001', 10_000, new Date('2026-12-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'COUPON_EXPIRED' }),
    )
    expect(() => assertRedeemable(coupon, 'S001', 10_000, new Date('2026-10-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'COUPON_NOT_YET_VALID' }),
    )
    expect(() => assertRedeemable(coupon, 'S002', 10_000, now)).toThrow(expect.objectContaining({ code: 'COUPON_NOT_VALID_AT_STORE' }))
    expect(() => assertRedeemable(coupon, 'S001', 9_999, now)).toThrow(expect.objectContaining({ code: 'THRESHOLD_NOT_MET' }))
  })

  it('tells a member why an offer is not available', () => {
    const offer = { claimFrom: '2026-11-20T00:00:00+08:00', claimUntil: '2026-11-30T00:00:00+08:00', audienceTiers: [] as string[] }
    const t = { tierCodes: [] as string[], perMemberLimit: 1 }
    expect(offerAvailability(offer, t, { tierCode: 'normal', claimed: 0 }, false, now)).toBe('available')
    expect(offerAvailability(offer, t, { tierCode: 'normal', claimed: 1 }, false, now)).toBe('limit_reached')
    expect(offerAvailability(offer, t, { tierCode: 'normal', claimed: 0 }, true, now)).toBe('sold_out')
    expect(offerAvailability({ ...offer, audienceTiers: ['gold'] }, t, { tierCode: 'normal', claimed: 0 }, false, now)).toBe('not_eligible')
    expect(offerAvailability(offer, t, { tierCode: 'normal', claimed: 0 }, false, new Date('2026-12-05T00:00:00Z'))).toBe('ended')
    expect(offerAvailability(offer, t, { tierCode: 'normal', claimed: 0 }, false, new Date('2026-11-01T00:00:00Z'))).toBe('not_started')
  })

  it('splits stock over shards exactly', () => {
    expect(shardCountFor(1000)).toBe(20)
    expect(shardCountFor(10)).toBe(1)
    expect(shardCountFor(1_000_000)).toBe(32)
    expect(shardCountFor(null)).toBe(0)
    const split = splitStock(1003, 20)
    expect(split.reduce((a, b) => a + b, 0)).toBe(1003)
    expect(Math.max(...split) - Math.min(...split)).toBeLessThanOrEqual(1)
  })
})
