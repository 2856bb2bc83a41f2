import { readConfig } from '../platform/config'
import type { Db } from '../platform/db'
import { makeCore, wechatOf } from '../platform/wiring'

const PROD = {
  STAGE: 'prod',
  TABLE_NAME: 'huiyuan-prod',
  PHONE_KMS_KEY_ID: 'alias/huiyuan-prod-personal-data',
  POS_KMS_KEY_ID: 'alias/huiyuan-prod-pos-secrets',
  TOKEN_SECRET: 'p'.repeat(48),
  MEMBER_CODE_SECRET: 'm',
  PHONE_HASH_SECRET: 'h',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 's',
}
const noDb = {} as Db

describe('the development sign-in', () => {
  it('is what stage local signs in with: dev:<name> and dev:<mobile> codes', async () => {
    const wechat = wechatOf(makeCore(noDb, { config: readConfig({ STAGE: 'local' }) }))
    const a = await wechat.codeToSession('dev:alice')
    expect(a.openid).toMatch(/^dev_[0-9a-f]{24}$/)
    expect(await wechat.codeToSession('dev:alice')).toEqual(a)
    expect(await wechat.phoneNumber('dev:13800138000')).toBe('13800138000')
  })

  it('is refused on any other stage: the real WeChat client answers, and it refuses dev: codes', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch')
    try {
      const wechat = wechatOf(makeCore(noDb, { config: readConfig(PROD) }))
      await expect(wechat.codeToSession('dev:alice')).rejects.toMatchObject({ code: 'DEV_LOGIN_DISABLED' })
      expect(fetchSpy).not.toHaveBeenCalled()
    } finally {
      fetchSpy.mockRestore()
    }
  })

  it('is not there in a build for another stage, even if STAGE says local', async () => {
    const before = process.env.HUIYUAN_LOCAL_DEV
    process.env.HUIYUAN_LOCAL_DEV = 'false'
    try {
      const config = { ...readConfig({ ...PROD, STAGE: 'local' }) }
      const wechat = wechatOf(makeCore(noDb, { config }))
      await expect(wechat.codeToSession('dev:alice')).rejects.toMatchObject({ code: 'DEV_LOGIN_DISABLED' })
    } finally {
      if (before === undefined) delete process.env.HUIYUAN_LOCAL_DEV
      else process.env.HUIYUAN_LOCAL_DEV = before
    }
  })
})
