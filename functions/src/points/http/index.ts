import { routes } from '@huiyuan/shared/routes'
import { inboxHandlers } from '../../inbox/http'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { subscriptionHandlers } from '../../messaging/http'
import { core, httpDepsOf, inboxOf, messagingOf, pointsOf, storedValueOf } from '../../platform/wiring'
import { myStoredValueHandlers } from '../../storedValue/http'
import type { PointsService } from '../service'

export const pointsHandlers = (deps: { points: PointsService }, http: HandlerDeps): RouteHandlers => [
  [
    routes.getMyPoints,
    httpHandler(routes.getMyPoints, ({ memberId, query, now }) => deps.points.history(memberId, query.limit, query.cursor, now), http),
  ],
]

/** The member's points ledger, inbox, subscription grants and stored value (one function). */
export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c)
  return [
    ...pointsHandlers({ points: pointsOf(c) }, http),
    ...inboxHandlers({ inbox: inboxOf(c) }, http),
    ...subscriptionHandlers({ messaging: messagingOf(c) }, http),
    ...myStoredValueHandlers({ storedValue: storedValueOf(c) }, http),
  ]
})
