import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { checkinsOf, core, httpDepsOf } from '../../platform/wiring'
import type { CheckinsService } from '../service'

export const checkinsHandlers = (deps: { checkins: CheckinsService }, http: HandlerDeps): RouteHandlers => [
  [routes.checkIn, httpHandler(routes.checkIn, ({ memberId, now }) => deps.checkins.checkIn(memberId, now), http)],
  [
    routes.getCheckins,
    httpHandler(routes.getCheckins, ({ memberId, query, now }) => deps.checkins.calendar(memberId, now, query.month), http),
  ],
]

export const handler = routeGroup(() => {
  const c = core()
  return checkinsHandlers({ checkins: checkinsOf(c) }, httpDepsOf(c))
})
