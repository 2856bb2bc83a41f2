/**
 * One checkout at the till: the member's coupons, a points deduction and a stored-value
 * payment on one order, with points earned on what was paid and the tier moved — one unit of
 * work, idempotent on (store, order id). A quote plans the same order without writing; the
 * order's view and its refund, which reverses each part, complete it. See README.md.
 */
import type {
  CheckoutQuote,
  CheckoutQuoteRequest,
  CheckoutRequest,
  CheckoutResult,
  TillCoupon,
  TillOrder,
} from '@huiyuan/shared/checkout/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { RecordRefundRequest, RefundResult } from '@huiyuan/shared/purchases/schemas'
import { normalizeCouponCode } from '../coupons/code'
import type { CouponRecord, CouponsRepository } from '../coupons/repository'
import { assertRedeemable, discountFor } from '../coupons/rules'
import { monthLot } from '../accounts/model'
import type { AccountsService } from '../accounts'
import { maskCardNo } from '../members/cardNumber'
import type { AuthContext } from '../platform/auth'
import { calendarDate, isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import { purchasePoints } from '../points/earning'
import type { ProgramRepository } from '../program/repository'
import type { PurchasesRepository } from '../purchases/repository'
import { stagePurchase, summaryOf } from '../purchases/service'
import type { TillMember, tillIdentity } from '../purchases/till'
import { assertStoreAccess } from '../staff/access'
import type { StoredValueRepository } from '../storedValue/repository'
import { spendTotals, stageSpend, stageSpendRefund } from '../storedValue/moves'
import type { TiersService } from '../tiers/service'
import { sortedTiers } from '../tiers/rules'
import { tierOf } from '../tiers/service'
import { maxPointsToDeduct, type PlannedCoupon, planCheckout, refundShares } from './plan'

export interface CheckoutDeps {
  purchases: PurchasesRepository
  coupons: Pick<CouponsRepository, 'couponKey' | 'redeemItems' | 'wallet' | 'redemptionsOfOrder'>
  storedValue: StoredValueRepository
  accounts: AccountsService
  tiers: TiersService
  program: ProgramRepository
  till: ReturnType<typeof tillIdentity>
  tx: Tx
}

/** Why a coupon cannot be used on this order, as the till says it. */
const COUPON_REASONS: Record<string, string> = {
  COUPON_EXPIRED: '已过期',
  COUPON_NOT_YET_VALID: '未到使用时间',
  COUPON_NOT_VALID_AT_STORE: '本店不可用',
  THRESHOLD_NOT_MET: '未满足使用门槛',
  COUPON_ALREADY_REDEEMED: '已使用',
  COUPON_INVALID: '已作废',
}

const orderConflict = (orderId: string) => () =>
  new DomainError('ORDER_CONFLICT', `Order ${orderId} was already recorded for another member`)

export const checkoutService = (deps: CheckoutDeps) => {
  const openStore = async (auth: AuthContext, storeId: string) => {
    assertStoreAccess(auth, storeId)
    const store = await deps.program.getStore(storeId)
    if (!store) throw new DomainError('STORE_NOT_FOUND', `Store ${storeId} does not exist`)
    if (!store.active) throw new DomainError('STORE_CLOSED', `Store ${storeId} is closed: it records no new purchases`)
  }

  /** The coupons' keys, read beside the member (a code with a wrong check character is refused here). */
  const couponKeys = (codes: readonly string[]) => {
    const seen = new Set<string>()
    return codes.map((code) => {
      const normalized = normalizeCouponCode(code)
      if (!normalized) throw new DomainError('COUPON_INVALID', `${code} is not a valid coupon code (check digit)`, { couponCode: code })
      // The same coupon written two ways (with and without dashes, say) is still once only.
      if (seen.has(normalized))
        throw new DomainError('VALIDATION_FAILED', `Coupon ${code} is named twice`, {
          fields: [{ field: 'body.couponCodes', message: 'a coupon once only', code: 'duplicate' }],
        })
      seen.add(normalized)
      return deps.coupons.couponKey(normalized)
    })
  }

  /** The member, their balances and the named coupons, in one round trip, and the order's plan. */
  const readAndPlan = async (memberId: string, req: CheckoutQuoteRequest, rules: ProgramRules, now: Date) => {
    const m = await deps.till.readMember(memberId, rules, couponKeys(req.couponCodes))
    const today = calendarDate(now, rules.timeZone)
    const coupons = req.couponCodes.map((code, i) => ({ code, coupon: m.extra[i] as (CouponRecord & PlannedCoupon) | undefined }))
    const plan = planCheckout({
      memberId,
      storeId: req.storeId,
      amountFen: req.amountFen,
      coupons,
      pointsToDeduct: req.pointsToDeduct,
      storedValueFen: req.storedValueFen,
      pointsAvailable: m.points.available(today),
      pointsPerYuan: rules.points.pointsPerYuan,
      deductionCapPct: rules.points.deductionCapPct,
      now,
    })
    return { m, plan, coupons: coupons.map((c) => c.coupon!), today }
  }

  const balanceOf = (m: TillMember) => ({
    balanceFen: m.storedValue.principal.balance + m.storedValue.bonus.balance,
    principalFen: m.storedValue.principal.balance,
    bonusFen: m.storedValue.bonus.balance,
  })

  /** What the till may offer of the member's coupons for this order. */
  const tillCoupon = (c: CouponRecord, storeId: string, amountFen: number, now: Date, timeZone: string): TillCoupon => {
    let reason: string | null = null
    try {
      assertRedeemable(c, storeId, amountFen, now)
    } catch (e) {
      reason = COUPON_REASONS[(e as DomainError).code] ?? '不可用'
    }
    return {
      couponCode: c.code,
      name: c.name,
      summary: c.summary,
      validUntil: isoInZone(new Date(c.validUntil), timeZone),
      discountFen: reason ? 0 : discountFor(c, amountFen),
      usable: reason === null,
      reason,
    }
  }

  return {
    /**
     * The order as it would be paid, nothing written: the plan (or the refusal the checkout
     * would give), the points it would earn, the member's coupons with what each would take
     * off, and the limits (points the order may deduct, the card's balance).
     */
    async quote(auth: AuthContext, req: CheckoutQuoteRequest, now: Date): Promise<CheckoutQuote> {
      await openStore(auth, req.storeId)
      const rules = await deps.program.getRules()
      const { memberId } = await deps.till.identify(auth, req.memberCode, rules, now)
      const [{ m, plan, today }, wallet] = await Promise.all([
        readAndPlan(memberId, req, rules, now),
        deps.coupons.wallet(memberId, [{ status: 'issued', from: now.toISOString() }], { limit: 50 }),
      ])
      const tier = tierOf(rules, m.tier.tierCode) ?? sortedTiers(rules.tiers)[0]!
      const earned = purchasePoints(
        { amountFen: plan.paidFen, storeId: req.storeId, date: today, birthday: m.profile.birthday, tier, items: req.items },
        rules,
      ).totalPoints
      const pointsAvailable = m.points.available(today)
      return {
        member: summaryOf(m.profile, rules, m.tier.tierCode, pointsAvailable, m.storedValueFen),
        plan,
        pointsToEarn: earned - Math.min(m.points.debt, earned),
        coupons: wallet.items.map((c) => tillCoupon(c, req.storeId, req.amountFen, now, rules.timeZone)),
        limits: {
          pointsPerYuan: rules.points.pointsPerYuan,
          maxPointsToDeduct: maxPointsToDeduct(
            plan.amountFen - plan.couponDiscountFen,
            pointsAvailable,
            rules.points.pointsPerYuan,
            rules.points.deductionCapPct,
          ),
          storedValue: balanceOf(m),
          storedValueEnabled: rules.storedValue.enabled,
        },
      }
    },

    /**
     * Commits the order as one unit of work: each coupon redeemed, the points deducted, the
     * stored value spent (principal and bonus in their loaded ratio), points earned on what was
     * paid and the tier moved, the order with its parts, and the events. All or nothing;
     * idempotent on (store, order id): the same order again returns the first result, another
     * request under it is 422 IDEMPOTENCY_KEY_REUSED, another member's is 409 ORDER_CONFLICT.
     */
    async checkout(auth: AuthContext, req: CheckoutRequest, now: Date): Promise<CheckoutResult> {
      await openStore(auth, req.storeId)
      const rules = await deps.program.getRules()
      try {
        return await deps.tx.idempotency.run<CheckoutResult, 'orderExists' | 'notIssued' | 'spent'>(
          { operation: 'checkout', caller: req.storeId, key: req.orderId },
          now,
          async (uow, fp) => {
            fp.request = {
              amountFen: req.amountFen,
              items: req.items ?? [],
              couponCodes: req.couponCodes,
              pointsToDeduct: req.pointsToDeduct,
              storedValueFen: req.storedValueFen,
            }
            const { memberId, cardNo } = await deps.till.identify(auth, req.memberCode, rules, now)
            fp.subject = memberId
            const { m, plan, coupons, today } = await readAndPlan(memberId, req, rules, now)
            const at = isoInZone(now, rules.timeZone)
            plan.coupons.forEach((applied, i) => {
              const c = coupons[i]!
              uow.add(
                ...deps.coupons.redeemItems(c, {
                  storeId: req.storeId,
                  orderId: req.orderId,
                  at: now.toISOString(),
                  discountFen: applied.discountFen,
                }),
              )
              uow.emit('CouponRedeemed', {
                memberId,
                code: c.code,
                templateId: c.templateId,
                ...(c.offerId ? { offerId: c.offerId } : {}),
                storeId: req.storeId,
                orderId: req.orderId,
                discountFen: applied.discountFen,
                at,
              })
            })
            m.points.debit(uow, plan.pointsDeducted, {
              type: 'redemption',
              sourceRef: `deduction:${req.storeId}:${req.orderId}`,
              description: `积分抵现 · 订单 ${req.orderId}`,
              today,
            })
            if (plan.storedValueFen > 0)
              stageSpend(deps.storedValue, uow, m.storedValue, {
                memberId,
                storeId: req.storeId,
                orderId: req.orderId,
                amountFen: plan.storedValueFen,
                now,
                timeZone: rules.timeZone,
              })
            const staged = stagePurchase(deps, uow, m, rules, {
              storeId: req.storeId,
              orderId: req.orderId,
              cardNo,
              paidFen: plan.paidFen,
              items: req.items,
              now,
              parts: {
                couponDiscountFen: plan.couponDiscountFen,
                pointsDeducted: plan.pointsDeducted,
                storedValueFen: plan.storedValueFen,
              },
            })
            return {
              orderId: req.orderId,
              storeId: req.storeId,
              createdAt: at,
              plan,
              member: summaryOf(m.profile, rules, staged.tierCode, m.points.available(today), m.storedValueFen - plan.storedValueFen),
              points: staged.points,
              tier: staged.tier,
              tierProgress: staged.tierProgress,
              storedValue: balanceOf(m),
              replayed: false,
            }
          },
          { subjectConflict: orderConflict(req.orderId), ttlHours: null },
        )
      } catch (e) {
        if (isCancelled(e, 'orderExists') || isCancelled(e, 'spent')) throw orderConflict(req.orderId)()
        // A coupon redeemed elsewhere between the read and the commit.
        if (isCancelled(e, 'notIssued')) throw new DomainError('COUPON_ALREADY_REDEEMED', 'A coupon of this order has just been used')
        throw e
      }
    },

    /** An order as the refund screen needs it: what was paid how, and what can still be refunded. */
    async order(auth: AuthContext, storeId: string, orderId: string): Promise<TillOrder> {
      assertStoreAccess(auth, storeId)
      const rules = await deps.program.getRules()
      const [o, spend, redemptions] = await Promise.all([
        deps.purchases.getOrder(storeId, orderId, true),
        deps.storedValue.getSpend(storeId, orderId),
        deps.coupons.redemptionsOfOrder(storeId, orderId),
      ])
      if (!o) throw new DomainError('ORDER_NOT_FOUND', `No purchase ${orderId} at store ${storeId}`)
      const sv = spendTotals(spend)
      return {
        orderId,
        storeId,
        memberCardNo: maskCardNo(o.cardNo),
        createdAt: isoInZone(new Date(o.createdAt), rules.timeZone),
        paidFen: o.amountFen,
        refundedFen: o.refundedFen,
        remainingFen: o.amountFen - o.refundedFen,
        couponDiscountFen: o.couponDiscountFen ?? 0,
        coupons: redemptions.filter((r) => !r.reversedAt).map((r) => r.code),
        pointsEarned: o.pointsEarned,
        pointsDeducted: o.pointsDeducted ?? 0,
        storedValueFen: sv.spentFen,
        storedValueReturnedFen: sv.returnedFen,
      }
    },

    /**
     * Reverses an order fully or partly, as one unit of work. Of the refunded amount, the
     * stored-value share goes back on the card into the top-ups it came from, in their split,
     * and the rest is paid back by other means; the points it earned come back out in
     * proportion (what was already spent becomes a points debt later earnings repay — never a
     * negative balance); the points it deducted come back in proportion; the spend leaves the
     * tier window (the tier itself only moves at the yearly review). `PurchaseRefunded` tells
     * the coupon consumer to return the order's coupons — only on a full refund. Idempotent on
     * (store, order, refund id).
     */
    async refund(auth: AuthContext, req: RecordRefundRequest, now: Date): Promise<RefundResult> {
      assertStoreAccess(auth, req.storeId)
      const rules = await deps.program.getRules()
      const date = calendarDate(now, rules.timeZone)
      return deps.tx.idempotency
        .run<RefundResult, 'refundExists'>(
          { operation: 'refund', caller: req.storeId, key: `${req.orderId}:${req.refundId}` },
          now,
          async (uow, fp) => {
            fp.request = { amountFen: req.amountFen }
            const [o, spend] = await Promise.all([
              deps.purchases.getOrder(req.storeId, req.orderId, true),
              deps.storedValue.getSpend(req.storeId, req.orderId),
            ])
            if (!o) throw new DomainError('ORDER_NOT_FOUND', `No purchase ${req.orderId} at store ${req.storeId}`)
            const remainingFen = o.amountFen - o.refundedFen
            if (req.amountFen > remainingFen)
              throw new DomainError(
                'REFUND_EXCEEDS_PURCHASE',
                `Only ¥${(remainingFen / 100).toFixed(2)} of this order can still be refunded`,
                {
                  remainingFen,
                },
              )
            const [[pointsItem, tierItem, principalItem, bonusItem], coupons] = await Promise.all([
              deps.tx.read([
                deps.accounts.key(o.memberId, 'points'),
                deps.tiers.key(o.memberId),
                deps.accounts.key(o.memberId, 'storedValuePrincipal'),
                deps.accounts.key(o.memberId, 'storedValueBonus'),
              ]),
              deps.coupons.redemptionsOfOrder(req.storeId, req.orderId),
            ])
            const points = deps.accounts.fromItem(o.memberId, 'points', pointsItem)
            const card = {
              principal: deps.accounts.fromItem(o.memberId, 'storedValuePrincipal', principalItem),
              bonus: deps.accounts.fromItem(o.memberId, 'storedValueBonus', bonusItem),
            }
            const refundedAfter = o.refundedFen + req.amountFen
            const wholeOrder = refundedAfter === o.amountFen
            const shares = refundShares(
              {
                paidFen: o.amountFen,
                refundedFen: o.refundedFen,
                pointsDeducted: o.pointsDeducted ?? 0,
                pointsReturned: o.pointsReturned ?? 0,
              },
              spendTotals(spend),
              req.amountFen,
            )
            const source = `refund:${req.storeId}:${req.orderId}:${req.refundId}`
            // The deducted points come back first, so they can cover what the refund takes back.
            const month = date.slice(0, 7)
            points.credit(uow, shares.pointsReturned, {
              type: 'refund',
              sourceRef: `${source}:deduction`,
              description: `退款退回抵现积分 · 订单 ${req.orderId}`,
              lot: monthLot(month, rules.points.validityMonths),
            })
            const keepPoints = Math.floor((o.pointsEarned * (o.amountFen - refundedAfter)) / o.amountFen)
            const reversal = o.pointsEarned - keepPoints - o.pointsReversed
            points.takeBack(uow, reversal, {
              type: 'refund',
              sourceRef: source,
              description: `退货扣回积分 · 订单 ${req.orderId}`,
              today: date,
            })
            if (spend && shares.storedValueFen > 0)
              stageSpendRefund(deps.storedValue, uow, card, spend, {
                refundId: req.refundId,
                amountFen: shares.storedValueFen,
                now,
                timeZone: rules.timeZone,
              })
            deps.tiers.afterRefund(uow, rules, deps.tiers.stateOf(o.memberId, tierItem, rules), {
              amountFen: req.amountFen,
              points: reversal,
              purchaseMonth: o.month,
              month,
            })
            uow.add(
              ...deps.purchases.refundItems(o, {
                refundId: req.refundId,
                amountFen: req.amountFen,
                pointsReversed: reversal,
                pointsReturned: shares.pointsReturned,
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
              ...(shares.pointsReturned > 0 ? { pointsReturned: shares.pointsReturned } : {}),
              ...(shares.storedValueFen > 0 ? { storedValueFen: shares.storedValueFen } : {}),
              at: isoInZone(now, rules.timeZone),
            })
            const couponCodes = coupons.filter((r) => !r.reversedAt).map((r) => r.code)
            return {
              refundId: req.refundId,
              orderId: req.orderId,
              storeId: req.storeId,
              amountFen: req.amountFen,
              totalRefundedFen: refundedAfter,
              pointsReversed: reversal,
              pointsDebt: points.debt,
              pointsBalance: points.available(date),
              couponsReturned: wholeOrder ? couponCodes : [],
              couponsKept: wholeOrder ? [] : couponCodes,
              storedValueFen: shares.storedValueFen,
              cashFen: shares.cashFen,
              pointsReturned: shares.pointsReturned,
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
  }
}
export type CheckoutService = ReturnType<typeof checkoutService>
