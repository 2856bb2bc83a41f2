/**
 * Bundling rules shared by esbuild (serverless-esbuild: Lambda bundles and the local
 * gateway) and webpack (Taro: weapp and H5).
 */
const path = require('node:path')

/** zod's locales index, as imported from inside zod (`../locales/index.js`). */
const ZOD_LOCALES_INDEX = /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.c?js$/
const ZOD_LOCALES_EN_ONLY = path.join(__dirname, 'zod-locales-en.mjs')

/** esbuild plugin: zod's locales index → English only. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: ZOD_LOCALES_EN_ONLY } : undefined,
    )
  },
}

module.exports = { ZOD_LOCALES_INDEX, ZOD_LOCALES_EN_ONLY, esbuildPlugins: [zodEnglishOnly] }
