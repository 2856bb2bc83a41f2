/**
 * The console's API client: the shared typed client (route table + zod) over `fetch`.
 * Locally the console's server proxies /v1 to the API (same origin); on AWS the build names
 * the API (`__API_BASE__`). A 401 on a call that carried a
 * token ends the session (a disabled account, a changed role, an expired token).
 */
import type { Transport } from '@huiyuan/shared/client/core'
import { typedClient } from '@huiyuan/shared/client/typed'
import { session } from '../app/session'
import { messageFor } from './messages'

const fetchTransport: Transport = async (request) => {
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body ? { body: request.body } : {}),
  })
  const text = await res.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = text
  }
  if (res.status === 401 && request.headers.Authorization) session.clear()
  return { status: res.status, data }
}

export const api = typedClient({ baseUrl: __API_BASE__, transport: fetchTransport, token: () => session.read()?.token, messageFor })
export { ApiError, isApiError } from '@huiyuan/shared/client/core'
export type { ResponseOf, BodyOf, QueryOf } from '@huiyuan/shared/client/typed'

/** A Chinese message for anything a call threw. */
export const errorText = (e: unknown): string => (e instanceof Error && 'code' in e ? e.message : '操作失败，请稍后重试')
