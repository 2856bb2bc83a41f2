import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { DomainError } from '@huiyuan/shared/errors'
import { StaffRole } from '@huiyuan/shared/auth/schemas'
import { IsoDateTime } from '@huiyuan/shared/common'
import type { Db } from '../platform/db'
import { cancellationReasons } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import { queryPage, type Page, type PageRequest } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'

export interface StaffRecord {
  staffId: string
  name: string
  roles: StaffRole[]
  storeIds: string[]
  openid?: string
  createdAt: string
}

const StoredStaff = z.object({
  staffId: z.string().min(1),
  name: z.string(),
  roles: z.array(StaffRole),
  storeIds: z.array(z.string()),
  openid: z.string().optional(),
  createdAt: IsoDateTime,
})

export interface PosKeyRecord {
  keyId: string
  storeId: string
  secretSealed: string
  secretSha256: string
  active: boolean
  createdAt: string
}

export const staffRepository = (db: Db) => ({
  async create(staff: StaffRecord, binding: { code: string; expiresAt: string }): Promise<void> {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.staff(staff.staffId, staff.createdAt), entity: ENTITY.staff, ...staff },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: db.tableName,
              Item: {
                ...keys.bindingCode(binding.code),
                entity: ENTITY.bindingCode,
                staffId: staff.staffId,
                expiresAt: binding.expiresAt,
                expiresAtEpoch: Math.floor(Date.parse(binding.expiresAt) / 1000) + 86400,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      }),
    )
  },

  async get(staffId: string): Promise<StaffRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.staffKey(staffId) }))
    return out.Item as StaffRecord | undefined
  },

  /** Staff accounts, newest first (GSI1 STAFF). */
  async list(page: PageRequest): Promise<Page<StaffRecord>> {
    const p = await queryPage(db, { index: 'GSI1', partition: keys.staffIndex().GSI1PK, newestFirst: true }, page)
    return { items: parseStoredItems(p.items, StoredStaff, ENTITY.staff), nextCursor: p.nextCursor }
  },

  async staffIdOf(openid: string): Promise<string | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.staffIdentity(openid) }))
    return out.Item?.staffId as string | undefined
  },

  /**
   * Uses a one-time binding code: marks it used, links the identity and the staff account,
   * all or nothing. A used, expired or unknown code is refused.
   */
  async bind(code: string, openid: string, now: Date): Promise<string> {
    const found = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.bindingCode(code), ConsistentRead: true }))
    const staffId = found.Item?.staffId as string | undefined
    if (!staffId || found.Item?.usedAt || String(found.Item?.expiresAt) < now.toISOString()) {
      throw new DomainError('BINDING_CODE_INVALID', 'This binding code is unknown, used or expired')
    }
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.tableName,
                Key: keys.bindingCode(code),
                UpdateExpression: 'SET usedAt = :now, usedBy = :openid',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAt > :now',
                ExpressionAttributeValues: { ':now': now.toISOString(), ':openid': openid },
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: { ...keys.staffIdentity(openid), entity: ENTITY.staffIdentity, staffId, openid, boundAt: now.toISOString() },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: db.tableName,
                Key: keys.staffKey(staffId),
                UpdateExpression: 'SET openid = :openid, boundAt = :now',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(openid)',
                ExpressionAttributeValues: { ':now': now.toISOString(), ':openid': openid },
              },
            },
          ],
        }),
      )
      return staffId
    } catch (e) {
      const reasons = cancellationReasons(e)
      if (reasons[1] === 'ConditionalCheckFailed')
        throw new DomainError('BINDING_CODE_INVALID', 'This WeChat account is already bound to a staff account')
      if (reasons.includes('ConditionalCheckFailed'))
        throw new DomainError('BINDING_CODE_INVALID', 'This binding code is unknown, used or expired')
      throw e
    }
  },

  async putPosKey(k: PosKeyRecord): Promise<void> {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.posKey(k.keyId), entity: ENTITY.posKey, ...k },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
  },

  async getPosKey(keyId: string): Promise<PosKeyRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.posKey(keyId) }))
    return out.Item as PosKeyRecord | undefined
  },
})
export type StaffRepository = ReturnType<typeof staffRepository>
