import { createDocument } from 'zod-openapi'
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi'
import { ErrorResponse } from '@huiyuan/shared/common'
import { routes, type RouteDef } from '@huiyuan/shared/routes'
import { STATUS_BY_CODE } from './http/errors'

const errorRef = { content: { 'application/json': { schema: ErrorResponse } } }

/** The OpenAPI 3.1 document, generated from the same route table the handlers use. */
export const openApiDocument = (version: string) => {
  const paths: ZodOpenApiPathsObject = {}
  for (const r of Object.values(routes) as RouteDef[]) {
    const op: ZodOpenApiOperationObject = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.group],
      ...(r.access === 'public' ? { security: [] } : {}),
      requestParams: {
        ...(r.query ? { query: r.query as never } : {}),
        ...(r.params ? { path: r.params as never } : {}),
      },
      ...(r.body ? { requestBody: { content: { 'application/json': { schema: r.body } } } } : {}),
      responses: {
        [String(r.status)]:
          r.status === 204 ? { description: 'Done' } : { description: 'OK', content: { 'application/json': { schema: r.response } } },
        ...(r.body || r.query || r.params ? { '400': { description: 'VALIDATION_FAILED: the failing fields', ...errorRef } } : {}),
        ...(r.access !== 'public' ? { '401': { description: 'UNAUTHENTICATED', ...errorRef } } : {}),
        default: { description: `Error envelope (codes: ${Object.keys(STATUS_BY_CODE).join(', ')})`, ...errorRef },
      },
    }
    const path = r.path
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: op }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Huiyuan membership API',
      version,
      description: 'Money in integer fen; points are integers; times ISO-8601 with offset.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
    paths,
  })
}
