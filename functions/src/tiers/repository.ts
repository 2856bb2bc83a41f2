/** The member's tier state item (MEMBER#id / TIER): its own item, so tier moves don't contend with profile edits. */
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from '../platform/db'
import { coreKeys, ENTITY } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'
import type { MonthlyTotals } from './rules'

export interface TierState {
  memberId: string
  /** '' = not yet qualified (entry mode `qualify`). */
  tierCode: string
  spendMonths: MonthlyTotals
  pointsMonths: MonthlyTotals
  lifetimeSpendFen: number
  /** The rolling window's measure (spend or points) as of the last change. */
  measure: number
  lastPurchaseAt?: string
  /** The year of the last yearly review that looked at this member. */
  reviewedYear?: string
  version: number
  exists: boolean
}

export const tiersRepository = (db: Db) => ({
  key: (memberId: string) => coreKeys.tierState(memberId),

  stateOf(memberId: string, item: Record<string, unknown> | undefined, entryCode: string): TierState {
    if (!item)
      return {
        memberId,
        tierCode: entryCode,
        spendMonths: {},
        pointsMonths: {},
        lifetimeSpendFen: 0,
        measure: 0,
        version: 0,
        exists: false,
      }
    return {
      memberId,
      tierCode: String(item.tierCode ?? ''),
      spendMonths: (item.spendMonths ?? {}) as MonthlyTotals,
      pointsMonths: (item.pointsMonths ?? {}) as MonthlyTotals,
      lifetimeSpendFen: Number(item.lifetimeSpendFen ?? 0),
      measure: Number(item.measure ?? 0),
      ...(item.lastPurchaseAt ? { lastPurchaseAt: String(item.lastPurchaseAt) } : {}),
      ...(item.reviewedYear ? { reviewedYear: String(item.reviewedYear) } : {}),
      version: Number(item.version ?? 0),
      exists: true,
    }
  },

  async read(memberId: string, entryCode: string): Promise<TierState> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: coreKeys.tierState(memberId), ConsistentRead: true }))
    return this.stateOf(memberId, out.Item, entryCode)
  },

  /** The state as it will be, only from the version that was read. */
  stateItem(before: TierState, after: TierState, now: Date): Guarded<never> {
    const { exists: _exists, version: _version, ...fields } = after
    return {
      item: {
        Put: {
          TableName: db.tableName,
          Item: {
            ...coreKeys.tierState(after.memberId),
            entity: ENTITY.tierState,
            ...fields,
            version: before.version + 1,
            updatedAt: now.toISOString(),
          },
          ConditionExpression: before.exists ? 'version = :v' : 'attribute_not_exists(PK)',
          ...(before.exists ? { ExpressionAttributeValues: { ':v': before.version } } : {}),
        },
      },
      onConditionFailed: 'stale',
    }
  },

  /** Every member's tier state, a page at a time (the yearly review job only; never a request path). */
  async scanPage(startKey?: Record<string, unknown>): Promise<{ items: Record<string, unknown>[]; next?: Record<string, unknown> }> {
    const out = await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'entity = :e',
        ExpressionAttributeValues: { ':e': ENTITY.tierState },
        ExclusiveStartKey: startKey,
      }),
    )
    return { items: out.Items ?? [], next: out.LastEvaluatedKey }
  },
})
export type TiersRepository = ReturnType<typeof tiersRepository>
