/**
 * The tier engine. Pure: tiers qualify on a rolling window of monthly spend (or points
 * earned) kept on the member as `{ "YYYY-MM": fen }`. Upgrades happen at once; downgrades
 * only at the yearly review, one level at a time.
 */
import type { ProgramRules, TierRule } from '@huiyuan/shared/program/schemas'

export type MonthlyTotals = Record<string, number>

export const monthsBack = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 - n, 1))
  return d.toISOString().slice(0, 7)
}

/** Sum of the window's months ending with `month` (inclusive). */
export const rollingTotal = (totals: MonthlyTotals | undefined, month: string, windowMonths: number): number => {
  const from = monthsBack(month, windowMonths - 1)
  return Object.entries(totals ?? {})
    .filter(([m]) => m >= from && m <= month)
    .reduce((s, [, v]) => s + v, 0)
}

/** Drops months that have left the window so the map stays small. */
export const pruneTotals = (totals: MonthlyTotals, month: string, windowMonths: number): MonthlyTotals => {
  const from = monthsBack(month, windowMonths - 1)
  return Object.fromEntries(Object.entries(totals).filter(([m, v]) => m >= from && v !== 0))
}

export const sortedTiers = (tiers: TierRule[]) => [...tiers].sort((a, b) => a.thresholdFen - b.thresholdFen)

/** The highest tier whose threshold the measure reaches. */
export const tierForMeasure = (tiers: TierRule[], measure: number): TierRule => {
  const sorted = sortedTiers(tiers)
  let best = sorted[0]!
  for (const t of sorted) if (measure >= t.thresholdFen) best = t
  return best
}

export const tierIndex = (tiers: TierRule[], code: string) => sortedTiers(tiers).findIndex((t) => t.code === code)

/** After a purchase: the new tier code, only ever upward. '' means "not yet qualified" (qualify mode). */
export function tierAfterPurchase(
  rules: Pick<ProgramRules, 'tiers' | 'tierPolicy'>,
  currentCode: string,
  measure: number,
  purchaseFen: number,
  lifetimeSpendFen: number,
): { code: string; upgraded: boolean } {
  const policy = rules.tierPolicy
  if (currentCode === '') {
    // Thresholds of 0 are not used; a program back on join_at_entry gives the card on the next purchase.
    const qualifies =
      policy.entryMode !== 'qualify' ||
      (policy.qualifySinglePurchaseFen > 0 && purchaseFen >= policy.qualifySinglePurchaseFen) ||
      (policy.qualifyCumulativeFen > 0 && lifetimeSpendFen >= policy.qualifyCumulativeFen)
    if (!qualifies) return { code: '', upgraded: false }
    const target = tierForMeasure(rules.tiers, measure)
    return { code: target.code, upgraded: true }
  }
  const target = tierForMeasure(rules.tiers, measure)
  return tierIndex(rules.tiers, target.code) > tierIndex(rules.tiers, currentCode)
    ? { code: target.code, upgraded: true }
    : { code: currentCode, upgraded: false }
}

/** The yearly review: at most one level down when the window's measure no longer holds the tier. */
export function tierAtReview(tiers: TierRule[], currentCode: string, measure: number): { code: string; downgraded: boolean } {
  if (currentCode === '') return { code: '', downgraded: false }
  const sorted = sortedTiers(tiers)
  const idx = tierIndex(tiers, currentCode)
  const current = sorted[idx]
  if (!current || idx === 0 || measure >= current.thresholdFen) return { code: currentCode, downgraded: false }
  return { code: sorted[idx - 1]!.code, downgraded: true }
}
