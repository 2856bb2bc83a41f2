// Loaded by jest outside its module system: tsx compiles the TypeScript stack helpers
// (and resolves the @huiyuan/shared path alias) so the tests start the real local stack.
module.exports = async function globalSetup() {
  if ((process.env.HUIYUAN_TEST_STACK ?? 'full') === 'none') return
  require('tsx/cjs/api').register()
  await require('./stack.ts').startTestStack()
}
