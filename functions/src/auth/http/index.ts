import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { authOf, core, httpDepsOf } from '../../platform/wiring'
import type { AuthService } from '../service'

export const authHandlers = (deps: { auth: AuthService }, http: HandlerDeps): RouteHandlers => [
  [routes.signIn, httpHandler(routes.signIn, ({ body, now, sourceIp }) => deps.auth.signIn(body.code, now, sourceIp), http)],
]

export const handler = routeGroup(() => {
  const c = core()
  return authHandlers({ auth: authOf(c) }, httpDepsOf(c))
})
