/** Coupon rules. Pure. */
import { DomainError } from '@huiyuan/shared/errors'
import type { CouponTemplate, OfferAvailability } from '@huiyuan/shared/coupons/schemas'

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))

/** 满100减20 · 立减20元 · 8.5折 (最多减¥50) · 赠：帆布袋 · 服务：免费改衣 */
export function couponSummary(
  t: Pick<CouponTemplate, 'kind' | 'valueFen' | 'percentPaid' | 'capFen' | 'thresholdFen' | 'itemName'>,
): string {
  const threshold = t.thresholdFen > 0 ? `满${yuan(t.thresholdFen)}` : ''
  switch (t.kind) {
    case 'cash_off':
      return threshold ? `${threshold}减${yuan(t.valueFen ?? 0)}` : `立减${yuan(t.valueFen ?? 0)}元`
    case 'percent_off': {
      const p = t.percentPaid ?? 100
      const rate = p % 10 === 0 ? String(p / 10) : (p / 10).toFixed(1)
      return `${threshold}${rate}折${t.capFen ? `（最多减${yuan(t.capFen)}元）` : ''}`
    }
    case 'gift':
      return `${threshold ? `${threshold}` : ''}赠：${t.itemName ?? ''}`
    case 'service':
      return `服务：${t.itemName ?? ''}`
  }
}

/** The validity of a coupon issued at `issuedAt`. */
export function validityFor(t: Pick<CouponTemplate, 'validity'>, issuedAt: Date): { validFrom: string; validUntil: string } {
  if (t.validity.type === 'fixed')
    return { validFrom: new Date(t.validity.from).toISOString(), validUntil: new Date(t.validity.until).toISOString() }
  return { validFrom: issuedAt.toISOString(), validUntil: new Date(issuedAt.getTime() + t.validity.days * 86_400_000).toISOString() }
}

/** What the till takes off an order of `amountFen` (gift and service coupons: 0). */
export function discountFor(t: Pick<CouponTemplate, 'kind' | 'valueFen' | 'percentPaid' | 'capFen'>, amountFen: number): number {
  if (t.kind === 'cash_off') return Math.min(amountFen, t.valueFen ?? 0)
  if (t.kind === 'percent_off') {
    const off = amountFen - Math.floor((amountFen * (t.percentPaid ?? 100)) / 100)
    return t.capFen ? Math.min(off, t.capFen) : off
  }
  return 0
}

export interface CouponState {
  status: 'issued' | 'redeemed' | 'expired' | 'revoked'
  validFrom: string
  validUntil: string
  storeIds: string[]
  thresholdFen: number
}

/** Why a coupon cannot be redeemed at this store, for this order, now (throws) — or nothing. */
export function assertRedeemable(c: CouponState, storeId: string, orderAmountFen: number, now: Date): void {
  const at = now.toISOString()
  if (c.status === 'redeemed') throw new DomainError('COUPON_ALREADY_REDEEMED', 'This coupon has already been redeemed')
  if (c.status === 'revoked') throw new DomainError('COUPON_INVALID', 'This coupon has been revoked')
  if (c.status === 'expired' || at > c.validUntil)
    throw new DomainError('COUPON_EXPIRED', 'This coupon has expired', { validUntil: c.validUntil })
  if (at < c.validFrom) throw new DomainError('COUPON_NOT_YET_VALID', 'This coupon is not valid yet', { validFrom: c.validFrom })
  if (c.storeIds.length > 0 && !c.storeIds.includes(storeId))
    throw new DomainError('COUPON_NOT_VALID_AT_STORE', 'This coupon cannot be used at this store', { storeIds: c.storeIds })
  if (orderAmountFen < c.thresholdFen)
    throw new DomainError('THRESHOLD_NOT_MET', `The order must be at least ¥${yuan(c.thresholdFen)}`, { thresholdFen: c.thresholdFen })
}

/** How an offer looks to a member. */
export function offerAvailability(
  o: { claimFrom: string; claimUntil: string; audienceTiers: string[] },
  t: { tierCodes: string[]; perMemberLimit: number },
  member: { tierCode: string; claimed: number },
  soldOut: boolean,
  now: Date,
): OfferAvailability {
  const at = now.toISOString()
  if (at < new Date(o.claimFrom).toISOString()) return 'not_started'
  if (at > new Date(o.claimUntil).toISOString()) return 'ended'
  const tiers = o.audienceTiers.length > 0 ? o.audienceTiers : t.tierCodes
  if (tiers.length > 0 && !tiers.includes(member.tierCode)) return 'not_eligible'
  if (member.claimed >= t.perMemberLimit) return 'limit_reached'
  if (soldOut) return 'sold_out'
  return 'available'
}

/** Stock shards: about 50 coupons each, at most 32, so a flash offer spreads its writes. */
export const shardCountFor = (totalStock: number | null): number =>
  totalStock === null ? 0 : Math.min(32, Math.max(1, Math.ceil(totalStock / 50)))

/** Splits the stock evenly over the shards (the first ones take the remainder). */
export const splitStock = (totalStock: number, shards: number): number[] =>
  Array.from({ length: shards }, (_, i) => Math.floor(totalStock / shards) + (i < totalStock % shards ? 1 : 0))
