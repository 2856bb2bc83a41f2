/**
 * The report aggregates (AGG#…): counter updates for the aggregates consumer's transaction,
 * and the reads of the reports and the catalogue — every read a Query of one key range, a
 * GetItem or a BatchGet, never a Scan. The only DynamoDB code of reports.
 */
import { BatchGetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Db, ItemKey } from '../platform/db'
import { ENTITY, reportKeys } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'
import {
  type Counted,
  type Counters,
  DAY_COUNTERS,
  OFFER_COUNTERS,
  REWARD_COUNTERS,
  TEMPLATE_COUNTERS,
  TOTAL_COUNTERS,
  type Target,
} from './counters'

/** A day's (or a month's) counters of a scope. */
export type DayRow = { date: string } & Record<(typeof DAY_COUNTERS)[number], number>
export type MonthRow = { month: string } & Record<(typeof DAY_COUNTERS)[number], number>
export type TotalRow = { scope: string } & Record<(typeof TOTAL_COUNTERS)[number], number>
export type TemplateCounts = Record<(typeof TEMPLATE_COUNTERS)[number], number>
export type OfferCounts = Record<(typeof OFFER_COUNTERS)[number], number>
export type RewardCounts = Record<(typeof REWARD_COUNTERS)[number], number>

/** How long the once-a-day and once-a-month activity markers are kept (TTL). */
const ACTIVE_DAY_KEEP_DAYS = 35
const ACTIVE_MONTH_KEEP_DAYS = 70

const pick = <K extends string>(item: Record<string, unknown> | undefined, names: readonly K[]): Record<K, number> =>
  Object.fromEntries(names.map((n) => [n, Number(item?.[n] ?? 0) || 0])) as Record<K, number>

const keyOf = (t: Target, date: string): { key: ItemKey; entity: string; set: Record<string, string> } => {
  switch (t.kind) {
    case 'day':
      return { key: reportKeys.day(t.scope, date), entity: ENTITY.dayAggregate, set: { scope: t.scope, date } }
    case 'month':
      return {
        key: reportKeys.month(t.scope, date.slice(0, 7)),
        entity: ENTITY.monthAggregate,
        set: { scope: t.scope, month: date.slice(0, 7) },
      }
    case 'total':
      return { key: reportKeys.total(t.scope), entity: ENTITY.totalAggregate, set: { scope: t.scope } }
    case 'tier':
      return { key: reportKeys.tier(t.tierCode), entity: ENTITY.tierAggregate, set: { tierCode: t.tierCode } }
    case 'template':
      return { key: reportKeys.template(t.templateId), entity: ENTITY.catalogueAggregate, set: { templateId: t.templateId } }
    case 'offer':
      return { key: reportKeys.offer(t.offerId), entity: ENTITY.catalogueAggregate, set: { offerId: t.offerId } }
    case 'reward':
      return { key: reportKeys.reward(t.rewardId), entity: ENTITY.catalogueAggregate, set: { rewardId: t.rewardId } }
  }
}

/** `ADD` of every counter and `SET` of the item's own fields, with placeholders. */
const addUpdate = (tableName: string, key: ItemKey, entity: string, set: Record<string, string>, counters: Counters) => {
  const names: Record<string, string> = { '#entity': 'entity' }
  const values: Record<string, unknown> = { ':entity': entity }
  const sets = ['#entity = :entity']
  Object.entries(set).forEach(([k, v], i) => {
    names[`#s${i}`] = k
    values[`:s${i}`] = v
    sets.push(`#s${i} = :s${i}`)
  })
  const adds = Object.entries(counters).map(([k, v], i) => {
    names[`#c${i}`] = k
    values[`:c${i}`] = v
    return `#c${i} :c${i}`
  })
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }
}

