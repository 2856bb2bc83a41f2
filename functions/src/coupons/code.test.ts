import fc from 'fast-check'
import { formatCouponCode, newCouponCode, normalizeCouponCode } from './code'

describe('coupon codes', () => {
  it('are 16 characters that validate, also when formatted or lower-cased', () => {
    for (let i = 0; i < 200; i++) {
      const c = newCouponCode()
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/)
      expect(normalizeCouponCode(c)).toBe(c)
      expect(normalizeCouponCode(formatCouponCode(c).toLowerCase())).toBe(c)
    }
  })

  it('catch every single-character typo and every adjacent swap but 0 ↔ Z', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 31 }), (pos, shift) => {
        const c = newCouponCode()
        const typo = c.slice(0, pos) + alphabet[(alphabet.indexOf(c[pos]!) + shift) % 32] + c.slice(pos + 1)
        return normalizeCouponCode(typo) === null
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 }), (pos) => {
        const c = newCouponCode()
        // Luhn mod N misses exactly one swap: the first and last characters of the alphabet (0 ↔ Z).
        if (c[pos] === c[pos + 1] || [c[pos], c[pos + 1]].sort().join('') === '0Z') return true
        const swapped = c.slice(0, pos) + c[pos + 1] + c[pos] + c.slice(pos + 2)
        return normalizeCouponCode(swapped) === null
      }),
      { numRuns: 2000 },
    )
  })

  it('are unique in practice', () => {
    const seen = new Set(Array.from({ length: 20_000 }, newCouponCode))
    expect(seen.size).toBe(20_000)
  })
})
