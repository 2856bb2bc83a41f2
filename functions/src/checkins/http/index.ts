import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'

export const checkIn = httpHandler(routes.checkIn, async ({ memberId, now }) => services().checkins.checkIn(memberId, now))

export const getCheckins = httpHandler(routes.getCheckins, async ({ memberId, query, now }) =>
  services().checkins.calendar(memberId, now, query.month),
)

export const handler = routeGroup([
  [routes.checkIn, checkIn],
  [routes.getCheckins, getCheckins],
])
