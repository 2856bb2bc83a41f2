import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules, TierRule } from '@huiyuan/shared/program/schemas'
import type {
  MemberSummary,
  PurchaseResult,
  RecordPurchaseRequest,
  RecordRefundRequest,
  RefundResult,
} from '@huiyuan/shared/purchases/schemas'
import type { AuthContext } from '../platform/auth'
import { calendarDate, isoInZone } from '../platform/clock'
import { withConflictRetry } from '../platform/retry'
import type { ProgramRepository } from '../program/repository'
import type { MemberRecord, MembersRepository } from '../members/repository'
import { verifyMemberCode } from '../members/memberCode'
import { tierProgress } from '../members/rules'
import { ExtraConditionFailed, type PointsLedger } from '../points/ledger'
import { purchasePoints } from '../points/earning'
import { pruneTotals, rollingTotal, sortedTiers, tierAfterPurchase, type MonthlyTotals } from '../tiers/rules'
import type { InboxRepository } from '../inbox/repository'
import { assertStoreAccess } from '../staff/access'
import type { OrderRecord, PurchasesRepository } from './repository'

export interface PurchasesDeps {
  purchases: PurchasesRepository
  members: MembersRepository
  program: ProgramRepository
  ledger: PointsLedger
  inbox: InboxRepository
  memberCodeSecret: string
  /** Runs after a refund is recorded (e.g. coupons redeemed on the order come back). */
  onRefunded?: (order: OrderRecord, remainingPaidFen: number, now: Date) => Promise<unknown>
}

