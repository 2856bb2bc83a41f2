/**
 * The join QR code's `scene`, URL-encoded: a store's `s=<storeId>`, a friend's invitation
 * `s=<storeId>&r=<referralCode>`, or a group's enrolment code (集体办理)
 * `s=<storeId>&g=<enrolmentCode>`. On weapp it arrives as `options.scene`; on H5 as the
 * `scene` query of the hash route.
 */
export interface JoinScene {
  storeId: string
  referralCode?: string
  /** A group's enrolment code, upper case as the API issues it. */
  enrolmentCode?: string
}

const decodeFully = (raw: string): string => {
  let s = raw
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(s); i++) {
    try {
      s = decodeURIComponent(s)
    } catch {
      break
    }
  }
  return s
}

export function parseScene(raw: string | undefined | null): JoinScene | null {
  if (!raw) return null
  const pairs = decodeFully(raw).split('&')
  const values: Record<string, string> = {}
  for (const p of pairs) {
    const i = p.indexOf('=')
    if (i > 0) values[p.slice(0, i)] = p.slice(i + 1)
  }
  const storeId = values.s?.trim()
  if (!storeId) return null
  const referralCode = values.r?.trim()
  const enrolmentCode = values.g?.trim().toUpperCase()
  return { storeId, ...(referralCode ? { referralCode } : {}), ...(enrolmentCode ? { enrolmentCode } : {}) }
}
