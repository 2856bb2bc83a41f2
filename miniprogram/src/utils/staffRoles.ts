/** What a staff member's roles let them do in the app (the API checks the same on every call). */
import type { StaffRole } from '@huiyuan/shared/auth/schemas'

/** Roles that may work the till. */
const TILL_ROLES: readonly StaffRole[] = ['cashier', 'store_manager', 'admin']

/** Roles that may sign the web console in; cashiers work the till only. */
const CONSOLE_ROLES: readonly StaffRole[] = ['store_manager', 'marketer', 'admin']

export const mayWorkTill = (roles: readonly StaffRole[]): boolean => roles.some((r) => TILL_ROLES.includes(r))

export const mayUseConsole = (roles: readonly StaffRole[]): boolean => roles.some((r) => CONSOLE_ROLES.includes(r))

/** Roles that may approve a status match (身份匹配) at the till: store managers and admins, not cashiers. */
const STATUS_MATCH_ROLES: readonly StaffRole[] = ['store_manager', 'admin']

export const mayMatchStatus = (roles: readonly StaffRole[]): boolean => roles.some((r) => STATUS_MATCH_ROLES.includes(r))
