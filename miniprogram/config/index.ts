import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import webpack from 'webpack'
import { BundleStatsPlugin } from './bundleStats'
import { PrecompressPlugin } from './precompress'
import devConfig from './dev'
import prodConfig from './prod'

const DEFAULT_API_BASE = 'http://127.0.0.1:3000'
/** The API contract (routes + zod schemas) lives outside sourceRoot; compile it too. */
const SHARED_SRC = path.resolve(__dirname, '../../shared/src')

const bundling = require('../../infra/bundling.cjs') as { ZOD_LOCALES_INDEX: RegExp; ZOD_LOCALES_EN_ONLY: string }

/** Rules for both platforms' bundles: zod's ~60 message locales → English only (see infra/). */
const commonChain = (chain: any) => {
  chain.plugin('zod-english-only').use(webpack.NormalModuleReplacementPlugin, [bundling.ZOD_LOCALES_INDEX, bundling.ZOD_LOCALES_EN_ONLY])
}

/**
 * H5 only: Taro's router fix (see taroRouterFix.cjs), applied to the router's source before
 * Babel, in whichever of its builds is resolved (modular dist/router/page.js or dist/index.esm.js).
 */
const routerFixChain = (chain: any) => {
  chain.module
    .rule('taro-router-fix')
    .test(/[\\/]@tarojs[\\/]router[\\/]dist[\\/](index\.esm|router[\\/]page)\.js$/)
    .enforce('pre')
    .use('taro-router-fix')
    .loader(path.join(__dirname, 'taroRouterFix.cjs'))
}

/**
 * H5 code splitting. Taro splits only the initial chunks, so every page chunk carried its
 * own copy of zod, NutUI (with the picker) and our hooks and services. Splitting all chunks
 * puts what two or more chunks share into chunks of their own (grouped by which pages use
 * them), each fetched once and then cached (file names carry a content hash, and the
 * static server sends them as immutable: scripts/lib/static.ts).
 */
const h5SplitChain = (chain: any) => {
  const inNodeModules = (m: { resource?: string }) => /[\\/]node_modules[\\/]/.test(m.resource ?? '')
  chain.optimization.splitChunks({
    chunks: 'all',
    hidePathInfo: true,
    minSize: 10 * 1024,
    cacheGroups: {
      default: false,
      defaultVendors: false,
      taro: { test: (m: { context?: string }) => /@tarojs[\\/][a-z]+/.test(m.context ?? ''), priority: 100, reuseExistingChunk: true },
      vendors: { test: inNodeModules, minChunks: 2, priority: 10, reuseExistingChunk: true },
      common: { minChunks: 2, priority: 1, reuseExistingChunk: true },
    },
  })
}

/** Optional (HUIYUAN_BUNDLE_STATS=1): module sizes per chunk in dist/<env>-bundle-stats.json. */
const statsChain = (chain: any, taroEnv: string) => {
  if (process.env.HUIYUAN_BUNDLE_STATS === '1') {
    chain.plugin('bundle-stats').use(BundleStatsPlugin, [path.resolve(__dirname, `../dist/${taroEnv}-bundle-stats.json`)])
  }
}

/**
 * NutUI is drawn for a 375 px design; our own styles for 750. Taro's pxtransform reads the
 * design width per file.
 */
const designWidth = (input?: unknown): number => {
  const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? ''
  return file.includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const taroEnv = process.env.TARO_ENV ?? 'weapp'
  // H5 is served by a local static server that proxies /v1/* to the API: relative base.
  const apiBase = taroEnv === 'h5' ? '' : (process.env.HUIYUAN_API_BASE ?? DEFAULT_API_BASE)

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huiyuan',
    date: '2026-11-01',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    plugins: [],
    defineConstants: {
      HUIYUAN_API_BASE: JSON.stringify(apiBase),
    },
    alias: {
      '@huiyuan/shared': SHARED_SRC,
      '@': path.resolve(__dirname, '../src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [SHARED_SRC] },
      webpackChain(chain) {
        commonChain(chain)
        statsChain(chain, taroEnv)
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [SHARED_SRC] },
      esnextModules: ['@nutui'],
      webpackChain(chain) {
        commonChain(chain)
        routerFixChain(chain)
        if (process.env.NODE_ENV !== 'development') {
          h5SplitChain(chain)
          chain.plugin('precompress').use(PrecompressPlugin)
        }
        statsChain(chain, taroEnv)
      },
      // Hashed names: a changed file gets a new name, so every file but index.html is cached for good.
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'chunk/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      devServer: { port: 10086 },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
