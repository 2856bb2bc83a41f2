import { routes } from '@huiyuan/shared/routes'
import { isoInZone } from '../clock'
import { baseConfig } from '../config'
import { db } from '../db'
import { openApiDocument } from '../openapi'
import { type ProgramRepository, programRepository } from '../../program/repository'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from './handler'

/** Health, the OpenAPI document and the store list: public, and the same on every stage. */
export const platformHandlers = (deps: { program: ProgramRepository; version: string }, http: HandlerDeps): RouteHandlers => {
  let doc: unknown
  return [
    [
      routes.health,
      httpHandler(
        routes.health,
        async ({ now }) => ({ status: 'ok' as const, version: deps.version, time: isoInZone(now, 'Asia/Shanghai') }),
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

/**
 * Every route of this function is public, so it holds no secrets: it reads no SSM parameters
 * (serverless.yml gives it none) and no credentials — a bearer token sent here is ignored.
 */
export const handler = routeGroup(() =>
  platformHandlers({ program: programRepository(db()), version: baseConfig().version }, { authenticate: async () => undefined }),
)
