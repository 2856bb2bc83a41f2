import { SignJWT, jwtVerify } from 'jose'
import { DomainError } from '@huiyuan/shared/errors'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'

/** What a bearer token says about its holder. Never taken from a request body. */
export interface AuthContext {
  /** The WeChat identity (openid, or a stable dev identity on stage local). */
  openid: string
  memberId: string | null
  roles: StaffRole[]
  storeIds: string[]
}

const encoder = new TextEncoder()

export async function issueToken(
  auth: AuthContext,
  secret: string,
  now: Date,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000)
  const exp = iat + ttlSeconds
  const token = await new SignJWT({ mid: auth.memberId, roles: auth.roles, stores: auth.storeIds })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(auth.openid)
    .setIssuer('huiyuan')
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(encoder.encode(secret))
  return { token, expiresAt: new Date(exp * 1000) }
}

export async function verifyToken(token: string, secret: string, now: Date): Promise<AuthContext> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      issuer: 'huiyuan',
      algorithms: ['HS256'],
      currentDate: now,
    })
    if (typeof payload.sub !== 'string') throw new Error('no subject')
    return {
      openid: payload.sub,
      memberId: typeof payload.mid === 'string' ? payload.mid : null,
      roles: Array.isArray(payload.roles) ? (payload.roles as StaffRole[]) : [],
      storeIds: Array.isArray(payload.stores) ? (payload.stores as string[]) : [],
    }
  } catch {
    throw new DomainError('UNAUTHENTICATED', 'The token is missing, invalid or expired')
  }
}

export const bearerToken = (header: string | undefined): string | undefined => {
  if (!header) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim())
  return m?.[1]
}
