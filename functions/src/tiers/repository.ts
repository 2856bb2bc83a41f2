/** The member's tier state item (MEMBER#id / TIER): its own item, so tier moves don't contend with profile edits. */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
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
            ...coreKeys.memberShardIndex(after.memberId),
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

  /** The shards of the members index (jobs over all members read each on its own). */
  memberShards: () => coreKeys.memberShards(),

  /** A page of the member ids in one shard of the members index (GSI2 `MEMBERS#<n>`; jobs only). */
  async memberShardPage(
    shard: string,
    startKey?: Record<string, unknown>,
  ): Promise<{ memberIds: string[]; next?: Record<string, unknown> }> {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :shard',
        ExpressionAttributeValues: { ':shard': shard },
        ProjectionExpression: 'memberId',
        ExclusiveStartKey: startKey,
      }),
    )
    return { memberIds: (out.Items ?? []).map((i) => String(i.memberId)), next: out.LastEvaluatedKey }
  },
})
export type TiersRepository = ReturnType<typeof tiersRepository>
