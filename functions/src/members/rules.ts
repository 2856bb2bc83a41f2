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
  if (!isRealDate(input.birthday) || input.birthday > today || input.birthday < '1900-01-01') {
    throw new DomainError('VALIDATION_FAILED', 'The birthday is not a real past date', {
      fields: [{ field: 'body.birthday', message: 'not a real past date', code: 'invalid_date' }],
    })
  }
  if (ageOn(input.birthday, today) < rules.minimumAge) {
    throw new DomainError('UNDER_MINIMUM_AGE', `Members must be at least ${rules.minimumAge}`, { minimumAge: rules.minimumAge })
  }
  if (input.privacyConsentVersion !== rules.privacyPolicyVersion) {
    throw new DomainError('PRIVACY_CONSENT_OUTDATED', 'Please read and accept the current privacy policy', {
      currentVersion: rules.privacyPolicyVersion,
    })
  }
}

/** 13812341234 → 138****1234 */
export const maskMobile = (mobile: string): string => (mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****')

/** The entry tier: the lowest threshold. */
export const entryTier = (tiers: TierRule[]): TierRule => [...tiers].sort((a, b) => a.thresholdFen - b.thresholdFen)[0]!

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
