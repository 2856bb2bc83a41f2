/** Points lots: points are held by earning month and spent oldest first (FIFO). Pure. */

export interface Lot {
  month: string // YYYY-MM, the earning month
  remaining: number
  expiresOn: string // YYYY-MM-DD, last day the lot's points are valid
}

/** Last day of the n-th month after `month` (YYYY-MM): 2026-11 + 12 → 2027-11-30. */
export const lotExpiresOn = (month: string, validityMonths: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m - 1 + validityMonths + 1, 0))
  return last.toISOString().slice(0, 10)
}

/** Which lots a spend of `points` consumes, oldest first. Throws if the lots cannot cover it. */
export const consumeFifo = (lots: Lot[], points: number): Array<{ month: string; take: number; before: number }> => {
  const sorted = [...lots].filter((l) => l.remaining > 0).sort((a, b) => a.month.localeCompare(b.month))
  const plan: Array<{ month: string; take: number; before: number }> = []
  let left = points
  for (const lot of sorted) {
    if (left <= 0) break
    const take = Math.min(lot.remaining, left)
    plan.push({ month: lot.month, take, before: lot.remaining })
    left -= take
  }
  if (left > 0) throw new Error(`lots cover ${points - left} of ${points} points`)
  return plan
}

/** The soonest-expiring points within `withinDays` of `today`, or null. */
export const soonestExpiring = (lots: Lot[], today: string, horizon: string): { points: number; expiresOn: string } | null => {
  const due = lots
    .filter((l) => l.remaining > 0 && l.expiresOn >= today && l.expiresOn <= horizon)
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))
  if (due.length === 0) return null
  const first = due[0]!.expiresOn
  return { points: due.filter((l) => l.expiresOn === first).reduce((s, l) => s + l.remaining, 0), expiresOn: first }
}
