/** `serverless package --stage prod` offline (dummy credentials): the CloudFormation template and the zips. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './stack'

export function packageFunctions(out = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-pkg-'))): string {
  fs.rmSync(out, { recursive: true, force: true })
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/serverless/bin/serverless.js'), 'package', '--stage', 'prod', '--package', out],
    {
      cwd: ROOT,
      stdio: 'pipe',
      env: {
        ...process.env,
        HUIYUAN_ESBUILD_DIR: '.esbuild-package',
        AWS_ACCESS_KEY_ID: 'AKIDUMMY',
        AWS_SECRET_ACCESS_KEY: 'dummy',
        AWS_REGION: 'cn-north-1',
        SLS_TELEMETRY_DISABLED: '1',
      },
      timeout: 240_000,
    },
  )
  return out
}
