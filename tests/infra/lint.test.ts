/**
 * One formatter and linter over the whole repository (Biome, biome.jsonc). Fix locally with
 * `npm run lint:fix`.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')

test('biome ci: formatted and lint-clean', () => {
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/biome'), ['ci', '--colors=off', '--max-diagnostics=20', '.'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (r.status !== 0) throw new Error(`biome ci failed — run \`npm run lint:fix\`:\n${r.stdout}\n${r.stderr}`)
  expect(r.status).toBe(0)
})
