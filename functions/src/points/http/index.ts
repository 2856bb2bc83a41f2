import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'

export const getMyPoints = httpHandler(routes.getMyPoints, async ({ memberId, query, now }) =>
  services().points.history(memberId, query.limit, query.cursor, now),
)

export const getMyInbox = httpHandler(routes.getMyInbox, async ({ memberId, query }) =>
  services().points.inbox(memberId, query.limit, query.cursor),
)

export const handler = routeGroup([
  [routes.getMyPoints, getMyPoints],
  [routes.getMyInbox, getMyInbox],
])
