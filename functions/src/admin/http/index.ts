import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'

export const createStaff = httpHandler(routes.createStaff, async ({ body, now }) => services().staffService.create(body, now))

export const listStaff = httpHandler(routes.listStaff, async () => services().staffService.list())

export const createPosKey = httpHandler(routes.createPosKey, async ({ params, now }) => services().staffService.createPosKey(params.storeId, now))

export const adjustPoints = httpHandler(routes.adjustPoints, async ({ params, body, auth, now }) =>
  services().points.adjust(auth, params.memberId, body, now))

export const handler = routeGroup([
  [routes.createStaff, createStaff],
  [routes.listStaff, listStaff],
  [routes.createPosKey, createPosKey],
  [routes.adjustPoints, adjustPoints],
])
