import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { ulid } from 'ulid'
import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import { InboxNotice } from '@huiyuan/shared/points/schemas'
import { falseIfConditionFailed, type Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import { queryPage } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'

export type NoticeKind =
  | 'tier_upgrade'
  | 'tier_downgrade'
  | 'points_expiring'
  | 'points_expired'
  | 'coupon_expiring'
  | 'welcome'
  | 'birthday'
  | 'marketing'

export interface Notice {
  noticeId: string
  memberId: string
  kind: NoticeKind
  title: string
  body: string
  createdAt: string
}

/** What the inbox list accepts as a stored notice (anything else is skipped, see parseStoredItems). */
const StoredNotice = z.object({
  noticeId: z.string().min(1),
  memberId: z.string().min(1),
  kind: InboxNotice.shape.kind,
  title: z.string(),
  body: z.string(),
  createdAt: IsoDateTime,
})

/** Member inbox: service notices now; the messaging work will deliver them to WeChat too. */
export const inboxRepository = (db: Db) => ({
  /** A put of a notice, to write inside another transaction; with a dedupe key it is sent once. */
  noticeItems(memberId: string, kind: NoticeKind, title: string, body: string, now: Date, dedupeKey?: string) {
    const noticeId = ulid(now.getTime())
    const items: Array<{ Put: { TableName: string; Item: Record<string, unknown>; ConditionExpression?: string } }> = [
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.notice(memberId, noticeId),
            entity: ENTITY.notice,
            noticeId,
            memberId,
            kind,
            title,
            body,
            createdAt: now.toISOString(),
          },
        },
      },
    ]
    if (dedupeKey) {
      items.push({
        Put: {
          TableName: db.tableName,
          Item: { ...keys.noticeGuard(memberId, dedupeKey), entity: ENTITY.noticeGuard, noticeId },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })
    }
    return items
  },

  /** Sends a notice on its own; with a dedupe key, a second send is a no-op. true if it was sent. */
  async send(memberId: string, kind: NoticeKind, title: string, body: string, now: Date, dedupeKey?: string): Promise<boolean> {
    return db.client
      .send(new TransactWriteCommand({ TransactItems: this.noticeItems(memberId, kind, title, body, now, dedupeKey) }))
      .then(() => true, falseIfConditionFailed)
  },

  async list(memberId: string, limit: number, cursor?: string): Promise<{ items: Notice[]; nextCursor: string | null }> {
    const p = await queryPage(
      db,
      { partition: keys.memberPartition(memberId), beginsWith: keys.noticePrefix(), newestFirst: true },
      { limit, cursor },
    )
    return { items: parseStoredItems(p.items, StoredNotice, ENTITY.notice), nextCursor: p.nextCursor }
  },
})
export type InboxRepository = ReturnType<typeof inboxRepository>
