import { createCipheriv, randomBytes } from 'node:crypto'
import type { DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms'
import { envelopeCipher, localKeyWrapper, lookupHash } from './envelope'
import { kmsKeyWrapper } from './kms'

const KEY = 'aa'.repeat(32)
const ALICE = { memberId: '01JALICE' }
const BOB = { memberId: '01JBOB' }

/** A value as sealed before encryption contexts: `v1.local.…`, no additional authenticated data. */
const sealV1 = (masterKeyHex: string, plaintext: string) => {
  const gcm = (key: Buffer, data: Buffer) => {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', key, iv)
    return { iv, ct: Buffer.concat([c.update(data), c.final(), c.getAuthTag()]) }
  }
  const dk = randomBytes(32)
  const wrapped = gcm(Buffer.from(masterKeyHex, 'hex'), dk)
  const value = gcm(dk, Buffer.from(plaintext, 'utf8'))
  return [
    'v1',
    'local',
    Buffer.concat([wrapped.iv, wrapped.ct]).toString('base64url'),
    value.iv.toString('base64url'),
    value.ct.toString('base64url'),
  ].join('.')
}

describe('envelope encryption', () => {
  const cipher = envelopeCipher(localKeyWrapper(KEY))

  it('round-trips and never stores the clear value', async () => {
    const sealed = await cipher.encrypt('13812341234', ALICE)
    expect(sealed).not.toContain('13812341234')
    expect(sealed.startsWith('v2.local.')).toBe(true)
    expect(await cipher.decrypt(sealed, ALICE)).toBe('13812341234')
  })

  it('uses a fresh data key and IV per value', async () => {
    const [a, b] = [await cipher.encrypt('13812341234', ALICE), await cipher.encrypt('13812341234', ALICE)]
    expect(a).not.toBe(b)
  })

  it('detects tampering and refuses another master key', async () => {
    const sealed = await cipher.encrypt('13812341234', ALICE)
    const parts = sealed.split('.')
    const ct = Buffer.from(parts[4]!, 'base64url')
    ct[0] = ct[0]! ^ 1
    parts[4] = ct.toString('base64url')
    await expect(cipher.decrypt(parts.join('.'), ALICE)).rejects.toThrow()
    await expect(envelopeCipher(localKeyWrapper('bb'.repeat(32))).decrypt(sealed, ALICE)).rejects.toThrow()
  })

  it('binds each value to its context: another member, another key name or no context fails', async () => {
    const sealed = await cipher.encrypt('13812341234', ALICE)
    await expect(cipher.decrypt(sealed, BOB)).rejects.toThrow()
    await expect(cipher.decrypt(sealed, { keyId: ALICE.memberId })).rejects.toThrow()
    await expect(cipher.decrypt(sealed, { ...ALICE, extra: 'x' })).rejects.toThrow()
    await expect(cipher.decrypt(sealed, {})).rejects.toThrow('An encryption context is required')
    await expect(cipher.encrypt('13812341234', {})).rejects.toThrow('An encryption context is required')
    // The right context still opens it after a wrong one was tried (nothing cached under the wrong one).
    expect(await cipher.decrypt(sealed, ALICE)).toBe('13812341234')
    // A fresh cipher (no cached data key): the wrapped data key itself is bound too.
    await expect(envelopeCipher(localKeyWrapper(KEY)).decrypt(sealed, BOB)).rejects.toThrow()
  })

  it('binds the wrapped data key as well (as KMS does with its encryption context)', async () => {
    const wrapper = localKeyWrapper(KEY)
    const { plaintext, wrapped } = await wrapper.newDataKey(ALICE)
    expect(await wrapper.unwrap(wrapped, ALICE)).toEqual(plaintext)
    await expect(wrapper.unwrap(wrapped, BOB)).rejects.toThrow()
  })

  it('the context is order-independent', async () => {
    const sealed = await cipher.encrypt('s', { a: '1', b: '2' })
    expect(await cipher.decrypt(sealed, { b: '2', a: '1' })).toBe('s')
  })

  it('still decrypts values sealed before contexts (v1)', async () => {
    const old = sealV1(KEY, '13812341234')
    expect(await envelopeCipher(localKeyWrapper(KEY)).decrypt(old, ALICE)).toBe('13812341234')
  })

  it('hashes for lookups deterministically per secret', () => {
    expect(lookupHash('s', '138')).toBe(lookupHash('s', '138'))
    expect(lookupHash('s', '138')).not.toBe(lookupHash('t', '138'))
  })
})

describe('KMS key wrapper', () => {
  it('sends the encryption context with every GenerateDataKey and Decrypt', async () => {
    const sent: Array<{ name: string; input: Record<string, unknown> }> = []
    const dk = randomBytes(32)
    const kms = {
      async send(command: GenerateDataKeyCommand | DecryptCommand) {
        sent.push({ name: command.constructor.name, input: command.input as Record<string, unknown> })
        return { Plaintext: new Uint8Array(dk), CiphertextBlob: new Uint8Array([1, 2, 3]) }
      },
    }
    const cipher = envelopeCipher(kmsKeyWrapper('alias/huiyuan-prod-pos-secrets', kms))
    const sealed = await cipher.encrypt('hys_secret', { keyId: 'pk_1' })
    expect(sealed.startsWith('v2.kms.')).toBe(true)
    expect(await envelopeCipher(kmsKeyWrapper('alias/huiyuan-prod-pos-secrets', kms)).decrypt(sealed, { keyId: 'pk_1' })).toBe('hys_secret')
    expect(sent).toEqual([
      {
        name: 'GenerateDataKeyCommand',
        input: { KeyId: 'alias/huiyuan-prod-pos-secrets', KeySpec: 'AES_256', EncryptionContext: { keyId: 'pk_1' } },
      },
      {
        name: 'DecryptCommand',
        input: { KeyId: 'alias/huiyuan-prod-pos-secrets', CiphertextBlob: Buffer.from([1, 2, 3]), EncryptionContext: { keyId: 'pk_1' } },
      },
    ])
  })
})
