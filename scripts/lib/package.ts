/** `serverless package` offline (dummy credentials): the CloudFormation template and the zips. */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './stack'

export const SERVERLESS_BIN = path.join(ROOT, 'node_modules/serverless/bin/serverless.js')

/** The origins CORS allows in a package made here; a deploy names the brand's own (`--param`). */
export const PACKAGE_ORIGINS = { consoleOrigin: 'https://console.huiyuan.example', h5Origin: 'https://m.huiyuan.example' }

const packagingEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  HUIYUAN_ESBUILD_DIR: '.esbuild-package',
  AWS_ACCESS_KEY_ID: 'AKIDUMMY',
  AWS_SECRET_ACCESS_KEY: 'dummy',
  AWS_REGION: 'cn-north-1',
  SLS_TELEMETRY_DISABLED: '1',
})

/** Packages the service for `stage` (prod unless told) into `out`; returns `out`. */
export function packageFunctions(out = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-pkg-')), opts: { stage?: string } = {}): string {
  const stage = opts.stage ?? 'prod'
  const params = stage === 'local' ? [] : Object.entries(PACKAGE_ORIGINS).map(([k, v]) => `--param=${k}=${v}`)
  fs.rmSync(out, { recursive: true, force: true })
  execFileSync(process.execPath, [SERVERLESS_BIN, 'package', '--stage', stage, ...params, '--package', out], {
    cwd: ROOT,
    stdio: 'pipe',
    env: packagingEnv(),
    timeout: 240_000,
  })
  return out
}

/** Runs the serverless CLI with the packaging environment; its exit status and output (for checks that it refuses). */
export function serverless(args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [SERVERLESS_BIN, ...args], { cwd: ROOT, env: packagingEnv(), encoding: 'utf8', timeout: 120_000 })
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` }
}
