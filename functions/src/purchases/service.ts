import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules, TierRule } from '@huiyuan/shared/program/schemas'
import type { MemberSummary, PurchaseResult, RecordPurchaseRequest } from '@huiyuan/shared/purchases/schemas'
import type { AccountsService } from '../accounts'
import { monthLot } from '../accounts/model'
import { maskCardNo } from '../members/cardNumber'
import type { MemberRecord } from '../members/repository'
import { tierProgress } from '../members/rules'
import type { AuthContext } from '../platform/auth'
import { calendarDate, isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { isCancelled, type UnitOfWork } from '../platform/unitOfWork'
import { purchasePoints } from '../points/earning'
import type { ProgramRepository } from '../program/repository'
import { assertStoreAccess } from '../staff/access'
import { sortedTiers } from '../tiers/rules'
import { type TiersService, tierOf, tierSummaryOf } from '../tiers/service'
import type { OrderRecord, PurchasesRepository } from './repository'
import type { TillMember, tillIdentity } from './till'

export interface PurchasesDeps {
  purchases: PurchasesRepository
  accounts: AccountsService
  tiers: TiersService
  program: ProgramRepository
  till: ReturnType<typeof tillIdentity>
  tx: Tx
}

/** 张三丰 → 张*丰, 张三 → 张* */
export const maskName = (name: string): string => {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

const tierSummary = (t: TierRule | undefined) => (t ? { code: t.code, name: t.name } : null)

export const summaryOf = (
  m: MemberRecord,
  rules: ProgramRules,
  tierCode: string,
  points: number,
  storedValueFen: number,
): MemberSummary => ({
  memberId: m.memberId,
  cardNo: maskCardNo(m.cardNo),
  name: maskName(m.name),
  mobile: m.mobileMasked,
  tier: tierSummaryOf(rules, tierCode),
  points,
  storedValueFen,
})

const orderConflict = (orderId: string) => () =>
  new DomainError('ORDER_CONFLICT', `Order ${orderId} was already recorded for another member`)

/**
 * A purchase's part of an order's unit of work: points earned on what was paid (base × tier ×
 * promotions, after any points debt), the tier window and an immediate upgrade, the order and
 * the member's purchase record, and a `PurchaseRecorded` event. A purchase recorded alone and
 * a till checkout (with its coupons, points deduction and stored value as `parts`) both stage it.
 */
export function stagePurchase<R extends string>(
  deps: Pick<PurchasesDeps, 'purchases' | 'tiers'>,
  uow: UnitOfWork<R | 'replay' | 'orderExists'>,
  m: TillMember,
  rules: ProgramRules,
  o: {
    storeId: string
    orderId: string
    cardNo: string
    paidFen: number
    items: RecordPurchaseRequest['items']
    now: Date
    parts?: { couponDiscountFen: number; pointsDeducted: number; storedValueFen: number }
  },
) {
  const date = calendarDate(o.now, rules.timeZone)
  const month = date.slice(0, 7)
  const memberId = m.profile.memberId
  const tier = tierOf(rules, m.tier.tierCode) ?? sortedTiers(rules.tiers)[0]!
  const explained = purchasePoints(
    { amountFen: o.paidFen, storeId: o.storeId, date, birthday: m.profile.birthday, tier, items: o.items },
    rules,
  )
  const debtRepaid = Math.min(m.points.debt, explained.totalPoints)
  const awarded = explained.totalPoints - debtRepaid
  m.points.setDebt(uow, m.points.debt - debtRepaid)
  m.points.credit(uow, awarded, {
    type: 'purchase',
    sourceRef: `purchase:${o.storeId}:${o.orderId}`,
    description: `消费积分 · 订单 ${o.orderId}`,
    lot: monthLot(month, rules.points.validityMonths),
  })
  const move = deps.tiers.afterPurchase(uow, rules, m.tier, {
    amountFen: o.paidFen,
    points: explained.totalPoints,
    month,
    at: o.now.toISOString(),
  })
  const order: OrderRecord = {
    storeId: o.storeId,
    orderId: o.orderId,
    memberId,
    cardNo: o.cardNo,
    amountFen: o.paidFen,
    refundedFen: 0,
    pointsEarned: explained.totalPoints,
    pointsReversed: 0,
    month,
    createdAt: o.now.toISOString(),
    ...o.parts,
  }
  uow.add(...deps.purchases.purchaseItems(order, date, o.items))
  uow.emit('PurchaseRecorded', {
    memberId,
    storeId: o.storeId,
    orderId: o.orderId,
    amountFen: o.paidFen,
    pointsEarned: awarded,
    ...(o.items ? { items: o.items } : {}),
    ...o.parts,
    at: isoInZone(o.now, rules.timeZone),
  })
  const after = tierOf(rules, move.after.tierCode)
  return {
    points: { ...explained, debtRepaid, awarded },
    tierCode: move.after.tierCode,
    tier: { before: tierSummary(tierOf(rules, m.tier.tierCode)), after: tierSummary(after), upgraded: move.upgraded },
    tierProgress: after ? tierProgress(rules.tiers, after.code, move.after.measure) : null,
    date,
  }
}

export const purchasesService = (deps: PurchasesDeps) => {
  const { identify, readMember } = deps.till

  const assertAmount = (amountFen: number, what: string) => {
    if (!Number.isInteger(amountFen) || amountFen <= 0) {
      throw new DomainError('VALIDATION_FAILED', `The ${what} must be a positive number of fen`, {
        fields: [{ field: 'body.amountFen', message: 'must be more than 0', code: 'too_small' }],
      })
    }
  }

  return {
    async lookup(auth: AuthContext, memberCode: string, storeId: string, now: Date): Promise<MemberSummary> {
      assertStoreAccess(auth, storeId)
      const rules = await deps.program.getRules()
      const { memberId } = await identify(auth, memberCode, rules, now)
      const m = await readMember(memberId, rules)
      return summaryOf(m.profile, rules, m.tier.tierCode, m.points.available(calendarDate(now, rules.timeZone)), m.storedValueFen)
    },

    /**
     * Records a purchase as one unit of work: points (base × tier × promotions, after any
     * points debt), the tier window and an immediate upgrade, the order and the purchase
     * history, and a `PurchaseRecorded` event. Idempotent on (store, order id): the same
     * order again returns the first result; the same order id for another member is 409
     * ORDER_CONFLICT; with another amount or items, 422 IDEMPOTENCY_KEY_REUSED.
     */
    async record(auth: AuthContext, req: RecordPurchaseRequest, now: Date): Promise<PurchaseResult> {
      assertStoreAccess(auth, req.storeId)
      assertAmount(req.amountFen, 'amount')
      const rules = await deps.program.getRules()
      const store = await deps.program.getStore(req.storeId)
      if (!store) throw new DomainError('STORE_NOT_FOUND', `Store ${req.storeId} does not exist`)
      if (!store.active) throw new DomainError('STORE_CLOSED', `Store ${req.storeId} is closed: it records no new purchases`)
      try {
        return await deps.tx.idempotency.run<PurchaseResult, 'orderExists'>(
          { operation: 'purchase', caller: req.storeId, key: req.orderId },
          now,
          async (uow, fp) => {
            fp.request = { amountFen: req.amountFen, items: req.items ?? [] }
            const { memberId, cardNo } = await identify(auth, req.memberCode, rules, now)
            fp.subject = memberId
            const m = await readMember(memberId, rules)
            const staged = stagePurchase(deps, uow, m, rules, {
              storeId: req.storeId,
              orderId: req.orderId,
              cardNo,
              paidFen: req.amountFen,
              items: req.items,
              now,
            })
            return {
              purchaseId: `${req.storeId}:${req.orderId}`,
              storeId: req.storeId,
              orderId: req.orderId,
              amountFen: req.amountFen,
              createdAt: isoInZone(now, rules.timeZone),
              member: summaryOf(m.profile, rules, staged.tierCode, m.points.available(staged.date), m.storedValueFen),
              points: staged.points,
              tier: staged.tier,
              tierProgress: staged.tierProgress,
              replayed: false,
            }
          },
          { subjectConflict: orderConflict(req.orderId), ttlHours: null },
        )
      } catch (e) {
        // An order from before idempotency records existed: it stands, whoever asks.
        if (isCancelled(e, 'orderExists')) throw orderConflict(req.orderId)()
        throw e
      }
    },

    async tillTransactions(auth: AuthContext, q: { storeId: string; date?: string; limit: number; cursor?: string }, now: Date) {
      assertStoreAccess(auth, q.storeId)
      const rules = await deps.program.getRules()
      const date = q.date ?? calendarDate(now, rules.timeZone)
      const [page, summary] = await Promise.all([
        deps.purchases.listStoreDay(q.storeId, date, q.limit, q.cursor),
        deps.purchases.summarizeStoreDay(q.storeId, date),
      ])
      const items = page.items.map((i) => ({
        kind: i.kind,
        orderId: i.orderId,
        ...(i.refundId ? { refundId: i.refundId } : {}),
        amountFen: i.amountFen,
        points: i.points,
        memberCardNo: maskCardNo(i.cardNo),
        createdAt: isoInZone(new Date(i.createdAt), rules.timeZone),
      }))
      return { date, items, nextCursor: page.nextCursor, summary, totalFen: summary.netFen }
    },
  }
}
export type PurchasesService = ReturnType<typeof purchasesService>
