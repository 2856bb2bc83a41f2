/**
 * The development sign-in, for stage `local` only: `dev:<name>` maps to a stable test
 * identity, and `dev:<mobile>` phone codes to that mobile number, so browsers, scripts and
 * tests sign in without WeChat. The composition root builds it only behind the local
 * build flag (platform/wiring.ts, wechatOf), so the bundles of other stages leave it out.
 */
import { createHash } from 'node:crypto'
import { DomainError } from '@huiyuan/shared/errors'
import { realWechatClient, type WechatClient } from './wechat'

/** `stubBase`: the local WeChat stub (scripts/lib/wechatStub.ts) that subscription messages go to. */
export const devWechatClient = (stubBase?: string): WechatClient => {
  // One client for the container, so its access token is cached as on AWS.
  const stub = stubBase ? realWechatClient('local-app', 'local-secret', fetch, stubBase) : undefined
  return {
    async codeToSession(code) {
      const m = /^dev:(.{1,64})$/.exec(code)
      if (!m) throw new DomainError('WECHAT_LOGIN_FAILED', 'Locally, sign in with a dev:<name> code')
      return { openid: `dev_${createHash('sha256').update(m[1]!).digest('hex').slice(0, 24)}` }
    },
    async phoneNumber(phoneCode) {
      const m = /^dev:(1[3-9]\d{9})$/.exec(phoneCode)
      if (!m)
        throw new DomainError('VALIDATION_FAILED', 'Locally, phone codes look like dev:13800138000', {
          fields: [{ field: 'body.phoneCode', message: 'expected dev:<mobile>', code: 'invalid_string' }],
        })
      return m[1]!
    },
    async miniProgramCode() {
      throw new DomainError('WECHAT_API_FAILED', 'Locally, store join codes are links to the H5 join page')
    },
    async sendSubscribeMessage(message) {
      if (!stub) throw new Error('Locally, subscription messages go to the WeChat stub: set WECHAT_API_BASE')
      return stub.sendSubscribeMessage(message)
    },
  }
}
