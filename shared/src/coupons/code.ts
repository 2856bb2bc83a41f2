/**
 * Coupon codes, one definition for the server and the mini-program: 15 random characters
 * from Crockford's base32 alphabet plus one check character (Luhn mod 32), so a mistyped
 * code is refused before any lookup. Shown grouped as XXXX-XXXX-XXXX-XXXX; dashes, spaces
 * and case are ignored when read back, and I/L → 1, O → 0 as Crockford intends.
 */
export const COUPON_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const N = COUPON_CODE_ALPHABET.length

/** The check character of a code's first 15 characters. */
export const couponCheckChar = (body: string): string => {
  let factor = 2
  let sum = 0
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * COUPON_CODE_ALPHABET.indexOf(body[i]!)
    factor = factor === 2 ? 1 : 2
    addend = Math.floor(addend / N) + (addend % N)
    sum += addend
  }
  return COUPON_CODE_ALPHABET[(N - (sum % N)) % N]!
}

/** A typed or scanned code in the stored form (upper case, no separators, Crockford's look-alikes mapped). */
export const canonicalCouponCode = (input: string): string =>
  input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')

/** The stored form of a valid code (16 characters, right check character), or null. */
export const normalizeCouponCode = (input: string): string | null => {
  const s = canonicalCouponCode(input)
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return null
  return couponCheckChar(s.slice(0, 15)) === s[15] ? s : null
}

export const isCouponCode = (input: string): boolean => normalizeCouponCode(input) !== null

/** ABCD1234EFGH5678 → ABCD-1234-EFGH-5678 */
export const formatCouponCode = (code: string): string => canonicalCouponCode(code).replace(/(.{4})(?=.)/g, '$1-')
