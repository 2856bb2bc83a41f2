/**
 * The console's build: React + antd, the shared contract from ../shared/src, zod's message
 * locales cut to English and Chinese, and pages split by route (each page and the charts
 * load when first opened). `HUIYUAN_CONSOLE_DEV_SIGNIN=1` (the local stack) offers the
 * development sign-in; a build for AWS leaves it out and names the API in
 * `HUIYUAN_CONSOLE_API_BASE`.
 */
import path from 'node:path'
import { createRequire } from 'node:module'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const require = createRequire(import.meta.url)
const bundling = require('../infra/bundling.cjs') as { ZOD_LOCALES_INDEX: RegExp; ZOD_LOCALES_EN_ONLY: string }

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    {
      name: 'zod-english-only',
      enforce: 'pre',
      async resolveId(source, importer) {
        if (!importer || !/^\.\.\/locales\/index\.c?js$/.test(source)) return null
        const resolved = await this.resolve(source, importer, { skipSelf: true })
        return resolved && bundling.ZOD_LOCALES_INDEX.test(resolved.id) ? bundling.ZOD_LOCALES_EN_ONLY : null
      },
    },
  ],
  resolve: { alias: { '@huiyuan/shared': path.resolve(import.meta.dirname, '../shared/src') } },
  define: {
    __DEV_SIGNIN__: JSON.stringify(process.env.HUIYUAN_CONSOLE_DEV_SIGNIN === '1'),
    // '' (the local stack: the console's server proxies /v1) or the API's URL on AWS (CORS allows consoleOrigin).
    __API_BASE__: JSON.stringify(process.env.HUIYUAN_CONSOLE_API_BASE ?? ''),
  },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    port: Number(process.env.HUIYUAN_CONSOLE_PORT ?? 10087),
    proxy: { '/v1': process.env.HUIYUAN_API_URL ?? 'http://127.0.0.1:3000' },
  },
})
