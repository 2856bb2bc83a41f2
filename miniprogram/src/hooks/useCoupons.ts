import type { Coupon } from '@huiyuan/shared/coupons/schemas'
import { getMyCoupon, getMyCoupons, type WalletStatus } from '../services/coupons'
import { useRemote } from './useRemote'
import { useReloadOnReturn } from './useReloadOnReturn'

/** The member's wallet for one tab: usable / used / expired (the data names its tab). */
export function useCoupons(status: WalletStatus) {
  const remote = useRemote(async () => ({ status, ...(await getMyCoupons(status)) }), { key: status })
  useReloadOnReturn(remote.reload)
  return remote
}

/** One of the member's coupons, by code (reloads on show: it may have been redeemed meanwhile). */
export function useCoupon(code: string) {
  const remote = useRemote<Coupon>(() => getMyCoupon(code), { key: code, enabled: Boolean(code) })
  useReloadOnReturn(remote.reload)
  return remote
}
