import type { Coupon, Wallet } from '@huiyuan/shared/coupons/schemas'
import type { z } from 'zod'
import { getMyCoupon, getMyCoupons, type WalletStatus } from '../services/coupons'
import { useRemote } from './useRemote'
import { usePaged } from './usePaged'
import { useReloadOnReturn } from './useReloadOnReturn'

/**
 * The member's wallet for one tab: usable / used / expired, a page at a time (加载更多).
 * `data` holds every page loaded so far and names its tab; it is null while a new tab loads.
 */
export function useCoupons(status: WalletStatus) {
  const paged = usePaged<Coupon, z.output<typeof Wallet> & { status: WalletStatus }>(
    async (cursor) => ({ ...(await getMyCoupons(status, cursor)), status }),
    { key: status },
  )
  useReloadOnReturn(paged.reload)
  // The first page names the tab it was loaded for: right after a switch it is still the old one.
  return { ...paged, data: paged.first ? { status: paged.first.status, items: paged.items } : null }
}

/** One of the member's coupons, by code (reloads on show: it may have been redeemed meanwhile). */
export function useCoupon(code: string) {
  const remote = useRemote<Coupon>(() => getMyCoupon(code), { key: code, enabled: Boolean(code) })
  useReloadOnReturn(remote.reload)
  return remote
}
