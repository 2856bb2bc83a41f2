import { routes } from '@huiyuan/shared/routes'
import { inboxHandlers } from '../../inbox/http'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { subscriptionHandlers } from '../../messaging/http'
import { core, httpDepsOf, inboxOf, messagingOf, pointsOf } from '../../platform/wiring'
import type { PointsService } from '../service'

export const pointsHandlers = (deps: { points: PointsService }, http: HandlerDeps): RouteHandlers => [
  [
    routes.getMyPoints,
    httpHandler(routes.getMyPoints, ({ memberId, query, now }) => deps.points.history(memberId, query.limit, query.cursor, now), http),
  ],
]

/** The member's points ledger, inbox and subscription grants (one function). */
export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c)
  return [
    ...pointsHandlers({ points: pointsOf(c) }, http),
    ...inboxHandlers({ inbox: inboxOf(c) }, http),
    ...subscriptionHandlers({ messaging: messagingOf(c) }, http),
  ]
})
