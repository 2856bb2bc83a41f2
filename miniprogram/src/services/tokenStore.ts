import Taro from '@tarojs/taro'
import type { SessionResponse } from '@huiyuan/shared/auth/schemas'

const SESSION_KEY = 'huiyuan.session'

/** The signed-in session, kept in storage so it survives restarts. */
export type StoredSession = SessionResponse

export function readSession(): StoredSession | null {
  try {
    const s = Taro.getStorageSync(SESSION_KEY) as StoredSession | '' | undefined
    if (!s || typeof s !== 'object' || typeof s.token !== 'string') return null
    if (Date.parse(s.expiresAt) <= Date.now() + 30_000) return null
    return s
  } catch {
    return null
  }
}

export function writeSession(session: StoredSession): void {
  Taro.setStorageSync(SESSION_KEY, session)
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY)
}

export const readToken = (): string | null => readSession()?.token ?? null
