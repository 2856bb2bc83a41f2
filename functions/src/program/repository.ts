import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Db } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import { defaultProgramRules } from './defaults'

export interface Store {
  storeId: string
  name: string
  city: string
  address: string
  active: boolean
}

const CACHE_MS = 30_000

export const programRepository = (db: Db) => {
  let cache: { rules: ProgramRules; at: number } | undefined
  const storeCache = new Map<string, { store: Store | undefined; at: number }>()
  return {
    /** The program's rules; falls back to the defaults when none are stored yet. Cached briefly per container. */
    async getRules(): Promise<ProgramRules> {
      if (cache && Date.now() - cache.at < CACHE_MS) return cache.rules
      const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.program() }))
      const rules = out.Item ? ProgramRules.parse(out.Item.rules) : defaultProgramRules()
      cache = { rules, at: Date.now() }
      return rules
    },
    async putRules(rules: ProgramRules, now: Date): Promise<void> {
      await db.client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...keys.program(), entity: ENTITY.program, rules, updatedAt: now.toISOString() },
        }),
      )
      cache = undefined
    },
    async hasRules(): Promise<boolean> {
      const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.program(), ProjectionExpression: 'PK' }))
      return Boolean(out.Item)
    },
    async getStore(storeId: string): Promise<Store | undefined> {
      const hit = storeCache.get(storeId)
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.store
      const out = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: { PK: keys.store(storeId).PK, SK: keys.store(storeId).SK } }),
      )
      const store = out.Item ? toStore(out.Item) : undefined
      storeCache.set(storeId, { store, at: Date.now() })
      return store
    },
    async putStore(store: Store, now: Date): Promise<void> {
      await db.client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...keys.store(store.storeId), entity: ENTITY.store, ...store, updatedAt: now.toISOString() },
        }),
      )
      storeCache.delete(store.storeId)
    },
    async listStores(): Promise<Store[]> {
      const out = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.storesIndex().GSI1PK },
        }),
      )
      return (out.Items ?? []).map(toStore)
    },
  }
}
export type ProgramRepository = ReturnType<typeof programRepository>

const toStore = (i: Record<string, unknown>): Store => ({
  storeId: String(i.storeId),
  name: String(i.name),
  city: String(i.city ?? ''),
  address: String(i.address ?? ''),
  active: i.active !== false,
})
