/**
 * Attribution: a purchase, a refund or a coupon redemption by a member who was in a
 * campaign (either group) within its window counts for that campaign — revenue, orders and
 * purchasers per group, per day, and the sum of squares of revenue per member that the
 * report's interval needs. Exactly once per event: the members' campaign records (written
 * over the version read), the counters and the event's done-mark are one transaction.
 */
import type { DomainEvent } from '@huiyuan/shared/events/schemas'
import { calendarDate } from '../../platform/clock'
import { on, type Subscriber } from '../../platform/events/dispatch'
import type { EventsRepository } from '../../platform/events/repository'
import { featureShardOf } from '../../platform/keys'
import type { Tx } from '../../platform/tx'
import { isCancelled } from '../../platform/unitOfWork'
import { type CampaignsRepository, type MemberCampaignRecord, STATS_SHARDS } from '../repository'

export const ATTRIBUTION_SUBSCRIBER = 'campaigns.attribution'
const TZ = 'Asia/Shanghai'

export interface AttributionDeps {
  campaigns: CampaignsRepository
  events: Pick<EventsRepository, 'doneMarkItem'>
  tx: Tx
}

const inWindow = (r: MemberCampaignRecord, at: string) => {
  const t = Date.parse(at)
  return t >= Date.parse(r.from) && t <= Date.parse(r.until)
}

/** Σ revenue² per member changes by (after² − before²), in yuan² (fen² would outgrow a double's exact integers). */
const squareDelta = (beforeFen: number, afterFen: number) => (afterFen / 100) ** 2 - (beforeFen / 100) ** 2

export const applyAttribution =
  (deps: AttributionDeps) =>
  async (event: DomainEvent): Promise<boolean> => {
    const { memberId } = event.payload as { memberId: string }
    try {
      await deps.tx.retrying(async () => {
        const now = new Date()
        const uow = deps.tx.begin<'done'>(now).add(deps.events.doneMarkItem(event.eventId, ATTRIBUTION_SUBSCRIBER))
        const at = (event.payload as { at: string }).at
        const records = (await deps.campaigns.recordsOf(memberId)).filter((r) => inWindow(r, at))
        const shard = featureShardOf(memberId) % STATS_SHARDS
        const date = calendarDate(new Date(at), TZ)
        for (const r of records) {
          if (event.type === 'PurchaseRecorded') {
            const amount = (event as DomainEvent<'PurchaseRecorded'>).payload.amountFen
            const next = { ...r, revenueFen: r.revenueFen + amount, orders: r.orders + 1 }
            uow.add(deps.campaigns.recordItem(next, r.version))
            uow.add(
              ...deps.campaigns.statsItems(r.campaignId, shard, r.group, date, {
                revenueFen: amount,
                orders: 1,
                purchasers: r.orders === 0 ? 1 : 0,
                sumSqYuan: squareDelta(r.revenueFen, next.revenueFen),
              }),
            )
          } else if (event.type === 'PurchaseRefunded') {
            const p = (event as DomainEvent<'PurchaseRefunded'>).payload
            const amount = Math.min(p.amountFen, r.revenueFen)
            if (amount === 0 && !p.wholeOrder) continue
            const orders = Math.max(0, r.orders - (p.wholeOrder ? 1 : 0))
            const next = { ...r, revenueFen: r.revenueFen - amount, orders }
            uow.add(deps.campaigns.recordItem(next, r.version))
            uow.add(
              ...deps.campaigns.statsItems(r.campaignId, shard, r.group, date, {
                revenueFen: -amount,
                orders: orders - r.orders,
                purchasers: r.orders > 0 && orders === 0 ? -1 : 0,
                sumSqYuan: squareDelta(r.revenueFen, next.revenueFen),
              }),
            )
          } else if (event.type === 'CouponRedeemed') {
            const p = (event as DomainEvent<'CouponRedeemed'>).payload
            if (r.couponCode !== p.code) continue
            uow.add(...deps.campaigns.statsItems(r.campaignId, shard, r.group, null, { couponsRedeemed: 1, discountFen: p.discountFen }))
          }
        }
        await uow.commit()
      })
      return true
    } catch (e) {
      if (isCancelled(e, 'done')) return false
      throw e
    }
  }

export const campaignAttribution = (deps: AttributionDeps): Subscriber[] => {
  const apply = applyAttribution(deps)
  return (['PurchaseRecorded', 'PurchaseRefunded', 'CouponRedeemed'] as const).map((type) =>
    on(
      type,
      ATTRIBUTION_SUBSCRIBER,
      async (event) => {
        await apply(event as DomainEvent)
      },
      { marksItselfDone: true },
    ),
  )
}
