import { QueryCommand } from '@aws-sdk/lib-dynamodb'
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
  /** One day's events, oldest first (PK AUDIT#<date>). */
  async listDay(date: string) {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.audit(date, '').PK },
        Limit: 500,
      }),
    )
    return (out.Items ?? []).map((i) => ({
      eventId: String(i.eventId),
      action: String(i.action),
      actor: String(i.actor),
      subject: String(i.subject),
      details: (i.details ?? {}) as Record<string, unknown>,
      at: String(i.at),
    }))
  },
})
export type AuditRepository = ReturnType<typeof auditRepository>