export const aggregatesRepository = (db: Db) => {
  const T = db.tableName

  /** Every item of one partition within [from, to] of the sort key (all pages). */
  const range = async (pk: string, from: string, to: string, projection?: string[]): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = []
    let start: Record<string, unknown> | undefined
    do {
      const out = await db.client.send(
        new QueryCommand({
          TableName: T,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
          ...(projection
            ? {
                ProjectionExpression: ['SK', ...projection].map((_, i) => `#p${i}`).join(', '),
                ExpressionAttributeNames: Object.fromEntries(['SK', ...projection].map((p, i) => [`#p${i}`, p])),
              }
            : {}),
          ExclusiveStartKey: start,
        }),
      )
      items.push(...(out.Items ?? []))
      start = out.LastEvaluatedKey
    } while (start)
    return items
  }

  const partition = (pk: string) => range(pk, '\u0000', '\uffff')

  /** The items found, by sort key (or by `idOf`, where the keys span partitions that share sort keys). */
  const batchGet = async (
    keys: ItemKey[],
    idOf: (item: Record<string, unknown>) => string = (i) => String(i.SK),
  ): Promise<Map<string, Record<string, unknown>>> => {
    const found = new Map<string, Record<string, unknown>>()
    const chunks: ItemKey[][] = []
    for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100))
    await Promise.all(
      chunks.map(async (chunk) => {
        let request: Record<string, { Keys: ItemKey[] }> | undefined = { [T]: { Keys: chunk } }
        for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** attempt, 500)))
          const out = await db.client.send(new BatchGetCommand({ RequestItems: request }))
          for (const i of out.Responses?.[T] ?? []) found.set(idOf(i), i)
          request = out.UnprocessedKeys as typeof request
        }
      }),
    )
    return found
  }

  const countsOfCatalogue = async <K extends string>(keys: ItemKey[], names: readonly K[]): Promise<Map<string, Record<K, number>>> => {
    const unique = [...new Map(keys.map((k) => [k.SK, k])).values()]
    const found = await batchGet(unique)
    return new Map(unique.map((k) => [k.SK, pick(found.get(k.SK), names)]))
  }

  return {
    /** The counter updates of one event (ADD; an aggregate item is created by its first event). */
    counterItems(counted: Counted[], date: string): Guarded<never>[] {
      return counted.map((c) => {
        const { key, entity, set } = keyOf(c.target, date)
        return { item: addUpdate(T, key, entity, set, c.counters) }
      })
    },

    activeDayKey: (memberId: string, scope: string, date: string): ItemKey => reportKeys.activeDay(memberId, scope, date),
    activeMonthKey: (memberId: string, scope: string, month: string): ItemKey => reportKeys.activeMonth(memberId, scope, month),

    /** The member's activity marker, once ('stale' when another event put it since it was read). */
    activeMarkerItem(key: ItemKey, period: 'day' | 'month', now: Date): Guarded {
      const keepDays = period === 'day' ? ACTIVE_DAY_KEEP_DAYS : ACTIVE_MONTH_KEEP_DAYS
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...key, entity: ENTITY.activeMarker, expiresAtEpoch: Math.floor(now.getTime() / 1000) + keepDays * 86_400 },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** A scope's day aggregates from `from` to `to` (inclusive), oldest first; `counters` narrows what is read. */
    async days(scope: string, from: string, to: string, counters?: readonly (typeof DAY_COUNTERS)[number][]): Promise<DayRow[]> {
      const items = await range(reportKeys.dayPartition(scope), from, to, counters ? [...counters] : undefined)
      // Counters not read (or never written) are zero.
      return items.map((i) => ({ date: String(i.SK), ...pick(i, DAY_COUNTERS) }) as DayRow)
    },

    /** A scope's month aggregates from `from` to `to` (YYYY-MM), oldest first: the days' sums (`activeMembers`: distinct in the month). */
    async months(scope: string, from: string, to: string, counters?: readonly (typeof DAY_COUNTERS)[number][]): Promise<MonthRow[]> {
      const items = await range(reportKeys.monthPartition(scope), from, to, counters ? [...counters] : undefined)
      return items.map((i) => ({ month: String(i.SK), ...pick(i, DAY_COUNTERS) }) as MonthRow)
    },

    /** Many scopes' aggregates of one month (YYYY-MM), by scope (BatchGet, 100 a call): e.g. every store's month for the settlement. */
    async monthOfScopes(scopes: string[], month: string): Promise<Map<string, MonthRow>> {
      const unique = [...new Set(scopes)]
      const found = await batchGet(
        unique.map((scope) => reportKeys.month(scope, month)),
        (i) => String(i.PK),
      )
      return new Map(
        unique.map((scope) => [scope, { month, ...pick(found.get(reportKeys.monthPartition(scope)), DAY_COUNTERS) } as MonthRow]),
      )
    },

    /** A scope's distinct active members per month, from `from` to `to` (YYYY-MM). */
    async monthlyActive(scope: string, from: string, to: string): Promise<Array<{ month: string; activeMembers: number }>> {
      const items = await range(reportKeys.monthPartition(scope), from, to, ['activeMembers'])
      return items.map((i) => ({ month: String(i.SK), activeMembers: Number(i.activeMembers ?? 0) }))
    },

    /** A scope's all-time totals. */
    async total(scope: string): Promise<TotalRow> {
      const out = await batchGet([reportKeys.total(scope)])
      return { scope, ...pick(out.get(scope), TOTAL_COUNTERS) }
    },

    /** Every scope's all-time totals (the program's and each store's). */
    async totals(): Promise<TotalRow[]> {
      return (await partition(reportKeys.totalPartition())).map((i) => ({ scope: String(i.SK), ...pick(i, TOTAL_COUNTERS) }))
    },

    /** Current members per tier code. */
    async tiers(): Promise<Map<string, number>> {
      return new Map((await partition(reportKeys.tierPartition())).map((i) => [String(i.tierCode ?? i.SK), Number(i.members ?? 0)]))
    },

    /** Every template's lifetime counters. */
    async templates(): Promise<Array<{ templateId: string } & TemplateCounts>> {
      return (await partition(reportKeys.templatePartition())).map((i) => ({ templateId: String(i.SK), ...pick(i, TEMPLATE_COUNTERS) }))
    },

    templateCounts: (ids: string[]) => countsOfCatalogue(ids.map(reportKeys.template), TEMPLATE_COUNTERS),
    offerCounts: (ids: string[]) => countsOfCatalogue(ids.map(reportKeys.offer), OFFER_COUNTERS),
    rewardCounts: (ids: string[]) => countsOfCatalogue(ids.map(reportKeys.reward), REWARD_COUNTERS),

    /** Writes an aggregate as given (backfills and benchmarks; the consumer only ever adds). */
    async putAggregate(target: Target, date: string, counters: Counters): Promise<void> {
      const { key, entity, set } = keyOf(target, date)
      await db.client.send(new PutCommand({ TableName: T, Item: { ...key, entity, ...set, ...counters } }))
    },
  }
}
export type AggregatesRepository = ReturnType<typeof aggregatesRepository>
