/**
 * The console (console/): built with vite into console/dist unless the build is newer than
 * its sources; served like the H5 app (static files, /v1 proxied to the API, every other
 * path → index.html for the browser router).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { newestMtime } from './h5'
import { ROOT, log } from './stack'

export const CONSOLE_DIST = path.join(ROOT, 'console/dist')

/** Builds the console; `devSignIn` (the local stack) offers the development sign-in. */
export function buildConsole(opts: { devSignIn: boolean; force?: boolean }): string {
  const marker = path.join(CONSOLE_DIST, 'index.html')
  const stamp = path.join(CONSOLE_DIST, '.build-flags')
  const flags = JSON.stringify({ devSignIn: opts.devSignIn })
  const sources = Math.max(newestMtime(path.join(ROOT, 'console')), newestMtime(path.join(ROOT, 'shared/src')))
  const sameFlags = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === flags
  if (!opts.force && sameFlags && fs.existsSync(marker) && fs.statSync(marker).mtimeMs > sources) {
    log('console build is up to date (console/dist)')
    return CONSOLE_DIST
  }
  log('building the console (vite build)…')
  const started = Date.now()
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'console/vite.config.mts'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HUIYUAN_CONSOLE_DEV_SIGNIN: opts.devSignIn ? '1' : '0',
        VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
      },
      encoding: 'utf8',
    },
  )
  if (r.status !== 0 || !fs.existsSync(marker)) {
    throw new Error(`vite build of the console failed:\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`)
  }
  fs.writeFileSync(stamp, flags)
  log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return CONSOLE_DIST
}
