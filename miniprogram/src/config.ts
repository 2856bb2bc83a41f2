/** App-wide constants, in one place. */

/**
 * The privacy policy version the member accepts when joining. The API answers
 * 422 PRIVACY_CONSENT_OUTDATED when the program requires a newer one.
 */
export const PRIVACY_POLICY_VERSION = '2026-11'

/** '' on H5 (same-origin, /v1 proxied); an absolute URL on weapp. */
export const API_BASE: string = HUIYUAN_API_BASE

export const IS_H5 = process.env.TARO_ENV === 'h5'
export const IS_WEAPP = process.env.TARO_ENV === 'weapp'
