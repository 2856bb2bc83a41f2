import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * Calls `reload` when the page shows again (back from another page, app to foreground),
 * not on its first show: the first load is the data hook's own.
 */
export function useReloadOnReturn(reload: () => unknown): void {
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    void reload()
  })
}
