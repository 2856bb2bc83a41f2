import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { DomainError } from '@huiyuan/shared/errors'
import { StaffRole } from '@huiyuan/shared/auth/schemas'
import { IsoDateTime } from '@huiyuan/shared/common'
import type { Db } from '../platform/db'
import { cancellationReasons, isConditionFailure, setClauses } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import { queryPage, type Page, type PageRequest } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded, TxItem } from '../platform/unitOfWork'

export interface StaffRecord {
  staffId: string
  name: string
  roles: StaffRole[]
  storeIds: string[]
  openid?: string
  createdAt: string
  /** Bumped by every change of roles, stores or status: tokens of an older version are refused. */
  version?: number
  disabled?: boolean
}

const StoredStaff = z.object({
  staffId: z.string().min(1),
  name: z.string(),
  roles: z.array(StaffRole),
  storeIds: z.array(z.string()),
  openid: z.string().optional(),
  createdAt: IsoDateTime,
  version: z.number().int().optional(),
  disabled: z.boolean().optional(),
})

const StoredPosKey = z.object({
  keyId: z.string().min(1),
  storeId: z.string(),
  active: z.boolean(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime.optional(),
  revokedAt: IsoDateTime.optional(),
})

export interface PosKeyRecord {
  keyId: string
  storeId: string
  secretSealed: string
  secretSha256: string
  active: boolean
  createdAt: string
  expiresAt?: string
  revokedAt?: string
}
export type PosKeyInfo = Omit<PosKeyRecord, 'secretSealed' | 'secretSha256'>

export const staffRepository = (db: Db) => ({
  async create(staff: StaffRecord, binding: { code: string; expiresAt: string }, also: TxItem[] = []): Promise<void> {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.staff(staff.staffId, staff.createdAt), entity: ENTITY.staff, version: 0, ...staff },
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
          ...also,
        ],
      }),
    )
  },

  async get(staffId: string, consistent = false): Promise<StaffRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.staffKey(staffId), ConsistentRead: consistent }))
    return out.Item as StaffRecord | undefined
  },

  /** Staff accounts, newest first (GSI1 STAFF). */
  async list(page: PageRequest): Promise<Page<StaffRecord>> {
    const p = await queryPage(db, { index: 'GSI1', partition: keys.staffIndex().GSI1PK, newestFirst: true }, page)
    return { items: parseStoredItems(p.items, StoredStaff, ENTITY.staff), nextCursor: p.nextCursor }
  },

  /**
   * Changes roles, stores or status and bumps the version, so tokens of the older version
   * stop working at once. Guarded by the version read ('stale' if it moved since).
   */
  updateItem(current: StaffRecord, set: Partial<Pick<StaffRecord, 'roles' | 'storeIds' | 'disabled'>>, now: Date): Guarded<'stale'> {
    const { clauses, names, values } = setClauses(set)
    values[':next'] = (current.version ?? 0) + 1
    values[':now'] = now.toISOString()
    const expected = current.version === undefined ? 'attribute_not_exists(version)' : 'version = :expected'
    if (current.version !== undefined) values[':expected'] = current.version
    return {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.staffKey(current.staffId),
          UpdateExpression: `SET ${[...clauses, 'version = :next', 'updatedAt = :now'].join(', ')}`,
          ConditionExpression: `attribute_exists(PK) AND ${expected}`,
          ...(clauses.length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        },
      },
      onConditionFailed: 'stale',
    }
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

  posKeyItem(k: PosKeyRecord): Guarded<'keyExists'> {
    return {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.posKey(k.keyId), ...keys.posKeyIndex(k.storeId, k.createdAt, k.keyId), entity: ENTITY.posKey, ...k },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      onConditionFailed: 'keyExists',
    }
  },

  async getPosKey(keyId: string): Promise<PosKeyRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.posKey(keyId) }))
    return out.Item as PosKeyRecord | undefined
  },

  /** A store's keys, newest first (GSI1 POSKEYS#store); never the sealed secrets. */
  async listPosKeys(storeId: string, page: PageRequest): Promise<Page<PosKeyInfo>> {
    const p = await queryPage(db, { index: 'GSI1', partition: `POSKEYS#${storeId}`, newestFirst: true }, page)
    return { items: parseStoredItems(p.items, StoredPosKey, ENTITY.posKey), nextCursor: p.nextCursor }
  },

  /** Revokes a key of the store at once, or sets when it ends (rotation); 'noSuchKey' if it is not that store's. */
  endPosKeyItem(storeId: string, keyId: string, end: { revokedAt: string } | { expiresAt: string }): Guarded<'noSuchKey'> {
    const revoke = 'revokedAt' in end
    return {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.posKey(keyId),
          UpdateExpression: revoke ? 'SET active = :false, revokedAt = if_not_exists(revokedAt, :at)' : 'SET expiresAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND storeId = :store',
          ExpressionAttributeValues: {
            ':store': storeId,
            ':at': revoke ? end.revokedAt : end.expiresAt,
            ...(revoke ? { ':false': false } : {}),
          },
        },
      },
      onConditionFailed: 'noSuchKey',
    }
  },

  /**
   * Records a POS request signature for the replay window (conditional put, expiring by TTL):
   * false if it was already used.
   */
  async claimSignature(keyId: string, signature: string, keepUntil: Date): Promise<boolean> {
    try {
      await db.client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...keys.posSignature(keyId, signature),
            entity: ENTITY.posSignature,
            expiresAtEpoch: Math.ceil(keepUntil.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      )
      return true
    } catch (e) {
      if (isConditionFailure(e)) return false
      throw e
    }
  },
})
export type StaffRepository = ReturnType<typeof staffRepository>
