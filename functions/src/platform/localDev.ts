/**
 * Fixed development secrets, for stage `local` only. Known to everyone who has the
 * repository, so they must never reach a deployed function: config.ts uses them only behind
 * the `process.env.HUIYUAN_LOCAL_DEV !== 'false'` build flag, which the bundles of every
 * stage but local have replaced by false (serverless.yml, custom.esbuild.define), so this
 * module is not in those bundles at all (tests/infra/serverless-package.test.ts checks it).
 */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  TOKEN_SECRET: 'local-dev-token-secret-not-for-production-0001',
  MEMBER_CODE_SECRET: 'local-dev-member-code-secret-not-for-production',
  PHONE_MASTER_KEY_HEX: '6c6f63616c2d6465762d70686f6e652d6b65792d6e6f742d666f722d70726f64',
  POS_MASTER_KEY_HEX: '6c6f63616c2d6465762d706f732d7365637265742d6b65792d6e6f742d70726f',
  PHONE_HASH_SECRET: 'local-dev-phone-hash-secret',
}
