import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules, TierRule } from '@huiyuan/shared/program/schemas'

/** Whole years between a birthday and a calendar date (both YYYY-MM-DD). */
export const ageOn = (birthday: string, today: string): number => {
  const [by, bm, bd] = birthday.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  let age = ty - by
  if (tm < bm || (tm === bm && td < bd)) age -= 1
  return age
}

export const isRealDate = (date: string): boolean => {
  const d = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date
}

export function assertJoinable(
  input: { birthday: string; privacyConsentVersion: string },
  rules: Pick<ProgramRules, 'minimumAge' | 'privacyPolicyVersion'>,
  today: string,
): void {
  assertBirthday(input.birthday, rules, today)
  if (input.privacyConsentVersion !== rules.privacyPolicyVersion) {
    throw new DomainError('PRIVACY_CONSENT_OUTDATED', 'Please read and accept the current privacy policy', {
      currentVersion: rules.privacyPolicyVersion,
    })
  }
}

const monthAfter = (month: number): number => (month % 12) + 1

/**
 * A member corrects their own birthday once (PRODUCT.md §2): a real past date, not below the
 * minimum age, and not into the current or next month — birthday benefits are not to be had
 * by moving the date towards them. Later changes are staff's, with a reason.
 */
export function assertBirthdayCorrection(
  member: { birthday: string; birthdayCorrectedAt?: string },
  birthday: string,
  rules: Pick<ProgramRules, 'minimumAge'>,
  today: string,
): void {
  if (birthday === member.birthday) return
  if (member.birthdayCorrectedAt) {
    throw new DomainError('BIRTHDAY_LOCKED', 'The birthday has already been corrected once; ask a store to change it', {
      correctedAt: member.birthdayCorrectedAt,
    })
  }
  assertBirthday(birthday, rules, today)
  const month = Number(today.slice(5, 7))
  const target = Number(birthday.slice(5, 7))
  if (target === month || target === monthAfter(month)) {
    throw new DomainError('BIRTHDAY_CHANGE_NOT_ALLOWED', 'The birthday cannot be moved into this month or next month', {
      fields: [{ field: 'body.birthday', message: 'not into this or next month', code: 'birthday_window' }],
    })
  }
}

/** A real past date and old enough (joining, corrections and staff changes alike). */
export function assertBirthday(birthday: string, rules: Pick<ProgramRules, 'minimumAge'>, today: string): void {
  if (!isRealDate(birthday) || birthday > today || birthday < '1900-01-01') {
    throw new DomainError('VALIDATION_FAILED', 'The birthday is not a real past date', {
      fields: [{ field: 'body.birthday', message: 'not a real past date', code: 'invalid_date' }],
    })
  }
  if (ageOn(birthday, today) < rules.minimumAge) {
    throw new DomainError('UNDER_MINIMUM_AGE', `Members must be at least ${rules.minimumAge}`, { minimumAge: rules.minimumAge })
  }
}

/** 13812341234 → 138****1234 */
export const maskMobile = (mobile: string): string => (mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****')

/** The entry tier: the lowest threshold. */
export const entryTier = (tiers: TierRule[]): TierRule => [...tiers].sort((a, b) => a.thresholdFen - b.thresholdFen)[0]!

/** A shopper who signed up but has not made a qualifying purchase yet (entry mode `qualify`). */
export const PENDING_TIER = { code: '', name: '待开卡' } as const

/** A pending shopper's way to the entry card: the cumulative spend it asks for. */
export function pendingProgress(entry: TierRule, q: { cumulativeFen: number; spentFen: number; remainingFen: number }) {
  return {
    current: { ...PENDING_TIER },
    next: { code: entry.code, name: entry.name },
    spendFen: q.spentFen,
    remainingFen: q.remainingFen,
    percent: q.cumulativeFen > 0 ? Math.min(100, Math.floor((q.spentFen * 100) / q.cumulativeFen)) : 0,
  }
}

export function tierProgress(tiers: TierRule[], currentCode: string, spendFen: number) {
  const sorted = [...tiers].sort((a, b) => a.thresholdFen - b.thresholdFen)
  const idx = Math.max(
    0,
    sorted.findIndex((t) => t.code === currentCode),
  )
  const current = sorted[idx]!
  const next = sorted[idx + 1] ?? null
  const remainingFen = next ? Math.max(0, next.thresholdFen - spendFen) : 0
  const span = next ? next.thresholdFen - current.thresholdFen : 0
  const percent = next ? Math.min(100, Math.max(0, Math.floor(((spendFen - current.thresholdFen) * 100) / Math.max(1, span)))) : 100
  return {
    current: { code: current.code, name: current.name },
    next: next ? { code: next.code, name: next.name } : null,
    spendFen,
    remainingFen,
    percent,
  }
}
