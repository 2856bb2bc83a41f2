/**
 * Reading tiers against the program's tier table (lowest first). Names and order come from
 * the table; the app only owns a palette of looks, picked by a tier's level.
 */

export interface TierLike {
  code: string
  name: string
}

/** Looks the app draws tiers in (tier-0 … tier-4 in the styles), lowest level first. */
export const TIER_LOOKS = 5

/** A tier's level in the program: 0 for the entry tier; -1 when the table does not know it (or is not here yet). */
export const tierLevel = (tiers: readonly TierLike[] | null | undefined, code: string): number =>
  tiers ? tiers.findIndex((t) => t.code === code) : -1

/** The style modifier for a level: tier-0 … tier-4 (levels past the palette keep the top look). */
export const tierLook = (level: number): string => `tier-${Math.min(Math.max(level, 0), TIER_LOOKS - 1)}`

/**
 * Who may claim an offer limited to `codes`, in the program's names: 仅限<lowest>及以上
 * when it is one tier and every tier above it, 仅限<top> for the top tier alone, else the
 * tiers by name (仅限<a>、<b>).
 */
export function audienceLabel(tiers: readonly TierLike[] | null | undefined, codes: readonly string[]): string {
  const levels = [...new Set(codes.map((c) => tierLevel(tiers, c)).filter((l) => l >= 0))].sort((a, b) => a - b)
  const lowest = levels[0]
  if (!tiers || lowest === undefined) return '暂不符合领取条件'
  const top = tiers.length - 1
  const upFromLowest = levels.length === top - lowest + 1
  if (upFromLowest) return lowest === top ? `仅限${tiers[lowest]!.name}` : `仅限${tiers[lowest]!.name}及以上`
  return `仅限${levels.map((l) => tiers[l]!.name).join('、')}`
}
