/**
 * WeChat server APIs: code2session for sign-in, getuserphonenumber for the phone button and
 * getwxacodeunlimit for store join codes. session_key never leaves this module: we only
 * need the openid/unionid. The access token is the stable one (`cgi-bin/stable_token`):
 * every Lambda container gets the same token while it is valid, so one container fetching
 * it never invalidates another's; each container keeps it until shortly before it ends.
 */
import { DomainError } from '@huiyuan/shared/errors'

export interface WechatIdentity {
  openid: string
  unionid?: string
}

export interface WechatClient {
  codeToSession(code: string): Promise<WechatIdentity>
  phoneNumber(phoneCode: string): Promise<string>
  /** A mini-program code image (unlimited kind) that opens `page` with `scene` (≤ 32 characters). */
  miniProgramCode(input: { scene: string; page: string }): Promise<{ image: Uint8Array; contentType: string }>
  /**
   * subscribeMessage.send: WeChat's answer as it is (errcode 0: sent; 43101: the user holds
   * no grant; 47003: a field over its limit …). Throws only when WeChat could not be reached.
   */
  sendSubscribeMessage(input: SubscribeMessage): Promise<{ errcode: number; errmsg: string }>
}

export interface SubscribeMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, string>
}

type Fetch = typeof fetch

/** Errors that mean the access token is no longer good: fetch a fresh one and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

/** WeChat's API host (the local stack points the sender at its WeChat stub instead). */
export const WECHAT_API = 'https://api.weixin.qq.com'

export const realWechatClient = (appId: string, appSecret: string, http: Fetch = fetch, base = WECHAT_API): WechatClient => {
  let accessToken: { value: string; expiresAt: number } | undefined
  const getAccessToken = async (forceRefresh = false): Promise<string> => {
    if (!forceRefresh && accessToken && accessToken.expiresAt > Date.now() + 60_000) return accessToken.value
    const res = (await (
      await http(`${base}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh }),
      })
    ).json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
    if (!res.access_token) {
      throw new DomainError('WECHAT_API_FAILED', 'WeChat did not issue an access token; please try again', { wechatErrcode: res.errcode })
    }
    accessToken = { value: res.access_token, expiresAt: Date.now() + (res.expires_in ?? 7200) * 1000 }
    return accessToken.value
  }
  /** Calls an API that takes the access token; a token WeChat no longer accepts is renewed once. */
  const withToken = async (call: (token: string) => Promise<Response>): Promise<Response> => {
    const first = await call(await getAccessToken())
    if (!(first.headers.get('content-type') ?? '').includes('json')) return first
    const body = (await first.clone().json()) as { errcode?: number }
    if (!body.errcode || !TOKEN_ERRORS.has(body.errcode)) return first
    return call(await getAccessToken(true))
  }
  return {
    async codeToSession(code) {
      if (code.startsWith('dev:')) throw new DomainError('DEV_LOGIN_DISABLED', 'Development sign-in is only available locally')
      const url = `${base}/sns/jscode2session?appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`
      const res = (await (await http(url)).json()) as {
        openid?: string
        unionid?: string
        session_key?: string
        errcode?: number
        errmsg?: string
      }
      if (!res.openid || res.errcode)
        throw new DomainError('WECHAT_LOGIN_FAILED', 'WeChat sign-in failed; please try again', { wechatErrcode: res.errcode })
      return { openid: res.openid, ...(res.unionid ? { unionid: res.unionid } : {}) }
    },
    async phoneNumber(phoneCode) {
      const res = (await (
        await withToken((token) =>
          http(`${base}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: phoneCode }),
          }),
        )
      ).json()) as { errcode?: number; phone_info?: { purePhoneNumber?: string } }
      const phone = res.phone_info?.purePhoneNumber
      if (res.errcode || !phone)
        throw new DomainError('VALIDATION_FAILED', 'Could not read the phone number from WeChat', {
          fields: [{ field: 'body.phoneCode', message: 'rejected by WeChat', code: 'wechat' }],
        })
      return phone
    },
    async miniProgramCode({ scene, page }) {
      const res = await withToken((token) =>
        http(`${base}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // is_hyaline: a PNG (transparent background) rather than a JPEG.
          body: JSON.stringify({ scene, page, check_path: true, env_version: 'release', width: 430, is_hyaline: true }),
        }),
      )
      const contentType = res.headers.get('content-type') ?? ''
      if (!res.ok || contentType.includes('json') || !contentType.startsWith('image/')) {
        const err = contentType.includes('json') ? ((await res.json()) as { errcode?: number; errmsg?: string }) : {}
        throw new DomainError('WECHAT_API_FAILED', 'WeChat did not make the mini-program code; please try again', {
          wechatErrcode: err.errcode ?? res.status,
        })
      }
      return { image: new Uint8Array(await res.arrayBuffer()), contentType: contentType.split(';')[0]!.trim() }
    },
    async sendSubscribeMessage({ touser, templateId, page, data }) {
      const res = await withToken((token) =>
        http(`${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            touser,
            template_id: templateId,
            page,
            data: Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }])),
            miniprogram_state: 'formal',
            lang: 'zh_CN',
          }),
        }),
      )
      const body = (await res.json()) as { errcode?: number; errmsg?: string }
      return { errcode: Number(body.errcode ?? 0), errmsg: String(body.errmsg ?? '') }
    },
  }
}
