/**
 * Keeps each member's features record current from the domain events, exactly once per
 * event: the new record (over the version read) and the event's done-mark (put only if
 * absent) are one transaction, so a redelivered event is refused as a whole. A member
 * without a record yet (joined before features existed) gets one rebuilt from the ledgers,
 * which already hold the event's effect. Erasure deletes the record: segments drop them.
 */
import type { DomainEvent, DomainEventType } from '@huiyuan/shared/events/schemas'
import type { Gender } from '@huiyuan/shared/members/schemas'
import type { AccountsService } from '../../accounts'
import { entryTier } from '../../members/rules'
import { calendarDate } from '../../platform/clock'
import { on, type Subscriber } from '../../platform/events/dispatch'
import type { EventsRepository } from '../../platform/events/repository'
import { coreKeys, couponKeys, keys } from '../../platform/keys'
import type { Tx } from '../../platform/tx'
import { isCancelled } from '../../platform/unitOfWork'
import type { ProgramRepository } from '../../program/repository'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import {
  type Features,
  newFeatures,
  type ProfileFacts,
  withCheckin,
  withCoupon,
  withGrant,
  withPoints,
  withProfile,
  withPurchase,
  withRefund,
} from '../features'
import { parseFeatures, type SegmentsRepository } from '../repository'

export const FEATURES_SUBSCRIBER = 'segments.features'

export const FEATURE_EVENTS = [
  'MemberJoined',
  'MemberProfileChanged',
  'MemberErased',
  'PurchaseRecorded',
  'PurchaseRefunded',
  'CheckedIn',
  'CouponClaimed',
  'CouponRedeemed',
  'CouponReturned',
  'TierChanged',
  'PointsExpired',
  'PointsAdjusted',
  'RewardExchanged',
  'SubscriptionsChanged',
] as const satisfies readonly DomainEventType[]

export interface FeaturesDeps {
  segments: SegmentsRepository
  events: Pick<EventsRepository, 'doneMarkItem'>
  accounts: Pick<AccountsService, 'key'>
  program: ProgramRepository
  tx: Tx
  /** The member's WeChat subscription grants of the program's templates (a rebuild). */
  grantsOf: (memberId: string, rules: ProgramRules) => Promise<Array<{ purpose: string; held: number; version: number }>>
}

/** The profile facts segments use, from a stored profile (undefined: none, or erased). */
const profileOf = (item: Record<string, unknown> | undefined, timeZone: string): ProfileFacts | undefined => {
  if (!item || item.erasedAt) return undefined
  const joinedAt = String(item.joinedAt ?? item.createdAt ?? new Date(0).toISOString())
  return {
    cardNo: String(item.cardNo ?? ''),
    name: String(item.name ?? ''),
    joinedAt,
    joinDate: calendarDate(new Date(joinedAt), timeZone),
    joinStoreId: String(item.joinStoreId ?? ''),
    gender: (['male', 'female'].includes(String(item.gender)) ? item.gender : 'undisclosed') as Gender,
    birthday: typeof item.birthday === 'string' ? item.birthday : null,
    tags: Array.isArray(item.tags) ? item.tags.map(String) : [],
    marketingConsent: item.marketingConsent === true,
  }
}

const pointsOf = (item: Record<string, unknown> | undefined) => ({
  balance: Number(item?.balance ?? 0),
  lots: (item?.lots ?? {}) as Record<string, { remaining: number; expiresOn?: string }>,
})

const validUntilOf = (coupon: Record<string, unknown> | undefined, memberId: string): string | null =>
  coupon && coupon.memberId === memberId && coupon.status === 'issued' ? String(coupon.validUntil) : null

