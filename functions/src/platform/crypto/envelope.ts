/**
 * Envelope encryption for personal data (phone numbers). Each value gets a fresh 256-bit
 * data key; the value is sealed with AES-256-GCM under that key, and the data key is
 * itself wrapped by a key-encryption key: AWS KMS on AWS, a configured local master key
 * on stage local. Stored form: `v1.<kid>.<wrappedKey>.<iv>.<ciphertext+tag>` (base64url).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

export interface KeyWrapper {
  readonly kid: 'local' | 'kms'
  /** Returns a new plaintext data key and its wrapped form. */
  newDataKey(): Promise<{ plaintext: Buffer; wrapped: Buffer }>
  unwrap(wrapped: Buffer): Promise<Buffer>
}

const b64 = (b: Buffer) => b.toString('base64url')
const unb64 = (s: string) => Buffer.from(s, 'base64url')

const seal = (key: Buffer, plaintext: Buffer) => {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  const ct = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()])
  return { iv, ct }
}

const open = (key: Buffer, iv: Buffer, ctAndTag: Buffer) => {
  const d = createDecipheriv('aes-256-gcm', key, iv)
  d.setAuthTag(ctAndTag.subarray(ctAndTag.length - 16))
  return Buffer.concat([d.update(ctAndTag.subarray(0, ctAndTag.length - 16)), d.final()])
}

/** Local key-encryption key: AES-256-GCM with a configured master key. */
export const localKeyWrapper = (masterKeyHex: string): KeyWrapper => {
  const master = Buffer.from(masterKeyHex, 'hex')
  if (master.length !== 32) throw new Error('The local master key must be 32 bytes (64 hex characters)')
  return {
    kid: 'local',
    async newDataKey() {
      const plaintext = randomBytes(32)
      const { iv, ct } = seal(master, plaintext)
      return { plaintext, wrapped: Buffer.concat([iv, ct]) }
    },
    async unwrap(wrapped) {
      return open(master, wrapped.subarray(0, 12), wrapped.subarray(12))
    },
  }
}

export interface EnvelopeCipher {
  encrypt(plaintext: string): Promise<string>
  decrypt(sealed: string): Promise<string>
}

export const envelopeCipher = (wrapper: KeyWrapper): EnvelopeCipher => {
  /** Unwrapped data keys, so reading a profile does not cost a KMS call each time. */
  const cache = new Map<string, Buffer>()
  return {
    async encrypt(plaintext) {
      const { plaintext: dk, wrapped } = await wrapper.newDataKey()
      const { iv, ct } = seal(dk, Buffer.from(plaintext, 'utf8'))
      return ['v1', wrapper.kid, b64(wrapped), b64(iv), b64(ct)].join('.')
    },
    async decrypt(sealed) {
      const [v, kid, wrapped, iv, ct] = sealed.split('.')
      if (v !== 'v1' || kid !== wrapper.kid || !wrapped || !iv || !ct) throw new Error('Unsupported sealed value')
      let dk = cache.get(wrapped)
      if (!dk) {
        dk = await wrapper.unwrap(unb64(wrapped))
        if (cache.size > 1000) cache.clear()
        cache.set(wrapped, dk)
      }
      return open(dk, unb64(iv), unb64(ct)).toString('utf8')
    },
  }
}

/** Keyed hash for equality lookups on encrypted values (e.g. find a member by phone). */
export const lookupHash = (secret: string, value: string): string => createHmac('sha256', secret).update(value).digest('hex')
