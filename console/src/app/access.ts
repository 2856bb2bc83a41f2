/**
 * Who may open what: a page is shown to the staff members whose roles may call its main
 * route, as the route table says (admin always may). One rule, the API's own.
 */
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import { type RouteName, routes } from '@huiyuan/shared/routes'

export interface Me {
  staffId: string
  name: string
  roles: StaffRole[]
  storeIds: string[]
  stores: { storeId: string; name: string }[]
}

export const mayCall = (me: Pick<Me, 'roles'> | undefined, name: RouteName): boolean => {
  if (!me) return false
  if (me.roles.includes('admin')) return true
  const allowed = (routes[name] as { roles?: readonly StaffRole[] }).roles ?? []
  return me.roles.some((r) => allowed.includes(r))
}

/** A console page: its route allows the caller, and so does the page's own narrower list of roles, if any. */
export const mayOpen = (me: Pick<Me, 'roles'> | undefined, area: { route: RouteName; roles?: readonly StaffRole[] }): boolean =>
  mayCall(me, area.route) && (!area.roles || Boolean(me?.roles.some((r) => r === 'admin' || area.roles?.includes(r))))

export const isAdmin = (me: Pick<Me, 'roles'> | undefined): boolean => Boolean(me?.roles.includes('admin'))
