/**
 * What each domain event adds to the report aggregates. Pure: the consumer
 * (consumers/aggregates.ts) turns these counts into one transaction per event.
 */
import type { DomainEvent, DomainEventType } from '@huiyuan/shared/events/schemas'
import { reportKeys } from '../platform/keys'

/** Counter name → amount to add (negative subtracts). */
export type Counters = Record<string, number>

/** Which aggregate an amount goes to. A scope is the whole program or one store (keys.ts, reportKeys). */
export type Target =
  | { kind: 'day'; scope: string }
  | { kind: 'month'; scope: string }
  | { kind: 'total'; scope: string }
  | { kind: 'tier'; tierCode: string }
  | { kind: 'template'; templateId: string }
  | { kind: 'offer'; offerId: string }
  | { kind: 'reward'; rewardId: string }

export interface Counted {
  target: Target
  counters: Counters
}

export interface EventCounts {
  counted: Counted[]
  /** A purchase or a check-in: the member is active in these scopes (counted once a day and once a month). */
  active?: { memberId: string; scopes: string[] }
}

/**
 * The counters a day aggregate holds (every one starts at zero); a month aggregate holds the
 * same sums, but its `activeMembers` counts distinct members of the month.
 */
export const DAY_COUNTERS = [
  'joins',
  'erasures',
  'activeMembers',
  'purchases',
  'salesFen',
  'refunds',
  'refundsFen',
  'pointsIssued',
  'pointsFromPurchases',
  'pointsFromCheckins',
  'pointsFromAdjustments',
  'pointsRedeemed',
  'pointsDeducted',
  'pointsExpired',
  'pointsReversed',
  'couponsIssued',
  'couponsRedeemed',
  'discountFen',
  'couponsReturned',
  'discountReturnedFen',
  'checkins',
  'rewardsExchanged',
  'tierUps',
  'tierDowns',
  // Stored value (储值), fen: top-ups (principal paid, bonus added), spends and refunds of spends
  // (money put back on the card), each split into principal and bonus; where: the store's.
  'svTopUps',
  'svTopUpPrincipalFen',
  'svTopUpBonusFen',
  'svSpends',
  'svSpentPrincipalFen',
  'svSpentBonusFen',
  'svRefunds',
  'svRefundedPrincipalFen',
  'svRefundedBonusFen',
] as const
export type DayCounter = (typeof DAY_COUNTERS)[number]

/**
 * All-time counters of a scope; `pointsOutstanding` = issued − redeemed − deducted − expired − reversed.
 * The program's stored value held by members (the prepaid liability), principal and bonus apart:
 * `svPrincipalFen` = top-ups paid − spent + refunded, `svBonusFen` likewise.
 */
export const TOTAL_COUNTERS = [
  'members',
  'purchases',
  'salesFen',
  'refundsFen',
  'pointsIssued',
  'pointsRedeemed',
  'pointsDeducted',
  'pointsExpired',
  'pointsReversed',
  'pointsOutstanding',
  'svPrincipalFen',
  'svBonusFen',
] as const
export type TotalCounter = (typeof TOTAL_COUNTERS)[number]

export const TEMPLATE_COUNTERS = ['issued', 'redeemed', 'discountFen'] as const
export const OFFER_COUNTERS = ['claimed', 'redeemed', 'discountFen'] as const
export const REWARD_COUNTERS = ['exchanged', 'pointsSpent'] as const

export const PROGRAM_SCOPE = reportKeys.programScope()
export const storeScope = reportKeys.storeScope
export const storeOfScope = reportKeys.storeOfScope

/** What the consumer knows beside the event: the entry tier, and the tier an erased member was in. */
export interface CountContext {
  entryTierCode: string
  erasedMemberTier?: string
}

/** The events the aggregates count. */
export const COUNTED_EVENTS = [
  'MemberJoined',
  'MemberErased',
  'PurchaseRecorded',
  'PurchaseRefunded',
  'CouponClaimed',
  'CouponRedeemed',
  'CouponReturned',
  'PointsExpired',
  'PointsAdjusted',
  'TierChanged',
  'CheckedIn',
  'RewardExchanged',
  'StoredValueToppedUp',
  'StoredValueSpent',
  'StoredValueRefunded',
] as const satisfies readonly DomainEventType[]

const scopesOf = (storeId: string | undefined): string[] => (storeId ? [PROGRAM_SCOPE, storeScope(storeId)] : [PROGRAM_SCOPE])

