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

/**
 * esbuild plugin: our own modules (functions/, shared/) have no side effects when imported,
 * so a function's bundle keeps only the areas its handlers reach (the composition root's
 * builders are marked pure). Lambda bundles only: the mini-program imports styles for effect.
 */
const ROOT = path.resolve(__dirname, '..')
const OWN_SOURCE = new RegExp(`^${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\/](functions|shared)[\\/]src[\\/]`)
const ownModulesArePure = {
  name: 'own-modules-are-pure',
  setup(build) {
    build.onResolve({ filter: /^(\.|@huiyuan\/shared)/ }, async (args) => {
      if (args.pluginData?.pure) return undefined
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { pure: true },
      })
      if (resolved.errors.length > 0 || !OWN_SOURCE.test(resolved.path)) return resolved.errors.length > 0 ? undefined : resolved
      return { ...resolved, sideEffects: false }
    })
  },
}

module.exports = { ZOD_LOCALES_INDEX, ZOD_LOCALES_EN_ONLY, esbuildPlugins: [zodEnglishOnly, ownModulesArePure] }
