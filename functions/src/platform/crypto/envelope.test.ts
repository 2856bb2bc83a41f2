import { envelopeCipher, localKeyWrapper, lookupHash } from './envelope'

const KEY = 'aa'.repeat(32)

describe('envelope encryption', () => {
  const cipher = envelopeCipher(localKeyWrapper(KEY))

  it('round-trips and never stores the clear value', async () => {
    const sealed = await cipher.encrypt('13812341234')
    expect(sealed).not.toContain('13812341234')
    expect(sealed.startsWith('v1.local.')).toBe(true)
    expect(await cipher.decrypt(sealed)).toBe('13812341234')
  })

  it('uses a fresh data key and IV per value', async () => {
    const [a, b] = [await cipher.encrypt('13812341234'), await cipher.encrypt('13812341234')]
    expect(a).not.toBe(b)
  })

  it('detects tampering and refuses another master key', async () => {
    const sealed = await cipher.encrypt('13812341234')
    const parts = sealed.split('.')
    const ct = Buffer.from(parts[4]!, 'base64url')
    ct[0] = ct[0]! ^ 1
    parts[4] = ct.toString('base64url')
    await expect(cipher.decrypt(parts.join('.'))).rejects.toThrow()
    await expect(envelopeCipher(localKeyWrapper('bb'.repeat(32))).decrypt(sealed)).rejects.toThrow()
  })

  it('hashes for lookups deterministically per secret', () => {
    expect(lookupHash('s', '138')).toBe(lookupHash('s', '138'))
    expect(lookupHash('s', '138')).not.toBe(lookupHash('t', '138'))
  })
})
