import type { NoticeKind } from '@huiyuan/shared/points/schemas'
import { ulid } from 'ulid'
import type { Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'
import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import { InboxNotice } from '@huiyuan/shared/points/schemas'
import { queryPage } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'

export type { NoticeKind }

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
  noticeItem(memberId: string, n: { kind: NoticeKind; title: string; body: string }, now: Date): Guarded<never> {
    // Ordered by when it happened (a consumer may write notices of several events out of order).
    const noticeId = ulid(now.getTime())
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
    const p = await queryPage(
      db,
      { partition: keys.memberPartition(memberId), beginsWith: keys.noticePrefix(), newestFirst: true },
      { limit, cursor },
    )
    return { items: parseStoredItems(p.items, StoredNotice, ENTITY.notice), nextCursor: p.nextCursor }
  },
})
export type InboxRepository = ReturnType<typeof inboxRepository>
