import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm'
import { resetConfig } from './config'

/**
 * On AWS, secrets live in SSM SecureString parameters under SECRETS_SSM_PATH
 * (/huiyuan/<stage>/token-secret → TOKEN_SECRET). They are loaded once per container
 * before config is first read, so they never sit in the function's configuration. A load
 * that fails is not kept: the next request tries again.
 */
export interface SsmReader {
  send(command: GetParametersByPathCommand): Promise<{ Parameters?: Array<{ Name?: string; Value?: string }>; NextToken?: string }>
}

let loaded: Promise<void> | undefined
let client: SsmReader | undefined

export const loadSecrets = (env: Record<string, string | undefined> = process.env, opts: { ssm?: SsmReader } = {}): Promise<void> => {
  const path = env.SECRETS_SSM_PATH
  if (!path || path === 'none') return Promise.resolve()
  if (!loaded) {
    const attempt = (async () => {
      if (!opts.ssm) client ??= new SSMClient({})
      const ssm = opts.ssm ?? client!
      const found: Record<string, string> = {}
      let NextToken: string | undefined
      do {
        const out = await ssm.send(new GetParametersByPathCommand({ Path: path, WithDecryption: true, Recursive: false, NextToken }))
        for (const p of out.Parameters ?? []) {
          const name = p.Name?.slice(path.length).replace(/-/g, '_').toUpperCase()
          if (name && p.Value !== undefined) found[name] = p.Value
        }
        NextToken = out.NextToken
      } while (NextToken)
      // All pages or nothing: a half-loaded environment is never seen.
      Object.assign(env, found)
      resetConfig()
    })()
    loaded = attempt
    attempt.catch(() => {
      if (loaded === attempt) loaded = undefined
    })
  }
  return loaded
}

/** Tests: forget what was loaded. */
export const resetSecrets = (): void => {
  loaded = undefined
}
