import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { consoleHandlers } from '../../console/http'
import { authOf, consoleOf, core, httpDepsOf } from '../../platform/wiring'
import type { AuthService } from '../service'

export const authHandlers = (deps: { auth: AuthService }, http: HandlerDeps): RouteHandlers => [
  [routes.signIn, httpHandler(routes.signIn, ({ body, now, sourceIp }) => deps.auth.signIn(body.code, now, sourceIp, body.audience), http)],
]

/** Sign-in: the mini-program's (WeChat), and the console's (by QR, approved in the mini-program). */
export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c)
  return [...authHandlers({ auth: authOf(c) }, http), ...consoleHandlers({ console: consoleOf(c) }, http)]
})
