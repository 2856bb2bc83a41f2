import { PutCommand } from '@aws-sdk/lib-dynamodb'
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

export type AuditQuery = {
  action?: string
  actor?: string
  /** e.g. `member:<id>`, `staff:<id>`, `store:<id>`. */
  subject?: string
} & ({ date: string } | { date?: string; subject: string } | { date?: string; actor: string })

/** Who did it, as the audit names them: the staff account, or the identity (POS key, system). */
export const actorOf = (auth: { openid: string; staffId?: string }): string => (auth.staffId ? `staff:${auth.staffId}` : auth.openid)

/** Audit trail: each event a put, written in the same transaction as what it records. */
export const auditRepository = (db: Db) => ({
  eventItem(e: AuditEvent, now: Date) {
    const eventId = ulid(now.getTime())
    const date = calendarDate(now, 'Asia/Shanghai')
    return {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.audit(date, eventId),
          ...keys.auditIndexes(e.actor, e.subject, date, eventId),
          entity: ENTITY.audit,
          eventId,
          ...e,
          at: now.toISOString(),
        },
      },
    }
  },

  /** An audit event of its own: a read of personal data, or a write that is a single item. */
  async record(e: AuditEvent, now: Date): Promise<void> {
    await db.client.send(new PutCommand(this.eventItem(e, now).Put))
  },

  /**
   * Events oldest first, by what is known: a subject (GSI2 AUDITOF#, e.g. `member:<id>`), an
   * actor (GSI1 AUDITBY#) or else a day (PK AUDIT#<date>); the day narrows the first two, and
   * the action and actor filter whatever is read.
   */
  async list(q: AuditQuery, page: PageRequest): Promise<Page<StoredAuditEvent>> {
    const conditions: string[] = []
    const values: Record<string, unknown> = {}
    if (q.action) {
      conditions.push('#action = :action')
      values[':action'] = q.action
    }
    if (q.actor && q.subject) {
      conditions.push('actor = :actor')
      values[':actor'] = q.actor
    }
    const filter = conditions.length
      ? { expression: conditions.join(' AND '), values, ...(q.action ? { names: { '#action': 'action' } } : {}) }
      : undefined
    const read = q.subject
      ? { index: 'GSI2' as const, partition: `AUDITOF#${q.subject}`, ...(q.date ? { beginsWith: `${q.date}#` } : {}) }
      : q.actor
        ? { index: 'GSI1' as const, partition: `AUDITBY#${q.actor}`, ...(q.date ? { beginsWith: `${q.date}#` } : {}) }
        : { partition: keys.audit(q.date!, '').PK }
    const p = await queryPage(db, { ...read, ...(filter ? { filter } : {}) }, page)
    return { items: parseStoredItems(p.items, StoredAuditEvent, ENTITY.audit), nextCursor: p.nextCursor }
  },
})
export type AuditRepository = ReturnType<typeof auditRepository>

/** The audit event of an admin write, as items of its transaction: none without an actor (seeding, scripts). */
export const auditItems = (
  audit: AuditRepository | undefined,
  actor: { openid: string; staffId?: string } | undefined,
  e: Omit<AuditEvent, 'actor'>,
  now: Date,
) => (audit && actor ? [audit.eventItem({ ...e, actor: actorOf(actor) }, now)] : [])
