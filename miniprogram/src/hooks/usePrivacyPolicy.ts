import { getPrivacyPolicy, type PrivacyPolicy } from '../services/policy'
import { useRemote } from './useRemote'

/** The current privacy policy (its version and sections), from the API. */
export function usePrivacyPolicy() {
  return useRemote<PrivacyPolicy>(getPrivacyPolicy)
}
