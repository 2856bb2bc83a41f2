import { ConfigError, readBaseConfig, readConfig } from './config'
import { LOCAL_DEFAULTS } from './localDev'

const PROD = {
  STAGE: 'prod',
  TABLE_NAME: 'huiyuan-prod',
  PHONE_KMS_KEY_ID: 'alias/huiyuan-prod-personal-data',
  POS_KMS_KEY_ID: 'alias/huiyuan-prod-pos-secrets',
}
const PROD_SECRETS = {
  TOKEN_SECRET: 'p'.repeat(48),
  MEMBER_CODE_SECRET: 'prod-member-code-secret',
  PHONE_HASH_SECRET: 'prod-phone-hash-secret',
}

describe('readConfig', () => {
  it('refuses to run without a stage', () => {
    for (const STAGE of [undefined, '']) {
      expect(() => readConfig({ STAGE })).toThrow(ConfigError)
      expect(() => readBaseConfig({ STAGE })).toThrow(/STAGE is required/)
      expect(() => readConfig({ STAGE, ...PROD_SECRETS, TABLE_NAME: 't' })).toThrow(/STAGE is required/)
    }
  })

  it('uses the development secrets on stage local only', () => {
    const local = readConfig({ STAGE: 'local' })
    expect(local.tokenSecret).toBe(LOCAL_DEFAULTS.TOKEN_SECRET)
    expect(local.tableName).toBe('huiyuan-local')
    expect(local.phoneLocalMasterKeyHex).toBe(LOCAL_DEFAULTS.PHONE_MASTER_KEY_HEX)
    expect(local.posLocalMasterKeyHex).toBe(LOCAL_DEFAULTS.POS_MASTER_KEY_HEX)
    expect(local.posLocalMasterKeyHex).not.toBe(local.phoneLocalMasterKeyHex)
  })

  it('on stage prod, uses no default secret: each missing one is an error', () => {
    for (const missing of Object.keys(PROD_SECRETS)) {
      const env: Record<string, string> = { ...PROD, ...PROD_SECRETS }
      delete env[missing]
      expect(() => readConfig(env)).toThrow(`Missing required configuration ${missing} for stage prod`)
    }
    expect(() => readConfig({ ...PROD_SECRETS, STAGE: 'prod', PHONE_KMS_KEY_ID: 'k', POS_KMS_KEY_ID: 'k2' })).toThrow(/TABLE_NAME/)
    expect(() => readConfig({ ...PROD, ...PROD_SECRETS, PHONE_KMS_KEY_ID: 'none' })).toThrow(/PHONE_KMS_KEY_ID is required/)
    expect(() => readConfig({ ...PROD, ...PROD_SECRETS, POS_KMS_KEY_ID: undefined })).toThrow(/POS_KMS_KEY_ID is required/)
  })

  it('on stage prod, takes every secret from the environment and no local master key', () => {
    const cfg = readConfig({ ...PROD, ...PROD_SECRETS })
    expect(cfg).toMatchObject({
      stage: 'prod',
      tableName: 'huiyuan-prod',
      tokenSecret: PROD_SECRETS.TOKEN_SECRET,
      memberCodeSecret: PROD_SECRETS.MEMBER_CODE_SECRET,
      phoneHashSecret: PROD_SECRETS.PHONE_HASH_SECRET,
      phoneKmsKeyId: PROD.PHONE_KMS_KEY_ID,
      posKmsKeyId: PROD.POS_KMS_KEY_ID,
    })
    expect(cfg.phoneLocalMasterKeyHex).toBeUndefined()
    expect(cfg.posLocalMasterKeyHex).toBeUndefined()
    const values = JSON.stringify(cfg)
    for (const secret of Object.values(LOCAL_DEFAULTS)) expect(values).not.toContain(secret)
  })

  it('a stage other than local never falls back to the development secrets, whatever its name', () => {
    expect(() => readConfig({ ...PROD, STAGE: 'staging' })).toThrow(/Missing required configuration TOKEN_SECRET for stage staging/)
  })

  describe('in a build for another stage (HUIYUAN_LOCAL_DEV defined as false)', () => {
    const before = process.env.HUIYUAN_LOCAL_DEV
    beforeAll(() => {
      process.env.HUIYUAN_LOCAL_DEV = 'false'
    })
    afterAll(() => {
      if (before === undefined) delete process.env.HUIYUAN_LOCAL_DEV
      else process.env.HUIYUAN_LOCAL_DEV = before
    })

    it('has no development secrets even when STAGE says local', () => {
      expect(() => readConfig({ STAGE: 'local' })).toThrow('Missing required configuration TOKEN_SECRET for stage local')
    })
  })
})
