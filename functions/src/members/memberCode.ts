/**
 * The dynamic member code shown at the till: 18 digits = card number (10) + a
 * time-based one-time code (8, HOTP over a 60-second step, RFC 4226 via otplib, SHA-256)
 * keyed per card from a server secret. A screenshot stops working once its step (plus a
 * short scan grace) has passed; a forged or mistyped code never matches.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { hotp } from 'otplib'
import { HashAlgorithms, KeyEncodings } from '@otplib/core'
import { DomainError } from '@huiyuan/shared/errors'
import { isValidCardNo } from './cardNumber'

const generator = hotp.clone({ digits: 8, algorithm: HashAlgorithms.SHA256, encoding: KeyEncodings.HEX })

export interface CodeRules {
  stepSeconds: number
  /** How long after its step ends a code is still accepted (scan latency). */
  graceSeconds: number
}

/** How many steps back a genuine code is reported as "expired" rather than "invalid". */
export const EXPIRED_LOOKBACK_STEPS = 30

export const memberCodeKey = (masterSecret: string, cardNo: string): string =>
  createHmac('sha256', masterSecret).update(`member-code:v1:${cardNo}`).digest('hex')

const stepOf = (at: Date, stepSeconds: number) => Math.floor(at.getTime() / 1000 / stepSeconds)

export interface IssuedCode {
  code: string
  issuedAt: Date
  expiresAt: Date
  refreshInSeconds: number
}

export function issueMemberCode(cardNo: string, masterSecret: string, now: Date, rules: CodeRules): IssuedCode {
  const step = stepOf(now, rules.stepSeconds)
  const otp = generator.generate(memberCodeKey(masterSecret, cardNo), step)
  const stepEndsMs = (step + 1) * rules.stepSeconds * 1000
  return {
    code: `${cardNo}${otp}`,
    issuedAt: now,
    expiresAt: new Date(stepEndsMs + rules.graceSeconds * 1000),
    refreshInSeconds: Math.max(1, Math.ceil((stepEndsMs - now.getTime()) / 1000)),
  }
}

/** The card number a code names (for the per-card failure count), or CODE_INVALID if it names none. */
export function parseMemberCode(code: string): { cardNo: string; otp: string } {
  const trimmed = code.replace(/\s+/g, '')
  if (!/^\d{18}$/.test(trimmed)) throw new DomainError('CODE_INVALID', 'Not a member code')
  const cardNo = trimmed.slice(0, 10)
  if (!isValidCardNo(cardNo)) throw new DomainError('CODE_INVALID', 'Not a member code (check digit)')
  return { cardNo, otp: trimmed.slice(10) }
}

/**
 * Verifies a scanned code and returns the card number it names. Throws CODE_INVALID for
 * malformed, mistyped (card check digit) or forged codes, CODE_EXPIRED for genuine codes of
 * the last EXPIRED_LOOKBACK_STEPS steps. A wrong code costs what a right one does: the same
 * candidates are computed and compared in constant time every time.
 */
export function verifyMemberCode(code: string, masterSecret: string, now: Date, rules: CodeRules): { cardNo: string } {
  const { cardNo, otp } = parseMemberCode(code)
  const key = memberCodeKey(masterSecret, cardNo)
  const step = stepOf(now, rules.stepSeconds)
  const given = Buffer.from(otp)
  const matches = Array.from({ length: EXPIRED_LOOKBACK_STEPS + 1 }, (_, back) =>
    timingSafeEqual(Buffer.from(generator.generate(key, step - back)), given),
  )
  const intoStep = now.getTime() / 1000 - step * rules.stepSeconds
  if (matches[0] || (matches[1] && intoStep <= rules.graceSeconds)) return { cardNo }
  if (matches.some(Boolean)) throw new DomainError('CODE_EXPIRED', 'This member code has expired; ask for a fresh one')
  throw new DomainError('CODE_INVALID', 'Not a valid member code')
}
