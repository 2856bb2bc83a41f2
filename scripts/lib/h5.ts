import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, log } from './stack'

export const newestMtime = (dir: string): number => {
  let newest = 0
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else newest = Math.max(newest, fs.statSync(p).mtimeMs)
    }
  }
  if (fs.existsSync(dir)) walk(dir)
  return newest
}

/** Builds the Taro app for a platform unless the existing build is newer than the sources. */
export function buildMiniprogram(type: 'h5' | 'weapp', opts: { force?: boolean } = {}): string {
  const out = path.join(ROOT, 'miniprogram/dist', type)
  const marker = path.join(out, type === 'h5' ? 'index.html' : 'app.json')
  const sources = Math.max(newestMtime(path.join(ROOT, 'miniprogram')), newestMtime(path.join(ROOT, 'shared/src')))
  if (!opts.force && fs.existsSync(marker) && fs.statSync(marker).mtimeMs > sources) {
    log(`${type} build is up to date (miniprogram/dist/${type})`)
    return out
  }
  log(`building the ${type} app (taro build --type ${type})…`)
  const started = Date.now()
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', type], {
    cwd: path.join(ROOT, 'miniprogram'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  })
  if (r.status !== 0 || !fs.existsSync(marker)) {
    throw new Error(`taro build --type ${type} failed:\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`)
  }
  log(`${type} built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return out
}

/** Bytes of the files under `dir` (source maps left out: they are not uploaded). */
function filesSize(dir: string): number {
  let total = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) total += filesSize(p)
    else if (!e.name.endsWith('.map')) total += fs.statSync(p).size
  }
  return total
}

/**
 * The weapp build's main package and subpackages, in bytes, with the subpackage roots read
 * from the built app.json (the main package is everything outside them). The budget test
 * and `npm run bench` both print these.
 */
export function weappPackageSizes(dist: string): { main: number; subpackages: { root: string; size: number }[] } {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] }
  const subpackages = (app.subPackages ?? [])
    .map((s) => s.root.replace(/\/$/, ''))
    .filter((root) => fs.existsSync(path.join(dist, root)))
    .map((root) => ({ root, size: filesSize(path.join(dist, root)) }))
  return { main: filesSize(dist) - subpackages.reduce((sum, s) => sum + s.size, 0), subpackages }
}
