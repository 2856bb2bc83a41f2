import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import type { StreakState } from './rules'

export const checkinsRepository = (db: Db) => ({
  /** The check-in record put in the same transaction as the points (guards one per day). */
  recordItem: (memberId: string, date: string, points: number, streak: number, now: Date) => ({
    Put: {
      TableName: db.tableName,
      Item: { ...keys.checkin(memberId, date), entity: ENTITY.checkin, memberId, date, points, streak, createdAt: now.toISOString() },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }),
  async listMonth(memberId: string, month: string): Promise<Array<{ date: string; points: number }>> {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':p': keys.checkinPrefix(month) },
      }),
    )
    return (out.Items ?? []).map((i) => ({ date: String(i.date), points: Number(i.points) }))
  },
  async streakState(memberId: string): Promise<StreakState> {
    const out = await db.client.send(
      new GetCommand({
        TableName: db.tableName,
        Key: keys.member(memberId),
        ProjectionExpression: 'lastCheckinDate, checkinStreak',
      }),
    )
    return (out.Item ?? {}) as StreakState
  },
})
export type CheckinsRepository = ReturnType<typeof checkinsRepository>
