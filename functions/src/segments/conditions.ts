/**
 * Does a member match a segment? Pure: the segment's AND/OR tree over one member's derived
 * features, with the RFM thresholds and quintiles in force.
 */
import type { RfmThresholds, SegmentCondition, SegmentGroup } from '@huiyuan/shared/segments/schemas'
import type { Derived } from './features'
import { levelsOf, pyramidGroupOf, type Quintiles, rfmGroupOf, scoreOf } from './rfm'

export interface MatchContext {
  thresholds: RfmThresholds
  /** Null before the first refresh: rfmScore conditions match nobody. */
  quintiles: Quintiles | null
}

const inRange = (v: number, r: { min?: number | undefined; max?: number | undefined }) =>
  (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max)

export const matchesCondition = (c: SegmentCondition, d: Derived, ctx: MatchContext): boolean => {
  switch (c.field) {
    case 'rfmGroup':
      return c.in.includes(rfmGroupOf(levelsOf(d, ctx.thresholds)))
    case 'pyramidGroup':
      return c.in.includes(pyramidGroupOf(levelsOf(d, ctx.thresholds)))
    case 'rfmScore':
      return ctx.quintiles !== null && inRange(scoreOf(c.dimension, d, ctx.quintiles), c)
    case 'sleeping':
      return d.idleDays >= c.days
    case 'newMember':
      return d.joinedDaysAgo < c.days
    case 'active':
      return d.inactiveDays < c.days
    case 'birthday':
      if (d.daysToBirthday === null || !d.f.birthday) return false
      return c.thisMonth ? d.f.birthday.slice(5, 7) === d.today.slice(5, 7) : d.daysToBirthday < (c.withinDays ?? 0)
    case 'tier':
      return c.in.includes(d.f.tierCode)
    case 'joinStore':
      return c.in.includes(d.f.joinStoreId)
    case 'favouriteStore':
      return d.favouriteStoreId !== null && c.in.includes(d.favouriteStoreId)
    case 'category':
      return c.in.some((cat) => d.categories12m.has(cat))
    case 'tags':
      return c.any.some((t) => d.f.tags.includes(t))
    case 'ageBand':
      return c.in.includes(d.ageBand)
    case 'gender':
      return c.in.includes(d.f.gender)
    case 'pointsExpiring':
      return d.pointsExpiringWithin(c.withinDays) >= c.minPoints
    case 'unusedCoupons':
      return d.unusedCoupons > 0 === c.has
    case 'spend12m':
      return inRange(d.spend12mFen, c.range)
    case 'purchases12m':
      return inRange(d.purchases12m, c.range)
    case 'pointsBalance':
      return inRange(d.f.pointsBalance, c.range)
    case 'marketingConsent':
      return d.f.marketingConsent === c.is
  }
}

export const matches = (g: SegmentGroup, d: Derived, ctx: MatchContext): boolean => {
  const test = (c: SegmentCondition | SegmentGroup) => ('op' in c ? matches(c, d, ctx) : matchesCondition(c, d, ctx))
  return g.op === 'and' ? g.conditions.every(test) : g.conditions.some(test)
}
