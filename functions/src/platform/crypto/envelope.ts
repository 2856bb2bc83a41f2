/**
 * Envelope encryption for personal data (phone numbers) and store systems' API secrets. Each
 * value gets a fresh 256-bit data key; the value is sealed with AES-256-GCM under that key,
 * and the data key is itself wrapped by a key-encryption key: AWS KMS on AWS, a configured
 * local master key on stage local.
 *
 * Every value is bound to an encryption context that says whose it is (`{memberId}` for
 * personal data, `{keyId}` for a POS secret): KMS gets it as its EncryptionContext, the
 * local wrapper and the value's own seal as AES-GCM additional authenticated data. Decrypting
 * with another context fails, so a sealed value copied onto another item is useless.
 *
 * Stored form: `v2.<kid>.<wrappedKey>.<iv>.<ciphertext+tag>` (base64url). Values sealed
 * before contexts (`v1.…`) still decrypt, without a context check; scripts/lib/migrate.ts
 * reseals the local ones.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

export type EncryptionContext = Record<string, string>

export interface KeyWrapper {
  readonly kid: 'local' | 'kms'
  /** Returns a new plaintext data key and its wrapped form, bound to `context`. */
  newDataKey(context: EncryptionContext): Promise<{ plaintext: Buffer; wrapped: Buffer }>
  /** `context` undefined only for values sealed before contexts (v1). */
  unwrap(wrapped: Buffer, context: EncryptionContext | undefined): Promise<Buffer>
}

const b64 = (b: Buffer) => b.toString('base64url')
const unb64 = (s: string) => Buffer.from(s, 'base64url')

/** The context as bytes: keys sorted, so the same context always gives the same bytes. */
export const contextBytes = (context: EncryptionContext): Buffer =>
  Buffer.from(
    JSON.stringify(
      Object.keys(context)
        .sort()
        .map((k) => [k, context[k]]),
    ),
    'utf8',
  )

const checkContext = (context: EncryptionContext | undefined): EncryptionContext => {
  if (!context || Object.keys(context).length === 0) throw new Error('An encryption context is required')
  for (const [k, v] of Object.entries(context)) {
    if (typeof v !== 'string' || v === '') throw new Error(`Encryption context ${k} must be a non-empty string`)
  }
  return context
}

const seal = (key: Buffer, plaintext: Buffer, aad?: Buffer) => {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  if (aad) c.setAAD(aad)
  const ct = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()])
  return { iv, ct }
}

const open = (key: Buffer, iv: Buffer, ctAndTag: Buffer, aad?: Buffer) => {
  const d = createDecipheriv('aes-256-gcm', key, iv)
  if (aad) d.setAAD(aad)
  d.setAuthTag(ctAndTag.subarray(ctAndTag.length - 16))
  return Buffer.concat([d.update(ctAndTag.subarray(0, ctAndTag.length - 16)), d.final()])
}

/** Local key-encryption key: AES-256-GCM with a configured master key, the context as AAD. */
export const localKeyWrapper = (masterKeyHex: string): KeyWrapper => {
  const master = Buffer.from(masterKeyHex, 'hex')
  if (master.length !== 32) throw new Error('The local master key must be 32 bytes (64 hex characters)')
  return {
    kid: 'local',
    async newDataKey(context) {
      const plaintext = randomBytes(32)
      const { iv, ct } = seal(master, plaintext, contextBytes(context))
      return { plaintext, wrapped: Buffer.concat([iv, ct]) }
    },
    async unwrap(wrapped, context) {
      return open(master, wrapped.subarray(0, 12), wrapped.subarray(12), context ? contextBytes(context) : undefined)
    },
  }
}

export interface EnvelopeCipher {
  encrypt(plaintext: string, context: EncryptionContext): Promise<string>
  decrypt(sealed: string, context: EncryptionContext): Promise<string>
}

export const envelopeCipher = (wrapper: KeyWrapper): EnvelopeCipher => {
  /** Unwrapped data keys by (context, wrapped key), so reading a profile does not cost a KMS call each time. */
  const cache = new Map<string, Buffer>()
  return {
    async encrypt(plaintext, context) {
      const aad = contextBytes(checkContext(context))
      const { plaintext: dk, wrapped } = await wrapper.newDataKey(context)
      const { iv, ct } = seal(dk, Buffer.from(plaintext, 'utf8'), aad)
      return ['v2', wrapper.kid, b64(wrapped), b64(iv), b64(ct)].join('.')
    },
    async decrypt(sealed, context) {
      const aad = contextBytes(checkContext(context))
      const [v, kid, wrapped, iv, ct] = sealed.split('.')
      if ((v !== 'v1' && v !== 'v2') || kid !== wrapper.kid || !wrapped || !iv || !ct) throw new Error('Unsupported sealed value')
      const bound = v === 'v2'
      const cacheKey = bound ? `${aad.toString('base64url')}.${wrapped}` : wrapped
      let dk = cache.get(cacheKey)
      if (!dk) {
        dk = await wrapper.unwrap(unb64(wrapped), bound ? context : undefined)
        if (cache.size > 1000) cache.clear()
        cache.set(cacheKey, dk)
      }
      return open(dk, unb64(iv), unb64(ct), bound ? aad : undefined).toString('utf8')
    },
  }
}

/** Keyed hash for equality lookups on encrypted values (e.g. find a member by phone). */
export const lookupHash = (secret: string, value: string): string => createHmac('sha256', secret).update(value).digest('hex')
