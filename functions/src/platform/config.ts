/**
 * Configuration, read once per container and failing fast. STAGE is required: nothing
 * defaults to a stage. Secrets come from the environment (on AWS loaded from SSM first,
 * platform/secrets.ts); only on stage `local`, and only in a build that may carry them, do
 * they default to fixed development values (platform/localDev.ts).
 */
import { LOCAL_DEFAULTS } from './localDev'

/** What every function needs, secrets or not. */
export interface BaseConfig {
  stage: string
  version: string
  region: string
  tableName: string
  /** Only set locally: the DynamoDB Local endpoint. */
  dynamoEndpoint?: string
  /**
   * How long a container keeps the program rules and stores it read (PROGRAM_CACHE_SECONDS,
   * default 30): a change shows at once in the container that made it, elsewhere within this.
   */
  programCacheSeconds: number
  /**
   * Up to this many members a segment preview counts at once in the request; above, it starts
   * a count job (SEGMENT_INLINE_MAX_MEMBERS, default 5000).
   */
  segmentInlineMaxMembers: number
  /** The work queue's URL (WORK_QUEUE_URL; `none` or unset: this process sends no work). */
  workQueueUrl?: string
}

export interface Config extends BaseConfig {
  tokenSecret: string
  tokenTtlSeconds: number
  /** Master secret from which each member's dynamic-code key is derived. */
  memberCodeSecret: string
  /** Personal data (phone numbers): a KMS key id on AWS, or a local 32-byte hex master key. */
  phoneKmsKeyId?: string
  phoneLocalMasterKeyHex?: string
  /** Store systems' API secrets: a KMS key of their own on AWS, or a second local master key. */
  posKmsKeyId?: string
  posLocalMasterKeyHex?: string
  /** Key for the phone-number lookup hash (HMAC-SHA256). */
  phoneHashSecret: string
  /** `apiBase` (WECHAT_API_BASE): where the sender finds WeChat's API (locally: the WeChat stub). */
  wechat: { appId?: string; appSecret?: string; apiBase?: string }
  /** The H5 app's origin (H5_ORIGIN): store join links on stage local point at its join page. */
  h5Origin: string
  /**
   * Sign-ins per caller address and minute (each costs a WeChat code2session call). The
   * local stack serves every test from one address, so there it is only set on purpose.
   */
  signInsPerMinute: number
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

const setting = (env: Env, name: string): string | undefined => {
  const v = env[name]
  return v !== undefined && v !== '' && v !== 'none' ? v : undefined
}

export function readBaseConfig(env: Env = process.env): BaseConfig {
  const stage = env.STAGE
  if (!stage) throw new ConfigError('STAGE is required: `local` for the local stack, otherwise the deployed stage')
  const local = stage === 'local'
  const tableName = setting(env, 'TABLE_NAME') ?? (local ? 'huiyuan-local' : undefined)
  if (!tableName) throw new ConfigError(`Missing required configuration TABLE_NAME for stage ${stage}`)
  const dynamoEndpoint = setting(env, 'DYNAMODB_ENDPOINT')
  const workQueueUrl = setting(env, 'WORK_QUEUE_URL')
  const segmentInlineMaxMembers = Number(setting(env, 'SEGMENT_INLINE_MAX_MEMBERS') ?? 5000)
  if (!Number.isInteger(segmentInlineMaxMembers) || segmentInlineMaxMembers < 0)
    throw new ConfigError('SEGMENT_INLINE_MAX_MEMBERS must be a whole number of members')
  const programCacheSeconds = Number(setting(env, 'PROGRAM_CACHE_SECONDS') ?? 30)
  if (!Number.isInteger(programCacheSeconds) || programCacheSeconds < 0 || programCacheSeconds > 300)
    throw new ConfigError('PROGRAM_CACHE_SECONDS must be a whole number of seconds from 0 to 300')
  return {
    stage,
    version: env.APP_VERSION ?? '0.1.0',
    region: env.AWS_REGION ?? 'cn-north-1',
    tableName,
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
    programCacheSeconds,
    ...(workQueueUrl ? { workQueueUrl } : {}),
    segmentInlineMaxMembers,
  }
}

export function readConfig(env: Env = process.env): Config {
  const base = readBaseConfig(env)
  const { stage } = base
  const local = stage === 'local'
  // Written out here (not behind a helper) so that the bundler's define folds it to false in
  // the bundles of other stages and drops LOCAL_DEFAULTS from them.
  const defaults: Readonly<Record<string, string>> = process.env.HUIYUAN_LOCAL_DEV !== 'false' && local ? LOCAL_DEFAULTS : {}
  const need = (name: string): string => {
    const v = setting(env, name) ?? defaults[name]
    if (v === undefined) throw new ConfigError(`Missing required configuration ${name} for stage ${stage}`)
    return v
  }
  const phoneKmsKeyId = setting(env, 'PHONE_KMS_KEY_ID')
  const posKmsKeyId = setting(env, 'POS_KMS_KEY_ID')
  if (!local && !phoneKmsKeyId) throw new ConfigError(`PHONE_KMS_KEY_ID is required on stage ${stage}`)
  if (!local && !posKmsKeyId) throw new ConfigError(`POS_KMS_KEY_ID is required on stage ${stage}`)
  const cfg: Config = {
    ...base,
    tokenSecret: need('TOKEN_SECRET'),
    tokenTtlSeconds: Number(env.TOKEN_TTL_SECONDS ?? 7200),
    memberCodeSecret: need('MEMBER_CODE_SECRET'),
    ...(phoneKmsKeyId ? { phoneKmsKeyId } : { phoneLocalMasterKeyHex: need('PHONE_MASTER_KEY_HEX') }),
    ...(posKmsKeyId ? { posKmsKeyId } : { posLocalMasterKeyHex: need('POS_MASTER_KEY_HEX') }),
    phoneHashSecret: need('PHONE_HASH_SECRET'),
    wechat: {
      appId: env.WECHAT_APPID,
      appSecret: env.WECHAT_SECRET,
      ...(env.WECHAT_API_BASE ? { apiBase: env.WECHAT_API_BASE.replace(/\/+$/, '') } : {}),
    },
    h5Origin: (setting(env, 'H5_ORIGIN') ?? 'http://127.0.0.1:10086').replace(/\/+$/, ''),
    signInsPerMinute: Number(setting(env, 'SIGNINS_PER_MINUTE') ?? (local ? 1_000_000 : 20)),
  }
  if (!Number.isInteger(cfg.signInsPerMinute) || cfg.signInsPerMinute < 1)
    throw new ConfigError('SIGNINS_PER_MINUTE must be a positive integer')
  if (cfg.tokenSecret.length < 32) throw new ConfigError('TOKEN_SECRET must be at least 32 characters')
  if (cfg.phoneLocalMasterKeyHex && cfg.phoneLocalMasterKeyHex === cfg.posLocalMasterKeyHex)
    throw new ConfigError('PHONE_MASTER_KEY_HEX and POS_MASTER_KEY_HEX must differ')
  return cfg
}

let cachedBase: BaseConfig | undefined
let cached: Config | undefined
/** Stage, table and endpoint: what a function that holds no secrets reads. */
export const baseConfig = (): BaseConfig => (cachedBase ??= readBaseConfig())
export const config = (): Config => (cached ??= readConfig())
/** Tests that change the environment call this to re-read it (and so do freshly loaded secrets). */
export const resetConfig = (): void => {
  cachedBase = undefined
  cached = undefined
}
