import { canonicalCouponCode } from '@huiyuan/shared/coupons/code'
/**
 * Coupons: the offer centre, the member's wallet, the points mall, and redemption (核销)
 * at the till. Claims and exchanges carry an idempotency key made once per tap, so a
 * retry of the same tap (e.g. after a network error) never issues a second coupon.
 */
import type { RedeemCouponRequest } from '@huiyuan/shared/coupons/schemas'
import { api } from './request'
import { withSession } from './session'

export type WalletStatus = 'usable' | 'used' | 'expired'

/** A random UUID v4 (crypto when the platform has it; weapp has no sync crypto). */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (c?.randomUUID) return c.randomUUID()
  const hex = '0123456789abcdef'
  let s = ''
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-'
    else if (i === 14) s += '4'
    else if (i === 19) s += hex[8 + Math.floor(Math.random() * 4)]
    else s += hex[Math.floor(Math.random() * 16)]
  }
  return s
}

/** Query of one page of a list: pass the previous page's `nextCursor` for the next one. */
const pageQuery = (cursor?: string, limit = 20) => ({ limit, ...(cursor ? { cursor } : {}) })

/** The offer centre, ending soonest first, a page at a time. */
export const listOffers = (cursor?: string) => withSession(() => api('listOffers', { query: pageQuery(cursor) }))

export const claimOffer = (offerId: string, idempotencyKey: string) =>
  withSession(() => api('claimOffer', { params: { offerId }, headers: { 'Idempotency-Key': idempotencyKey }, loading: '领取中' }))

/** One tab of the wallet, a page at a time. */
export const getMyCoupons = (status: WalletStatus, cursor?: string) =>
  withSession(() => api('getMyCoupons', { query: { status, ...pageQuery(cursor) } }))

export const getMyCoupon = (code: string) => withSession(() => api('getMyCoupon', { params: { code: canonicalCouponCode(code) } }))

/** The points mall, newest first, a page at a time. */
export const listRewards = (cursor?: string) => withSession(() => api('listRewards', { query: pageQuery(cursor) }))

export const redeemReward = (rewardId: string, idempotencyKey: string) =>
  withSession(() => api('redeemReward', { params: { rewardId }, headers: { 'Idempotency-Key': idempotencyKey }, loading: '兑换中' }))

/** Staff: redeem (核销) a coupon at the till. */
export const redeemCoupon = (body: RedeemCouponRequest) => withSession(() => api('redeemCoupon', { body, loading: '正在核销' }))
