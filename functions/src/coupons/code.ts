/**
 * Coupon codes: 15 random characters (75 bits) from Crockford's base32 alphabet plus one
 * check character (Luhn mod 32), so a mistyped code is refused before any lookup and
 * guessing a live code is hopeless. Shown grouped as XXXX-XXXX-XXXX-XXXX; dashes, spaces
 * and case are ignored when read back, and I/L → 1, O → 0 as Crockford intends.
 */
import { randomInt } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const N = ALPHABET.length

const checkChar = (body: string): string => {
  let factor = 2
  let sum = 0
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * ALPHABET.indexOf(body[i]!)
    factor = factor === 2 ? 1 : 2
    addend = Math.floor(addend / N) + (addend % N)
    sum += addend
  }
  return ALPHABET[(N - (sum % N)) % N]!
}

export const newCouponCode = (): string => {
  const body = Array.from({ length: 15 }, () => ALPHABET[randomInt(N)]).join('')
  return body + checkChar(body)
}

/** Canonical form of a typed or scanned code, or null when it cannot be a coupon code. */
export const normalizeCouponCode = (input: string): string | null => {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return null
  return checkChar(s.slice(0, 15)) === s[15] ? s : null
}

export const formatCouponCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-')
