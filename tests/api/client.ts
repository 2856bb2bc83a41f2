/** A tiny HTTP client for the API tests (real HTTP against the local gateway). */
import { createHash, createHmac, randomUUID } from 'node:crypto'

export { eventually } from '../../functions/src/testing/eventually'

export const API = () => {
  const url = process.env.API_URL
  if (!url) throw new Error('API_URL is not set: run through `npm test` (the global setup starts the gateway)')
  return url
}

export interface Res<T = any> {
  status: number
  body: T
}

/** Every API process of the test stack (two, over one DynamoDB Local): race tests spread requests over them. */
export const APIS = (): string[] => (process.env.API_URLS ?? API()).split(',')

export async function call<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string>; api?: string } = {},
): Promise<Res<T>> {
  const res = await fetch(`${opts.api ?? API()}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined || opts.raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

export const uniqueName = (prefix = 'member') => `${prefix}-${randomUUID().slice(0, 12)}`

export async function signIn(name = uniqueName()): Promise<string> {
  const r = await call('POST', '/v1/auth/wechat', { body: { code: `dev:${name}` } })
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.token
}

export const joinBody = (over: Record<string, unknown> = {}) => ({
  storeId: 'S001',
  name: '张三',
  mobile: '13812341234',
  birthday: '1990-05-17',
  gender: 'male',
  privacyConsentVersion: '2026-11',
  marketingConsent: true,
  ...over,
})

/** Signs a new identity in and joins; returns the member token and card. */
export async function newMember(over: Record<string, unknown> = {}) {
  const t = await signIn()
  const r = await call('POST', '/v1/members', { token: t, body: joinBody(over) })
  if (r.status !== 201) throw new Error(`join failed: ${r.status} ${JSON.stringify(r.body)}`)
  return { token: r.body.session.token as string, member: r.body.member }
}

/**
 * A store system's signed request (X-Huiyuan-Key / -Timestamp / -Signature). Each call is
 * signed anew: `at` (unix seconds) sets the timestamp, `tamper` spoils the signature.
 */
export async function signedCall<T = any>(
  key: { keyId: string; secret: string },
  method: string,
  path: string,
  body?: unknown,
  opts: { at?: number; tamper?: boolean; headers?: Record<string, string> } = {},
): Promise<Res<T> & { headers: Record<string, string> }> {
  const raw = body === undefined ? '' : JSON.stringify(body)
  const ts = String(opts.at ?? Math.floor(Date.now() / 1000))
  const canonical = `${method}\n${path}\n${ts}\n${createHash('sha256').update(raw).digest('hex')}`
  let sig = createHmac('sha256', key.secret).update(canonical).digest('hex')
  if (opts.tamper) sig = sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
  const headers = { 'x-huiyuan-key': key.keyId, 'x-huiyuan-timestamp': ts, 'x-huiyuan-signature': sig, ...opts.headers }
  const res = await fetch(`${API()}${path}`, {
    method,
    ...(body === undefined ? {} : { body: raw }),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: headers }
}
