import { routes } from '@huiyuan/shared/routes'
import { config } from '../config'
import { isoInZone } from '../clock'
import { openApiDocument } from '../openapi'
import { httpHandler, routeGroup } from './handler'
import { services } from '../container'

let doc: unknown
export const health = httpHandler(routes.health, async ({ now }) => ({
  status: 'ok' as const,
  version: config().version,
  stage: config().stage,
  time: isoInZone(now, 'Asia/Shanghai'),
}))
export const openapi = httpHandler(routes.openapi, async () => {
  doc ??= openApiDocument(config().version)
  return doc as Record<string, unknown>
})

export const listStores = httpHandler(routes.listStores, async () => ({
  items: (await services().program.listStores())
    .filter((s) => s.active)
    .map(({ storeId, name, city, address }) => ({ storeId, name, city, address })),
}))

export const handler = routeGroup([
  [routes.listStores, listStores],
  [routes.health, health],
  [routes.openapi, openapi],
])