/** Drops zero amounts (and targets left with nothing). */
const nonZero = (counted: Counted[]): Counted[] =>
  counted
    .map((c) => ({ target: c.target, counters: Object.fromEntries(Object.entries(c.counters).filter(([, v]) => v !== 0)) }))
    .filter((c) => Object.keys(c.counters).length > 0)

/** The same amounts to the scope's day and to its month (a year is then 12 month items, not 365 days). */
const days = (scopes: string[], counters: Counters): Counted[] =>
  scopes.flatMap((scope) => [
    { target: { kind: 'day', scope } as Target, counters },
    { target: { kind: 'month', scope } as Target, counters },
  ])
const totals = (scopes: string[], counters: Counters): Counted[] => scopes.map((scope) => ({ target: { kind: 'total', scope }, counters }))

export function countsOf(event: DomainEvent, ctx: CountContext): EventCounts {
  switch (event.type) {
    case 'MemberJoined': {
      const p = (event as DomainEvent<'MemberJoined'>).payload
      const scopes = scopesOf(p.storeId)
      return {
        counted: nonZero([
          ...days(scopes, { joins: 1 }),
          ...totals(scopes, { members: 1 }),
          { target: { kind: 'tier', tierCode: p.tierCode ?? ctx.entryTierCode }, counters: { members: 1 } },
        ]),
      }
    }
    case 'MemberErased': {
      const p = (event as DomainEvent<'MemberErased'>).payload
      const scopes = scopesOf(p.storeId)
      return {
        counted: nonZero([
          ...days(scopes, { erasures: 1 }),
          ...totals(scopes, { members: -1 }),
          ...(ctx.erasedMemberTier
            ? [{ target: { kind: 'tier', tierCode: ctx.erasedMemberTier } as Target, counters: { members: -1 } }]
            : []),
        ]),
      }
    }
    case 'PurchaseRecorded': {
      const p = (event as DomainEvent<'PurchaseRecorded'>).payload
      const scopes = scopesOf(p.storeId)
      // Points a till checkout deducted (积分抵现) are points redeemed.
      const deducted = p.pointsDeducted ?? 0
      return {
        counted: nonZero([
          ...days(scopes, {
            purchases: 1,
            salesFen: p.amountFen,
            pointsIssued: p.pointsEarned,
            pointsFromPurchases: p.pointsEarned,
            pointsRedeemed: deducted,
          }),
          ...totals([PROGRAM_SCOPE], {
            purchases: 1,
            salesFen: p.amountFen,
            pointsIssued: p.pointsEarned,
            pointsRedeemed: deducted,
            pointsOutstanding: p.pointsEarned - deducted,
          }),
          ...totals([storeScope(p.storeId)], { purchases: 1, salesFen: p.amountFen }),
        ]),
        active: { memberId: p.memberId, scopes },
      }
    }
    case 'PurchaseRefunded': {
      const p = (event as DomainEvent<'PurchaseRefunded'>).payload
      const scopes = scopesOf(p.storeId)
      // Deducted points the refund gives back are no longer redeemed.
      const returned = p.pointsReturned ?? 0
      return {
        counted: nonZero([
          ...days(scopes, { refunds: 1, refundsFen: p.amountFen, pointsReversed: p.pointsReversed, pointsRedeemed: -returned }),
          ...totals([PROGRAM_SCOPE], {
            refundsFen: p.amountFen,
            pointsReversed: p.pointsReversed,
            pointsRedeemed: -returned,
            pointsOutstanding: returned - p.pointsReversed,
          }),
          ...totals([storeScope(p.storeId)], { refundsFen: p.amountFen }),
        ]),
      }
    }
    case 'CouponClaimed': {
      const p = (event as DomainEvent<'CouponClaimed'>).payload
      return {
        counted: nonZero([
          ...days([PROGRAM_SCOPE], { couponsIssued: 1 }),
          { target: { kind: 'template', templateId: p.templateId }, counters: { issued: 1 } },
          ...(p.offerId ? [{ target: { kind: 'offer', offerId: p.offerId } as Target, counters: { claimed: 1 } }] : []),
        ]),
      }
    }
    case 'CouponRedeemed': {
      const p = (event as DomainEvent<'CouponRedeemed'>).payload
      return {
        counted: nonZero([
          ...days(scopesOf(p.storeId), { couponsRedeemed: 1, discountFen: p.discountFen }),
          { target: { kind: 'template', templateId: p.templateId }, counters: { redeemed: 1, discountFen: p.discountFen } },
          ...(p.offerId
            ? [{ target: { kind: 'offer', offerId: p.offerId } as Target, counters: { redeemed: 1, discountFen: p.discountFen } }]
            : []),
        ]),
      }
    }
    case 'CouponReturned': {
      const p = (event as DomainEvent<'CouponReturned'>).payload
      const discount = p.discountFen ?? 0
      return {
        counted: nonZero([
          ...days(scopesOf(p.storeId), { couponsReturned: 1, discountReturnedFen: discount }),
          ...(p.templateId
            ? [{ target: { kind: 'template', templateId: p.templateId } as Target, counters: { redeemed: -1, discountFen: -discount } }]
            : []),
          ...(p.offerId
            ? [{ target: { kind: 'offer', offerId: p.offerId } as Target, counters: { redeemed: -1, discountFen: -discount } }]
            : []),
        ]),
      }
    }
    case 'PointsExpired': {
      const p = (event as DomainEvent<'PointsExpired'>).payload
      return {
        counted: nonZero([
          ...days([PROGRAM_SCOPE], { pointsExpired: p.points }),
          ...totals([PROGRAM_SCOPE], { pointsExpired: p.points, pointsOutstanding: -p.points }),
        ]),
      }
    }
    case 'PointsAdjusted': {
      const p = (event as DomainEvent<'PointsAdjusted'>).payload
      const up = Math.max(0, p.points)
      const down = Math.max(0, -p.points)
      return {
        counted: nonZero([
          ...days([PROGRAM_SCOPE], { pointsIssued: up, pointsFromAdjustments: up, pointsDeducted: down }),
          ...totals([PROGRAM_SCOPE], { pointsIssued: up, pointsDeducted: down, pointsOutstanding: p.points }),
        ]),
      }
    }
    case 'TierChanged': {
      const p = (event as DomainEvent<'TierChanged'>).payload
      return {
        counted: nonZero([
          { target: { kind: 'tier', tierCode: p.from }, counters: { members: -1 } },
          { target: { kind: 'tier', tierCode: p.to }, counters: { members: 1 } },
          // A pending shopper getting the card is not a tier move.
          ...(p.from === '' ? [] : days([PROGRAM_SCOPE], p.direction === 'up' ? { tierUps: 1 } : { tierDowns: 1 })),
        ]),
      }
    }
    case 'CheckedIn': {
      const p = (event as DomainEvent<'CheckedIn'>).payload
      const scopes = scopesOf(p.storeId)
      return {
        counted: nonZero([
          ...days(scopes, { checkins: 1, pointsIssued: p.points, pointsFromCheckins: p.points }),
          ...totals([PROGRAM_SCOPE], { pointsIssued: p.points, pointsOutstanding: p.points }),
        ]),
        active: { memberId: p.memberId, scopes },
      }
    }
    case 'RewardExchanged': {
      const p = (event as DomainEvent<'RewardExchanged'>).payload
      return {
        counted: nonZero([
          ...days([PROGRAM_SCOPE], { pointsRedeemed: p.pointsSpent, rewardsExchanged: 1 }),
          ...totals([PROGRAM_SCOPE], { pointsRedeemed: p.pointsSpent, pointsOutstanding: -p.pointsSpent }),
          { target: { kind: 'reward', rewardId: p.rewardId }, counters: { exchanged: 1, pointsSpent: p.pointsSpent } },
        ]),
      }
    }
    case 'StoredValueToppedUp': {
      const p = (event as DomainEvent<'StoredValueToppedUp'>).payload
      return {
        counted: nonZero([
          ...days(scopesOf(p.storeId), { svTopUps: 1, svTopUpPrincipalFen: p.paidFen, svTopUpBonusFen: p.bonusFen }),
          ...totals([PROGRAM_SCOPE], { svPrincipalFen: p.paidFen, svBonusFen: p.bonusFen }),
        ]),
      }
    }
    case 'StoredValueSpent': {
      const p = (event as DomainEvent<'StoredValueSpent'>).payload
      return {
        counted: nonZero([
          ...days(scopesOf(p.storeId), { svSpends: 1, svSpentPrincipalFen: p.principalFen, svSpentBonusFen: p.bonusFen }),
          ...totals([PROGRAM_SCOPE], { svPrincipalFen: -p.principalFen, svBonusFen: -p.bonusFen }),
        ]),
      }
    }
    case 'StoredValueRefunded': {
      const p = (event as DomainEvent<'StoredValueRefunded'>).payload
      return {
        counted: nonZero([
          ...days(scopesOf(p.storeId), { svRefunds: 1, svRefundedPrincipalFen: p.principalFen, svRefundedBonusFen: p.bonusFen }),
          ...totals([PROGRAM_SCOPE], { svPrincipalFen: p.principalFen, svBonusFen: p.bonusFen }),
        ]),
      }
    }
    default:
      return { counted: [] }
  }
}
