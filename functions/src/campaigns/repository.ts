/**
 * The only DynamoDB code of campaigns: the campaign (status, frozen audience parameters,
 * progress counters), its audience in chunks, the marks of frozen shards and sent chunks,
 * recipients, members' campaign records and marketing caps, the budget's shards and the
 * report's counters. See ACCESS_PATTERNS.md (patterns C1–C14).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { IsoDateTime } from '@huiyuan/shared/common'
import {
  CampaignGoal,
  CampaignMessage,
  type CampaignProgress,
  CampaignSchedule,
  CampaignStatus,
  SUPPRESSION_REASONS,
  type SuppressionReason,
} from '@huiyuan/shared/campaigns/schemas'
import { z } from 'zod'
import { decodeCursor, encodeCursor, invalidCursor, type Page, type PageRequest, queryPage } from '../platform/cursor'
import { type Db, moveStatus, queryPartition, readItems } from '../platform/db'
import { campaignKeys, ENTITY, FEATURE_SHARDS } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'

/** Counters on the campaign item (ADD per sent chunk, once). */
export const PROGRESS_COUNTERS = [
  'planned',
  'processed',
  'sent',
  'wechat',
  'wechatDelivered',
  'wechatFailed',
  'couponsIssued',
  'holdout',
  'cap',
  'no_consent',
  'no_grant',
  'budget_exhausted',
  'erased',
  'failed',
  'deferred',
  'audienceShardsDone',
] as const
export type ProgressCounter = (typeof PROGRESS_COUNTERS)[number]

export interface CampaignRecord {
  campaignId: string
  name: string
  goal: z.infer<typeof CampaignGoal>
  segmentId: string
  offer: { templateId: string } | null
  message: z.infer<typeof CampaignMessage>
  schedule: z.infer<typeof CampaignSchedule>
  maxCoupons: number | null
  attributionDays: number
  holdoutPct: number
  status: z.infer<typeof CampaignStatus>
  version: number
  createdBy: string
  createdAt: string
  updatedAt: string
  launchedAt: string | null
  finishedAt: string | null
  /** A run of a recurring campaign: the campaign it is a run of. */
  parentId: string | null
  /** A recurring campaign: its next run (the due index holds it while scheduled). */
  nextRunAt: string | null
  /** Frozen at launch: the segment's definition and the RFM context it was counted with. */
  audience: Record<string, unknown> | null
  counters: Record<ProgressCounter, number>
}

const StoredCampaign = z.object({
  campaignId: z.string().min(1),
  name: z.string(),
  goal: CampaignGoal,
  segmentId: z.string(),
  offer: z.object({ templateId: z.string() }).nullable().default(null),
  message: CampaignMessage,
  schedule: CampaignSchedule,
  maxCoupons: z.number().int().nullable().default(null),
  attributionDays: z.number().int(),
  holdoutPct: z.number(),
  status: CampaignStatus,
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  launchedAt: IsoDateTime.nullable().default(null),
  finishedAt: IsoDateTime.nullable().default(null),
  parentId: z.string().nullable().default(null),
  nextRunAt: IsoDateTime.nullable().default(null),
  audience: z.record(z.string(), z.unknown()).nullable().default(null),
})

const countersOf = (item: Record<string, unknown>): CampaignRecord['counters'] =>
  Object.fromEntries(PROGRESS_COUNTERS.map((c) => [c, Number(item[c] ?? 0)])) as CampaignRecord['counters']

/** The counters as the API shows them (all zero before a campaign has any). */
export const progressOf = (k: CampaignRecord['counters'] | undefined): CampaignProgress => {
  const n = (key: ProgressCounter) => k?.[key] ?? 0
  return {
    planned: n('planned'),
    processed: n('processed'),
    sent: n('sent'),
    wechat: n('wechat'),
    wechatDelivered: n('wechatDelivered'),
    wechatFailed: n('wechatFailed'),
    couponsIssued: n('couponsIssued'),
    suppressed: Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, n(r)])) as Record<SuppressionReason, number>,
    failed: n('failed'),
    deferred: n('deferred'),
  }
}

const parseCampaign = (item: Record<string, unknown> | undefined): CampaignRecord | undefined => {
  if (!item) return undefined
  const r = StoredCampaign.safeParse(item)
  return r.success ? { ...r.data, counters: countersOf(item) } : undefined
}

/** The fields a save writes (the counters are only ever ADDed). */
const definitionOf = ({ counters: _counters, ...c }: CampaignRecord) => c

