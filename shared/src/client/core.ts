/**
 * The typed client's core, transport-agnostic: how a call becomes an HTTP request (the
 * route's method and path, `{name}` placeholders, the query string, the bearer token) and
 * how a response becomes data or an `ApiError` (the error envelope, field errors).
 *
 * It imports no schemas, so the mini-program can use it without shipping the route table's
 * zod: the app sends over `Taro.request`, the console over `fetch` (with the route table's
 * schemas on top, `./typed.ts`), each passing its own `Transport`.
 */

/** What a call needs of a route: its line in the route table. */
export interface RouteLine {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  path: string
  access: string
}

export interface HttpRequest {
  url: string
  method: RouteLine['method']
  headers: Record<string, string>
  /** JSON text, when the call has a body. */
  body?: string
}

export interface HttpResponse {
  status: number
  /** The parsed JSON body (or its text when it is not JSON; undefined when empty). */
  data: unknown
}

/** Sends one request; rejects only when no response came (network down, timeout). */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>

export interface FieldError {
  /** The field's path in the request's body, query or params: `rules.tiers.1.thresholdFen`. */
  field: string
  message: string
  code?: string
}

/** Codes the client raises itself, beside the API's stable error codes. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'INVALID_RESPONSE' | 'UNKNOWN'

export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly fields?: FieldError[]
  readonly details?: unknown
  constructor(code: string, status: number, message: string, fields?: FieldError[], details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.fields = fields
    this.details = details
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError

export interface CallInput {
  params?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
  headers?: Record<string, string>
  /** Send the token (default: yes, except on public routes). */
  auth?: boolean
}

export interface ClientCore {
  /** The API's origin and base (`''` for the page's own origin). */
  baseUrl: string
  transport: Transport
  /** The bearer token to send, if any. */
  token?: () => string | null | undefined
  /** The message an `ApiError` carries for a code (the client's language). */
  messageFor?: (code: string, details: unknown) => string
}

export const queryString = (query: Record<string, unknown> | undefined): string => {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** The route's path with its `{name}` placeholders filled in (each value URL-encoded). */
export const fillPath = (path: string, params: Record<string, unknown> = {}): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')))

/** The field errors of a `VALIDATION_FAILED` envelope, paths without their `body.`/`query.` prefix. */
export const fieldErrorsOf = (details: unknown): FieldError[] | undefined => {
  const fields = (details as { fields?: unknown } | undefined)?.fields
  if (!Array.isArray(fields)) return undefined
  return fields
    .filter((f): f is FieldError => typeof f === 'object' && f !== null && typeof (f as FieldError).field === 'string')
    .map((f) => ({
      field: f.field.replace(/^(body|query|params)\./, ''),
      message: String(f.message ?? ''),
      ...(f.code ? { code: f.code } : {}),
    }))
}

/** The request for a call of `route`. */
export const requestOf = (core: ClientCore, route: RouteLine, input: CallInput = {}): HttpRequest => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...input.headers }
  if (input.auth ?? route.access !== 'public') {
    const token = core.token?.()
    if (token) headers.Authorization = `Bearer ${token}`
  }
  const url = `${core.baseUrl}${fillPath(route.path, input.params)}${queryString(input.query)}`
  return { url, method: route.method, headers, ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }) }
}

const message = (core: ClientCore, code: string, details: unknown, fallback: string) => core.messageFor?.(code, details) ?? fallback

/** The body of a 2xx response; an `ApiError` (with the envelope's code and field errors) for anything else. */
export const dataOf = (core: ClientCore, response: HttpResponse): unknown => {
  let data = response.data
  if (typeof data === 'string' && data.length > 0) {
    try {
      data = JSON.parse(data)
    } catch {
      /* not JSON: leave the text */
    }
  }
  const { status } = response
  if (status >= 200 && status < 300) return data
  const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error
  const code = typeof err?.code === 'string' ? err.code : status >= 500 ? 'INTERNAL' : 'UNKNOWN'
  const text = typeof err?.message === 'string' ? err.message : `HTTP ${status}`
  throw new ApiError(code, status, message(core, code, err?.details, text), fieldErrorsOf(err?.details), err?.details)
}

/** One call: the request, the transport, the response's data (unchecked: the caller checks it against its schema). */
export const send = async (core: ClientCore, route: RouteLine, input: CallInput = {}): Promise<unknown> => {
  let response: HttpResponse
  try {
    response = await core.transport(requestOf(core, route, input))
  } catch {
    throw new ApiError('NETWORK_ERROR', 0, message(core, 'NETWORK_ERROR', undefined, 'The API is not reachable'))
  }
  return dataOf(core, response)
}
