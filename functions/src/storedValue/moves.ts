/**
 * Stored value's part of an order's unit of work: paying from the card (a spend) and putting
 * money back on it (a refund of that spend). Each moves both accounts by the split (split.ts),
 * writes the order's spend record, a statement line and the event. The stored-value routes
 * and the till's checkout both stage them.
 */
import { DomainError } from '@huiyuan/shared/errors'
import { monotonicFactory } from 'ulid'
import type { Account } from '../accounts'
import { isoInZone } from '../platform/clock'
import { Stale, type UnitOfWork } from '../platform/unitOfWork'
import type { SpendRecord, StoredValueRepository } from './repository'
import { minus, planRefund, planSpend, type SplitPart } from './split'

const nextId = monotonicFactory()

export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`

export interface Card {
  principal: Account
  bonus: Account
}

const sum = (parts: readonly SplitPart[], k: 'principal' | 'bonus') => parts.reduce((s, p) => s + p[k], 0)

/**
 * Both accounts move by the parts: taken (spend) or put back (refund). Both are written over
 * the versions read even when a part leaves one unchanged: they are read together but not as a
 * snapshot, so a top-up landing between the two reads would otherwise let a spend be planned
 * from the principal after it and the bonus before it.
 */
const moveBoth = <R extends string>(
  uow: UnitOfWork<R | 'replay'>,
  card: Card,
  parts: readonly SplitPart[],
  how: 'debit' | 'restore',
  m: { type: 'spend' | 'refund'; sourceRef: string; description: string },
) => {
  for (const k of ['principal', 'bonus'] as const) {
    card[k].hold(uow)
    const moves = parts.filter((p) => p[k] > 0)
    if (how === 'debit')
      card[k].debitLots(
        uow,
        moves.map((p) => ({ lotId: p.lotId, take: p[k] })),
        m,
      )
    else
      card[k].restoreLots(
        uow,
        moves.map((p) => ({ lotId: p.lotId, amount: p[k] })),
        m,
      )
  }
}

/**
 * Pays `amountFen` of an order from the card: the oldest top-ups first, principal and bonus in
 * their loaded ratio; INSUFFICIENT_BALANCE when the card holds less. One spend per (store, order)
 * ('spent' otherwise).
 */
export function stageSpend<R extends string>(
  repo: StoredValueRepository,
  uow: UnitOfWork<R | 'replay' | 'spent'>,
  card: Card,
  o: { memberId: string; storeId: string; orderId: string; amountFen: number; now: Date; timeZone: string },
): { principalFen: number; bonusFen: number } {
  const parts = planSpend(card.principal.snapshot(), card.bonus.snapshot(), o.amountFen)
  if (!parts) {
    const held = card.principal.balance + card.bonus.balance
    throw new DomainError('INSUFFICIENT_BALANCE', `The card holds ${yuan(held)}: not enough for ${yuan(o.amountFen)}`, {
      balance: held,
      needed: o.amountFen,
    })
  }
  moveBoth(uow, card, parts, 'debit', {
    type: 'spend',
    sourceRef: `spend:${o.storeId}:${o.orderId}`,
    description: `储值消费 · 订单 ${o.orderId}`,
  })
  const principalFen = sum(parts, 'principal')
  const bonusFen = sum(parts, 'bonus')
  uow.add(repo.spendItem({ memberId: o.memberId, storeId: o.storeId, orderId: o.orderId, parts, at: o.now.toISOString() }))
  uow.add(
    repo.movementItem({
      memberId: o.memberId,
      movementId: nextId(o.now.getTime()),
      kind: 'spend',
      principalFen: -principalFen,
      bonusFen: -bonusFen,
      balanceAfterFen: card.principal.balance + card.bonus.balance,
      storeId: o.storeId,
      reference: o.orderId,
      at: o.now.toISOString(),
    }),
  )
  uow.emit('StoredValueSpent', {
    memberId: o.memberId,
    storeId: o.storeId,
    orderId: o.orderId,
    principalFen,
    bonusFen,
    at: isoInZone(o.now, o.timeZone),
  })
  return { principalFen, bonusFen }
}

/** What an order's spend took and what its refunds have put back so far, fen. */
export const spendTotals = (spend: SpendRecord | undefined) => ({
  spentFen: spend ? sum(spend.parts, 'principal') + sum(spend.parts, 'bonus') : 0,
  returnedFen: spend ? sum(spend.refunded, 'principal') + sum(spend.refunded, 'bonus') : 0,
})

/**
 * Puts `amountFen` of an order's spend back on the card, into the top-ups it came from and in
 * the split each gave (never more than is left of the spend). The spend moves from the version
 * read ('stale' otherwise, and the refund retries).
 */
export function stageSpendRefund<R extends string>(
  repo: StoredValueRepository,
  uow: UnitOfWork<R | 'replay' | 'stale'>,
  card: Card,
  spend: SpendRecord,
  o: { refundId: string; amountFen: number; now: Date; timeZone: string },
): { principalFen: number; bonusFen: number } {
  const left = minus(spend.parts, spend.refunded)
  const [principal, bonus] = [card.principal.snapshot(), card.bonus.snapshot()]
  const back = planRefund(left, o.amountFen, { principal, bonus })
  if (!back) throw new Error(`refund of ${o.amountFen} exceeds what is left of the spend of ${spend.storeId}:${spend.orderId}`)
  // The spend and the card are read one after the other: a refund committed in between shows in
  // the card but not in the spend. The transaction would be refused (the spend's version); say
  // so now, before a top-up would seem to take back more than it was loaded with, and go again.
  for (const part of back)
    for (const [state, k] of [
      [principal, 'principal'],
      [bonus, 'bonus'],
    ] as const) {
      const lot = state.lots[part.lotId]
      if (part[k] > 0 && (!lot || lot.remaining + part[k] > lot.earned)) throw new Stale('the card moved since the spend was read')
    }
  moveBoth(uow, card, back, 'restore', {
    type: 'refund',
    sourceRef: `refund:${spend.storeId}:${spend.orderId}:${o.refundId}`,
    description: `退款退回储值 · 订单 ${spend.orderId}`,
  })
  const refunded = [...spend.refunded]
  for (const b of back) {
    const i = refunded.findIndex((r) => r.lotId === b.lotId)
    if (i < 0) refunded.push({ ...b })
    else refunded[i] = { lotId: b.lotId, principal: refunded[i]!.principal + b.principal, bonus: refunded[i]!.bonus + b.bonus }
  }
  uow.add(repo.refundedItem(spend, refunded))
  const principalFen = sum(back, 'principal')
  const bonusFen = sum(back, 'bonus')
  uow.add(
    repo.movementItem({
      memberId: spend.memberId,
      movementId: nextId(o.now.getTime()),
      kind: 'refund',
      principalFen,
      bonusFen,
      balanceAfterFen: card.principal.balance + card.bonus.balance,
      storeId: spend.storeId,
      reference: `${spend.orderId}:${o.refundId}`,
      at: o.now.toISOString(),
    }),
  )
  uow.emit('StoredValueRefunded', {
    memberId: spend.memberId,
    storeId: spend.storeId,
    orderId: spend.orderId,
    refundId: o.refundId,
    principalFen,
    bonusFen,
    at: isoInZone(o.now, o.timeZone),
  })
  return { principalFen, bonusFen }
}
