import { config } from '../config'
import { envelopeCipher, localKeyWrapper, type EnvelopeCipher } from './envelope'
import { kmsKeyWrapper } from './kms'

let cached: EnvelopeCipher | undefined
/** The cipher for personal data, per config: KMS on AWS, a local master key on stage local. */
export const personalDataCipher = (): EnvelopeCipher => {
  if (!cached) {
    const c = config()
    cached = envelopeCipher(c.phoneKmsKeyId ? kmsKeyWrapper(c.phoneKmsKeyId) : localKeyWrapper(c.phoneLocalMasterKeyHex!))
  }
  return cached
}
export { lookupHash } from './envelope'
