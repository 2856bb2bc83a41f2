/**
 * Tiers: the member's tier moves with purchases (upgrade at once), refunds (spend leaves the
 * window; the tier itself waits for the review) and the yearly review (one level down at
 * most). A change is staged in the operation's unit of work with a `TierChanged` event;
 * the notice to the member is that event's consequence (tiers/consumers).
 */
import type { ProgramRules, TierRule } from '@huiyuan/shared/program/schemas'
import { entryTier, PENDING_TIER } from '../members/rules'
import type { UnitOfWork } from '../platform/unitOfWork'
import type { TierState, TiersRepository } from './repository'
import { pruneTotals, rollingTotal, sortedTiers, tierAfterPurchase, tierAtReview } from './rules'

export const tierOf = (rules: ProgramRules, code: string): TierRule | undefined => rules.tiers.find((t) => t.code === code)

export { PENDING_TIER }

/** The tier a member shows: 待开卡 while pending; a code no longer in the rules shows as the entry tier. */
export const tierSummaryOf = (rules: ProgramRules, code: string): { code: string; name: string } => {
  if (code === '') return { ...PENDING_TIER }
  const t = tierOf(rules, code) ?? entryTier(rules.tiers)
  return { code: t.code, name: t.name }
}

/** Where a pending shopper stands on the way to their card; null once they have it. */
export const qualificationOf = (rules: ProgramRules, s: Pick<TierState, 'tierCode' | 'lifetimeSpendFen'>) => {
  if (s.tierCode !== '') return null
  const { qualifySinglePurchaseFen, qualifyCumulativeFen } = rules.tierPolicy
  return {
    singlePurchaseFen: qualifySinglePurchaseFen,
    cumulativeFen: qualifyCumulativeFen,
    spentFen: s.lifetimeSpendFen,
    remainingFen: qualifyCumulativeFen > 0 ? Math.max(0, qualifyCumulativeFen - s.lifetimeSpendFen) : 0,
  }
}

const measureOf = (rules: ProgramRules, s: Pick<TierState, 'spendMonths' | 'pointsMonths'>, month: string) =>
  rollingTotal(rules.tierPolicy.basis === 'spend' ? s.spendMonths : s.pointsMonths, month, rules.tierPolicy.windowMonths)

export interface TierMove {
  before: TierState
  after: TierState
  upgraded: boolean
}

export const tiersService = (deps: { tiers: TiersRepository }) => {
  const stage = <R extends string>(uow: UnitOfWork<R>, move: TierMove, direction: 'up' | 'down', reason?: 'status_match') => {
    uow.add(deps.tiers.stateItem(move.before, move.after, uow.now))
    if (move.after.tierCode !== move.before.tierCode) {
      uow.emit('TierChanged', {
        memberId: move.after.memberId,
        from: move.before.tierCode,
        to: move.after.tierCode,
        direction,
        ...(reason ? { reason } : {}),
        at: uow.now.toISOString(),
      })
    }
  }

  return {
    key: deps.tiers.key,
    stateOf: (memberId: string, item: Record<string, unknown> | undefined, rules: ProgramRules) =>
      deps.tiers.stateOf(memberId, item, entryTier(rules.tiers).code),
    read: (memberId: string, rules: ProgramRules) => deps.tiers.read(memberId, entryTier(rules.tiers).code),
    measureOf,

    /**
     * A new member starts at `startAt` (a group's enrolment code), else at the entry tier, or
     * pending ('') when the entry card needs a qualifying purchase; returned.
     */
    onJoin<R extends string>(uow: UnitOfWork<R>, rules: ProgramRules, memberId: string, startAt?: string): string {
      const entry = rules.tierPolicy.entryMode === 'qualify' ? PENDING_TIER.code : entryTier(rules.tiers).code
      const start = deps.tiers.stateOf(memberId, undefined, startAt ?? entry)
      uow.add(deps.tiers.stateItem(start, start, uow.now))
      return start.tierCode
    },

    /** A purchase adds to the window and may upgrade at once. */
    afterPurchase<R extends string>(
      uow: UnitOfWork<R>,
      rules: ProgramRules,
      before: TierState,
      p: { amountFen: number; points: number; month: string; at: string },
    ): TierMove {
      const spendMonths = pruneTotals(
        { ...before.spendMonths, [p.month]: (before.spendMonths[p.month] ?? 0) + p.amountFen },
        p.month,
        rules.tierPolicy.windowMonths,
      )
      const pointsMonths = pruneTotals(
        { ...before.pointsMonths, [p.month]: (before.pointsMonths[p.month] ?? 0) + p.points },
        p.month,
        rules.tierPolicy.windowMonths,
      )
      const measure = measureOf(rules, { spendMonths, pointsMonths }, p.month)
      const lifetimeSpendFen = before.lifetimeSpendFen + p.amountFen
      const next = tierAfterPurchase(rules, before.tierCode, measure, p.amountFen, lifetimeSpendFen)
      const move = {
        before,
        after: { ...before, tierCode: next.code, spendMonths, pointsMonths, measure, lifetimeSpendFen, lastPurchaseAt: p.at },
        upgraded: next.upgraded,
      }
      stage(uow, move, 'up')
      return move
    },

    /** A refund takes its spend (and reversed points) out of the purchase's month; the tier waits for the review. */
    afterRefund<R extends string>(
      uow: UnitOfWork<R>,
      rules: ProgramRules,
      before: TierState,
      r: { amountFen: number; points: number; purchaseMonth: string; month: string },
    ): TierMove {
      const spendMonths = { ...before.spendMonths }
      const pointsMonths = { ...before.pointsMonths }
      if (r.purchaseMonth in spendMonths) spendMonths[r.purchaseMonth] = Math.max(0, spendMonths[r.purchaseMonth]! - r.amountFen)
      if (r.purchaseMonth in pointsMonths) pointsMonths[r.purchaseMonth] = Math.max(0, pointsMonths[r.purchaseMonth]! - r.points)
      const move = {
        before,
        after: {
          ...before,
          spendMonths,
          pointsMonths,
          measure: measureOf(rules, { spendMonths, pointsMonths }, r.month),
          // A refund counts against qualifying for the card as well.
          lifetimeSpendFen: Math.max(0, before.lifetimeSpendFen - r.amountFen),
        },
        upgraded: false,
      }
      stage(uow, move, 'down')
      return move
    },

    /**
     * A status match: straight to `code` (the caller checked it is higher). This year's review
     * passes the member by, so the matched tier holds until next year's.
     */
    match<R extends string>(uow: UnitOfWork<R>, before: TierState, code: string, year: string): TierMove {
      const move = { before, after: { ...before, tierCode: code, reviewedYear: year }, upgraded: true }
      stage(uow, move, 'up', 'status_match')
      return move
    },

    /** The yearly review of one member: one level down at most, once a year. Null when nothing changes. */
    review<R extends string>(uow: UnitOfWork<R>, rules: ProgramRules, before: TierState, month: string): TierMove | null {
      const year = month.slice(0, 4)
      if (before.reviewedYear === year) return null
      const measure = measureOf(rules, before, month)
      const next = tierAtReview(rules.tiers, before.tierCode, measure)
      if (!next.downgraded) return null
      const move = { before, after: { ...before, tierCode: next.code, measure, reviewedYear: year }, upgraded: false }
      stage(uow, move, 'down')
      return move
    },

    sortedTiers,
  }
}
export type TiersService = ReturnType<typeof tiersService>
