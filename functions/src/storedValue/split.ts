/**
 * How stored value moves between its two accounts, pure (储值本金 / 赠送金). Each top-up is a
 * lot in both accounts under the same lot id, loaded in its package's ratio (充 ¥1,000 送
 * ¥100: 100,000 fen of principal and 10,000 of bonus). A spend takes the oldest top-ups first
 * and, within one, principal and bonus in the ratio they were loaded: what is left of a top-up
 * stays in that ratio to within a fen, however many spends it takes. A refund of a spend puts
 * the money back where it came from, in the same split.
 */
import type { AccountState } from '../accounts/model'

/** What a movement takes from (or puts back into) one top-up. */
export interface SplitPart {
  lotId: string
  principal: number
  bonus: number
}

/** A top-up as both accounts hold it. */
interface TopUp {
  lotId: string
  p: number
  b: number
  loadedP: number
  loadedB: number
}

const topUpsOf = (principal: AccountState, bonus: AccountState): TopUp[] =>
  [...new Set([...Object.keys(principal.lots), ...Object.keys(bonus.lots)])].sort().map((lotId) => {
    const pl = principal.lots[lotId]
    const bl = bonus.lots[lotId]
    return { lotId, p: pl?.remaining ?? 0, b: bl?.remaining ?? 0, loadedP: pl?.earned ?? 0, loadedB: bl?.earned ?? 0 }
  })

/** The bonus a top-up should still hold when `left` fen of it remain (its loaded ratio, to the nearest fen). */
const bonusShare = (t: Pick<TopUp, 'loadedP' | 'loadedB'>, left: number): number =>
  t.loadedP + t.loadedB === 0 ? 0 : Math.round((left * t.loadedB) / (t.loadedP + t.loadedB))

/** The balance a member can spend (principal and bonus together). */
export const spendable = (principal: AccountState, bonus: AccountState): number => principal.balance + bonus.balance

/**
 * Which top-ups a spend of `amount` fen takes, oldest first, and how much principal and bonus
 * from each; undefined when the balance cannot cover it.
 */
export const planSpend = (principal: AccountState, bonus: AccountState, amount: number): SplitPart[] | undefined => {
  if (!Number.isSafeInteger(amount) || amount <= 0) return undefined
  const plan: SplitPart[] = []
  let left = amount
  for (const t of topUpsOf(principal, bonus)) {
    if (left === 0) break
    const held = t.p + t.b
    if (held <= 0) continue
    const take = Math.min(held, left)
    // The bonus left afterwards keeps the loaded ratio; what the take may draw is bounded by each account.
    const wantB = t.b - bonusShare(t, held - take)
    const b = Math.min(t.b, take, Math.max(take - t.p, 0, wantB))
    plan.push({ lotId: t.lotId, principal: take - b, bonus: b })
    left -= take
  }
  return left > 0 ? undefined : plan
}

/**
 * A refund of `amount` fen of a spend whose parts not yet refunded are `unrefunded`: back into
 * the same top-ups in proportion to what each gave (largest remainder), never more principal or
 * bonus into a top-up than the part took from it. Given the accounts as they are (`card`), each
 * top-up gets the bonus that puts its remainder back in its loaded ratio (to the nearest fen),
 * as a spend leaves it; without them, each part in the split it gave. Undefined when `amount`
 * exceeds what is left of the spend.
 */
export const planRefund = (
  unrefunded: readonly SplitPart[],
  amount: number,
  card?: { principal: AccountState; bonus: AccountState },
): SplitPart[] | undefined => {
  const total = unrefunded.reduce((s, p) => s + p.principal + p.bonus, 0)
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > total) return undefined
  if (amount === total) return unrefunded.filter((p) => p.principal + p.bonus > 0).map((p) => ({ ...p }))
  // Largest remainder over the top-ups, so the parts add up to the amount exactly.
  const shares = unrefunded.map((p, i) => {
    const exact = (amount * (p.principal + p.bonus)) / total
    return { i, whole: Math.floor(exact), rest: exact - Math.floor(exact) }
  })
  let short = amount - shares.reduce((s, x) => s + x.whole, 0)
  for (const x of [...shares].sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (short === 0) break
    x.whole += 1
    short -= 1
  }
  const topUps = card ? new Map(topUpsOf(card.principal, card.bonus).map((t) => [t.lotId, t])) : undefined
  return shares
    .filter((x) => x.whole > 0)
    .map(({ i, whole }) => {
      const p = unrefunded[i]!
      const gave = p.principal + p.bonus
      const t = topUps?.get(p.lotId)
      // The bonus that leaves the top-up in its loaded ratio, or else the part's own split.
      const want = t ? bonusShare(t, t.p + t.b + whole) - t.b : Math.round((whole * p.bonus) / gave)
      // Never more of either than the part took, never less than nothing.
      const b = Math.min(p.bonus, whole, Math.max(0, whole - p.principal, want))
      return { lotId: p.lotId, principal: whole - b, bonus: b }
    })
}

/** What is left of each part after a refund took `back` from it. */
export const minus = (parts: readonly SplitPart[], back: readonly SplitPart[]): SplitPart[] =>
  parts.map((p) => {
    const r = back.filter((x) => x.lotId === p.lotId)
    return {
      lotId: p.lotId,
      principal: p.principal - r.reduce((s, x) => s + x.principal, 0),
      bonus: p.bonus - r.reduce((s, x) => s + x.bonus, 0),
    }
  })
