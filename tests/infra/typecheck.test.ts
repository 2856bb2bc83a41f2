/**
 * The whole project type-checks in strict mode (jest compiles with swc, which strips types
 * without checking them, so this is where a type error fails the run).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')

test('tsc --noEmit passes for shared, functions, miniprogram, scripts and tests', () => {
  const tsc = require.resolve('typescript/bin/tsc')
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  })
  expect(r.stdout + r.stderr).toBe('')
  expect(r.status).toBe(0)
}, 300_000)
