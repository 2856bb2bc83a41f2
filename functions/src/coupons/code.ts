/** New coupon codes (the format, check character and reading back live in shared/src/coupons/code.ts). */
import { randomInt } from 'node:crypto'
import { COUPON_CODE_ALPHABET, couponCheckChar } from '@huiyuan/shared/coupons/code'

export { formatCouponCode, normalizeCouponCode } from '@huiyuan/shared/coupons/code'

export const newCouponCode = (): string => {
  const body = Array.from({ length: 15 }, () => COUPON_CODE_ALPHABET[randomInt(COUPON_CODE_ALPHABET.length)]).join('')
  return body + couponCheckChar(body)
}
