/**
 * An account's state and its rules, pure. Value is held in lots (points by earning month,
 * later stored value by top-up): spending takes the oldest lots first (FIFO) and never a
 * lot past its expiry, whatever the expiry job has done yet. Invariants, checked by the
 * property tests: balance = Σ lots.remaining = Σ entries.delta, and nothing is ever negative.
 */
import type { AccountKind } from '@huiyuan/shared/accounts/schemas'

export interface LotState {
  remaining: number
  earned: number
  /** YYYY-MM-DD, the last day the lot may be spent; none = never expires. */
  expiresOn?: string
}

export interface AccountState {
  memberId: string
  kind: AccountKind
  balance: number
  /** Points a refund could not take back because they were spent; repaid from later earnings. */
  debt: number
  version: number
  lots: Record<string, LotState>
  /** False until the account's first movement is committed. */
  exists: boolean
}

export const emptyAccount = (memberId: string, kind: AccountKind): AccountState => ({
  memberId,
  kind,
  balance: 0,
  debt: 0,
  version: 0,
  lots: {},
  exists: false,
})

const isSpendable = (lot: LotState, today: string) => lot.remaining > 0 && (!lot.expiresOn || lot.expiresOn >= today)

/** What can be spent today: lots past their expiry are not, even before the job removes them. */
export const availableOn = (state: AccountState, today: string): number =>
  Object.values(state.lots).reduce((sum, lot) => (isSpendable(lot, today) ? sum + lot.remaining : sum), 0)

/** Which lots a spend takes, oldest first (lot ids sort by time). Undefined if they cannot cover it. */
export const planSpend = (state: AccountState, amount: number, today: string): Array<{ lotId: string; take: number }> | undefined => {
  const plan: Array<{ lotId: string; take: number }> = []
  let left = amount
  for (const lotId of Object.keys(state.lots).sort()) {
    if (left <= 0) break
    const lot = state.lots[lotId]!
    if (!isSpendable(lot, today)) continue
    const take = Math.min(lot.remaining, left)
    plan.push({ lotId, take })
    left -= take
  }
  return left > 0 ? undefined : plan
}

/** The soonest-expiring spendable points between today and `horizon`, or null. */
export const soonestExpiring = (state: AccountState, today: string, horizon: string): { points: number; expiresOn: string } | null => {
  let best: { points: number; expiresOn: string } | null = null
  for (const lot of Object.values(state.lots)) {
    if (!lot.expiresOn || lot.remaining <= 0 || lot.expiresOn < today || lot.expiresOn > horizon) continue
    if (!best || lot.expiresOn < best.expiresOn) best = { points: lot.remaining, expiresOn: lot.expiresOn }
    else if (lot.expiresOn === best.expiresOn) best.points += lot.remaining
  }
  return best
}

/** Last day of the n-th month after `month` (YYYY-MM): 2026-11 + 12 → 2027-11-30. */
export const lotExpiresOn = (month: string, validityMonths: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + validityMonths + 1, 0)).toISOString().slice(0, 10)
}

/** Points earned in a month go into that month's lot, which expires with the program's validity. */
export const monthLot = (month: string, validityMonths: number) => ({ id: month, expiresOn: lotExpiresOn(month, validityMonths) })
