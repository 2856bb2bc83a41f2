import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import type { KeyWrapper } from './envelope'

export interface KmsSender {
  send(command: GenerateDataKeyCommand | DecryptCommand): Promise<{ Plaintext?: Uint8Array; CiphertextBlob?: Uint8Array }>
}

/**
 * AWS KMS as the key-encryption key: data keys are generated and unwrapped by KMS, always
 * with the value's encryption context (KMS refuses to unwrap under another one, and logs
 * the context in CloudTrail).
 */
export const kmsKeyWrapper = (keyId: string, client: KmsSender = new KMSClient({})): KeyWrapper => ({
  kid: 'kms',
  async newDataKey(context) {
    const out = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }))
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key')
    return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) }
  },
  async unwrap(wrapped, context) {
    const out = await client.send(
      new DecryptCommand({ CiphertextBlob: wrapped, KeyId: keyId, ...(context ? { EncryptionContext: context } : {}) }),
    )
    if (!out.Plaintext) throw new Error('KMS could not unwrap the data key')
    return Buffer.from(out.Plaintext)
  },
})
