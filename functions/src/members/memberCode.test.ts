import { issueMemberCode, verifyMemberCode } from './memberCode'
import { newCardNo } from './cardNumber'

const SECRET = 'test-secret'
const rules = { stepSeconds: 60, graceSeconds: 10 }
const at = (iso: string) => new Date(iso)

describe('dynamic member code', () => {
  const cardNo = newCardNo()

  it('is 18 digits naming the card, and verifies within its step', () => {
    const issued = issueMemberCode(cardNo, SECRET, at('2026-11-25T02:00:05Z'), rules)
    expect(issued.code).toMatch(/^\d{18}$/)
    expect(issued.code.startsWith(cardNo)).toBe(true)
    expect(issued.refreshInSeconds).toBe(55)
    expect(issued.expiresAt.toISOString()).toBe('2026-11-25T02:01:10.000Z')
    expect(verifyMemberCode(issued.code, SECRET, at('2026-11-25T02:00:59Z'), rules)).toEqual({ cardNo })
  })

  it('changes every step', () => {
    const a = issueMemberCode(cardNo, SECRET, at('2026-11-25T02:00:05Z'), rules).code
    const b = issueMemberCode(cardNo, SECRET, at('2026-11-25T02:01:05Z'), rules).code
    expect(a).not.toBe(b)
  })

  it('accepts a code during the scan grace, then reports it expired', () => {
    const { code } = issueMemberCode(cardNo, SECRET, at('2026-11-25T02:00:50Z'), rules)
    expect(verifyMemberCode(code, SECRET, at('2026-11-25T02:01:09Z'), rules)).toEqual({ cardNo })
    expect(() => verifyMemberCode(code, SECRET, at('2026-11-25T02:01:11Z'), rules)).toThrow(
      expect.objectContaining({ code: 'CODE_EXPIRED' }),
    )
    expect(() => verifyMemberCode(code, SECRET, at('2026-11-25T02:25:00Z'), rules)).toThrow(
      expect.objectContaining({ code: 'CODE_EXPIRED' }),
    )
    // Past the lookback a code is simply not valid (the check does the same work either way).
    expect(() => verifyMemberCode(code, SECRET, at('2026-11-25T05:00:00Z'), rules)).toThrow(
      expect.objectContaining({ code: 'CODE_INVALID' }),
    )
  })

  it('rejects forged, mistyped and foreign-secret codes as invalid', () => {
    const now = at('2026-11-25T02:00:05Z')
    const { code } = issueMemberCode(cardNo, SECRET, now, rules)
    const forged = code.slice(0, 10) + String((Number(code.slice(10)) + 1) % 1e8).padStart(8, '0')
    expect(() => verifyMemberCode(forged, SECRET, now, rules)).toThrow(expect.objectContaining({ code: 'CODE_INVALID' }))
    const typo = `${(Number(code[3]) + 1) % 10}`
    expect(() => verifyMemberCode(code.slice(0, 3) + typo + code.slice(4), SECRET, now, rules)).toThrow(
      expect.objectContaining({ code: 'CODE_INVALID' }),
    )
    expect(() => verifyMemberCode(code, 'another-secret', now, rules)).toThrow(expect.objectContaining({ code: 'CODE_INVALID' }))
    expect(() => verifyMemberCode('abc', SECRET, now, rules)).toThrow(expect.objectContaining({ code: 'CODE_INVALID' }))
  })

  it('does not accept a code from the future', () => {
    const { code } = issueMemberCode(cardNo, SECRET, at('2026-11-25T02:05:00Z'), rules)
    expect(() => verifyMemberCode(code, SECRET, at('2026-11-25T02:00:00Z'), rules)).toThrow(
      expect.objectContaining({ code: 'CODE_INVALID' }),
    )
  })
})
