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
import { ApiError, type ClientCore, isApiError, send, type Transport } from '@huiyuan/shared/client/core'
import { messageFor } from './messages'
import { readToken } from './tokenStore'
import { ROUTES, type ClientRouteName } from './routes'

export { ApiError, isApiError, type FieldError } from '@huiyuan/shared/client/core'

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

/** Requests go out over `Taro.request` (wx.request on WeChat). */
const taroTransport: Transport = async (request) => {
  const res = await Taro.request({
    url: request.url,
    method: request.method as 'GET',
    header: request.headers,
    data: request.body,
    dataType: 'json',
    timeout: 15_000,
  })
  return { status: res.statusCode, data: res.data }
}

const client: ClientCore = { baseUrl: API_BASE, transport: taroTransport, token: readToken, messageFor }

export async function api<K extends ClientRouteName, S extends z.ZodMiniType>(name: K, options: CallOptions<K, S>): Promise<ResponseOf<K>> {
  const input = {
    ...(options.params ? { params: options.params as Record<string, unknown> } : {}),
    ...(options.query ? { query: options.query as Record<string, unknown> } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
  }
  if (options.loading) Taro.showLoading({ title: options.loading === true ? '加载中' : options.loading, mask: true })
  let data: unknown
  try {
    data = await send(client, ROUTES[name], input)
  } finally {
    if (options.loading) Taro.hideLoading()
  }
  const checked = options.check.safeParse(data)
  if (!checked.success) {
    console.error(`[api] ${name}: the response is not what the app reads`, checked.error.issues)
    throw new ApiError('INVALID_RESPONSE', 200, messageFor('INVALID_RESPONSE'))
  }
  // The body as sent (the check's output would drop the fields it does not look at).
  return data as ResponseOf<K>
}

/** A Chinese message for anything thrown by a call. */
export const errorMessage = (e: unknown): string => (isApiError(e) ? e.message : messageFor('UNKNOWN'))

/** Anything thrown by a call as an ApiError (network failures and bugs become UNKNOWN). */
export const asApiError = (e: unknown): ApiError => (isApiError(e) ? e : new ApiError('UNKNOWN', 0, messageFor('UNKNOWN')))
