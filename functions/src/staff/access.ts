import { DomainError } from '@huiyuan/shared/errors'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import type { AuthContext } from '../platform/auth'
import type { StaffRecord } from './repository'

/** Admins may do anything; everyone else needs one of the route's roles. */
export const hasRole = (auth: Pick<AuthContext, 'roles'>, allowed: readonly StaffRole[]): boolean =>
  auth.roles.includes('admin') || allowed.some((r) => auth.roles.includes(r))

/** Every store-scoped staff action checks the store against the token (admins: all stores). */
export function assertStoreAccess(auth: Pick<AuthContext, 'roles' | 'storeIds'>, storeId: string): void {
  if (auth.roles.includes('admin')) return
  if (!auth.storeIds.includes(storeId)) throw new DomainError('FORBIDDEN', `Not allowed to act for store ${storeId}`)
}

/**
 * A staff token is only as good as the account behind it right now: disabled, changed
 * (its version moved) or bound to another identity → refused; otherwise the account's
 * current roles and stores apply. One consistent read per staff request.
 */
export async function currentStaffAccess(
  getStaff: (staffId: string) => Promise<StaffRecord | undefined>,
  auth: AuthContext,
): Promise<AuthContext> {
  if (!auth.staffId) return { ...auth, roles: [], storeIds: [] }
  const s = await getStaff(auth.staffId)
  if (!s || s.disabled || (s.version ?? 0) !== auth.staffVersion || s.openid !== auth.openid) {
    throw new DomainError('UNAUTHENTICATED', 'Your staff access has changed or ended: sign in again')
  }
  return { ...auth, roles: s.roles, storeIds: s.storeIds }
}
