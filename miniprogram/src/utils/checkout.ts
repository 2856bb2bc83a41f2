/**
 * The till's arithmetic for a points deduction, as the API plans it
 * (functions/src/checkout/plan.ts): points come off the price in whole fen only, at the
 * program's rate (`pointsPerYuan`, 100 points = ¥1 by default), up to the order's most.
 */

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** The smallest number of points worth a whole number of fen: 100 points = ¥1 → 1; 1,000 points = ¥1 → 10. */
export const pointsStep = (pointsPerYuan: number): number => pointsPerYuan / gcd(pointsPerYuan, 100)

/** Fen that `points` are worth at the program's rate (points on the step are whole fen). */
export const fenOfPoints = (points: number, pointsPerYuan: number): number => Math.floor((points * 100) / pointsPerYuan)

/** Points as typed or stepped, within [0, max] and down to the whole-fen step. */
export const clampPoints = (points: number, max: number, step: number): number => {
  const p = Math.max(0, Math.min(Number.isFinite(points) ? Math.floor(points) : 0, max))
  return p - (p % step)
}
