import middy from '@middy/core'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import type { z, ZodType } from 'zod'
import { DomainError, isDomainError } from '@huiyuan/shared/errors'
import type { RouteDef } from '@huiyuan/shared/routes'
import { logger } from '../logger'
import { loadSecrets } from '../secrets'
import { bearerToken, verifyToken, type AuthContext } from '../auth'
import { systemClock, type Clock } from '../clock'
import { IDEMPOTENCY_KEY } from '../idempotency'
import { STATUS_BY_CODE } from './errors'
import { hasRole } from '../../staff/access'

type Out<S> = S extends ZodType ? z.output<S> : undefined

export interface RequestContext<R extends RouteDef> {
  body: Out<R['body']>
  query: Out<R['query']>
  params: Out<R['params']>
  /** Present on every route but `public` ones. */
  auth: R['access'] extends 'public' ? AuthContext | undefined : AuthContext
  /** Present on `member` routes. */
  memberId: R['access'] extends 'member' ? string : string | null
  headers: Record<string, string | undefined>
  /** The caller's address as the gateway saw it (per-address limits such as sign-in). */
  sourceIp: string
  /** The validated `Idempotency-Key` header (always there on routes that require one). */
  idempotencyKey: R['idempotencyKey'] extends 'required' ? string : string | undefined
  requestId: string
  now: Date
}

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number }
export type RouteHandler<R extends RouteDef> = (ctx: RequestContext<R>) => Promise<z.input<R['response']> | HttpResult>

// No CORS headers here: API Gateway answers CORS for the configured origins only
// (serverless.yml, httpApi.cors); locally the H5 app is served same-origin with /v1 proxied.
const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
}

export const jsonResponse = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify(body),
})

export const errorResponse = (code: string, message: string, status: number, details?: unknown): HttpResult =>
  jsonResponse(status, { error: { code, message, ...(details === undefined ? {} : { details }) } })

const rawBodyText = (event: APIGatewayProxyEventV2): string =>
  event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : ''

const isHttpResult = (v: unknown): v is HttpResult =>
  typeof v === 'object' && v !== null && 'statusCode' in v && typeof (v as HttpResult).statusCode === 'number' && 'body' in v

const lowerHeaders = (h: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]))

/** zod issues → `[{ path: 'birthday', message: '...' }]` for the error details. */
const fieldErrors = (issues: z.core.$ZodIssue[], prefix: string) =>
  issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message, code: i.code }))

const parsePart = (schema: ZodType | undefined, value: unknown, where: string): unknown => {
  if (!schema) return undefined
  const r = schema.safeParse(value)
  if (!r.success) {
    throw new DomainError('VALIDATION_FAILED', `The request ${where} is invalid`, { fields: fieldErrors(r.error.issues, where) })
  }
  return r.data
}

/** What a request says about who sends it: a POS signature or a bearer token. */
export interface AuthRequest {
  route: RouteDef
  headers: Record<string, string | undefined>
  method: string
  pathAndQuery: string
  body: string
}
export type Authenticator = (req: AuthRequest, now: Date) => Promise<AuthContext | undefined>

export interface PosRequest {
  keyId: string
  method: string
  pathAndQuery: string
  timestamp: string
  signature: string
  body: string
}

/**
 * Bearer tokens signed with `tokenSecret`, then checked against what holds now (`current`:
 * a disabled staff account or an erased member is refused on the next request); store
 * systems' signed requests on `pos` routes when `pos` is given.
 */
export const makeAuthenticator =
  (opts: {
    tokenSecret: () => string
    pos?: (req: PosRequest, now: Date) => Promise<AuthContext>
    current?: (auth: AuthContext, route: RouteDef) => Promise<AuthContext>
  }): Authenticator =>
  async (req, now) => {
    const posKeyId = req.headers['x-huiyuan-key']
    if (posKeyId && req.route.pos && opts.pos) {
      return opts.pos(
        {
          keyId: posKeyId,
          method: req.method,
          pathAndQuery: req.pathAndQuery,
          timestamp: req.headers['x-huiyuan-timestamp'] ?? '',
          signature: req.headers['x-huiyuan-signature'] ?? '',
          body: req.body,
        },
        now,
      )
    }
    const token = bearerToken(req.headers.authorization)
    if (!token) return undefined
    const auth = await verifyToken(token, opts.tokenSecret(), now)
    return opts.current ? opts.current(auth, req.route) : auth
  }

