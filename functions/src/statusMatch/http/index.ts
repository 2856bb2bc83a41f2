import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { StatusMatchService } from '../service'

/** A store manager's approval of a status match at the till (the staff function). */
export const statusMatchHandlers = (deps: { statusMatch: StatusMatchService }, http: HandlerDeps): RouteHandlers => [
  [
    routes.createStatusMatch,
    httpHandler(routes.createStatusMatch, ({ body, auth, now }) => deps.statusMatch.approve(auth, body, now), http),
  ],
]
