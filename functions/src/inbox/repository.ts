import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { NoticeKind } from '@huiyuan/shared/points/schemas'
import { monotonicFactory } from 'ulid'
import { decodeCursor, encodeCursor } from '../platform/cursor'
import type { Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'

export type { NoticeKind }

export interface Notice {
  noticeId: string
  memberId: string
  kind: NoticeKind
  title: string
  body: string
  createdAt: string
}

const nextNoticeId = monotonicFactory()

/** Member inbox: service notices now; the messaging work will deliver them to WeChat too. */
export const inboxRepository = (db: Db) => ({
  noticeItem(memberId: string, n: { kind: NoticeKind; title: string; body: string }, now: Date): Guarded<never> {
    const noticeId = nextNoticeId(now.getTime())
    return {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.notice(memberId, noticeId), entity: ENTITY.notice, noticeId, memberId, ...n, createdAt: now.toISOString() },
        },
      },
    }
  },

  async list(memberId: string, limit: number, cursor?: string): Promise<{ items: Notice[]; nextCursor: string | null }> {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':p': keys.noticePrefix() },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, keys.memberPartition(memberId)),
      }),
    )
    const items = (out.Items ?? []).map(
      (i) => ({ noticeId: i.noticeId, memberId: i.memberId, kind: i.kind, title: i.title, body: i.body, createdAt: i.createdAt }) as Notice,
    )
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey) }
  },
})
export type InboxRepository = ReturnType<typeof inboxRepository>
