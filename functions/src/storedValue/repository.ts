/**
 * Stored value's own items beside the two accounts: the member's statement (one line per
 * top-up, spend or refund, in the member's partition) and each order's spend with the parts it
 * took, which a refund puts back. See ACCESS_PATTERNS.md (patterns V1–V3).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { IsoDateTime } from '@huiyuan/shared/common'
import { StoredValueMovementKind } from '@huiyuan/shared/storedValue/schemas'
import { z } from 'zod'
import { type Page, type PageRequest, queryPage } from '../platform/cursor'
import type { Db } from '../platform/db'
import { ENTITY, storedValueKeys } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'
import type { SplitPart } from './split'

const Part = z.object({ lotId: z.string(), principal: z.number().int().min(0), bonus: z.number().int().min(0) })

const StoredMovement = z.object({
  memberId: z.string(),
  movementId: z.string(),
  kind: StoredValueMovementKind,
  principalFen: z.number().int(),
  bonusFen: z.number().int(),
  balanceAfterFen: z.number().int().min(0),
  storeId: z.string(),
  reference: z.string(),
  at: IsoDateTime,
  /** A large top-up's payer (prepaid-card real-name rule): name and ID number sealed with the member's context, and the bank transfer. */
  payerSealed: z.string().optional(),
  bankTransferRef: z.string().optional(),
})
export type MovementRecord = z.infer<typeof StoredMovement>

const StoredSpend = z.object({
  memberId: z.string(),
  storeId: z.string(),
  orderId: z.string(),
  /** What the spend took from each top-up. */
  parts: z.array(Part),
  /** What refunds have put back so far, by top-up. */
  refunded: z.array(Part),
  version: z.number().int().min(1),
  at: IsoDateTime,
})
export type SpendRecord = z.infer<typeof StoredSpend>

export const storedValueRepository = (db: Db) => {
  const T = db.tableName
  return {
    /** A new line of the statement (a fresh ULID: nothing to guard). */
    movementItem(m: MovementRecord): Guarded<never> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...storedValueKeys.movement(m.memberId, m.movementId), entity: ENTITY.storedValueMovement, ...m },
          },
        },
      }
    },

    /** The spend of an order, put once ('spent' if the order already paid with stored value). */
    spendItem(s: Omit<SpendRecord, 'version' | 'refunded'>): Guarded<'spent'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...storedValueKeys.spend(s.storeId, s.orderId), entity: ENTITY.storedValueSpend, ...s, refunded: [], version: 1 },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'spent',
      }
    },

    /** The spend's refunds so far, written over the version read ('stale' otherwise). */
    refundedItem(s: SpendRecord, refunded: SplitPart[]): Guarded<'stale'> {
      return {
        item: {
          Update: {
            TableName: T,
            Key: storedValueKeys.spend(s.storeId, s.orderId),
            UpdateExpression: 'SET refunded = :r, version = :next',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':r': refunded, ':v': s.version, ':next': s.version + 1 },
          },
        },
        onConditionFailed: 'stale',
      }
    },

    async getSpend(storeId: string, orderId: string): Promise<SpendRecord | undefined> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: storedValueKeys.spend(storeId, orderId), ConsistentRead: true }))
      const r = StoredSpend.safeParse(out.Item)
      return r.success ? r.data : undefined
    },

    /** The member's statement, newest first. */
    async movements(memberId: string, page: PageRequest): Promise<Page<MovementRecord>> {
      const p = await queryPage(
        db,
        { partition: `MEMBER#${memberId}`, beginsWith: storedValueKeys.movementPrefix(), newestFirst: true },
        page,
      )
      return { items: parseStoredItems(p.items, StoredMovement, ENTITY.storedValueMovement), nextCursor: p.nextCursor }
    },
  }
}
export type StoredValueRepository = ReturnType<typeof storedValueRepository>
