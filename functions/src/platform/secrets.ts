import { SSMClient, GetParametersByPathCommand } from '@aws-sdk/client-ssm'
import { resetConfig } from './config'

/**
 * On AWS, secrets live in SSM SecureString parameters under SECRETS_SSM_PATH
 * (/huiyuan/<stage>/token-secret → TOKEN_SECRET). They are loaded once per container
 * before config is first read, so they never sit in the function's configuration.
 */
let loaded: Promise<void> | undefined

export const loadSecrets = (env: NodeJS.ProcessEnv = process.env): Promise<void> => {
  const path = env.SECRETS_SSM_PATH
  if (!path || path === 'none') return Promise.resolve()
  loaded ??= (async () => {
    const ssm = new SSMClient({})
    let NextToken: string | undefined
    do {
      const out = await ssm.send(new GetParametersByPathCommand({ Path: path, WithDecryption: true, Recursive: false, NextToken }))
      for (const p of out.Parameters ?? []) {
        const name = p.Name?.slice(path.length).replace(/-/g, '_').toUpperCase()
        if (name && p.Value !== undefined) env[name] = p.Value
      }
      NextToken = out.NextToken
    } while (NextToken)
    resetConfig()
  })()
  return loaded
}