/**
 * A result leaves only through its route's response schema: fields the schema does not name
 * (storage keys, internal flags) are stripped. A result that does not match is a bug: it is
 * logged with the route and the issues (paths and messages, never the values) and the
 * caller gets a generic 500.
 */
export const serializeResponse = (route: RouteDef, result: unknown): { ok: true; body: unknown } | { ok: false } => {
  const r = route.response.safeParse(result)
  if (r.success) return { ok: true, body: r.data }
  logger.error('response does not match its schema', {
    route: route.operationId,
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
  })
  return { ok: false }
}

export interface HandlerDeps {
  authenticate: Authenticator
  clock?: Clock
}

interface Parsed {
  auth?: AuthContext
  headers: Record<string, string | undefined>
  idempotencyKey?: string
  body?: unknown
  query?: unknown
  params?: unknown
  now: Date
  requestId: string
}
type Request = middy.Request<APIGatewayProxyEventV2, HttpResult, Error, Context & { huiyuan: Parsed }>

/** Request id on every log line; anything that is not a domain error becomes a generic 500. */
const errorEnvelope = (route: RouteDef): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error> => ({
  before: (request) => {
    const requestId = request.event.requestContext?.requestId ?? request.context?.awsRequestId ?? 'local'
    logger.appendKeys({ requestId, route: route.operationId })
  },
  onError: (request) => {
    const e = request.error
    if (isDomainError(e)) {
      const status = STATUS_BY_CODE[e.code]
      if (status >= 500) logger.error('request failed', { code: e.code, error: e })
      request.response = errorResponse(e.code, e.message, status, e.details)
      const retryAfter = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
      if (status === 429 && retryAfter) request.response.headers = { ...request.response.headers, 'retry-after': String(retryAfter) }
      return
    }
    const requestId = request.event.requestContext?.requestId ?? 'local'
    logger.error('unhandled error', { error: e as Error })
    request.response = errorResponse('INTERNAL', `Something went wrong on our side (request ${requestId})`, 500)
  },
})

/** Bodies over this are refused before anything reads them (API.md). */
export const MAX_BODY_BYTES = 64 * 1024

const bodySize = (event: APIGatewayProxyEventV2): number =>
  !event.body ? 0 : event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body, 'utf8')

/** 413 before parsing, signature checks or anything else touches the body. */
const bodyLimit = (): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error> => ({
  before: (request) => {
    if (bodySize(request.event) > MAX_BODY_BYTES) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `The request body is over ${MAX_BODY_BYTES / 1024} KB`, { maxBytes: MAX_BODY_BYTES })
    }
  },
})

/** Auth from the bearer token or a POS signature only (never from the body), then the route's access rule. */
const authenticate = (
  route: RouteDef,
  deps: HandlerDeps,
  clock: Clock,
): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error> => ({
  before: async (request) => {
    const r = request as unknown as Request
    const { event } = r
    const headers = lowerHeaders(event.headers)
    const now = clock()
    const auth = await deps.authenticate(
      {
        route,
        headers,
        method: event.requestContext?.http?.method ?? route.method,
        pathAndQuery: event.rawPath + (event.rawQueryString ? `?${event.rawQueryString}` : ''),
        body: rawBodyText(event),
      },
      now,
    )
    if (route.access !== 'public' && !auth) {
      throw new DomainError('UNAUTHENTICATED', 'Sign in first: a bearer token is required')
    }
    if (route.access === 'staff' && !hasRole(auth!, route.roles ?? [])) {
      throw new DomainError(route.forbiddenCode ?? 'FORBIDDEN', 'This needs a staff role you do not have')
    }
    if (route.access === 'member' && !auth?.memberId) {
      throw new DomainError('NOT_A_MEMBER', 'Join the program first')
    }
    const requestId = event.requestContext?.requestId ?? r.context?.awsRequestId ?? 'local'
    r.context.huiyuan = { auth, headers, now, requestId }
  },
})

