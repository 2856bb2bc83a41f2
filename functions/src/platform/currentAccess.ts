/**
 * What holds now for a token's holder, checked on every request after the token itself:
 * on staff routes the staff account's current roles and stores (refused once disabled or
 * changed); on member routes the membership (refused once erased — the WeChat identity no
 * longer leads to that member). One consistent read either way.
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { RouteDef } from '@huiyuan/shared/routes'
import type { StaffRecord } from '../staff/repository'
import { currentStaffAccess } from '../staff/access'
import type { AuthContext } from './auth'

export interface CurrentAccessDeps {
  staffNow: (staffId: string) => Promise<StaffRecord | undefined>
  memberIdNow: (openid: string) => Promise<string | undefined>
}

export const currentAccess =
  (deps: CurrentAccessDeps) =>
  async (auth: AuthContext, route: RouteDef): Promise<AuthContext> => {
    if (route.access === 'staff') return currentStaffAccess(deps.staffNow, auth)
    if (route.access === 'member' && auth.memberId && (await deps.memberIdNow(auth.openid)) !== auth.memberId) {
      throw new DomainError('UNAUTHENTICATED', 'This membership has ended: sign in again')
    }
    return auth
  }
