import { KMSClient, GenerateDataKeyCommand, DecryptCommand } from '@aws-sdk/client-kms'
import type { KeyWrapper } from './envelope'

/** AWS KMS as the key-encryption key: data keys are generated and unwrapped by KMS. */
export const kmsKeyWrapper = (keyId: string, client = new KMSClient({})): KeyWrapper => ({
  kid: 'kms',
  async newDataKey() {
    const out = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }))
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key')
    return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) }
  },
  async unwrap(wrapped) {
    const out = await client.send(new DecryptCommand({ CiphertextBlob: wrapped, KeyId: keyId }))
    if (!out.Plaintext) throw new Error('KMS could not unwrap the data key')
    return Buffer.from(out.Plaintext)
  },
})
