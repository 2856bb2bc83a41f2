/**
 * The one HTTP client of the app: every API call goes through `api()`.
 * It builds the URL from the route table, attaches the bearer token, shows a loading
 * indicator when asked, maps error codes to Chinese messages and checks every 2xx body
 * against the caller's `check`, so callers get typed, checked data.
 *
 * The checks are zod/mini schemas of each response's shape (its fields and their types),
 * written beside the calls (services/*.ts), so each lands in the package of the pages
 * that use it. zod/mini costs the main package ~20 KB where the shared schemas (zod's
 * classic API) cost ~190 KB, and the route table itself comes from services/routes.ts.
 * The compiler holds every check to the contract: it must accept any response the
 * route's shared schema describes (a field the contract lacks, or of another type, does
 * not build). Values the contract enumerates are checked as strings, so a new kind of
 * notice or coupon source does not break an app version already on phones.
 */
import Taro from '@tarojs/taro'
import type { z as zc } from 'zod'
import type * as z from 'zod/mini'
import type { Routes } from '@huiyuan/shared/routes'
import { API_BASE } from '../config'
import { messageFor, type AppErrorCode } from './messages'
import { readToken } from './tokenStore'
import { ROUTES, type ClientRouteName } from './routes'

export interface FieldError {
  field: string
  message: string
  code?: string
}

export class ApiError extends Error {
  readonly code: AppErrorCode | string
  readonly status: number
  readonly fields?: FieldError[]
  readonly details?: unknown
  constructor(code: AppErrorCode | string, status: number, message: string, fields?: FieldError[], details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.fields = fields
    this.details = details
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError

type SchemaOf<K extends ClientRouteName, P extends 'body' | 'query' | 'params'> = Routes[K] extends {
  [k in P]: infer S extends zc.ZodType
}
  ? zc.input<S>
  : never

/** A route's response as the contract describes it. */
export type ResponseOf<K extends ClientRouteName> = zc.output<Routes[K]['response']>

/** Nothing more when every response the contract allows for route `K` passes check `S`; else a type error naming the route. */
export type FitsContract<K extends ClientRouteName, S extends z.ZodMiniType> = [ResponseOf<K>] extends [z.output<S>]
  ? unknown
  : { 'this check does not fit the response of': K }

export interface CallOptions<K extends ClientRouteName, S extends z.ZodMiniType> {
  /** What the app reads of the response (zod/mini), checked before the caller sees it. */
  check: S & FitsContract<K, S>
  body?: SchemaOf<K, 'body'>
  query?: SchemaOf<K, 'query'>
  /** Values for `{name}` placeholders in the route's path. */
  params?: SchemaOf<K, 'params'>
  /** Show a loading indicator with this text (true → 加载中) while the call runs. */
  loading?: string | boolean
  /** Send the stored token (default: yes, except on public routes). */
  auth?: boolean
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>
}

const buildQuery = (query: Record<string, unknown> | undefined): string => {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

const parseFields = (details: unknown): FieldError[] | undefined => {
  const fields = (details as { fields?: unknown } | undefined)?.fields
  if (!Array.isArray(fields)) return undefined
  return fields
    .filter((f): f is FieldError => typeof f === 'object' && f !== null && typeof (f as FieldError).field === 'string')
    .map((f) => ({ field: f.field.replace(/^(body|query|params)\./, ''), message: String(f.message ?? ''), code: f.code }))
}

export async function api<K extends ClientRouteName, S extends z.ZodMiniType>(name: K, options: CallOptions<K, S>): Promise<ResponseOf<K>> {
  const route = ROUTES[name] as { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; access: string }
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers }
  const sendToken = options.auth ?? route.access !== 'public'
  if (sendToken) {
    const token = readToken()
    if (token) headers.Authorization = `Bearer ${token}`
  }
  const params = (options.params ?? {}) as Record<string, unknown>
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')))
  const url = `${API_BASE}${path}${buildQuery(options.query as Record<string, unknown> | undefined)}`

  if (options.loading) Taro.showLoading({ title: options.loading === true ? '加载中' : options.loading, mask: true })
  let res: Awaited<ReturnType<typeof Taro.request>>
  try {
    res = await Taro.request({
      url,
      method: route.method,
      header: headers,
      data: options.body === undefined ? undefined : JSON.stringify(options.body),
      dataType: 'json',
      timeout: 15_000,
    })
  } catch {
    throw new ApiError('NETWORK_ERROR', 0, messageFor('NETWORK_ERROR'))
  } finally {
    if (options.loading) Taro.hideLoading()
  }

  const status = res.statusCode
  let data: unknown = res.data
  if (typeof data === 'string' && data.length > 0) {
    try {
      data = JSON.parse(data)
    } catch {
      /* leave as text */
    }
  }

  if (status < 200 || status >= 300) {
    const err = (data as { error?: { code?: unknown; details?: unknown } } | undefined)?.error
    const code = typeof err?.code === 'string' ? err.code : status >= 500 ? 'INTERNAL' : 'UNKNOWN'
    throw new ApiError(code, status, messageFor(code, err?.details), parseFields(err?.details), err?.details)
  }

  const checked = options.check.safeParse(data)
  if (!checked.success) {
    console.error(`[api] ${name}: the response is not what the app reads`, checked.error.issues)
    throw new ApiError('INVALID_RESPONSE', status, messageFor('INVALID_RESPONSE'))
  }
  // The body as sent (the check's output would drop the fields it does not look at).
  return data as ResponseOf<K>
}

/** A Chinese message for anything thrown by a call. */
export const errorMessage = (e: unknown): string => (isApiError(e) ? e.message : messageFor('UNKNOWN'))

/** Anything thrown by a call as an ApiError (network failures and bugs become UNKNOWN). */
export const asApiError = (e: unknown): ApiError => (isApiError(e) ? e : new ApiError('UNKNOWN', 0, messageFor('UNKNOWN')))
