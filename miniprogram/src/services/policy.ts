/**
 * The privacy policy (GET /v1/privacy-policy, public): its sections and the version a member
 * accepts when joining. The app learns the version only here, so a new policy needs no new
 * app release. Fetched once per launch (a failed fetch is tried again next time);
 * `forgetPrivacyPolicy` makes the next call fetch it again (e.g. after the API said the
 * version sent was outdated).
 */
import * as z from 'zod/mini'
import { api, type ResponseOf } from './request'

export type PrivacyPolicy = ResponseOf<'getPrivacyPolicy'>

const PrivacyPolicyCheck = z.object({
  version: z.string(),
  sections: z.array(z.object({ title: z.string(), body: z.string() })),
})

let fetched: Promise<PrivacyPolicy> | null = null

export function getPrivacyPolicy(): Promise<PrivacyPolicy> {
  fetched ??= api('getPrivacyPolicy', { check: PrivacyPolicyCheck }).catch((e) => {
    fetched = null
    throw e
  })
  return fetched
}

export function forgetPrivacyPolicy(): void {
  fetched = null
}
