import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import type { Db } from '../platform/db'
import { isConditionFailure } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'

/** A console sign-in as stored: the secret only as its SHA-256. */
export interface ConsoleSessionRecord {
  ticket: string
  secretSha256: string
  client: string | null
  createdAt: string
  /** Until then a pending ticket may be approved, and an approved one collected. */
  expiresAt: string
  status: 'pending' | 'approved' | 'consumed'
  staffId?: string
  approvedAt?: string
  consumedAt?: string
}

const Stored = z.object({
  ticket: z.string(),
  secretSha256: z.string(),
  client: z.string().nullable().default(null),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  status: z.enum(['pending', 'approved', 'consumed']),
  staffId: z.string().optional(),
  approvedAt: IsoDateTime.optional(),
  consumedAt: IsoDateTime.optional(),
})

/** Expired tickets stay a day (so a late poll hears "expired", not "unknown"), then TTL removes them. */
const KEEP_SECONDS = 86_400
const epochOf = (iso: string) => Math.floor(Date.parse(iso) / 1000) + KEEP_SECONDS

export const consoleSessionsRepository = (db: Db) => ({
  async create(s: ConsoleSessionRecord): Promise<void> {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.consoleSession(s.ticket), entity: ENTITY.consoleSession, ...s, expiresAtEpoch: epochOf(s.expiresAt) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
  },

  async get(ticket: string): Promise<ConsoleSessionRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.consoleSession(ticket), ConsistentRead: true }))
    if (!out.Item) return undefined
    const r = Stored.safeParse(out.Item)
    return r.success ? r.data : undefined
  },

  /** pending → approved by a staff account, only while the ticket is good ('notPending' otherwise); the collection window starts. */
  approveItem(ticket: string, staffId: string, now: Date, collectBy: string): Guarded<'notPending'> {
    return {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.consoleSession(ticket),
          UpdateExpression: 'SET #status = :approved, staffId = :staff, approvedAt = :now, expiresAt = :until, expiresAtEpoch = :epoch',
          ConditionExpression: 'attribute_exists(PK) AND #status = :pending AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':approved': 'approved',
            ':pending': 'pending',
            ':staff': staffId,
            ':now': now.toISOString(),
            ':until': collectBy,
            ':epoch': epochOf(collectBy),
          },
        },
      },
      onConditionFailed: 'notPending',
    }
  },

  /** approved → consumed, by the holder of the secret, once: false if another poll (or nothing) got there first. */
  async consume(ticket: string, secretSha256: string, now: Date): Promise<boolean> {
    try {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.consoleSession(ticket),
          UpdateExpression: 'SET #status = :consumed, consumedAt = :now',
          ConditionExpression: '#status = :approved AND secretSha256 = :secret AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':consumed': 'consumed',
            ':approved': 'approved',
            ':secret': secretSha256,
            ':now': now.toISOString(),
          },
        }),
      )
      return true
    } catch (e) {
      if (isConditionFailure(e)) return false
      throw e
    }
  },
})
export type ConsoleSessionsRepository = ReturnType<typeof consoleSessionsRepository>
