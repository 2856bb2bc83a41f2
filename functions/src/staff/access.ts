import { DomainError } from '@huiyuan/shared/errors'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import type { AuthContext } from '../platform/auth'

/** Admins may do anything; everyone else needs one of the route's roles. */
export const hasRole = (auth: Pick<AuthContext, 'roles'>, allowed: readonly StaffRole[]): boolean =>
  auth.roles.includes('admin') || allowed.some((r) => auth.roles.includes(r))

/** Every store-scoped staff action checks the store against the token (admins: all stores). */
export function assertStoreAccess(auth: Pick<AuthContext, 'roles' | 'storeIds'>, storeId: string): void {
  if (auth.roles.includes('admin')) return
  if (!auth.storeIds.includes(storeId)) throw new DomainError('FORBIDDEN', `Not allowed to act for store ${storeId}`)
}
