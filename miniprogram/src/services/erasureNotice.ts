/**
 * After 注销会员 the app goes home as a signed-out visitor; the home page then shows, once,
 * what the API said it keeps (the erasure result's `retained` list). Kept in storage
 * between the two pages; it holds no personal data.
 */
import Taro from '@tarojs/taro'

const KEY = 'huiyuan.erasure'

export interface ErasureNotice {
  erasedAt: string
  retained: string[]
}

export function rememberErasure(notice: ErasureNotice): void {
  Taro.setStorageSync(KEY, notice)
}

/** The notice left by an erasure, if any; reading it removes it. */
export function takeErasureNotice(): ErasureNotice | null {
  try {
    const n = Taro.getStorageSync(KEY) as ErasureNotice | '' | undefined
    Taro.removeStorageSync(KEY)
    return n && typeof n === 'object' && Array.isArray(n.retained) ? n : null
  } catch {
    return null
  }
}
