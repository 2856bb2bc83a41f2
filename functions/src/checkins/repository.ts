import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'

export interface CheckinRecord {
  date: string
  points: number
  streak: number
}

export const checkinsRepository = (db: Db) => ({
  key: (memberId: string, date: string) => keys.checkin(memberId, date),

  recordOf: (item: Record<string, unknown> | undefined): CheckinRecord | undefined =>
    item ? { date: String(item.date), points: Number(item.points), streak: Number(item.streak ?? 1) } : undefined,

  /** One record per member and day: a second check-in the same day cancels ('alreadyCheckedIn'). */
  recordItem: (memberId: string, r: CheckinRecord, now: Date): Guarded<'alreadyCheckedIn'> => ({
    item: {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.checkin(memberId, r.date), entity: ENTITY.checkin, memberId, ...r, createdAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: 'alreadyCheckedIn',
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

  /** The member's latest check-in (the streak lives on it). */
  async latest(memberId: string): Promise<CheckinRecord | undefined> {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':p': keys.checkinPrefix() },
        ScanIndexForward: false,
        Limit: 1,
      }),
    )
    return this.recordOf(out.Items?.[0])
  },
})
export type CheckinsRepository = ReturnType<typeof checkinsRepository>
