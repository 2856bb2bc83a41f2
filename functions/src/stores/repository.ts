import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import type { Db } from '../platform/db'
import { isConditionFailure, setClauses } from '../platform/db'
import { queryPage, type Page, type PageRequest } from '../platform/cursor'
import { ENTITY, keys } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'

export interface StoreRecord {
  storeId: string
  name: string
  city: string
  address: string
  active: boolean
  createdAt?: string
  updatedAt?: string
}

const StoredStore = z.object({
  storeId: z.string().min(1),
  name: z.string(),
  city: z.string().default(''),
  address: z.string().default(''),
  active: z.boolean().default(true),
  createdAt: IsoDateTime.optional(),
  updatedAt: IsoDateTime.optional(),
})

/** DynamoDB's IN takes at most 100 values: a longer list is several INs joined by OR. */
const inClauses = (ids: readonly string[]) => {
  const values: Record<string, string> = {}
  const groups: string[] = []
  for (let g = 0; g * 100 < ids.length; g++) {
    const names = ids.slice(g * 100, g * 100 + 100).map((id, i) => {
      const name = `:s${g * 100 + i}`
      values[name] = id
      return name
    })
    groups.push(`storeId IN (${names.join(', ')})`)
  }
  return { expression: groups.join(' OR '), values }
}

/** Stores as the console manages them, and the join-code images kept per store. */
export const storesRepository = (db: Db) => ({
  async get(storeId: string): Promise<StoreRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.storeKey(storeId), ConsistentRead: true }))
    if (!out.Item) return undefined
    const r = StoredStore.safeParse(out.Item)
    return r.success ? r.data : undefined
  },

  /** Stores by id (GSI1 STORES); with `only`, just those (a store manager's own). */
  async list(page: PageRequest, only?: readonly string[]): Promise<Page<StoreRecord>> {
    if (only && only.length === 0) return { items: [], nextCursor: null }
    const filter = only ? inClauses(only) : undefined
    const p = await queryPage(db, { index: 'GSI1', partition: keys.storesIndex().GSI1PK, ...(filter ? { filter } : {}) }, page)
    return { items: parseStoredItems(p.items, StoredStore, ENTITY.store), nextCursor: p.nextCursor }
  },

  /** A new store; 'storeExists' if the id is taken. */
  createItem(store: StoreRecord): Guarded<'storeExists'> {
    return {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.store(store.storeId), entity: ENTITY.store, ...store },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      onConditionFailed: 'storeExists',
    }
  },

  /** Changes a store as read (`current`): 'stale' if it changed since, so the before/after audited is exact. */
  updateItem(current: StoreRecord, set: Partial<Pick<StoreRecord, 'name' | 'city' | 'address' | 'active'>>, now: Date): Guarded<'stale'> {
    const { clauses, names, values } = setClauses({ ...set, updatedAt: now.toISOString() })
    const guard = current.updatedAt ? 'updatedAt = :expected' : 'attribute_not_exists(updatedAt)'
    return {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.storeKey(current.storeId),
          UpdateExpression: `SET ${clauses.join(', ')}`,
          ConditionExpression: `attribute_exists(PK) AND ${guard}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ...(current.updatedAt ? { ':expected': current.updatedAt } : {}) },
        },
      },
      onConditionFailed: 'stale',
    }
  },

  /** The join-code image kept for a store and scene, if WeChat made one before. */
  async getJoinCode(storeId: string, scene: string): Promise<{ image: Uint8Array; contentType: string } | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.storeJoinCode(storeId, scene) }))
    if (!(out.Item?.image instanceof Uint8Array)) return undefined
    return { image: out.Item.image, contentType: String(out.Item.contentType ?? 'image/png') }
  },

  /** Keeps a join-code image (the first one stays if two requests made one at once). */
  async putJoinCode(storeId: string, scene: string, code: { image: Uint8Array; contentType: string }, now: Date): Promise<void> {
    try {
      await db.client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...keys.storeJoinCode(storeId, scene),
            entity: ENTITY.storeJoinCode,
            storeId,
            scene,
            image: code.image,
            contentType: code.contentType,
            createdAt: now.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      )
    } catch (e) {
      if (!isConditionFailure(e)) throw e
    }
  },
})
export type StoresRepository = ReturnType<typeof storesRepository>
