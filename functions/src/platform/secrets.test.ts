import type { GetParametersByPathCommand } from '@aws-sdk/client-ssm'
import { loadSecrets, resetSecrets, type SsmReader } from './secrets'

/** An SSM client that fails the first `failures` calls, then answers from `pages`. */
const fakeSsm = (pages: Array<Record<string, string>>, failures = 0) => {
  const calls: Array<{ Path?: string; NextToken?: string; WithDecryption?: boolean }> = []
  let failing = failures
  const ssm: SsmReader = {
    async send(command: GetParametersByPathCommand) {
      calls.push(command.input)
      if (failing > 0) {
        failing--
        throw new Error('ThrottlingException: Rate exceeded')
      }
      const i = Number(command.input.NextToken ?? 0)
      return {
        Parameters: Object.entries(pages[i]!).map(([Name, Value]) => ({ Name, Value })),
        ...(i + 1 < pages.length ? { NextToken: String(i + 1) } : {}),
      }
    },
  }
  return { ssm, calls }
}

beforeEach(() => resetSecrets())

describe('loadSecrets', () => {
  it('loads every page of the stage path into the environment, once per container', async () => {
    const env: Record<string, string | undefined> = { SECRETS_SSM_PATH: '/huiyuan/prod/' }
    const { ssm, calls } = fakeSsm([{ '/huiyuan/prod/token-secret': 't'.repeat(40) }, { '/huiyuan/prod/member-code-secret': 'm' }])
    await loadSecrets(env, { ssm })
    expect(env.TOKEN_SECRET).toBe('t'.repeat(40))
    expect(env.MEMBER_CODE_SECRET).toBe('m')
    expect(calls).toHaveLength(2)
    expect(calls[0]).toMatchObject({ Path: '/huiyuan/prod/', WithDecryption: true })
    await loadSecrets(env, { ssm })
    expect(calls).toHaveLength(2)
  })

  it('retries on the next request after a failed load instead of keeping the failure', async () => {
    const env: Record<string, string | undefined> = { SECRETS_SSM_PATH: '/huiyuan/prod/' }
    const { ssm, calls } = fakeSsm([{ '/huiyuan/prod/token-secret': 'secret-value' }], 1)
    await expect(loadSecrets(env, { ssm })).rejects.toThrow('ThrottlingException')
    expect(env.TOKEN_SECRET).toBeUndefined()
    await loadSecrets(env, { ssm })
    expect(env.TOKEN_SECRET).toBe('secret-value')
    expect(calls).toHaveLength(2)
  })

  it('sets nothing when a later page fails, and loads all pages on the retry', async () => {
    const env: Record<string, string | undefined> = { SECRETS_SSM_PATH: '/huiyuan/prod/' }
    const pages: Array<Record<string, string>> = [{ '/huiyuan/prod/token-secret': 'a' }, { '/huiyuan/prod/phone-hash-secret': 'b' }]
    let call = 0
    const flaky: SsmReader = {
      async send(command) {
        if (call++ === 1) throw new Error('network')
        return fakeSsm(pages).ssm.send(command)
      },
    }
    await expect(loadSecrets(env, { ssm: flaky })).rejects.toThrow('network')
    expect(env.TOKEN_SECRET).toBeUndefined()
    await loadSecrets(env, { ssm: flaky })
    expect(env).toMatchObject({ TOKEN_SECRET: 'a', PHONE_HASH_SECRET: 'b' })
  })

  it('concurrent requests share one load', async () => {
    const env: Record<string, string | undefined> = { SECRETS_SSM_PATH: '/huiyuan/prod/' }
    const { ssm, calls } = fakeSsm([{ '/huiyuan/prod/token-secret': 'x' }])
    await Promise.all([loadSecrets(env, { ssm }), loadSecrets(env, { ssm }), loadSecrets(env, { ssm })])
    expect(calls).toHaveLength(1)
  })

  it('does nothing without a path (stage local, or a function that holds no secrets)', async () => {
    const { ssm, calls } = fakeSsm([{}])
    await loadSecrets({ SECRETS_SSM_PATH: 'none' }, { ssm })
    await loadSecrets({}, { ssm })
    expect(calls).toHaveLength(0)
  })
})
