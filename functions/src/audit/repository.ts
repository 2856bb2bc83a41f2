import { ulid } from 'ulid'
import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import type { Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import { calendarDate } from '../platform/clock'
import { queryPage, type Page, type PageRequest } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'

export interface AuditEvent {
  action: string
  actor: string
  subject: string
  details: Record<string, unknown>
}

const StoredAuditEvent = z.object({
  eventId: z.string().min(1),
  action: z.string(),
  actor: z.string(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()).default({}),
  at: IsoDateTime,
})
export type StoredAuditEvent = z.output<typeof StoredAuditEvent>

/** Audit trail: each event a put, written in the same transaction as what it records. */
export const auditRepository = (db: Db) => ({
  eventItem(e: AuditEvent, now: Date) {
    const eventId = ulid(now.getTime())
    return {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.audit(calendarDate(now, 'Asia/Shanghai'), eventId), entity: ENTITY.audit, eventId, ...e, at: now.toISOString() },
      },
    }
  },
  /** One day's events, oldest first (PK AUDIT#<date>). */
  async listDay(date: string, page: PageRequest): Promise<Page<StoredAuditEvent>> {
    const p = await queryPage(db, { partition: keys.audit(date, '').PK }, page)
    return { items: parseStoredItems(p.items, StoredAuditEvent, ENTITY.audit), nextCursor: p.nextCursor }
  },
})
export type AuditRepository = ReturnType<typeof auditRepository>
