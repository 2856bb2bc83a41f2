/**
 * The one HTTP client of the app: every API call goes through `api()`.
 * It builds the URL from the route table, attaches the bearer token, shows a loading
 * indicator when asked, maps error codes to Chinese messages and validates every 2xx
 * body with the route's response schema, so callers get typed, checked data.
 */
import Taro from '@tarojs/taro'
import type { z } from 'zod'
import { routes, type Routes, type RouteName } from '@huiyuan/shared/routes'
import { API_BASE } from '../config'
import { messageFor, type AppErrorCode } from './messages'
import { readToken } from './tokenStore'

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

type SchemaOf<K extends RouteName, P extends 'body' | 'query' | 'params'> = Routes[K] extends { [k in P]: infer S extends z.ZodType }
  ? z.input<S>
  : never

export type ResponseOf<K extends RouteName> = z.output<Routes[K]['response']>

export interface CallOptions<K extends RouteName> {
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

export async function api<K extends RouteName>(name: K, options: CallOptions<K> = {}): Promise<ResponseOf<K>> {
  const route = routes[name]
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

  const parsed = route.response.safeParse(data)
  if (!parsed.success) {
    console.error(`[api] ${route.operationId}: response does not match its schema`, parsed.error.issues)
    throw new ApiError('INVALID_RESPONSE', status, messageFor('INVALID_RESPONSE'))
  }
  return parsed.data as ResponseOf<K>
}

/** A Chinese message for anything thrown by a call. */
export const errorMessage = (e: unknown): string => (isApiError(e) ? e.message : messageFor('UNKNOWN'))

/** Anything thrown by a call as an ApiError (network failures and bugs become UNKNOWN). */
export const asApiError = (e: unknown): ApiError => (isApiError(e) ? e : new ApiError('UNKNOWN', 0, messageFor('UNKNOWN')))
