/**
 * Domain events → the report aggregates (per day, per program and per store; per tier,
 * template, offer and points-mall item; all-time totals). Exactly once per event: the
 * counter updates of an event and its done-mark (put only if absent) are one transaction,
 * so a redelivered event — or one retried after a crash between the write and the
 * dispatcher's own mark — is refused as a whole and counts nothing twice.
 * A member is counted active once per scope and day (and month): a marker read first and
 * put in the same transaction (only if absent) decides; a marker that appears meanwhile
 * makes the transaction re-read and retry.
 */
import type { DomainEvent } from '@huiyuan/shared/events/schemas'
import { entryTier } from '../../members/rules'
import { calendarDate } from '../../platform/clock'
import { on, type Subscriber } from '../../platform/events/dispatch'
import type { EventsRepository } from '../../platform/events/repository'
import type { Tx } from '../../platform/tx'
import { isCancelled } from '../../platform/unitOfWork'
import type { ProgramRepository } from '../../program/repository'
import type { TiersService } from '../../tiers/service'
import { COUNTED_EVENTS, type Counted, countsOf } from '../counters'
import type { AggregatesRepository } from '../repository'

export const AGGREGATES_SUBSCRIBER = 'reports.aggregates'

export interface AggregatesDeps {
  aggregates: AggregatesRepository
  events: Pick<EventsRepository, 'doneMarkItem'>
  program: ProgramRepository
  tiers: Pick<TiersService, 'read'>
  tx: Tx
}

/** Applies one event to the aggregates, with its done-mark; false when it had been applied already. */
export const applyToAggregates =
  (deps: AggregatesDeps) =>
  async (event: DomainEvent): Promise<boolean> => {
    const rules = await deps.program.getRules()
    const date = calendarDate(new Date(event.occurredAt), rules.timeZone)
    const month = date.slice(0, 7)
    const erasedMemberTier =
      event.type === 'MemberErased'
        ? (await deps.tiers.read((event as DomainEvent<'MemberErased'>).payload.memberId, rules)).tierCode
        : undefined
    const counts = countsOf(event, { entryTierCode: entryTier(rules.tiers).code, ...(erasedMemberTier ? { erasedMemberTier } : {}) })
    if (counts.counted.length === 0 && !counts.active) return false
    try {
      await deps.tx.retrying(async () => {
        const now = new Date()
        const uow = deps.tx.begin<'done'>(now).add(deps.events.doneMarkItem(event.eventId, AGGREGATES_SUBSCRIBER))
        const counted: Counted[] = [...counts.counted]
        if (counts.active) {
          const { memberId, scopes } = counts.active
          const keys = scopes.flatMap((scope) => [
            deps.aggregates.activeDayKey(memberId, scope, date),
            deps.aggregates.activeMonthKey(memberId, scope, month),
          ])
          const seen = await deps.tx.read(keys)
          scopes.forEach((scope, i) => {
            if (!seen[2 * i]) {
              uow.add(deps.aggregates.activeMarkerItem(keys[2 * i]!, 'day', now))
              counted.push({ target: { kind: 'day', scope }, counters: { activeMembers: 1 } })
            }
            if (!seen[2 * i + 1]) {
              uow.add(deps.aggregates.activeMarkerItem(keys[2 * i + 1]!, 'month', now))
              counted.push({ target: { kind: 'month', scope }, counters: { activeMembers: 1 } })
            }
          })
        }
        uow.add(...deps.aggregates.counterItems(merge(counted), date))
        await uow.commit()
      })
      return true
    } catch (e) {
      if (isCancelled(e, 'done')) return false
      throw e
    }
  }

/** One update per aggregate item (a transaction may not touch an item twice). */
function merge(counted: Counted[]): Counted[] {
  const byTarget = new Map<string, Counted>()
  for (const c of counted) {
    const id = JSON.stringify(c.target)
    const into = byTarget.get(id)
    if (!into) byTarget.set(id, { target: c.target, counters: { ...c.counters } })
    else for (const [k, v] of Object.entries(c.counters)) into.counters[k] = (into.counters[k] ?? 0) + v
  }
  return [...byTarget.values()]
}

/** The aggregates consumer: one subscriber per counted event type, under one name. */
export const reportAggregates = (deps: AggregatesDeps): Subscriber[] => {
  const apply = applyToAggregates(deps)
  return COUNTED_EVENTS.map((type) =>
    on(
      type,
      AGGREGATES_SUBSCRIBER,
      async (event) => {
        await apply(event as DomainEvent)
      },
      { marksItselfDone: true },
    ),
  )
}
