/**
 * One `npm test` runs every project. The global setup starts the local stack once
 * (DynamoDB Local in memory, the API behind serverless-offline, the H5 build served with
 * /v1 proxied) unless HUIYUAN_TEST_STACK=none (unit tests only).
 */
// Tests check behaviour; the retries they provoke on purpose would fill the output with warnings.
process.env.LOG_LEVEL ??= 'ERROR'
// The tests, the stack they start and the services they build run on stage local: nothing
// defaults to a stage (functions/src/platform/config.ts).
process.env.STAGE = 'local'

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
]
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|ulid|zod-openapi)/)'],
  moduleNameMapper: { '^@huiyuan/shared/(.*)$': '<rootDir>/shared/src/$1' },
  testEnvironment: 'node',
}

module.exports = {
  globalSetup: '<rootDir>/tests/setup/globalSetup.js',
  globalTeardown: '<rootDir>/tests/setup/globalTeardown.js',
  testTimeout: 60_000,
  // One test file at a time: the race and property suites load DynamoDB Local, whose
  // transactions wait on one another; run side by side they starve each other.
  maxWorkers: 1,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{functions,shared,miniprogram}/src/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/functions/src/**/*.int.test.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/tests/infra/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    {
      ...common,
      displayName: 'weapp',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      testEnvironmentOptions: { globalsCleanup: 'off' },
    },
  ],
}