export const featuresKeeper = (deps: FeaturesDeps) => {
  /** The member's standing items, read in one batch: features, profile, tier, points, and a coupon if the event names one. */
  const readStanding = async (memberId: string, couponCode?: string) => {
    const read = await deps.tx.read([
      deps.segments.featuresKey(memberId),
      keys.member(memberId),
      coreKeys.tierState(memberId),
      deps.accounts.key(memberId, 'points'),
      ...(couponCode ? [couponKeys.coupon(couponCode)] : []),
    ])
    return { features: parseFeatures(read[0]), profile: read[1], tier: read[2], points: read[3], coupon: read[4] }
  }

  /** A member's features folded from their ledgers (the rebuild, and a member without a record yet). */
  const fromLedgers = async (memberId: string, now: Date): Promise<{ f: Features; version: number | undefined } | undefined> => {
    const rules = await deps.program.getRules()
    const [standing, ledgers] = await Promise.all([readStanding(memberId), deps.segments.ledgersOf(memberId)])
    const profile = profileOf(standing.profile, rules.timeZone)
    if (!profile) return undefined
    let f = newFeatures(memberId, profile, String(standing.tier?.tierCode ?? entryTier(rules.tiers).code))
    const ordered = (items: Record<string, unknown>[]) => [...items].sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)))
    const paidByOrder = new Map<string, number>()
    for (const p of ordered(ledgers.purchases)) {
      const date = String(p.date ?? calendarDate(new Date(String(p.createdAt)), rules.timeZone))
      paidByOrder.set(`${p.storeId}#${p.orderId}`, Number(p.amountFen))
      f = withPurchase(f, {
        date,
        storeId: String(p.storeId),
        amountFen: Number(p.amountFen),
        items: Array.isArray(p.items) ? (p.items as PurchaseItems) : [],
      })
    }
    for (const r of ordered(ledgers.refunds)) {
      const order = `${r.storeId}#${r.orderId}`
      const left = (paidByOrder.get(order) ?? 0) - Number(r.amountFen)
      paidByOrder.set(order, left)
      f = withRefund(f, { date: String(r.date), amountFen: Number(r.amountFen), wholeOrder: left <= 0 })
    }
    if (ledgers.lastCheckin) f = withCheckin(f, String(ledgers.lastCheckin.date))
    for (const c of ledgers.coupons) f = withCoupon(f, String(c.code), String(c.validUntil))
    const points = pointsOf(standing.points)
    f = withPoints(f, points.balance, points.lots)
    for (const g of await deps.grantsOf(memberId, rules)) f = withGrant(f, g.purpose, g.held, g.version)
    return { f: { ...f, rebuiltAt: now.toISOString() }, version: standing.features?.version }
  }

  /** Applies one event; false when it had been applied already (or concerns no member record). */
  const apply = async (event: DomainEvent): Promise<boolean> => {
    const { memberId } = event.payload as { memberId: string }
    const couponCode =
      event.type === 'CouponClaimed' || event.type === 'CouponReturned' ? (event.payload as { code: string }).code : undefined
    try {
      await deps.tx.retrying(async () => {
        const now = new Date()
        const uow = deps.tx.begin<'done'>(now).add(deps.events.doneMarkItem(event.eventId, FEATURES_SUBSCRIBER))
        const s = await readStanding(memberId, couponCode)
        const rules = await deps.program.getRules()
        const profile = profileOf(s.profile, rules.timeZone)
        if (event.type === 'MemberErased' || !profile) {
          if (s.features) uow.add(deps.segments.deleteFeaturesItem(memberId))
          await uow.commit()
          return
        }
        if (!s.features && event.type !== 'MemberJoined') {
          const rebuilt = await fromLedgers(memberId, now)
          if (rebuilt) uow.add(deps.segments.featuresItem(rebuilt.f, rebuilt.version, now))
          await uow.commit()
          return
        }
        const entryCode = entryTier(rules.tiers).code
        let f: Features = s.features ?? newFeatures(memberId, profile, entryCode)
        if (!f.rebuiltAt || event.occurredAt >= f.rebuiltAt) f = fold(f, event, rules.timeZone, s.coupon)
        f = withProfile(f, profile)
        f = { ...f, tierCode: s.tier ? String(s.tier.tierCode ?? '') : f.tierCode }
        const points = pointsOf(s.points)
        f = withPoints(f, points.balance, points.lots)
        uow.add(deps.segments.featuresItem(f, s.features?.version, now))
        await uow.commit()
      })
      return true
    } catch (e) {
      if (isCancelled(e, 'done')) return false
      throw e
    }
  }

  /** Rebuilds one member's record from the ledgers (a job's shard calls it member by member). */
  const rebuild = async (memberId: string, now: Date): Promise<boolean> => {
    let written = false
    await deps.tx.retrying(async () => {
      const rebuilt = await fromLedgers(memberId, now)
      if (!rebuilt) return
      await deps.tx
        .begin(now)
        .add(deps.segments.featuresItem(rebuilt.f, rebuilt.version, now))
        .commit()
      written = true
    })
    return written
  }

  return { apply, rebuild }
}
export type FeaturesKeeper = ReturnType<typeof featuresKeeper>

type PurchaseItems = Array<{ category?: string; unitPriceFen: number; qty: number }>

/** What one event changes beyond the profile, tier and points (which are re-read each time). */
const fold = (f: Features, event: DomainEvent, timeZone: string, coupon: Record<string, unknown> | undefined): Features => {
  const day = (at: string) => calendarDate(new Date(at), timeZone)
  switch (event.type) {
    case 'PurchaseRecorded': {
      const p = (event as DomainEvent<'PurchaseRecorded'>).payload
      return withPurchase(f, { date: day(p.at), storeId: p.storeId, amountFen: p.amountFen, items: p.items ?? [] })
    }
    case 'PurchaseRefunded': {
      const p = (event as DomainEvent<'PurchaseRefunded'>).payload
      return withRefund(f, { date: day(p.at), amountFen: p.amountFen, wholeOrder: p.wholeOrder })
    }
    case 'CheckedIn':
      return withCheckin(f, (event as DomainEvent<'CheckedIn'>).payload.date)
    case 'CouponClaimed':
    case 'CouponReturned': {
      const { code, memberId } = event.payload as { code: string; memberId: string }
      return withCoupon(f, code, validUntilOf(coupon, memberId))
    }
    case 'CouponRedeemed':
      return withCoupon(f, (event as DomainEvent<'CouponRedeemed'>).payload.code, null)
    case 'SubscriptionsChanged': {
      const p = (event as DomainEvent<'SubscriptionsChanged'>).payload
      return withGrant(f, p.purpose, p.held, p.version)
    }
    default:
      return f
  }
}

/** The features consumer: one subscriber per event type it folds, under one name. */
export const featuresSubscribers = (deps: FeaturesDeps): Subscriber[] => {
  const keeper = featuresKeeper(deps)
  return FEATURE_EVENTS.map((type) =>
    on(
      type,
      FEATURES_SUBSCRIBER,
      async (event) => {
        await keeper.apply(event as DomainEvent)
      },
      { marksItselfDone: true },
    ),
  )
}
