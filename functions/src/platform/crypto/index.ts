import { config } from '../config'
import { type EnvelopeCipher, envelopeCipher, localKeyWrapper } from './envelope'
import { kmsKeyWrapper } from './kms'

let personal: EnvelopeCipher | undefined
let pos: EnvelopeCipher | undefined

/**
 * The cipher for members' personal data (KMS key `…-personal-data` on AWS, the local phone
 * master key on stage local). Context: `{ memberId }`.
 */
export const personalDataCipher = (): EnvelopeCipher => {
  if (!personal) {
    const c = config()
    personal = envelopeCipher(c.phoneKmsKeyId ? kmsKeyWrapper(c.phoneKmsKeyId) : localKeyWrapper(c.phoneLocalMasterKeyHex!))
  }
  return personal
}

/**
 * The cipher for store systems' API secrets, under a key of its own (KMS key `…-pos-secrets`
 * on AWS, a second local master key on stage local). Context: `{ keyId }`.
 */
export const posSecretCipher = (): EnvelopeCipher => {
  if (!pos) {
    const c = config()
    pos = envelopeCipher(c.posKmsKeyId ? kmsKeyWrapper(c.posKmsKeyId) : localKeyWrapper(c.posLocalMasterKeyHex!))
  }
  return pos
}

export { type EncryptionContext, type EnvelopeCipher, lookupHash } from './envelope'
