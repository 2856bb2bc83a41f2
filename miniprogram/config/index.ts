import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import webpack from 'webpack'
import { BundleStatsPlugin } from './bundleStats'
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
        statsChain(chain, taroEnv)
      },
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
