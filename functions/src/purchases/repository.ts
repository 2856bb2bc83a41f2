import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { Fen, IsoDateTime } from '@huiyuan/shared/common'
import { LineItem } from '@huiyuan/shared/purchases/schemas'
import { type Db, readItems } from '../platform/db'
import { ENTITY, keys } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'
import { type Page, type PageRequest, queryPage } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'

export interface OrderRecord {
  storeId: string
  orderId: string
  memberId: string
  cardNo: string
  amountFen: number
  refundedFen: number
  /** Points the purchase earned (before any debt repayment). */
  pointsEarned: number
  pointsReversed: number
  /** Earning month (tier window bucket). */
  month: string
  createdAt: string
  /** A till checkout's parts (absent on a purchase recorded alone): coupons taken off the order total, points deducted and returned, stored value paid. */
  couponDiscountFen?: number
  pointsDeducted?: number
  pointsReturned?: number
  storedValueFen?: number
}

/** What the till's day list accepts as a stored purchase or refund record (else skipped, see parseStoredItems). */
const StoredTillRecord = z.object({
  kind: z.enum(['purchase', 'refund']),
  orderId: z.string().min(1),
  refundId: z.string().optional(),
  amountFen: Fen,
  points: z.number().int(),
  cardNo: z.string(),
  createdAt: IsoDateTime,
})
export type StoredTillRecord = z.output<typeof StoredTillRecord>
const StoredTillAmount = StoredTillRecord.pick({ kind: true, amountFen: true })
/** A member's purchase record as the console lists it (else skipped, see parseStoredItems). */
const StoredMemberPurchase = z.object({
  storeId: z.string().min(1),
  orderId: z.string().min(1),
  amountFen: Fen,
  points: z.number().int(),
  items: z.array(LineItem).default([]),
  createdAt: IsoDateTime,
})
export type StoredMemberPurchase = z.output<typeof StoredMemberPurchase>
const StoredRefund = z.object({ refundId: z.string().min(1), amountFen: Fen, createdAt: IsoDateTime })

