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
  /** The staff account behind `roles`, and its version when the token was issued (revocation). */
  staffId?: string
  staffVersion?: number
  /** Who the token was issued for (absent on store systems' signed requests). */
  audience?: Audience
}

/** Who a token is for: the mini-program (members, tills) or the marketers' console. */
export const AUDIENCES = ['huiyuan-mp', 'huiyuan-console'] as const
export type Audience = (typeof AUDIENCES)[number]

const encoder = new TextEncoder()

export async function issueToken(
  auth: AuthContext,
  secret: string,
  now: Date,
  ttlSeconds: number,
  audience: Audience = 'huiyuan-mp',
): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000)
  const exp = iat + ttlSeconds
  const staff = auth.staffId ? { sid: auth.staffId, sv: auth.staffVersion ?? 0 } : {}
  const token = await new SignJWT({ mid: auth.memberId, roles: auth.roles, stores: auth.storeIds, ...staff })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(auth.openid)
    .setIssuer('huiyuan')
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(encoder.encode(secret))
  return { token, expiresAt: new Date(exp * 1000) }
}

export async function verifyToken(token: string, secret: string, now: Date): Promise<AuthContext> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      issuer: 'huiyuan',
      audience: [...AUDIENCES],
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub', 'aud'],
      currentDate: now,
    })
    if (typeof payload.sub !== 'string') throw new Error('no subject')
    const audience = AUDIENCES.find((a) => a === payload.aud || (Array.isArray(payload.aud) && payload.aud.includes(a)))
    const roles = Array.isArray(payload.roles) ? (payload.roles as StaffRole[]) : []
    // Roles are only ever those of a staff account, checked against it on every request.
    if (roles.length > 0 && typeof payload.sid !== 'string') throw new Error('roles without a staff account')
    return {
      openid: payload.sub,
      memberId: typeof payload.mid === 'string' ? payload.mid : null,
      roles,
      storeIds: Array.isArray(payload.stores) ? (payload.stores as string[]) : [],
      ...(typeof payload.sid === 'string' ? { staffId: payload.sid, staffVersion: Number(payload.sv ?? 0) } : {}),
      ...(audience ? { audience } : {}),
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
