/** The points mall's items (REWARD#id) — the only DynamoDB code of rewards. */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { Reward } from '@huiyuan/shared/coupons/schemas'
import { type Page, type PageRequest, queryPage } from '../platform/cursor'
import type { Db } from '../platform/db'
import { couponKeys, ENTITY } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded, TxItem } from '../platform/unitOfWork'

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
    async getReward(rewardId: string): Promise<Reward | undefined> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: couponKeys.rewardKey(rewardId) }))
      return out.Item as Reward | undefined
    },
    /** Points-mall items, newest first (GSI1 REWARDS). */
    async listRewards(page: PageRequest): Promise<Page<Reward>> {
      const p = await queryPage(db, { index: 'GSI1', partition: couponKeys.rewardsIndex(), newestFirst: true }, page)
      return { items: parseStoredItems(p.items, Reward, ENTITY.reward), nextCursor: p.nextCursor }
    },
    /** One unit of the reward's stock ('outOfStock' when none is left). */
    stockItem: (rewardId: string): Guarded<'outOfStock'> => ({
      item: {
        Update: {
          TableName: T,
          Key: couponKeys.rewardKey(rewardId),
          UpdateExpression: 'ADD stock :minus',
          ConditionExpression: 'stock > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        },
      },
      onConditionFailed: 'outOfStock',
    }),
  }
}
export type RewardsRepository = ReturnType<typeof rewardsRepository>
