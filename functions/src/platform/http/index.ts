import { routes } from '@huiyuan/shared/routes'
import { isoInZone } from '../clock'
import { config } from '../config'
import { openApiDocument } from '../openapi'
import type { ProgramRepository } from '../../program/repository'
import { core, httpDepsOf, programOf } from '../wiring'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from './handler'

export const platformHandlers = (
  deps: { program: ProgramRepository; version: string; stage: string },
  http: HandlerDeps,
): RouteHandlers => {
  let doc: unknown
  return [
    [
      routes.health,
      httpHandler(
        routes.health,
        async ({ now }) => ({ status: 'ok' as const, version: deps.version, stage: deps.stage, time: isoInZone(now, 'Asia/Shanghai') }),
        http,
      ),
    ],
    [
      routes.openapi,
      httpHandler(
        routes.openapi,
        async () => {
          doc ??= openApiDocument(deps.version)
          return doc as Record<string, unknown>
        },
        http,
      ),
    ],
    [
      routes.listStores,
      httpHandler(
        routes.listStores,
        async () => ({
          items: (await deps.program.listStores())
            .filter((s) => s.active)
            .map(({ storeId, name, city, address }) => ({ storeId, name, city, address })),
        }),
        http,
      ),
    ],
  ]
}

export const handler = routeGroup(() => {
  const c = core()
  return platformHandlers({ program: programOf(c), version: config().version, stage: config().stage }, httpDepsOf(c))
})