export interface RecipientRecord {
  memberId: string
  cardNo: string
  group: 'treatment' | 'control'
  outcome: 'sent' | 'holdout' | 'cap' | 'no_consent' | 'no_grant' | 'budget_exhausted' | 'erased' | 'failed'
  wechat: boolean
  couponCode: string | null
  at: string
}
const StoredRecipient = z.object({
  memberId: z.string(),
  cardNo: z.string().default(''),
  group: z.enum(['treatment', 'control']),
  outcome: z.enum(['sent', 'holdout', 'cap', 'no_consent', 'no_grant', 'budget_exhausted', 'erased', 'failed']),
  wechat: z.boolean().default(false),
  couponCode: z.string().nullable().default(null),
  at: IsoDateTime,
})

/** A member's record of a campaign: their group, the window, what they bought in it. */
export interface MemberCampaignRecord {
  campaignId: string
  memberId: string
  group: 'treatment' | 'control'
  from: string
  until: string
  couponCode: string | null
  revenueFen: number
  orders: number
  version: number
}

/** Shards of the report's counters (by member). */
export const STATS_SHARDS = 8
/** Shards of a campaign's coupon budget. */
export const BUDGET_SHARDS = 16

export const campaignsRepository = (db: Db) => {
  const T = db.tableName
  const get = async (Key: Record<string, string>, consistent = true) =>
    (await db.client.send(new GetCommand({ TableName: T, Key, ConsistentRead: consistent }))).Item

  /** A whole partition (or the part under a sort-key prefix), read consistently. */
  const queryAll = (pk: string, prefix?: string) => queryPartition(db, pk, { beginsWith: prefix, consistent: true })

  return {
    async get(campaignId: string): Promise<CampaignRecord | undefined> {
      return parseCampaign(await get(campaignKeys.campaignKey(campaignId)))
    },

    /** The campaign with the attributes beside its definition (an automation's settings). */
    async getWith(campaignId: string): Promise<{ c: CampaignRecord; item: Record<string, unknown> } | undefined> {
      const item = await get(campaignKeys.campaignKey(campaignId))
      const c = parseCampaign(item)
      return c && item ? { c, item } : undefined
    },

    async list(page: PageRequest): Promise<Page<CampaignRecord>> {
      const p = await queryPage(db, { index: 'GSI1', partition: campaignKeys.campaignsIndex(), newestFirst: true }, page)
      const items = parseStoredItems(p.items, StoredCampaign, ENTITY.campaign).map((c, i) => ({
        ...c,
        counters: countersOf(p.items.find((it) => it.campaignId === c.campaignId) ?? p.items[i] ?? {}),
      }))
      return { items, nextCursor: p.nextCursor }
    },

    /** A new campaign (absent), or its new definition over the version read (else stale). */
    campaignItem(c: CampaignRecord, readVersion?: number, extra: Record<string, unknown> = {}): Guarded<'stale'> {
      const dueAt = c.status !== 'scheduled' ? null : c.schedule.type === 'at' ? c.schedule.at : c.nextRunAt
      const due = dueAt ? campaignKeys.dueIndex(dueAt, c.campaignId) : {}
      // An automation (`AUTO-<kind>`) is not in the campaigns list.
      const key = c.campaignId.startsWith('AUTO-')
        ? campaignKeys.campaignKey(c.campaignId)
        : campaignKeys.campaign(c.campaignId, c.createdAt)
      if (readVersion === undefined)
        return {
          item: {
            Put: {
              TableName: T,
              Item: { ...key, entity: ENTITY.campaign, ...definitionOf(c), ...due, ...extra },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          onConditionFailed: 'stale',
        }
      // An update keeps the counters: SET the definition, REMOVE the due index unless scheduled.
      const fields = { ...definitionOf(c), ...due, ...extra }
      const names: Record<string, string> = {}
      const values: Record<string, unknown> = { ':v': readVersion }
      const sets = Object.entries(fields).map(([k, v], i) => {
        names[`#f${i}`] = k
        values[`:f${i}`] = v
        return `#f${i} = :f${i}`
      })
      const remove = 'GSI2PK' in due ? '' : ' REMOVE GSI2PK, GSI2SK'
      return {
        item: {
          Update: {
            TableName: T,
            Key: campaignKeys.campaignKey(c.campaignId),
            UpdateExpression: `SET ${sets.join(', ')}${remove}`,
            ConditionExpression: 'version = :v',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** Scheduled campaigns due by `at` (GSI2 CAMPDUE, by time). */
    async due(at: string): Promise<string[]> {
      const out = await db.client.send(
        new QueryCommand({
          TableName: T,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :p AND GSI2SK <= :at',
          ExpressionAttributeValues: { ':p': campaignKeys.duePartition(), ':at': `${at}~` },
        }),
      )
      return (out.Items ?? []).map((i) => String(i.campaignId))
    },

    /** Counters added once per mark (a frozen audience shard, a sent chunk): the mark and the ADD in one transaction. */
    countOnceItems(
      campaignId: string,
      mark: { kind: 'AUD' | 'SENT' | 'DEFER'; id: string; detail: Record<string, unknown> },
      counts: Partial<Record<ProgressCounter, number>>,
    ): Guarded<'done'>[] {
      const entries = Object.entries(counts).filter(([, n]) => n !== 0)
      return [
        {
          item: {
            Put: {
              TableName: T,
              Item: { ...campaignKeys.mark(campaignId, mark.kind, mark.id), entity: ENTITY.campaignMark, ...mark.detail },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          onConditionFailed: 'done',
        },
        ...(entries.length === 0 ? [] : [this.addCountersItem(campaignId, Object.fromEntries(entries))]),
      ]
    },

    /** ADDs to the campaign's counters (WeChat's answers, each counted with the message's final status). */
    addCountersItem(campaignId: string, counts: Partial<Record<ProgressCounter, number>>): Guarded<never> {
      const entries = Object.entries(counts)
      return {
        item: {
          Update: {
            TableName: T,
            Key: campaignKeys.campaignKey(campaignId),
            UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
            ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
          },
        },
      }
    },

    /** Moves the campaign from one status to another (false if it was not in `from`). */
    async setStatus(
      campaignId: string,
      from: readonly string[],
      to: string,
      at: string,
      extra: Record<string, unknown> = {},
    ): Promise<boolean> {
      return moveStatus(db, campaignKeys.campaignKey(campaignId), {
        from,
        to,
        fields: { updatedAt: at, ...extra },
        bumpVersion: true,
        remove: ['GSI2PK', 'GSI2SK'],
      })
    },

    /**
     * A run of a recurring campaign, once per occurrence ('done' when another runner made it):
     * the mark in the parent's partition names the run's campaign.
     */
    runMarkItem(parentId: string, occurrence: string, runId: string): Guarded<'done'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...campaignKeys.run(parentId, occurrence), entity: ENTITY.campaignMark, runId, occurrence },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'done',
      }
    },

    /** The run made for an occurrence, if any. */
    async runOf(parentId: string, occurrence: string): Promise<string | undefined> {
      const item = await get(campaignKeys.run(parentId, occurrence))
      return typeof item?.runId === 'string' ? item.runId : undefined
    },

    /** The runs of a recurring campaign, newest first. */
    async runs(parentId: string, page: PageRequest): Promise<Page<string>> {
      const p = await queryPage(
        db,
        { partition: campaignKeys.campaignPartition(parentId), beginsWith: campaignKeys.runPrefix(), newestFirst: true },
        page,
      )
      return { items: p.items.map((i) => String(i.runId)), nextCursor: p.nextCursor }
    },

    /**
     * Moves a recurring campaign on from the run at `from` to its next (the due index with it),
     * or ends it (`next` null): only one runner moves it (false when it had moved already).
     */
    async moveRecurring(campaignId: string, from: string, next: string | null, at: string): Promise<boolean> {
      try {
        await db.client.send(
          new UpdateCommand({
            TableName: T,
            Key: campaignKeys.campaignKey(campaignId),
            ...(next
              ? {
                  UpdateExpression: 'SET nextRunAt = :next, GSI2PK = :due, GSI2SK = :sk, updatedAt = :at',
                  ExpressionAttributeValues: {
                    ':next': next,
                    ':from': from,
                    ':due': campaignKeys.duePartition(),
                    ':sk': campaignKeys.dueIndex(next, campaignId).GSI2SK,
                    ':at': at,
                    ':scheduled': 'scheduled',
                  },
                }
              : {
                  UpdateExpression: 'SET nextRunAt = :null, #status = :done, finishedAt = :at, updatedAt = :at REMOVE GSI2PK, GSI2SK',
                  ExpressionAttributeValues: { ':null': null, ':done': 'done', ':from': from, ':at': at, ':scheduled': 'scheduled' },
                }),
            ConditionExpression: 'nextRunAt = :from AND #status = :scheduled',
            ExpressionAttributeNames: { '#status': 'status' },
          }),
        )
        return true
      } catch (e) {
        if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false
        throw e
      }
    },

    /** A chunk of the audience (first writer wins: a re-frozen shard keeps what was written). */
    async putChunk(campaignId: string, shard: number, seq: number, memberIds: string[]): Promise<void> {
      try {
        await db.client.send(
          new PutCommand({
            TableName: T,
            Item: { ...campaignKeys.chunk(campaignId, shard, seq), entity: ENTITY.campaignChunk, shard, seq, memberIds },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        )
      } catch (e) {
        if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e
      }
    },

    async getChunk(campaignId: string, shard: number, seq: number): Promise<string[] | undefined> {
      const item = await get(campaignKeys.chunk(campaignId, shard, seq), false)
      return Array.isArray(item?.memberIds) ? item.memberIds.map(String) : undefined
    },

    /** Every chunk of a shard, by number (resume, audits). */
    async chunksOf(campaignId: string, shard: number): Promise<number[]> {
      return (await queryAll(campaignKeys.chunkPartition(campaignId, shard))).map((i) => Number(i.seq))
    },

    /** The marks of one kind (which shards are frozen, which chunks sent). */
    async marks(campaignId: string, kind: 'AUD' | 'SENT'): Promise<Set<string>> {
      const items = await queryAll(campaignKeys.campaignPartition(campaignId), campaignKeys.markPrefix(kind))
      return new Set(items.map((i) => String(i.SK).slice(kind.length + 1)))
    },

    recipientKey: (campaignId: string, shard: number, memberId: string) => campaignKeys.recipient(campaignId, shard, memberId),

    /**
     * A member's outcome, once: 'done' if the member was already gone through. An automation
     * fires for a member once per `occurrence` (a year's birthday, a coupon's expiry…).
     */
    recipientItem(campaignId: string, shard: number, r: RecipientRecord, occurrence?: string): Guarded<'done'> {
      const sk = occurrence === undefined ? r.memberId : `${r.memberId}#${occurrence}`
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...campaignKeys.recipient(campaignId, shard, sk), entity: ENTITY.campaignRecipient, ...r },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'done',
      }
    },

    parseRecipient: (item: Record<string, unknown> | undefined): RecipientRecord | undefined => {
      const r = item ? StoredRecipient.safeParse(item) : undefined
      return r?.success ? r.data : undefined
    },

    /** Recipients, shard after shard (the cursor names the shard and the position in it). */
    async recipients(campaignId: string, page: PageRequest): Promise<Page<RecipientRecord>> {
      let shard = 0
      let inner: string | undefined
      if (page.cursor) {
        const c = decodeCursor(page.cursor, 'recipients', 'list', ['list', 'shard', 'inner'])!
        shard = Number(c.shard)
        if (!Number.isInteger(shard) || shard < 0 || shard >= FEATURE_SHARDS) throw invalidCursor()
        inner = c.inner === '-' ? undefined : c.inner
      }
      const items: RecipientRecord[] = []
      while (shard < FEATURE_SHARDS && items.length < page.limit) {
        const p = await queryPage(
          db,
          { partition: campaignKeys.recipientPartition(campaignId, shard) },
          { limit: page.limit - items.length, ...(inner ? { cursor: inner } : {}) },
        )
        items.push(...parseStoredItems(p.items, StoredRecipient, ENTITY.campaignRecipient))
        if (p.nextCursor) {
          inner = p.nextCursor
          break
        }
        inner = undefined
        shard += 1
      }
      const more = shard < FEATURE_SHARDS
      return { items, nextCursor: more ? encodeCursor({ list: 'recipients', shard: String(shard), inner: inner ?? '-' }) : null }
    },

    recordKey: campaignKeys.record,

    parseRecord(item: Record<string, unknown> | undefined): MemberCampaignRecord | undefined {
      if (!item?.campaignId) return undefined
      return {
        campaignId: String(item.campaignId),
        memberId: String(item.memberId),
        group: item.group === 'control' ? 'control' : 'treatment',
        from: String(item.from),
        until: String(item.until),
        couponCode: typeof item.couponCode === 'string' ? item.couponCode : null,
        revenueFen: Number(item.revenueFen ?? 0),
        orders: Number(item.orders ?? 0),
        version: Number(item.version ?? 0),
      }
    },

    /** The member's record of the campaign, written whole over the version read. */
    recordItem(r: MemberCampaignRecord, readVersion: number | undefined): Guarded<never> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: {
              ...campaignKeys.record(r.memberId, r.campaignId),
              entity: ENTITY.campaignRecord,
              ...r,
              version: (readVersion ?? 0) + 1,
            },
            ConditionExpression: readVersion === undefined ? 'attribute_not_exists(PK)' : 'version = :v',
            ...(readVersion === undefined ? {} : { ExpressionAttributeValues: { ':v': readVersion } }),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** The member's campaign records (a few: one per campaign they were in), for attribution. */
    async recordsOf(memberId: string): Promise<MemberCampaignRecord[]> {
      const items = await queryAll(`MEMBER#${memberId}`, campaignKeys.recordPrefix())
      return items.flatMap((i) => {
        const r = this.parseRecord(i)
        return r ? [r] : []
      })
    },

    capKey: campaignKeys.cap,

    /** The member's marketing sends of the last 7 days, written whole over the version read. */
    capItem(memberId: string, sends: string[], readVersion: number | undefined): Guarded<never> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...campaignKeys.cap(memberId), entity: ENTITY.marketingCap, memberId, sends, version: (readVersion ?? 0) + 1 },
            ConditionExpression: readVersion === undefined ? 'attribute_not_exists(PK)' : 'version = :v',
            ...(readVersion === undefined ? {} : { ExpressionAttributeValues: { ':v': readVersion } }),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** The budget's shards, each holding its part of the coupons (put once at launch). */
    async openBudget(campaignId: string, maxCoupons: number): Promise<void> {
      for (let shard = 0; shard < BUDGET_SHARDS; shard++) {
        const remaining = Math.floor(maxCoupons / BUDGET_SHARDS) + (shard < maxCoupons % BUDGET_SHARDS ? 1 : 0)
        try {
          await db.client.send(
            new PutCommand({
              TableName: T,
              Item: { ...campaignKeys.budget(campaignId, shard), entity: ENTITY.campaignBudget, remaining, initial: remaining },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          )
        } catch (e) {
          if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e
        }
      }
    },

    async budgetLeft(campaignId: string): Promise<number[]> {
      const items = await readItems(
        db,
        Array.from({ length: BUDGET_SHARDS }, (_, s) => campaignKeys.budget(campaignId, s)),
      )
      return items.map((i) => Number(i?.remaining ?? 0))
    },

    /** Takes one coupon from a budget shard: 'budgetEmpty' if it has none left. */
    budgetItem(campaignId: string, shard: number): Guarded<'budgetEmpty'> {
      return {
        item: {
          Update: {
            TableName: T,
            Key: campaignKeys.budget(campaignId, shard),
            UpdateExpression: 'ADD remaining :minus',
            ConditionExpression: 'remaining > :zero',
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
          },
        },
        onConditionFailed: 'budgetEmpty',
      }
    },

    /** ADDs to the report's counters of a group (and its day), in the member's stats shard. */
    statsItems(campaignId: string, shard: number, group: string, date: string | null, counts: Record<string, number>): Guarded<never>[] {
      const entries = Object.entries(counts).filter(([, n]) => n !== 0)
      if (entries.length === 0) return []
      const update = (sk: string, only?: string[]) => {
        const e = only ? entries.filter(([k]) => only.includes(k)) : entries
        return e.length === 0
          ? []
          : [
              {
                item: {
                  Update: {
                    TableName: T,
                    Key: campaignKeys.stats(campaignId, shard, sk),
                    UpdateExpression: `SET entity = :entity ADD ${e.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
                    ExpressionAttributeNames: Object.fromEntries(e.map(([k], i) => [`#c${i}`, k])),
                    ExpressionAttributeValues: {
                      ':entity': ENTITY.campaignStats,
                      ...Object.fromEntries(e.map(([, n], i) => [`:c${i}`, n])),
                    },
                  },
                },
              },
            ]
      }
      return [...update(`GROUP#${group}`), ...(date ? update(`DAY#${date}#${group}`, ['revenueFen', 'orders']) : [])]
    },

    /** Every stats shard's items, summed by sort key. */
    async stats(campaignId: string): Promise<Map<string, Record<string, number>>> {
      const shards = await Promise.all(Array.from({ length: STATS_SHARDS }, (_, s) => queryAll(campaignKeys.statsPartition(campaignId, s))))
      const out = new Map<string, Record<string, number>>()
      for (const item of shards.flat()) {
        const sk = String(item.SK)
        const into = out.get(sk) ?? {}
        for (const [k, v] of Object.entries(item)) if (typeof v === 'number') into[k] = (into[k] ?? 0) + v
        out.set(sk, into)
      }
      return out
    },
  }
}
export type CampaignsRepository = ReturnType<typeof campaignsRepository>