export const purchasesRepository = (db: Db) => ({
  async getOrder(storeId: string, orderId: string, consistent = false): Promise<OrderRecord | undefined> {
    const out = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: keys.order(storeId, orderId), ConsistentRead: consistent }),
    )
    return out.Item as OrderRecord | undefined
  },

  /** The order (one per store + order id, for ever) and the member's purchase history record. */
  purchaseItems(o: OrderRecord, date: string, items: unknown[] | undefined): Guarded<'orderExists'>[] {
    return [
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: { ...keys.order(o.storeId, o.orderId), entity: ENTITY.order, ...o },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'orderExists',
      },
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.purchase(o.memberId, o.createdAt, o.storeId, o.orderId, date),
              entity: ENTITY.purchase,
              kind: 'purchase',
              memberId: o.memberId,
              cardNo: o.cardNo,
              storeId: o.storeId,
              orderId: o.orderId,
              amountFen: o.amountFen,
              points: o.pointsEarned,
              items: items ?? [],
              date,
              createdAt: o.createdAt,
            },
          },
        },
      },
    ]
  },

  /** The order's refund state moves only from what was read ('stale' otherwise), plus the refund's records. */
  refundItems(
    o: OrderRecord,
    r: { refundId: string; amountFen: number; pointsReversed: number; pointsReturned: number; createdAt: string; date: string },
  ): Guarded<'refundExists'>[] {
    return [
      {
        item: {
          Update: {
            TableName: db.tableName,
            Key: keys.order(o.storeId, o.orderId),
            UpdateExpression: 'SET refundedFen = :newRefunded, pointsReversed = :newReversed, pointsReturned = :newReturned',
            ConditionExpression: 'refundedFen = :oldRefunded AND pointsReversed = :oldReversed',
            ExpressionAttributeValues: {
              ':newRefunded': o.refundedFen + r.amountFen,
              ':oldRefunded': o.refundedFen,
              ':newReversed': o.pointsReversed + r.pointsReversed,
              ':oldReversed': o.pointsReversed,
              ':newReturned': (o.pointsReturned ?? 0) + r.pointsReturned,
            },
          },
        },
        onConditionFailed: 'stale',
      },
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.refund(o.storeId, o.orderId, r.refundId),
              entity: ENTITY.refund,
              refundId: r.refundId,
              amountFen: r.amountFen,
              createdAt: r.createdAt,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'refundExists',
      },
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.refundRecord(o.memberId, r.createdAt, o.storeId, o.orderId, r.refundId, r.date),
              entity: ENTITY.refund,
              kind: 'refund',
              memberId: o.memberId,
              cardNo: o.cardNo,
              storeId: o.storeId,
              orderId: o.orderId,
              refundId: r.refundId,
              amountFen: r.amountFen,
              points: -r.pointsReversed,
              date: r.date,
              createdAt: r.createdAt,
            },
          },
        },
      },
    ]
  },

  /** A store's purchases and refunds of one day (GSI1 STOREDAY#store#date), newest first. */
  async listStoreDay(storeId: string, date: string, limit: number, cursor?: string) {
    const p = await queryPage(db, { index: 'GSI1', partition: keys.storeDay(storeId, date).GSI1PK, newestFirst: true }, { limit, cursor })
    return { items: parseStoredItems(p.items, StoredTillRecord, ENTITY.purchase), nextCursor: p.nextCursor }
  },

  /**
   * Counts and sums of a store's whole day: the same partition as listStoreDay, read to the
   * end with only the two attributes the totals need (one store's day is a few thousand
   * items at most, so a handful of 1 MB pages).
   */
  async summarizeStoreDay(storeId: string, date: string) {
    const pk = keys.storeDay(storeId, date).GSI1PK
    const sum = { purchases: { count: 0, amountFen: 0 }, refunds: { count: 0, amountFen: 0 } }
    let start: Record<string, unknown> | undefined
    do {
      const out = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: '#k, amountFen, PK, SK',
          ExpressionAttributeNames: { '#k': 'kind' },
          ExclusiveStartKey: start,
        }),
      )
      for (const i of parseStoredItems(out.Items, StoredTillAmount, ENTITY.purchase)) {
        const bucket = i.kind === 'refund' ? sum.refunds : sum.purchases
        bucket.count += 1
        bucket.amountFen += i.amountFen
      }
      start = out.LastEvaluatedKey
    } while (start)
    return { ...sum, netFen: sum.purchases.amountFen - sum.refunds.amountFen }
  },

  /** One page of a member's purchases, newest first. */
  async pageMemberPurchases(memberId: string, page: PageRequest): Promise<Page<StoredMemberPurchase>> {
    const p = await queryPage(db, { partition: keys.memberPartition(memberId), beginsWith: keys.purchasePrefix(), newestFirst: true }, page)
    return { items: parseStoredItems(p.items, StoredMemberPurchase, ENTITY.purchase), nextCursor: p.nextCursor }
  },

  /** The orders of some purchases (refund state), in one round trip; undefined where there is none. */
  async ordersOf(orders: Array<{ storeId: string; orderId: string }>): Promise<Array<OrderRecord | undefined>> {
    return (await readItems(
      db,
      orders.map((o) => keys.order(o.storeId, o.orderId)),
    )) as Array<OrderRecord | undefined>
  },

  /** An order's refunds, oldest first. */
  async refundsOfOrder(storeId: string, orderId: string) {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.order(storeId, orderId).PK, ':p': keys.refund(storeId, orderId, '').SK },
      }),
    )
    return parseStoredItems(out.Items, StoredRefund, ENTITY.refund).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  },

  /** A member's purchase history, newest first (for segments and the member's own history). */
  async listMemberPurchases(memberId: string, limit: number) {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':p': keys.purchasePrefix() },
        ScanIndexForward: false,
        Limit: limit,
      }),
    )
    return out.Items ?? []
  },
})
export type PurchasesRepository = ReturnType<typeof purchasesRepository>
