/**
 * WeChat server APIs: code2session for sign-in and getuserphonenumber for the phone
 * button. session_key never leaves this module: we only need the openid/unionid.
 */
import { DomainError } from '@huiyuan/shared/errors'

export interface WechatIdentity {
  openid: string
  unionid?: string
}

export interface WechatClient {
  codeToSession(code: string): Promise<WechatIdentity>
  phoneNumber(phoneCode: string): Promise<string>
}

type Fetch = typeof fetch

export const realWechatClient = (appId: string, appSecret: string, http: Fetch = fetch): WechatClient => {
  let accessToken: { value: string; expiresAt: number } | undefined
  const getAccessToken = async (): Promise<string> => {
    if (accessToken && accessToken.expiresAt > Date.now() + 60_000) return accessToken.value
    const url = `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}`
    const res = (await (await http(url)).json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
    if (!res.access_token) throw new Error(`WeChat access token failed: ${res.errcode} ${res.errmsg}`)
    accessToken = { value: res.access_token, expiresAt: Date.now() + (res.expires_in ?? 7200) * 1000 }
    return accessToken.value
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
      const token = await getAccessToken()
      const res = (await (
        await http(`https://api.weixin.qq.com/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: phoneCode }),
        })
      ).json()) as { errcode?: number; phone_info?: { purePhoneNumber?: string } }
      const phone = res.phone_info?.purePhoneNumber
      if (res.errcode || !phone)
        throw new DomainError('VALIDATION_FAILED', 'Could not read the phone number from WeChat', {
          fields: [{ field: 'body.phoneCode', message: 'rejected by WeChat', code: 'wechat' }],
        })
      return phone
    },
  }
}
