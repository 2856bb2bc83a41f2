/**
 * Who may use the console, and the token it works with: audience `huiyuan-console`, the
 * staff account's roles and stores with its id and version (checked on every request, so a
 * disabled account is refused at once), no member, 8 hours.
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import { issueToken } from '../platform/auth'

export const CONSOLE_TOKEN_TTL_SECONDS = 8 * 3600

/** Cashiers work the till only; store managers, marketers and admins may sign in to the console. */
export const CONSOLE_ROLES: readonly StaffRole[] = ['admin', 'store_manager', 'marketer']

export const mayUseConsole = (roles: readonly StaffRole[]): boolean => roles.some((r) => CONSOLE_ROLES.includes(r))

export function assertMayUseConsole(roles: readonly StaffRole[]): void {
  if (roles.length === 0) throw new DomainError('CONSOLE_NOT_ALLOWED', 'Only staff accounts may sign in to the console')
  if (!mayUseConsole(roles)) {
    throw new DomainError(
      'CONSOLE_NOT_ALLOWED',
      'This staff account works the till only: the console needs a store manager, marketer or admin role',
    )
  }
}

export interface ConsoleStaffAccount {
  staffId: string
  /** The WeChat identity the account is bound to (the token's subject). */
  openid: string
  version: number
  roles: StaffRole[]
  storeIds: string[]
}

export const issueConsoleToken = (staff: ConsoleStaffAccount, secret: string, now: Date) =>
  issueToken(
    {
      openid: staff.openid,
      memberId: null,
      roles: staff.roles,
      storeIds: staff.storeIds,
      staffId: staff.staffId,
      staffVersion: staff.version,
    },
    secret,
    now,
    CONSOLE_TOKEN_TTL_SECONDS,
    'huiyuan-console',
  )
