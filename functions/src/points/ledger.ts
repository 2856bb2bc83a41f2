/**
 * The points ledger. Every change of a member's points is one DynamoDB transaction that
 *  - updates the member's balance, guarded by the member's version (optimistic lock),
 *  - puts an idempotency guard for the change's source reference (attribute_not_exists),
 *  - puts the immutable ledger entry (type, amount, balance after, source, time),
 *  - adjusts the points lots (earning month, FIFO spending),
 *  - and writes whatever else must happen atomically (e.g. the check-in record).
 * A retry with the same source reference returns the first entry and changes nothing;
 * the balance never goes below zero.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { ulid } from 'ulid'
import { DomainError } from '@huiyuan/shared/errors'
import type { Db } from '../platform/db'
import { cancellationReasons, isRetryableTxError } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import { calendarDate } from '../platform/clock'
import { withConflictRetry } from '../platform/retry'
import { queryPage } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'
import { z } from 'zod'
import { IsoDateTime } from '@huiyuan/shared/common'
import { keyedMutex } from '../platform/keyedMutex'
import { consumeFifo, lotExpiresOn, type Lot } from './lots'

export const POINTS_ENTRY_TYPES = ['checkin', 'purchase', 'refund', 'adjustment', 'expiry', 'redemption', 'referral', 'welcome'] as const
export type PointsEntryType = (typeof POINTS_ENTRY_TYPES)[number]

export interface PointsEntry {
  entryId: string
  memberId: string
  type: PointsEntryType
  delta: number
  balanceAfter: number
  sourceRef: string
  description: string
  createdAt: string
}

/** What the ledger list accepts as a stored entry (anything else is skipped, see parseStoredItems). */
const StoredPointsEntry = z.object({
  entryId: z.string().min(1),
  memberId: z.string().min(1),
  type: z.enum(POINTS_ENTRY_TYPES),
  delta: z.number().int(),
  balanceAfter: z.number().int(),
  sourceRef: z.string(),
  description: z.string(),
  createdAt: IsoDateTime,
})

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]

export interface PointsChange {
  memberId: string
  /** The points to add (negative to spend); `prepare` may decide it from the fresh member instead. */
  delta?: number
  type: PointsEntryType
  /** Unique per member and cause, e.g. `checkin:2026-11-25`: the idempotency key. */
  sourceRef: string
  description: string
  now: Date
  timeZone: string
  lotValidityMonths: number
  /**
   * Runs against the freshly read member before writing; may refuse with a DomainError,
   * may add attributes to set on the member and items to write in the same transaction.
   */
  prepare?: (member: Record<string, unknown>) => Prepared | undefined | Promise<Prepared | undefined>
}

export interface Prepared {
  delta?: number
  memberSet?: Record<string, unknown>
  extraItems?: TransactItem[]
}

export interface AppliedChange {
  entry: PointsEntry
  /** True when this source had already been applied: the first result is returned. */
  replayed: boolean
}

class VersionConflict extends Error {}

/** Thrown when one of the caller's extra items failed its condition. */
export class ExtraConditionFailed extends Error {
  constructor(readonly index: number) {
    super(`extra item ${index} failed its condition`)
  }
}