const idempotencyKeyOf = (route: RouteDef, headers: Record<string, string | undefined>): string | undefined => {
  const key = headers['idempotency-key']
  const invalid = (message: string) =>
    new DomainError('VALIDATION_FAILED', message, {
      fields: [{ field: 'headers.idempotency-key', message, code: 'invalid_idempotency_key' }],
    })
  if (key === undefined || key === '') {
    if (route.idempotencyKey === 'required') throw invalid('An Idempotency-Key header is required (one per user action)')
    return undefined
  }
  if (!IDEMPOTENCY_KEY.test(key)) throw invalid('The Idempotency-Key must be 1–64 letters, digits or -_.:')
  return key
}

/** JSON body parsing and zod validation of body, query and path parameters. */
const validate = (route: RouteDef): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error> => ({
  before: (request) => {
    const r = request as unknown as Request
    const { event } = r
    let rawBody: unknown
    if (route.body) {
      const text = rawBodyText(event)
      if (text.trim() === '') rawBody = {}
      else {
        try {
          rawBody = JSON.parse(text)
        } catch {
          throw new DomainError('VALIDATION_FAILED', 'The request body is not valid JSON', {
            fields: [{ field: 'body', message: 'invalid JSON', code: 'invalid_json' }],
          })
        }
      }
    }
    r.context.huiyuan.body = parsePart(route.body, rawBody, 'body')
    r.context.huiyuan.query = parsePart(route.query, event.queryStringParameters ?? {}, 'query')
    r.context.huiyuan.params = parsePart(route.params, event.pathParameters ?? {}, 'params')
    if (route.idempotencyKey) r.context.huiyuan.idempotencyKey = idempotencyKeyOf(route, r.context.huiyuan.headers)
  },
})

/**
 * The one middleware stack of every HTTP route: request id + logging, auth from the bearer
 * token, JSON body parsing and zod validation (400 VALIDATION_FAILED with field paths),
 * domain errors → status + stable code, anything else → logged and a generic 500; the
 * result is serialised through the route's response schema (see serializeResponse).
 */
export function httpHandler<R extends RouteDef>(route: R, fn: RouteHandler<R>, deps: HandlerDeps) {
  const clock = deps.clock ?? systemClock
  const core = async (_event: APIGatewayProxyEventV2, context: Context): Promise<HttpResult> => {
    const p = (context as Context & { huiyuan: Parsed }).huiyuan
    const result = await fn({
      body: p.body,
      query: p.query,
      params: p.params,
      headers: p.headers,
      sourceIp: _event.requestContext?.http?.sourceIp ?? 'unknown',
      idempotencyKey: p.idempotencyKey,
      requestId: p.requestId,
      now: p.now,
      auth: p.auth as RequestContext<R>['auth'],
      memberId: (p.auth?.memberId ?? null) as RequestContext<R>['memberId'],
    } as RequestContext<R>)
    if (isHttpResult(result)) return result
    if (route.status === 204) return { statusCode: 204, headers: JSON_HEADERS, body: '' }
    const out = serializeResponse(route, result)
    if (!out.ok) return errorResponse('INTERNAL', `Something went wrong on our side (request ${p.requestId})`, 500)
    return jsonResponse(route.status, out.body)
  }
  return middy<APIGatewayProxyEventV2, HttpResult, Error, Context>(core)
    .use(errorEnvelope(route))
    .use(bodyLimit())
    .use(authenticate(route, deps, clock))
    .use(validate(route))
}

export type AnyHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>
export type RouteHandlers = Array<[RouteDef, AnyHandler]>

/**
 * One Lambda per route group: dispatch on the HTTP API route key ("GET /v1/me"). The
 * handlers are built on the first request, after the secrets are loaded, from `build` —
 * the function's own composition (only what its routes use).
 */
export function routeGroup(build: () => RouteHandlers) {
  let table: Map<string, AnyHandler> | undefined
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<HttpResult> => {
    await loadSecrets()
    table ??= new Map(build().map(([r, h]) => [`${r.method} ${r.path}`, h]))
    const key = event.routeKey && event.routeKey !== '$default' ? event.routeKey : `${event.requestContext?.http?.method} ${event.rawPath}`
    const h = table.get(key)
    if (!h) return errorResponse('NOT_FOUND', `No route ${key}`, 404)
    return h(event, context)
  }
}
