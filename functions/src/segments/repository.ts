/**
 * The only DynamoDB code of segments: members' features records (and their sharded index),
 * segment definitions, jobs over every member with their shards' results, and the RFM
 * picture and settings. See ACCESS_PATTERNS.md (patterns S1–S12).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { IsoDateTime } from '@huiyuan/shared/common'
import { Gender } from '@huiyuan/shared/members/schemas'
import { JobKind, RfmGroup, RfmThresholds, SegmentGroup } from '@huiyuan/shared/segments/schemas'
import { z } from 'zod'
import { queryPage, type Page, type PageRequest } from '../platform/cursor'
import type { Db } from '../platform/db'
import { couponKeys, ENTITY, keys, segmentKeys } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'
import type { Features } from './features'

const Counts = z.record(z.string(), z.number())
const StoredFeatures = z.object({
  memberId: z.string().min(1),
  cardNo: z.string(),
  nameMasked: z.string().default('*'),
  joinedAt: IsoDateTime,
  joinDate: z.string(),
  joinStoreId: z.string(),
  tierCode: z.string(),
  gender: Gender.catch('undisclosed'),
  birthday: z.string().nullable().default(null),
  tags: z.array(z.string()).default([]),
  marketingConsent: z.boolean().default(false),
  firstPurchaseDate: z.string().nullable().default(null),
  lastPurchaseDate: z.string().nullable().default(null),
  lastCheckinDate: z.string().nullable().default(null),
  purchasesTotal: z.number().int().default(0),
  spendTotalFen: z.number().int().default(0),
  months: z.record(z.string(), z.object({ n: z.number(), fen: z.number() })).default({}),
  stores: Counts.default({}),
  categories: z.record(z.string(), z.object({ fen: z.number(), last: z.string() })).default({}),
  pointsBalance: z.number().int().default(0),
  pointsExpiring: Counts.default({}),
  coupons: z.record(z.string(), z.string()).default({}),
  rfm: z
    .object({ month: z.string(), group: RfmGroup, prevMonth: z.string().optional(), prevGroup: RfmGroup.optional() })
    .nullable()
    .default(null),
  wechatGrants: z.record(z.string(), z.object({ held: z.number().int(), v: z.number().int() })).default({}),
  rebuiltAt: z.string().nullable().default(null),
  version: z.number().int().default(0),
})

export type StoredFeatures = Features & { version: number }

export const parseFeatures = (item: Record<string, unknown> | undefined): StoredFeatures | undefined => {
  if (!item) return undefined
  const r = StoredFeatures.safeParse(item)
  return r.success ? (r.data as StoredFeatures) : undefined
}

export interface SegmentRecord {
  segmentId: string
  name: string
  description: string | null
  definition: SegmentGroup
  version: number
  createdBy: string
  createdAt: string
  updatedAt: string
  lastCount: { size: number; members: number; at: string } | null
}

const StoredSegment = z.object({
  segmentId: z.string().min(1),
  name: z.string(),
  description: z.string().nullable().default(null),
  definition: SegmentGroup,
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  lastCount: z.object({ size: z.number().int(), members: z.number().int(), at: IsoDateTime }).nullable().default(null),
})

export interface JobRecord {
  jobId: string
  kind: JobKind
  status: 'running' | 'done' | 'failed'
  phase: number
  shards: number
  shardsDone: number
  processed: number
  startedAt: string
  finishedAt: string | null
  /** What the job works on (a segment count: the definition and the RFM context). */
  params: Record<string, unknown>
  result: Record<string, unknown> | null
}

const StoredJob = z.object({
  jobId: z.string(),
  kind: JobKind,
  status: z.enum(['running', 'done', 'failed']),
  phase: z.number().int(),
  shards: z.number().int(),
  shardsDone: z.number().int().default(0),
  processed: z.number().int().default(0),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable().default(null),
  params: z.record(z.string(), z.unknown()).default({}),
  result: z.record(z.string(), z.unknown()).nullable().default(null),
})

export const StoredRfmSettings = z.object({ thresholds: RfmThresholds.nullable(), updatedAt: IsoDateTime, updatedBy: z.string() })

/** Job items stay a week (TTL): the console polls them for minutes. */
const JOB_TTL_SECONDS = 7 * 86_400

