import { useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/**
 * Calls `reload` when the page shows again after it was hidden (back from another page,
 * app to foreground), never on its first show: the first load is the data hook's own.
 *
 * "Again" is told by a hide, not by counting shows: a component that mounts after its page
 * first showed (the staff pages render theirs once the session has loaded, after the
 * page's onShow) sees no first show at all, so skipping "the first show it hears" would
 * skip the first return instead — the till's day list stayed stale after a refund.
 */
export function useReloadOnReturn(reload: () => unknown): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    void reload()
  })
}
