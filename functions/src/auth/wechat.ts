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
}

type Fetch = typeof fetch

/** Errors that mean the access token is no longer good: fetch a fresh one and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

export const realWechatClient = (appId: string, appSecret: string, http: Fetch = fetch): WechatClient => {
  let accessToken: { value: string; expiresAt: number } | undefined
  const getAccessToken = async (forceRefresh = false): Promise<string> => {
    if (!forceRefresh && accessToken && accessToken.expiresAt > Date.now() + 60_000) return accessToken.value
    const res = (await (
      await http('https://api.weixin.qq.com/cgi-bin/stable_token', {
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
      const url = `https://api.weixin.qq.com/sns/jscode2session?appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`
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
          http(`https://api.weixin.qq.com/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
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
        http(`https://api.weixin.qq.com/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
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
  }
}
