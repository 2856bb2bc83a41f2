import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { Coupon } from '@huiyuan/shared/coupons/schemas'
import { getMyCoupon, getMyCoupons, type WalletStatus } from '../services/coupons'
import { useRemote } from './useRemote'

/** Reload when the page shows again (skipping the first show, which loads anyway). */
function useReloadOnShow(reload: () => Promise<void>) {
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void reload()
  })
}

/** The member's wallet for one tab: usable / used / expired (the data names its tab). */
export function useCoupons(status: WalletStatus) {
  const remote = useRemote(async () => ({ status, ...(await getMyCoupons(status)) }), { key: status })
  useReloadOnShow(remote.reload)
  return remote
}

/** One of the member's coupons, by code (reloads on show: it may have been redeemed meanwhile). */
export function useCoupon(code: string) {
  const remote = useRemote<Coupon>(() => getMyCoupon(code), { key: code, enabled: Boolean(code) })
  useReloadOnShow(remote.reload)
  return remote
}