/** 张三丰 → 张*丰, 张三 → 张* */
export const maskName = (name: string): string => {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

const tierOf = (rules: ProgramRules, code: string): TierRule | undefined => rules.tiers.find((t) => t.code === code)
const tierSummary = (t: TierRule | undefined) => (t ? { code: t.code, name: t.name } : null)
const PENDING_TIER = { code: '', name: '待开卡' }

export const summaryOf = (m: MemberRecord, rules: ProgramRules, points = m.pointsBalance ?? 0): MemberSummary => ({
  memberId: m.memberId,
  cardNo: m.cardNo,
  name: maskName(m.name),
  mobile: m.mobileMasked,
  tier: tierSummary(tierOf(rules, m.tierCode)) ?? PENDING_TIER,
  points,
  storedValueFen: m.storedValueFen ?? 0,
})

export const purchasesService = (deps: PurchasesDeps) => {
  const identify = async (memberCode: string, rules: ProgramRules, now: Date) => {
    const { cardNo } = verifyMemberCode(memberCode, deps.memberCodeSecret, now, rules.memberCode)
    const memberId = await deps.members.getMemberIdByCardNo(cardNo)
    if (!memberId) throw new DomainError('CODE_INVALID', 'No member has this code')
    return { memberId, cardNo }
  }

  const measureOf = (rules: ProgramRules, spend: MonthlyTotals, points: MonthlyTotals, month: string) =>
    rollingTotal(rules.tierPolicy.basis === 'spend' ? spend : points, month, rules.tierPolicy.windowMonths)

  return {
    async lookup(auth: AuthContext, memberCode: string, storeId: string, now: Date): Promise<MemberSummary> {
      assertStoreAccess(auth, storeId)
      const rules = await deps.program.getRules()
      const { memberId } = await identify(memberCode, rules, now)
      const m = await deps.members.getMember(memberId)
      if (!m) throw new DomainError('CODE_INVALID', 'No member has this code')
      return summaryOf(m, rules)
    },

    /**
     * Records a purchase: points (base × tier × promotions, minus any points debt), the
     * rolling tier window and an immediate upgrade, the order guard and the purchase
     * history — one transaction. A retry of the same store + order id returns the first result.
     */
    async record(auth: AuthContext, req: RecordPurchaseRequest, now: Date): Promise<PurchaseResult> {
      assertStoreAccess(auth, req.storeId)
      if (!Number.isInteger(req.amountFen) || req.amountFen <= 0) {
        throw new DomainError('VALIDATION_FAILED', 'The amount must be a positive number of fen', {
          fields: [{ field: 'body.amountFen', message: 'must be more than 0', code: 'too_small' }],
        })
      }
      const replay = async (): Promise<PurchaseResult | undefined> => {
        const o = await deps.purchases.getOrder(req.storeId, req.orderId, true)
        if (!o) return undefined
        if (o.amountFen !== req.amountFen)
          throw new DomainError('ORDER_CONFLICT', `Order ${req.orderId} was already recorded with another amount`)
        return { ...(o.result as PurchaseResult), replayed: true }
      }
      const earlier = await replay()
      if (earlier) return earlier

      const rules = await deps.program.getRules()
      if (!(await deps.program.getStore(req.storeId))) throw new DomainError('STORE_NOT_FOUND', `Store ${req.storeId} does not exist`)
      const { memberId, cardNo } = await identify(req.memberCode, rules, now)
      const date = calendarDate(now, rules.timeZone)
      const month = date.slice(0, 7)
      const createdAt = now.toISOString()
      let result: PurchaseResult | undefined

      const applied = await deps.ledger.apply({
        memberId,
        type: 'purchase',
        sourceRef: `purchase:${req.storeId}:${req.orderId}`,
        description: `消费积分 · 订单 ${req.orderId}`,
        now,
        timeZone: rules.timeZone,
        lotValidityMonths: rules.points.validityMonths,
        prepare: (raw) => {
          const m = raw as unknown as MemberRecord & {
            spendMonths?: MonthlyTotals
            pointsMonths?: MonthlyTotals
            pointsDebt?: number
            lifetimeSpendFen?: number
          }
          const tier = tierOf(rules, m.tierCode) ?? sortedTiers(rules.tiers)[0]!
          const explained = purchasePoints(
            { amountFen: req.amountFen, storeId: req.storeId, date, birthday: m.birthday, tier, items: req.items },
            rules,
          )
          const debt = m.pointsDebt ?? 0
          const debtRepaid = Math.min(debt, explained.totalPoints)
          const awarded = explained.totalPoints - debtRepaid
          const spendMonths = pruneTotals(
            { ...(m.spendMonths ?? {}), [month]: (m.spendMonths?.[month] ?? 0) + req.amountFen },
            month,
            rules.tierPolicy.windowMonths,
          )
          const pointsMonths = pruneTotals(
            { ...(m.pointsMonths ?? {}), [month]: (m.pointsMonths?.[month] ?? 0) + explained.totalPoints },
            month,
            rules.tierPolicy.windowMonths,
          )
          const measure = measureOf(rules, spendMonths, pointsMonths, month)
          const lifetimeSpendFen = (m.lifetimeSpendFen ?? 0) + req.amountFen
          const next = tierAfterPurchase(rules, m.tierCode, measure, req.amountFen, lifetimeSpendFen)
          const before = tierOf(rules, m.tierCode)
          const after = tierOf(rules, next.code)
          const balanceAfter = (m.pointsBalance ?? 0) + awarded
          result = {
            purchaseId: `${req.storeId}:${req.orderId}`,
            storeId: req.storeId,
            orderId: req.orderId,
            amountFen: req.amountFen,
            createdAt: isoInZone(now, rules.timeZone),
            member: summaryOf({ ...m, tierCode: next.code }, rules, balanceAfter),
            points: { ...explained, debtRepaid, awarded },
            tier: { before: tierSummary(before), after: tierSummary(after), upgraded: next.upgraded },
            tierProgress: after ? tierProgress(rules.tiers, after.code, measure) : null,
            replayed: false,
          }
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
            createdAt,
            result,
          }
          const extra = [...deps.purchases.purchaseItems(order, date, req.items)]
          if (next.upgraded && after) {
            extra.push(
              ...deps.inbox.noticeItems(
                memberId,
                'tier_upgrade',
                `恭喜升级为${after.name}`,
                `您已升级为${after.name}，尊享${after.benefits.map((b) => b.text).join('、')}。`,
                now,
              ),
            )
          }
          return {
            delta: awarded,
            memberSet: {
              spendMonths,
              pointsMonths,
              lifetimeSpendFen,
              pointsDebt: debt - debtRepaid,
              tierCode: next.code,
              tierSpendFen: measure,
              lastPurchaseAt: createdAt,
            },
            extraItems: extra,
          }
        },
      })
      if (applied.replayed || !result) {
        const first = await replay()
        if (!first) throw new DomainError('CONFLICT_RETRY_EXHAUSTED', 'The order is being recorded; retry shortly')
        return first
      }
      return result
    },

    /**
     * Reverses a purchase fully or partly. Points come back in proportion to the refunded
     * amount. If the member has already spent them, the balance goes to zero and the rest
     * becomes a recorded points debt that later earnings repay first (never silently lost).
     * Spend leaves the tier window; the tier itself only moves at the yearly review.
     */
    async refund(auth: AuthContext, req: RecordRefundRequest, now: Date): Promise<RefundResult> {
      assertStoreAccess(auth, req.storeId)
      if (!Number.isInteger(req.amountFen) || req.amountFen <= 0) {
        throw new DomainError('VALIDATION_FAILED', 'The refund amount must be a positive number of fen', {
          fields: [{ field: 'body.amountFen', message: 'must be more than 0', code: 'too_small' }],
        })
      }
      const replay = async (): Promise<RefundResult | undefined> => {
        const r = await deps.purchases.getRefund(req.storeId, req.orderId, req.refundId)
        return r ? { ...(r.result as RefundResult), replayed: true } : undefined
      }
      const earlier = await replay()
      if (earlier) return earlier
      const first = await deps.purchases.getOrder(req.storeId, req.orderId, true)
      if (!first) throw new DomainError('ORDER_NOT_FOUND', `No purchase ${req.orderId} at store ${req.storeId}`)
      const rules = await deps.program.getRules()
      const date = calendarDate(now, rules.timeZone)
      const createdAt = now.toISOString()

      return withConflictRetry(
        async () => {
          let result: RefundResult | undefined
          const applied = await deps.ledger.apply({
            memberId: first.memberId,
            type: 'refund',
            sourceRef: `refund:${req.storeId}:${req.orderId}:${req.refundId}`,
            description: `退货扣回积分 · 订单 ${req.orderId}`,
            now,
            timeZone: rules.timeZone,
            lotValidityMonths: rules.points.validityMonths,
            prepare: async (raw) => {
              const m = raw as unknown as MemberRecord & { spendMonths?: MonthlyTotals; pointsMonths?: MonthlyTotals; pointsDebt?: number }
              const o = (await deps.purchases.getOrder(req.storeId, req.orderId, true))!
              const remainingFen = o.amountFen - o.refundedFen
              if (req.amountFen > remainingFen) {
                throw new DomainError(
                  'REFUND_EXCEEDS_PURCHASE',
                  `Only ¥${(remainingFen / 100).toFixed(2)} of this order can still be refunded`,
                  { remainingFen },
                )
              }
              const refundedAfter = o.refundedFen + req.amountFen
              const keepPoints = Math.floor((o.pointsEarned * (o.amountFen - refundedAfter)) / o.amountFen)
              const reversal = o.pointsEarned - keepPoints - o.pointsReversed
              const balance = m.pointsBalance ?? 0
              const taken = Math.min(balance, reversal)
              const debt = (m.pointsDebt ?? 0) + (reversal - taken)
              const spendMonths = { ...(m.spendMonths ?? {}) }
              const pointsMonths = { ...(m.pointsMonths ?? {}) }
              if (o.month in spendMonths) spendMonths[o.month] = Math.max(0, spendMonths[o.month]! - req.amountFen)
              if (o.month in pointsMonths) pointsMonths[o.month] = Math.max(0, pointsMonths[o.month]! - reversal)
              const month = date.slice(0, 7)
              result = {
                refundId: req.refundId,
                orderId: req.orderId,
                storeId: req.storeId,
                amountFen: req.amountFen,
                totalRefundedFen: refundedAfter,
                pointsReversed: reversal,
                pointsDebt: debt,
                pointsBalance: balance - taken,
                replayed: false,
              }
              return {
                delta: -taken,
                memberSet: {
                  spendMonths,
                  pointsMonths,
                  pointsDebt: debt,
                  tierSpendFen: measureOf(rules, spendMonths, pointsMonths, month),
                },
                extraItems: deps.purchases.refundItems(o, {
                  refundId: req.refundId,
                  amountFen: req.amountFen,
                  pointsReversed: reversal,
                  createdAt,
                  date,
                  result,
                }),
              }
            },
          })
          if (applied.replayed || !result) {
            const r = await replay()
            if (!r) throw new DomainError('CONFLICT_RETRY_EXHAUSTED', 'The refund is being recorded; retry shortly')
            return r
          }
          await deps.onRefunded?.(first, first.amountFen - result.totalRefundedFen, now)
          return result
        },
        (e) => e instanceof ExtraConditionFailed && e.index === 0,
      )
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
        memberCardNo: `${i.cardNo.slice(0, 2)}******${i.cardNo.slice(-2)}`,
        createdAt: isoInZone(new Date(i.createdAt), rules.timeZone),
      }))
      return { date, items, nextCursor: page.nextCursor, summary, totalFen: summary.netFen }
    },
  }
}
export type PurchasesService = ReturnType<typeof purchasesService>
