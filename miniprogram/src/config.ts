/** App-wide constants, in one place. */

// The privacy policy version a member accepts comes from the API (services/policy.ts).

/** '' on H5 (same-origin, /v1 proxied); an absolute URL on weapp. */
export const API_BASE: string = HUIYUAN_API_BASE

export const IS_H5 = process.env.TARO_ENV === 'h5'
export const IS_WEAPP = process.env.TARO_ENV === 'weapp'
