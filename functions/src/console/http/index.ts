import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { ConsoleService } from '../service'

/** Console sign-in by QR and the signed-in staff member (served by the auth function). */
export const consoleHandlers = (deps: { console: ConsoleService }, http: HandlerDeps): RouteHandlers => [
  [
    routes.startConsoleSession,
    httpHandler(routes.startConsoleSession, ({ body, now, sourceIp }) => deps.console.start(body, now, sourceIp), http),
  ],
  [
    routes.getConsoleSession,
    httpHandler(routes.getConsoleSession, ({ params, query, now }) => deps.console.status(params.ticket, query.secret, now), http),
  ],
  [
    routes.approveConsoleSession,
    httpHandler(routes.approveConsoleSession, ({ auth, params, now }) => deps.console.approve(auth, params.ticket, now), http),
  ],
  [routes.getConsoleMe, httpHandler(routes.getConsoleMe, ({ auth }) => deps.console.me(auth), http)],
]