export const segmentsRepository = (db: Db) => {
  const T = db.tableName
  const get = async (Key: Record<string, string>, consistent = true) =>
    (await db.client.send(new GetCommand({ TableName: T, Key, ConsistentRead: consistent }))).Item
  return {
    featuresKey: segmentKeys.featuresKey,

    /** The features as they will be: only over the version read (else stale: re-read and apply again). */
    featuresItem(f: Features, readVersion: number | undefined, now: Date): Guarded<never> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: {
              ...segmentKeys.features(f.memberId),
              entity: ENTITY.features,
              ...f,
              version: (readVersion ?? 0) + 1,
              updatedAt: now.toISOString(),
            },
            ConditionExpression: readVersion === undefined ? 'attribute_not_exists(PK)' : 'version = :v',
            ...(readVersion === undefined ? {} : { ExpressionAttributeValues: { ':v': readVersion } }),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    deleteFeaturesItem(memberId: string): Guarded<never> {
      return { item: { Delete: { TableName: T, Key: segmentKeys.featuresKey(memberId) } } }
    },

    async getFeatures(memberId: string): Promise<StoredFeatures | undefined> {
      return parseFeatures(await get(segmentKeys.featuresKey(memberId)))
    },

    /** One page of a features shard (GSI1 `FEAT#<n>`), in member-id order; a malformed item is skipped. */
    async featuresPage(shard: number, startKey: Record<string, unknown> | undefined, limit = 500) {
      const out = await db.client.send(
        new QueryCommand({
          TableName: T,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :p',
          ExpressionAttributeValues: { ':p': segmentKeys.featureShard(shard) },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          Limit: limit,
        }),
      )
      return {
        items: parseStoredItems(out.Items ?? [], StoredFeatures, ENTITY.features) as StoredFeatures[],
        next: out.LastEvaluatedKey as Record<string, unknown> | undefined,
      }
    },

    /** The member's RFM group of a month, as the refresh saw it (the previous month's kept for the moves). */
    async setRfmGroup(memberId: string, rfm: NonNullable<Features['rfm']>): Promise<void> {
      try {
        await db.client.send(
          new UpdateCommand({
            TableName: T,
            Key: segmentKeys.featuresKey(memberId),
            UpdateExpression: 'SET rfm = :rfm',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':rfm': rfm },
          }),
        )
      } catch (e) {
        if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e
      }
    },

    async getSegment(segmentId: string): Promise<SegmentRecord | undefined> {
      const item = await get(segmentKeys.segmentKey(segmentId))
      const r = item ? StoredSegment.safeParse(item) : undefined
      return r?.success ? r.data : undefined
    },

    async listSegments(page: PageRequest): Promise<Page<SegmentRecord>> {
      const p = await queryPage(db, { index: 'GSI1', partition: segmentKeys.segmentsIndex(), newestFirst: true }, page)
      return { items: parseStoredItems(p.items, StoredSegment, ENTITY.segment), nextCursor: p.nextCursor }
    },

    /** A new segment, or a change over the version read ('stale' otherwise). */
    segmentItem(s: SegmentRecord, readVersion?: number): Guarded<'stale'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...segmentKeys.segment(s.segmentId, s.updatedAt), entity: ENTITY.segment, ...s },
            ConditionExpression: readVersion === undefined ? 'attribute_not_exists(PK)' : 'version = :v',
            ...(readVersion === undefined ? {} : { ExpressionAttributeValues: { ':v': readVersion } }),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    deleteSegmentItem(segmentId: string): Guarded<'notFound'> {
      return {
        item: { Delete: { TableName: T, Key: segmentKeys.segmentKey(segmentId), ConditionExpression: 'attribute_exists(PK)' } },
        onConditionFailed: 'notFound',
      }
    },

    /** The last count of a saved segment (only if it is newer than the one kept). */
    async setLastCount(segmentId: string, count: NonNullable<SegmentRecord['lastCount']>): Promise<void> {
      try {
        await db.client.send(
          new UpdateCommand({
            TableName: T,
            Key: segmentKeys.segmentKey(segmentId),
            UpdateExpression: 'SET lastCount = :c',
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastCount) OR lastCount.#at < :at OR lastCount = :null)',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':c': count, ':at': count.at, ':null': null },
          }),
        )
      } catch (e) {
        if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e
      }
    },

    async putJob(job: JobRecord, now: Date): Promise<void> {
      await db.client.send(
        new PutCommand({
          TableName: T,
          Item: {
            ...segmentKeys.job(job.jobId),
            entity: ENTITY.job,
            ...job,
            expiresAtEpoch: Math.floor(now.getTime() / 1000) + JOB_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      )
    },

    async getJob(jobId: string): Promise<JobRecord | undefined> {
      const item = await get(segmentKeys.job(jobId))
      const r = item ? StoredJob.safeParse(item) : undefined
      return r?.success ? r.data : undefined
    },

    /**
     * A shard's result of a phase, once: the result (put only if absent) and the job's
     * progress in one transaction — a redelivered shard is refused as a whole ('done').
     */
    shardDoneItems(jobId: string, phase: number, shard: number, processed: number, result: unknown): Guarded<'done' | 'notRunning'>[] {
      return [
        {
          item: {
            Put: {
              TableName: T,
              Item: { ...segmentKeys.jobShard(jobId, phase, shard), entity: ENTITY.jobShard, shard, processed, result },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          onConditionFailed: 'done',
        },
        {
          item: {
            Update: {
              TableName: T,
              Key: segmentKeys.job(jobId),
              UpdateExpression: 'ADD shardsDone :one, #processed :n',
              ConditionExpression: '#status = :running AND phase = :phase',
              ExpressionAttributeNames: { '#status': 'status', '#processed': 'processed' },
              ExpressionAttributeValues: { ':one': 1, ':n': processed, ':running': 'running', ':phase': phase },
            },
          },
          onConditionFailed: 'notRunning',
        },
      ]
    },

    /** Every shard's result of a phase (one partition, at most a few dozen items). */
    async shardResults(jobId: string, phase: number): Promise<Array<{ shard: number; result: unknown }>> {
      const out: Array<{ shard: number; result: unknown }> = []
      let start: Record<string, unknown> | undefined
      do {
        const page = await db.client.send(
          new QueryCommand({
            TableName: T,
            KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)',
            ExpressionAttributeValues: { ':p': segmentKeys.jobPartition(jobId), ':s': segmentKeys.jobShardPrefix(phase) },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        )
        for (const i of page.Items ?? []) out.push({ shard: Number(i.shard), result: i.result })
        start = page.LastEvaluatedKey
      } while (start)
      return out
    },

    /**
     * Moves a job on from the phase it is in: to the next phase (its shards start over) or
     * to done with its result. False if another worker moved it first.
     */
    async advanceJob(
      jobId: string,
      fromPhase: number,
      to: { phase: number; params?: Record<string, unknown> } | { done: Record<string, unknown> | null; at: string },
    ): Promise<boolean> {
      const next =
        'phase' in to
          ? {
              UpdateExpression: `SET phase = :next, shardsDone = :zero${to.params ? ', params = :params' : ''}`,
              values: { ':next': to.phase, ':zero': 0, ...(to.params ? { ':params': to.params } : {}) },
            }
          : {
              UpdateExpression: 'SET #status = :done, #result = :result, finishedAt = :at',
              values: { ':done': 'done', ':result': to.done, ':at': to.at },
            }
      try {
        await db.client.send(
          new UpdateCommand({
            TableName: T,
            Key: segmentKeys.job(jobId),
            UpdateExpression: next.UpdateExpression,
            ConditionExpression: '#status = :running AND phase = :phase AND shardsDone = shards',
            ExpressionAttributeNames: { '#status': 'status', ...('phase' in to ? {} : { '#result': 'result' }) },
            ExpressionAttributeValues: { ':running': 'running', ':phase': fromPhase, ...next.values },
          }),
        )
        return true
      } catch (e) {
        if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false
        throw e
      }
    },

    /**
     * What a rebuild folds: the member's purchases and refund records (their partition), the
     * latest check-in, and their unused coupons (wallet index, status `issued`).
     */
    async ledgersOf(memberId: string) {
      const all = async (q: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) => {
        const items: Record<string, unknown>[] = []
        let start: Record<string, unknown> | undefined
        do {
          const page = await db.client.send(new QueryCommand({ TableName: T, ...q, ...(start ? { ExclusiveStartKey: start } : {}) }))
          items.push(...(page.Items ?? []))
          start = page.LastEvaluatedKey
        } while (start)
        return items
      }
      const partition = keys.memberPartition(memberId)
      const inMember = (prefix: string) => ({
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)',
        ExpressionAttributeValues: { ':p': partition, ':s': prefix },
        ConsistentRead: true,
      })
      const [purchases, refunds, lastCheckin, coupons] = await Promise.all([
        all(inMember(keys.purchasePrefix())),
        all(inMember(keys.refundRecordPrefix())),
        db.client
          .send(new QueryCommand({ TableName: T, ...inMember(keys.checkinPrefix()), ScanIndexForward: false, Limit: 1 }))
          .then((o) => o.Items?.[0]),
        all({
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :p AND begins_with(GSI1SK, :s)',
          ExpressionAttributeValues: { ':p': couponKeys.walletIndex(memberId, 'issued', '', '').GSI1PK, ':s': 'issued#' },
        }),
      ])
      return { purchases, refunds, lastCheckin, coupons }
    },

    async getRfmStats(): Promise<Record<string, unknown> | undefined> {
      return get(segmentKeys.rfmStats(), false)
    },

    async putRfmStats(stats: Record<string, unknown>): Promise<void> {
      await db.client.send(new PutCommand({ TableName: T, Item: { ...segmentKeys.rfmStats(), entity: ENTITY.rfmStats, ...stats } }))
    },

    async getRfmSettings(): Promise<z.infer<typeof StoredRfmSettings> | undefined> {
      const item = await get(segmentKeys.rfmSettings(), false)
      const r = item ? StoredRfmSettings.safeParse(item) : undefined
      return r?.success ? r.data : undefined
    },

    rfmSettingsItem(s: z.infer<typeof StoredRfmSettings>): Guarded<never> {
      return { item: { Put: { TableName: T, Item: { ...segmentKeys.rfmSettings(), entity: ENTITY.rfmSettings, ...s } } } }
    },
  }
}
export type SegmentsRepository = ReturnType<typeof segmentsRepository>
