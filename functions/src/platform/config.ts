/**
 * Configuration, read once per container and failing fast. Secrets come from the
 * environment: on stage `local` they default to fixed development values; on every other
 * stage they must be set (serverless.yml wires them from SSM SecureString parameters).
 */
export interface Config {
  stage: string
  version: string
  region: string
  tableName: string
  /** Only set locally: the DynamoDB Local endpoint. */
  dynamoEndpoint?: string
  tokenSecret: string
  tokenTtlSeconds: number
  /** Master secret from which each member's dynamic-code key is derived. */
  memberCodeSecret: string
  /** Phone encryption: a KMS key id on AWS, or a local 32-byte hex master key. */
  phoneKmsKeyId?: string
  phoneLocalMasterKeyHex?: string
  /** Key for the phone-number lookup hash (HMAC-SHA256). */
  phoneHashSecret: string
  wechat: { appId?: string; appSecret?: string }
}

const LOCAL_DEFAULTS = {
  TOKEN_SECRET: 'local-dev-token-secret-not-for-production-0001',
  MEMBER_CODE_SECRET: 'local-dev-member-code-secret-not-for-production',
  PHONE_MASTER_KEY_HEX: '6c6f63616c2d6465762d70686f6e652d6b65792d6e6f742d666f722d70726f64',
  PHONE_HASH_SECRET: 'local-dev-phone-hash-secret',
}

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const stage = env.STAGE ?? 'local'
  const local = stage === 'local'
  const need = (name: keyof typeof LOCAL_DEFAULTS | string): string => {
    const v = env[name]
    if (v !== undefined && v !== '') return v
    if (local && name in LOCAL_DEFAULTS) return LOCAL_DEFAULTS[name as keyof typeof LOCAL_DEFAULTS]
    throw new ConfigError(`Missing required configuration ${name} for stage ${stage}`)
  }
  const tableName = env.TABLE_NAME ?? (local ? 'huiyuan-local' : need('TABLE_NAME'))
  const phoneKmsKeyId = env.PHONE_KMS_KEY_ID && env.PHONE_KMS_KEY_ID !== 'none' ? env.PHONE_KMS_KEY_ID : undefined
  const cfg: Config = {
    stage,
    version: env.APP_VERSION ?? '0.1.0',
    region: env.AWS_REGION ?? 'cn-north-1',
    tableName,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT && env.DYNAMODB_ENDPOINT !== 'none' ? env.DYNAMODB_ENDPOINT : undefined,
    tokenSecret: need('TOKEN_SECRET'),
    tokenTtlSeconds: Number(env.TOKEN_TTL_SECONDS ?? 7200),
    memberCodeSecret: need('MEMBER_CODE_SECRET'),
    phoneKmsKeyId,
    phoneLocalMasterKeyHex: phoneKmsKeyId ? undefined : need('PHONE_MASTER_KEY_HEX'),
    phoneHashSecret: need('PHONE_HASH_SECRET'),
    wechat: { appId: env.WECHAT_APPID, appSecret: env.WECHAT_SECRET },
  }
  if (cfg.tokenSecret.length < 32) throw new ConfigError('TOKEN_SECRET must be at least 32 characters')
  if (!local && !cfg.phoneKmsKeyId) throw new ConfigError(`PHONE_KMS_KEY_ID is required on stage ${stage}`)
  return cfg
}

let cached: Config | undefined
export const config = (): Config => (cached ??= readConfig())
/** Tests that change the environment call this to re-read it. */
export const resetConfig = (): void => {
  cached = undefined
}
