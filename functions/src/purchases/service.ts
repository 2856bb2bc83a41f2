import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules, TierRule } from '@huiyuan/shared/program/schemas'
import type {
  MemberSummary,
  PurchaseResult,
  RecordPurchaseRequest,
  RecordRefundRequest,
  RefundResult,
} from '@huiyuan/shared/purchases/schemas'
import type { AccountsService } from '../accounts'
import { lotExpiresOn } from '../accounts/model'
import { maskCardNo } from '../members/cardNumber'
import type { RateLimiter } from '../platform/rateLimit'
import type { MemberRecord, MembersRepository } from '../members/repository'
import { tierProgress } from '../members/rules'
import type { AuthContext } from '../platform/auth'
import { calendarDate, isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import { purchasePoints } from '../points/earning'
import type { ProgramRepository } from '../program/repository'
import { assertStoreAccess } from '../staff/access'
import type { TierState } from '../tiers/repository'
import { sortedTiers } from '../tiers/rules'
import { type TiersService, tierOf } from '../tiers/service'
import type { OrderRecord, PurchasesRepository } from './repository'
import { tillIdentity } from './till'

export interface PurchasesDeps {
  purchases: PurchasesRepository
  members: MembersRepository
  accounts: AccountsService
  tiers: TiersService
  program: ProgramRepository
  tx: Tx
  memberCodeSecret: string
  limiter: RateLimiter
  /** Codes of the coupons redeemed on an order and not yet returned. */
  couponsRedeemedOn: (storeId: string, orderId: string) => Promise<string[]>
}

/** 张三丰 → 张*丰, 张三 → 张* */
export const maskName = (name: string): string => {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

const tierSummary = (t: TierRule | undefined) => (t ? { code: t.code, name: t.name } : null)
const PENDING_TIER = { code: '', name: '待开卡' }

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
  tier: tierSummary(tierOf(rules, tierCode)) ?? PENDING_TIER,
  points,
  storedValueFen,
})

const orderConflict = (orderId: string) => () =>
  new DomainError('ORDER_CONFLICT', `Order ${orderId} was already recorded for another member`)

