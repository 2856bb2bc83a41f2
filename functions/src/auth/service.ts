import type { SessionResponse } from '@huiyuan/shared/auth/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import { assertMayUseConsole, issueConsoleToken } from '../console/access'
import { issueToken, type AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { RateLimiter } from '../platform/rateLimit'
import type { MembersRepository } from '../members/repository'
import type { WechatClient } from './wechat'

export interface AuthDeps {
  wechat: WechatClient
  members: MembersRepository
  /** Staff roles and stores bound to a WeChat identity (none yet for members). */
  staffOf: (openid: string) => Promise<Pick<AuthContext, 'roles' | 'storeIds' | 'staffId' | 'staffVersion'>>
  tokenSecret: string
  tokenTtlSeconds: number
  timeZone: string
  limiter: RateLimiter
  signInsPerMinute: number
}

/** Tokens that carry staff roles live 15 minutes (the app signs in again when one ends). */
export const STAFF_TOKEN_TTL_SECONDS = 15 * 60

export const authService = (deps: AuthDeps) => {
  const sessionFor = async (openid: string, now: Date): Promise<SessionResponse> => {
    const [memberId, staff] = await Promise.all([deps.members.getMemberIdByOpenid(openid), deps.staffOf(openid)])
    const auth: AuthContext = { openid, memberId: memberId ?? null, ...staff }
    const ttl = staff.roles.length > 0 ? Math.min(deps.tokenTtlSeconds, STAFF_TOKEN_TTL_SECONDS) : deps.tokenTtlSeconds
    const { token, expiresAt } = await issueToken(auth, deps.tokenSecret, now, ttl)
    return { token, expiresAt: isoInZone(expiresAt, deps.timeZone), memberId: auth.memberId, roles: auth.roles, storeIds: auth.storeIds }
  }
  /** A console token for the staff account bound to this identity (store managers, marketers, admins). */
  const consoleSessionFor = async (openid: string, now: Date): Promise<SessionResponse> => {
    const staff = await deps.staffOf(openid)
    assertMayUseConsole(staff.roles)
    const { token, expiresAt } = await issueConsoleToken(
      { staffId: staff.staffId!, openid, version: staff.staffVersion ?? 0, roles: staff.roles, storeIds: staff.storeIds },
      deps.tokenSecret,
      now,
    )
    return { token, expiresAt: isoInZone(expiresAt, deps.timeZone), memberId: null, roles: staff.roles, storeIds: staff.storeIds }
  }
  return {
    /**
     * Exchanges a wx.login code; each caller address gets `signInsPerMinute` (429 THROTTLED
     * after). `audience: 'console'` is the console's development sign-in: `dev:<name>` codes
     * only, which only stage local's WeChat client accepts; everywhere else the console signs
     * in by QR (POST /v1/console/sessions).
     */
    async signIn(code: string, now: Date, sourceIp = 'unknown', audience: 'mp' | 'console' = 'mp'): Promise<SessionResponse> {
      if (audience === 'console' && !code.startsWith('dev:')) {
        throw new DomainError('CONSOLE_QR_REQUIRED', 'The console signs in by scanning its QR code with the mini-program')
      }
      await deps.limiter.hit(
        { scope: 'signin', max: deps.signInsPerMinute, windowSeconds: 60 },
        sourceIp,
        now,
        'Too many sign-ins: try again in a minute',
      )
      const identity = await deps.wechat.codeToSession(code)
      return audience === 'console' ? consoleSessionFor(identity.openid, now) : sessionFor(identity.openid, now)
    },
    /** A fresh token for an identity whose membership or roles just changed. */
    sessionFor,
  }
}
export type AuthService = ReturnType<typeof authService>
