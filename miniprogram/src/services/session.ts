/**
 * Sign-in and the stored session. On weapp the code comes from Taro.login; on H5 (local
 * development) from a dev identity `dev:<name>` that the API accepts on stage `local`.
 */
import Taro from '@tarojs/taro'
import { IS_H5 } from '../config'
import { api, ApiError, isApiError } from './request'
import { messageFor } from './messages'
import { SessionCheck } from './checks'
import { clearSession, readSession, writeSession, type StoredSession } from './tokenStore'

export type { StoredSession }
export { readSession, clearSession }

const DEV_NAME_KEY = 'huiyuan.devName'

/** The H5 dev identity: remembered in storage, generated on first use. */
export function devName(): string {
  let name = Taro.getStorageSync(DEV_NAME_KEY) as string | undefined
  if (!name) {
    name = `h5-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
    Taro.setStorageSync(DEV_NAME_KEY, name)
  }
  return name
}

export function setDevName(name: string): void {
  Taro.setStorageSync(DEV_NAME_KEY, name.trim())
  clearSession()
}

async function loginCode(): Promise<string> {
  if (IS_H5) return `dev:${devName()}`
  try {
    const { code } = await Taro.login()
    if (!code) throw new Error('empty code')
    return code
  } catch {
    throw new ApiError('WECHAT_LOGIN_FAILED', 0, messageFor('WECHAT_LOGIN_FAILED'))
  }
}

/** Always signs in again (a fresh token). */
export async function signIn(): Promise<StoredSession> {
  const code = await loginCode()
  const session = await api('signIn', { body: { code }, check: SessionCheck })
  writeSession(session)
  return session
}

let pending: Promise<StoredSession> | null = null

/** The stored session when still valid, else a new sign-in (concurrent callers share it). */
export async function ensureSession(): Promise<StoredSession> {
  const current = readSession()
  if (current) return current
  if (!pending) pending = signIn().finally(() => (pending = null))
  return pending
}

/** Store the token the API hands out after joining (it carries the member id). */
export function adoptSession(session: StoredSession): void {
  writeSession(session)
}

/**
 * Run an authenticated call; if the token was rejected (expired or revoked), sign in once
 * more and retry.
 */
export async function withSession<T>(call: () => Promise<T>): Promise<T> {
  await ensureSession()
  try {
    return await call()
  } catch (e) {
    if (isApiError(e) && e.code === 'UNAUTHENTICATED') {
      clearSession()
      await ensureSession()
      return call()
    }
    throw e
  }
}
