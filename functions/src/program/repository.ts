import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import { type ProgramChange, ProgramEditor, ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Db } from '../platform/db'
import { queryPage, type Page, type PageRequest } from '../platform/cursor'
import { ENTITY, keys } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'
import { defaultProgramRules } from './defaults'

export interface Store {
  storeId: string
  name: string
  city: string
  address: string
  active: boolean
}

/** The stored rules with their version: 0 before any are stored; an item stored without one counts as 1. */
export interface RulesRecord {
  rules: ProgramRules
  version: number
  /** Whether the stored item carries a `version` attribute (the update's condition depends on it). */
  versioned: boolean
  updatedAt: string | null
  updatedBy: ProgramEditor | null
}

export interface ProgramVersionRecord {
  version: number
  updatedAt: string
  updatedBy: ProgramEditor | null
  changes: ProgramChange[]
}

const StoredVersion = z.object({
  version: z.number().int(),
  updatedAt: IsoDateTime,
  updatedBy: ProgramEditor.nullable().default(null),
  changes: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })).default([]),
})

/** Seconds a container keeps what it read, unless told otherwise (config programCacheSeconds). */
const DEFAULT_CACHE_SECONDS = 30

export const programRepository = (db: Db, opts: { cacheSeconds?: number } = {}) => {
  const cacheMs = (opts.cacheSeconds ?? DEFAULT_CACHE_SECONDS) * 1000
  let cache: { rules: ProgramRules; at: number } | undefined
  const storeCache = new Map<string, { store: Store | undefined; at: number }>()
  return {
    /**
     * The program's rules; falls back to the defaults when none are stored yet. Cached per
     * container for `cacheSeconds`: a change made here is seen here at once (the cache is
     * dropped), other containers see it when their copy ends.
     */
    async getRules(): Promise<ProgramRules> {
      if (cache && Date.now() - cache.at < cacheMs) return cache.rules
      const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.program() }))
      const rules = out.Item ? ProgramRules.parse(out.Item.rules) : defaultProgramRules()
      cache = { rules, at: Date.now() }
      return rules
    },

    /** The rules as stored now (consistent read), with their version and who changed them last. */
    async getRecord(): Promise<RulesRecord> {
      const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.program(), ConsistentRead: true }))
      const item = out.Item
      if (!item) return { rules: defaultProgramRules(), version: 0, versioned: false, updatedAt: null, updatedBy: null }
      const editor = ProgramEditor.safeParse(item.updatedBy)
      return {
        rules: ProgramRules.parse(item.rules),
        version: typeof item.version === 'number' ? item.version : 1,
        versioned: typeof item.version === 'number',
        updatedAt: typeof item.updatedAt === 'string' ? item.updatedAt : null,
        updatedBy: editor.success ? editor.data : null,
      }
    },

    /**
     * Stores the rules as the next version of those read (`current`): refused ('versionConflict')
     * if the stored rules moved since. With `versionItem`, the change's record in the same unit.
     */
    rulesItem(current: RulesRecord, rules: ProgramRules, editor: ProgramEditor | null, now: Date): Guarded<'versionConflict'> {
      return {
        item: {
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.program(),
              entity: ENTITY.program,
              rules,
              version: current.version + 1,
              updatedAt: now.toISOString(),
              ...(editor ? { updatedBy: editor } : {}),
            },
            ConditionExpression: current.versioned ? 'version = :expected' : 'attribute_not_exists(version)',
            ...(current.versioned ? { ExpressionAttributeValues: { ':expected': current.version } } : {}),
          },
        },
        onConditionFailed: 'versionConflict',
      }
    },

    /** The record of one change: the rules it made, who, when and what changed (one per version). */
    versionItem(v: ProgramVersionRecord, rules: ProgramRules): Guarded<'versionConflict'> {
      return {
        item: {
          Put: {
            TableName: db.tableName,
            Item: { ...keys.programVersion(v.version), entity: ENTITY.programVersion, ...v, rules },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'versionConflict',
      }
    },

    /** Changes of the rules, newest first (PK PROGRAM, SK VERSION#…). */
    async listVersions(page: PageRequest): Promise<Page<ProgramVersionRecord>> {
      const p = await queryPage(
        db,
        { partition: keys.programPartition(), beginsWith: keys.programVersionPrefix(), newestFirst: true },
        page,
      )
      return { items: parseStoredItems(p.items, StoredVersion, ENTITY.programVersion), nextCursor: p.nextCursor }
    },

    /** Drops this container's copy of the rules (after a change made here). */
    forgetRules(): void {
      cache = undefined
    },

    /** Stores the rules outside the console (seed, scripts, tests): the version still moves on. */
    async putRules(rules: ProgramRules, now: Date): Promise<void> {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.program(),
          UpdateExpression: 'SET #rules = :rules, entity = :entity, updatedAt = :now REMOVE updatedBy ADD version :one',
          ExpressionAttributeNames: { '#rules': 'rules' },
          ExpressionAttributeValues: { ':rules': rules, ':entity': ENTITY.program, ':now': now.toISOString(), ':one': 1 },
        }),
      )
      cache = undefined
    },
    async hasRules(): Promise<boolean> {
      const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.program(), ProjectionExpression: 'PK' }))
      return Boolean(out.Item)
    },
    /** A store, cached per container like the rules (a closed store refuses joins and purchases within that time). */
    async getStore(storeId: string): Promise<Store | undefined> {
      const hit = storeCache.get(storeId)
      if (hit && Date.now() - hit.at < cacheMs) return hit.store
      const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.storeKey(storeId) }))
      const store = out.Item ? toStore(out.Item) : undefined
      storeCache.set(storeId, { store, at: Date.now() })
      return store
    },
    /** Drops this container's copy of a store (after a change made here). */
    forgetStore(storeId: string): void {
      storeCache.delete(storeId)
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
    /** Every store, open and closed (GSI1 STORES, all pages). */
    async listStores(): Promise<Store[]> {
      const items: Record<string, unknown>[] = []
      let start: Record<string, unknown> | undefined
      do {
        const out = await db.client.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.storesIndex().GSI1PK },
            ExclusiveStartKey: start,
          }),
        )
        items.push(...(out.Items ?? []))
        start = out.LastEvaluatedKey
      } while (start)
      return items.map(toStore)
    },
  }
}
export type ProgramRepository = ReturnType<typeof programRepository>

export const toStore = (i: Record<string, unknown>): Store => ({
  storeId: String(i.storeId),
  name: String(i.name),
  city: String(i.city ?? ''),
  address: String(i.address ?? ''),
  active: i.active !== false,
})