export const purchasesService = (deps: PurchasesDeps) => {
  const { identify, readMember } = tillIdentity(deps)

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
      const date = calendarDate(now, rules.timeZone)
      const month = date.slice(0, 7)
      try {
        return await deps.tx.idempotency.run<PurchaseResult, 'orderExists'>(
          { operation: 'purchase', caller: req.storeId, key: req.orderId },
          now,
          async (uow, fp) => {
            fp.request = { amountFen: req.amountFen, items: req.items ?? [] }
            const { memberId, cardNo } = await identify(auth, req.memberCode, rules, now)
            fp.subject = memberId
            const m = await readMember(memberId, rules)
            const tier = tierOf(rules, m.tier.tierCode) ?? sortedTiers(rules.tiers)[0]!
            const explained = purchasePoints(
              { amountFen: req.amountFen, storeId: req.storeId, date, birthday: m.profile.birthday, tier, items: req.items },
              rules,
            )
            const debtRepaid = Math.min(m.points.debt, explained.totalPoints)
            const awarded = explained.totalPoints - debtRepaid
            m.points.setDebt(uow, m.points.debt - debtRepaid)
            m.points.credit(uow, awarded, {
              type: 'purchase',
              sourceRef: `purchase:${req.storeId}:${req.orderId}`,
              description: `消费积分 · 订单 ${req.orderId}`,
              lot: { id: month, expiresOn: lotExpiresOn(month, rules.points.validityMonths) },
            })
            const move = deps.tiers.afterPurchase(uow, rules, m.tier, {
              amountFen: req.amountFen,
              points: explained.totalPoints,
              month,
              at: now.toISOString(),
            })
            const order: OrderRecord = {
              storeId: req.storeId,
              orderId: req.orderId,
              memberId,
              cardNo,
              amountFen: req.amountFen,
              refundedFen: 0,
              pointsEarned: explained.totalPoints,
              pointsReversed: 0,
              month,
              createdAt: now.toISOString(),
            }
            uow.add(...deps.purchases.purchaseItems(order, date, req.items))
            uow.emit('PurchaseRecorded', {
              memberId,
              storeId: req.storeId,
              orderId: req.orderId,
              amountFen: req.amountFen,
              pointsEarned: awarded,
              ...(req.items ? { items: req.items } : {}),
              at: isoInZone(now, rules.timeZone),
            })
            const after = tierOf(rules, move.after.tierCode)
            return {
              purchaseId: `${req.storeId}:${req.orderId}`,
              storeId: req.storeId,
              orderId: req.orderId,
              amountFen: req.amountFen,
              createdAt: isoInZone(now, rules.timeZone),
              member: summaryOf(m.profile, rules, move.after.tierCode, m.points.available(date), m.storedValueFen),
              points: { ...explained, debtRepaid, awarded },
              tier: { before: tierSummary(tierOf(rules, m.tier.tierCode)), after: tierSummary(after), upgraded: move.upgraded },
              tierProgress: after ? tierProgress(rules.tiers, after.code, move.after.measure) : null,
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

    /**
     * Reverses a purchase fully or partly, as one unit of work: points back in proportion
     * to the refunded amount (what was already spent becomes a points debt that later
     * earnings repay first — never silently lost, never a negative balance), the spend out
     * of the tier window (the tier itself only moves at the yearly review), the order's
     * refund state, and a `PurchaseRefunded` event — whose consumers return the order's
     * coupons when the whole order is refunded. Idempotent on (store, order, refund id).
     */
    async refund(auth: AuthContext, req: RecordRefundRequest, now: Date): Promise<RefundResult> {
      assertStoreAccess(auth, req.storeId)
      assertAmount(req.amountFen, 'refund amount')
      const rules = await deps.program.getRules()
      const date = calendarDate(now, rules.timeZone)
      return deps.tx.idempotency
        .run<RefundResult, 'refundExists'>(
          { operation: 'refund', caller: req.storeId, key: `${req.orderId}:${req.refundId}` },
          now,
          async (uow, fp) => {
            fp.request = { amountFen: req.amountFen }
            const o = await deps.purchases.getOrder(req.storeId, req.orderId, true)
            if (!o) throw new DomainError('ORDER_NOT_FOUND', `No purchase ${req.orderId} at store ${req.storeId}`)
            const remainingFen = o.amountFen - o.refundedFen
            if (req.amountFen > remainingFen) {
              throw new DomainError(
                'REFUND_EXCEEDS_PURCHASE',
                `Only ¥${(remainingFen / 100).toFixed(2)} of this order can still be refunded`,
                {
                  remainingFen,
                },
              )
            }
            const [[pointsItem, tierItem], coupons] = await Promise.all([
              deps.tx.read([deps.accounts.key(o.memberId, 'points'), deps.tiers.key(o.memberId)]),
              deps.couponsRedeemedOn(req.storeId, req.orderId),
            ])
            const points = deps.accounts.fromItem(o.memberId, 'points', pointsItem)
            const tierBefore: TierState = deps.tiers.stateOf(o.memberId, tierItem, rules)
            const refundedAfter = o.refundedFen + req.amountFen
            const wholeOrder = refundedAfter === o.amountFen
            const keepPoints = Math.floor((o.pointsEarned * (o.amountFen - refundedAfter)) / o.amountFen)
            const reversal = o.pointsEarned - keepPoints - o.pointsReversed
            const taken = Math.min(points.available(date), reversal)
            points.debit(uow, taken, {
              type: 'refund',
              sourceRef: `refund:${req.storeId}:${req.orderId}:${req.refundId}`,
              description: `退货扣回积分 · 订单 ${req.orderId}`,
              today: date,
            })
            points.setDebt(uow, points.debt + (reversal - taken))
            deps.tiers.afterRefund(uow, rules, tierBefore, {
              amountFen: req.amountFen,
              points: reversal,
              purchaseMonth: o.month,
              month: date.slice(0, 7),
            })
            uow.add(
              ...deps.purchases.refundItems(o, {
                refundId: req.refundId,
                amountFen: req.amountFen,
                pointsReversed: reversal,
                createdAt: now.toISOString(),
                date,
              }),
            )
            uow.emit('PurchaseRefunded', {
              memberId: o.memberId,
              storeId: o.storeId,
              orderId: o.orderId,
              refundId: req.refundId,
              amountFen: req.amountFen,
              remainingFen: o.amountFen - refundedAfter,
              wholeOrder,
              pointsReversed: reversal,
              at: isoInZone(now, rules.timeZone),
            })
            return {
              refundId: req.refundId,
              orderId: req.orderId,
              storeId: req.storeId,
              amountFen: req.amountFen,
              totalRefundedFen: refundedAfter,
              pointsReversed: reversal,
              pointsDebt: points.debt,
              pointsBalance: points.available(date),
              couponsReturned: wholeOrder ? coupons : [],
              couponsKept: wholeOrder ? [] : coupons,
              replayed: false,
            }
          },
        )
        .catch((e: unknown) => {
          // A refund from before idempotency records existed (migrated data without one).
          if (isCancelled(e, 'refundExists')) throw new DomainError('ORDER_CONFLICT', `Refund ${req.refundId} was already recorded`)
          throw e
        })
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
