import { routes } from '@huiyuan/shared/routes'
import type { AuthService } from '../../auth/service'
import { redeemHandlers } from '../../coupons/http'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { checkoutHandlers } from '../../checkout/http'
import { authOf, checkoutOf, core, couponsOf, httpDepsOf, purchasesOf, staffOf, statusMatchOf, storedValueOf } from '../../platform/wiring'
import { statusMatchHandlers } from '../../statusMatch/http'
import { storedValueTillHandlers } from '../../storedValue/http'
import { purchasesHandlers } from '../../purchases/http'
import type { StaffService } from '../service'

export const staffHandlers = (deps: { staff: StaffService; auth: Pick<AuthService, 'sessionFor'> }, http: HandlerDeps): RouteHandlers => [
  [
    routes.bindStaff,
    httpHandler(
      routes.bindStaff,
      async ({ body, auth, now }) => {
        await deps.staff.bind(body.code, auth.openid, now)
        return deps.auth.sessionFor(auth.openid, now)
      },
      http,
    ),
  ],
]

/** The till — staff and store systems (POS signatures): binding, lookup, purchases, the checkout and refunds, 核销, stored value, status matches. */
export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c, { pos: true })
  return [
    ...staffHandlers({ staff: staffOf(c), auth: authOf(c) }, http),
    ...purchasesHandlers({ purchases: purchasesOf(c) }, http),
    ...redeemHandlers({ coupons: couponsOf(c) }, http),
    ...storedValueTillHandlers({ storedValue: storedValueOf(c) }, http),
    ...checkoutHandlers({ checkout: checkoutOf(c) }, http),
    ...statusMatchHandlers({ statusMatch: statusMatchOf(c) }, http),
  ]
})