export const pointsLedger = (db: Db) => {
  const perMember = keyedMutex()
  const readMember = async (memberId: string) => {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(memberId), ConsistentRead: true }))
    if (!out.Item) throw new DomainError('NOT_FOUND', 'Member not found')
    return out.Item
  }

  const readLots = async (memberId: string): Promise<Lot[]> => {
    const items: Record<string, unknown>[] = []
    let ExclusiveStartKey: Record<string, unknown> | undefined
    do {
      const out = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :lot)',
          ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':lot': keys.pointsLotPrefix() },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      )
      items.push(...(out.Items ?? []))
      ExclusiveStartKey = out.LastEvaluatedKey
    } while (ExclusiveStartKey)
    return items.map((i) => ({ month: String(i.month), remaining: Number(i.remaining), expiresOn: String(i.expiresOn) }))
  }

  const readReplay = async (memberId: string, sourceRef: string): Promise<PointsEntry> => {
    const out = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: keys.pointsSource(memberId, sourceRef), ConsistentRead: true }),
    )
    if (!out.Item) throw new Error('idempotency guard vanished')
    return out.Item.entry as PointsEntry
  }

  const attempt = async (change: PointsChange): Promise<AppliedChange> => {
    const member = await readMember(change.memberId)
    const version = Number(member.version ?? 0)
    const balance = Number(member.pointsBalance ?? 0)
    const prepared = (await change.prepare?.(member)) ?? {}
    const delta = prepared.delta ?? change.delta
    // A zero change (e.g. a purchase under ¥1) writes no ledger entry but still records its cause.
    if (delta === undefined || !Number.isInteger(delta)) throw new Error('points delta must be an integer')
    const balanceAfter = balance + delta
    if (balanceAfter < 0) {
      // The source may already have been applied (a retry after success): answer with it.
      const existing = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: keys.pointsSource(change.memberId, change.sourceRef), ConsistentRead: true }),
      )
      if (existing.Item) return { entry: existing.Item.entry as PointsEntry, replayed: true }
      throw new DomainError('INSUFFICIENT_POINTS', `Not enough points: ${balance} available, ${-delta} needed`, { balance, needed: -delta })
    }

    const createdAt = change.now.toISOString()
    const entryId = ulid(change.now.getTime())
    const entry: PointsEntry = {
      entryId,
      memberId: change.memberId,
      type: change.type,
      delta,
      balanceAfter,
      sourceRef: change.sourceRef,
      description: change.description,
      createdAt,
    }

    const set: Record<string, unknown> = { pointsBalance: balanceAfter, version: version + 1, updatedAt: createdAt, ...prepared.memberSet }
    const names: Record<string, string> = { '#version': 'version' }
    const values: Record<string, unknown> = { ':expected': version }
    const assignments = Object.entries(set).map(([k, v], i) => {
      names[`#s${i}`] = k
      values[`:s${i}`] = v
      return `#s${i} = :s${i}`
    })

    const items: TransactItem[] = [
      {
        Update: {
          TableName: db.tableName,
          Key: keys.member(change.memberId),
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ConditionExpression:
            version === 0 ? 'attribute_exists(PK) AND (attribute_not_exists(#version) OR #version = :expected)' : '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.pointsSource(change.memberId, change.sourceRef), entity: ENTITY.pointsSource, entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ]
    if (delta !== 0) {
      items.push({
        Put: {
          TableName: db.tableName,
          Item: { ...keys.pointsEntry(change.memberId, entryId), entity: ENTITY.pointsEntry, ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })
    }

    if (delta > 0) {
      const month = calendarDate(change.now, change.timeZone).slice(0, 7)
      const expiresOn = lotExpiresOn(month, change.lotValidityMonths)
      items.push({
        Update: {
          TableName: db.tableName,
          Key: keys.pointsLot(change.memberId, month),
          UpdateExpression:
            'SET entity = :e, #month = :m, memberId = :mid, expiresOn = if_not_exists(expiresOn, :exp), GSI2PK = if_not_exists(GSI2PK, :g2pk), GSI2SK = if_not_exists(GSI2SK, :g2sk) ADD remaining :d, earned :d',
          ExpressionAttributeNames: { '#month': 'month' },
          ExpressionAttributeValues: {
            ':e': ENTITY.pointsLot,
            ':m': month,
            ':mid': change.memberId,
            ':exp': expiresOn,
            ':d': delta,
            ':g2pk': keys.lotExpiryIndex(expiresOn, change.memberId).GSI2PK,
            ':g2sk': keys.lotExpiryIndex(expiresOn, change.memberId).GSI2SK,
          },
        },
      })
    } else if (delta < 0) {
      const lots = await readLots(change.memberId)
      for (const take of consumeFifo(lots, -delta)) {
        items.push({
          Update: {
            TableName: db.tableName,
            Key: keys.pointsLot(change.memberId, take.month),
            UpdateExpression: 'SET remaining = :after ADD spent :take',
            ConditionExpression: 'remaining = :before',
            ExpressionAttributeValues: { ':after': take.before - take.take, ':before': take.before, ':take': take.take },
          },
        })
      }
    }
    const extraStart = items.length
    items.push(...(prepared.extraItems ?? []))

    try {
      await db.client.send(new TransactWriteCommand({ TransactItems: items }))
      return { entry, replayed: false }
    } catch (e) {
      const reasons = cancellationReasons(e)
      if (reasons[1] === 'ConditionalCheckFailed') {
        return { entry: await readReplay(change.memberId, change.sourceRef), replayed: true }
      }
      if (reasons[0] === 'ConditionalCheckFailed') throw new VersionConflict()
      const extraFailed = reasons.findIndex((r, i) => i >= extraStart && r === 'ConditionalCheckFailed')
      if (extraFailed >= 0) throw new ExtraConditionFailed(extraFailed - extraStart)
      if (reasons.slice(2, extraStart).includes('ConditionalCheckFailed')) throw new VersionConflict()
      throw e
    }
  }

  return {
    /** Applies one points change exactly once (see the module comment). */
    apply(change: PointsChange): Promise<AppliedChange> {
      return perMember(change.memberId, () =>
        withConflictRetry(
          () => attempt(change),
          (e) => e instanceof VersionConflict || isRetryableTxError(e),
        ),
      )
    },
    readLots,
    /** Ledger entries of a member, newest first. */
    async listEntries(memberId: string, limit: number, cursor?: string): Promise<{ items: PointsEntry[]; nextCursor: string | null }> {
      const p = await queryPage(
        db,
        { partition: keys.memberPartition(memberId), beginsWith: keys.pointsEntryPrefix(), newestFirst: true },
        { limit, cursor },
      )
      return { items: parseStoredItems(p.items, StoredPointsEntry, ENTITY.pointsEntry), nextCursor: p.nextCursor }
    },
  }
}
export type PointsLedger = ReturnType<typeof pointsLedger>
