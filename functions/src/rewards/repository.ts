/** The points mall's items (REWARD#id) — the only DynamoDB code of rewards. */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { Reward } from '@huiyuan/shared/coupons/schemas'
import { CatalogueStatus } from '@huiyuan/shared/coupons/admin'
import { IsoDateTime } from '@huiyuan/shared/common'
import { type Page, type PageRequest, queryPage } from '../platform/cursor'
import { type Db, setClauses } from '../platform/db'
import { couponKeys, ENTITY } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded, TxItem } from '../platform/unitOfWork'

/** A reward as stored: `status` paused stops exchanges; `updatedAt` is the version edits are made from. */
export type RewardRecord = Reward & { status?: CatalogueStatus; updatedAt?: string }
const StoredReward = Reward.extend({ status: CatalogueStatus.optional(), updatedAt: IsoDateTime.optional() })

export const rewardsRepository = (db: Db) => {
  const T = db.tableName
  return {
    async putReward(r: Reward, also: TxItem[] = []): Promise<void> {
      const put = {
        TableName: T,
        Item: { ...couponKeys.reward(r.rewardId, r.createdAt), entity: ENTITY.reward, ...r },
        ConditionExpression: 'attribute_not_exists(PK)',
      }
      await db.client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...also] }))
    },
    async getReward(rewardId: string, consistent = false): Promise<RewardRecord | undefined> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: couponKeys.rewardKey(rewardId), ConsistentRead: consistent }))
      return out.Item as RewardRecord | undefined
    },
    /** Points-mall items, newest first (GSI1 REWARDS); `activeOnly`: without paused ones (pages may hold fewer). */
    async listRewards(page: PageRequest, opts: { activeOnly?: boolean } = {}): Promise<Page<RewardRecord>> {
      const p = await queryPage(
        db,
        {
          index: 'GSI1',
          partition: couponKeys.rewardsIndex(),
          newestFirst: true,
          ...(opts.activeOnly
            ? {
                filter: {
                  expression: 'attribute_not_exists(#status) OR #status <> :paused',
                  names: { '#status': 'status' },
                  values: { ':paused': 'paused' },
                },
              }
            : {}),
        },
        page,
      )
      return { items: parseStoredItems(p.items, StoredReward, ENTITY.reward), nextCursor: p.nextCursor }
    },
    /** One unit of the reward's stock ('unavailable' when none is left or exchanges are paused). */
    stockItem: (rewardId: string): Guarded<'unavailable'> => ({
      item: {
        Update: {
          TableName: T,
          Key: couponKeys.rewardKey(rewardId),
          UpdateExpression: 'ADD stock :minus',
          ConditionExpression: 'stock > :zero AND (attribute_not_exists(#status) OR #status <> :paused)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0, ':paused': 'paused' },
        },
      },
      onConditionFailed: 'unavailable',
    }),
    /** An admin edit, from the version read ('stale' otherwise); `addStock` is added atomically. */
    updateRewardItem(
      r: RewardRecord,
      changes: Partial<Pick<RewardRecord, 'name' | 'description' | 'status'>>,
      addStock: number,
      at: string,
    ): Guarded<never> {
      const set = setClauses({ ...changes, updatedAt: at })
      const guard = r.updatedAt
        ? { condition: 'updatedAt = :was', values: { ':was': r.updatedAt } }
        : { condition: 'attribute_exists(PK) AND attribute_not_exists(updatedAt)', values: {} }
      return {
        item: {
          Update: {
            TableName: T,
            Key: couponKeys.rewardKey(r.rewardId),
            UpdateExpression: `SET ${set.clauses.join(', ')}${addStock > 0 ? ' ADD stock :added' : ''}`,
            ConditionExpression: guard.condition,
            ExpressionAttributeNames: set.names,
            ExpressionAttributeValues: { ...set.values, ...guard.values, ...(addStock > 0 ? { ':added': addStock } : {}) },
          },
        },
        onConditionFailed: 'stale',
      }
    },
  }
}
export type RewardsRepository = ReturnType<typeof rewardsRepository>
