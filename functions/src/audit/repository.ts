import { ulid } from 'ulid'
import type { Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import { calendarDate } from '../platform/clock'

export interface AuditEvent {
  action: string
  actor: string
  subject: string
  details: Record<string, unknown>
}

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
})
export type AuditRepository = ReturnType<typeof auditRepository>
