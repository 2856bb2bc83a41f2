import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { Coupon, type CouponSource, CouponStatus, CouponTemplate, CouponTerms, Offer } from '@huiyuan/shared/coupons/schemas'
import { CatalogueStatus } from '@huiyuan/shared/coupons/admin'
import { IsoDateTime } from '@huiyuan/shared/common'
import type { Db } from '../platform/db'
import { falseIfConditionFailed, queryPartition, setClauses } from '../platform/db'
import type { Guarded, TxItem } from '../platform/unitOfWork'
import { ENTITY, couponKeys } from '../platform/keys'
import { decodeCursor, encodeCursor, invalidCursor, queryPage, type Page, type PageRequest } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'

/** A coupon as stored (PK COUPON#code). */
export interface CouponRecord {
  code: string
  memberId: string
  templateId: string
  offerId?: string
  name: string
  kind: CouponTemplate['kind']
  summary: string
  thresholdFen: number
  valueFen?: number
  percentPaid?: number
  capFen?: number
  itemName?: string
  status: 'issued' | 'redeemed' | 'expired' | 'revoked'
  validFrom: string
  validUntil: string
  storeIds: string[]
  source: CouponSource
  issuedAt: string
  redeemedAt?: string
  redeemedStoreId?: string
  redeemedOrderId?: string
}

export type TemplateRecord = Omit<CouponTemplate, 'summary'> & { summary: string; shards: number; soldOut?: boolean; updatedAt?: string }

/** An offer as stored: `status` paused stops claims; `updatedAt` is the version edits are made from. */
export type OfferRecord = Offer & { status?: CatalogueStatus; updatedAt?: string }

/** What list reads accept as stored items (anything else is skipped, see parseStoredItems). */
const StoredTemplate = CouponTemplate.extend({
  shards: z.number().int().min(0),
  soldOut: z.boolean().optional(),
  updatedAt: IsoDateTime.optional(),
})
const StoredOffer = Offer.extend({ status: CatalogueStatus.optional(), updatedAt: IsoDateTime.optional() })

/** An admin edit is made from the version read ('stale' when another edit came first). */
const unchangedSince = (updatedAt: string | undefined) =>
  updatedAt
    ? { condition: 'updatedAt = :was', values: { ':was': updatedAt } }
    : { condition: 'attribute_exists(PK) AND attribute_not_exists(updatedAt)', values: {} }
const StoredCoupon = z.object({
  code: z.string().min(1),
  memberId: z.string().min(1),
  templateId: z.string(),
  offerId: z.string().optional(),
  name: z.string(),
  ...CouponTerms.shape,
  summary: z.string(),
  status: CouponStatus,
  validFrom: IsoDateTime,
  validUntil: IsoDateTime,
  storeIds: z.array(z.string()),
  source: Coupon.shape.source,
  issuedAt: IsoDateTime,
  redeemedAt: IsoDateTime.optional(),
  redeemedStoreId: z.string().optional(),
  redeemedOrderId: z.string().optional(),
})

/** A slice of the wallet index: coupons of one status whose validity ends within [from, to). */
export interface WalletRange {
  status: CouponRecord['status']
  from?: string
  to?: string
}
/** `<validUntil>#<code>`: where a coupon sits in the wallet's order, whatever its status. */
const walletPosition = (gsi1sk: string): string => gsi1sk.slice(gsi1sk.indexOf('#') + 1)
const WALLET_POSITION = /^[^#]+#[^#]+$/

export const couponsRepository = (db: Db) => {
  const T = db.tableName
  const couponItem = (c: CouponRecord) => ({
    ...couponKeys.coupon(c.code),
    ...couponKeys.walletIndex(c.memberId, c.status, c.validUntil, c.code),
    ...(c.status === 'issued' ? couponKeys.couponExpiryIndex(c.validUntil.slice(0, 10), c.code) : {}),
    entity: ENTITY.coupon,
    ...c,
  })
  const queryGsi2 = (pk: string) => queryPartition(db, pk, 'GSI2')
  return {
    couponItem,

    /** The template and its stock shards, with `also` (its audit event) in the same transaction. */
    async putTemplate(t: TemplateRecord, stockPerShard: number[], also: TxItem[] = []): Promise<void> {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: T,
                Item: { ...couponKeys.template(t.templateId, t.createdAt), entity: ENTITY.couponTemplate, ...t },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...stockPerShard.map((remaining, shard) => ({
              Put: {
                TableName: T,
                Item: {
                  ...couponKeys.stockShard(t.templateId, shard),
                  entity: ENTITY.stockShard,
                  templateId: t.templateId,
                  shard,
                  remaining,
                  initial: remaining,
                },
              },
            })),
            ...also,
          ],
        }),
      )
    },
    async getTemplate(templateId: string, consistent = false): Promise<TemplateRecord | undefined> {
      const out = await db.client.send(
        new GetCommand({ TableName: T, Key: couponKeys.templateKey(templateId), ConsistentRead: consistent }),
      )
      return out.Item as TemplateRecord | undefined
    },
    /** Templates, newest first (GSI1 CTPLS). */
    async listTemplates(page: PageRequest): Promise<Page<TemplateRecord>> {
      const p = await queryPage(db, { index: 'GSI1', partition: couponKeys.templatesIndex(), newestFirst: true }, page)
      return { items: parseStoredItems(p.items, StoredTemplate, ENTITY.couponTemplate), nextCursor: p.nextCursor }
    },
    /** Flags the template sold out — unless its stock was topped up since `totalStock` was read. */
    async markSoldOut(templateId: string, totalStock: number | null): Promise<void> {
      await db.client
        .send(
          new UpdateCommand({
            TableName: T,
            Key: couponKeys.templateKey(templateId),
            UpdateExpression: 'SET soldOut = :t',
            ConditionExpression: 'totalStock = :stock',
            ExpressionAttributeValues: { ':t': true, ':stock': totalStock },
          }),
        )
        .catch(falseIfConditionFailed)
    },
    /** Templates by id (the catalogue's names for the reports), one BatchGet per 100. */
    async templatesByIds(templateIds: string[]): Promise<TemplateRecord[]> {
      const ids = [...new Set(templateIds)]
      const out: TemplateRecord[] = []
      for (let i = 0; i < ids.length; i += 100) {
        let request: Record<string, { Keys: Array<{ PK: string; SK: string }> }> | undefined = {
          [T]: { Keys: ids.slice(i, i + 100).map(couponKeys.templateKey) },
        }
        while (request && Object.keys(request).length > 0) {
          const res = await db.client.send(new BatchGetCommand({ RequestItems: request }))
          out.push(...parseStoredItems(res.Responses?.[T], StoredTemplate, ENTITY.couponTemplate))
          request = res.UnprocessedKeys as typeof request
        }
      }
      return out
    },
    /**
     * An admin edit of a template, from the version read: the changed fields and, for a stock
     * top-up, `addPerShard` added to the shards and the total (atomic ADDs) and the sold-out
     * flag cleared.
     */
    updateTemplateItems(
      t: TemplateRecord,
      changes: Partial<Pick<TemplateRecord, 'name' | 'validity'>>,
      addPerShard: number[],
      at: string,
    ): Guarded<never>[] {
      const set = setClauses({ ...changes, updatedAt: at })
      const guard = unchangedSince(t.updatedAt)
      const added = addPerShard.reduce((a, b) => a + b, 0)
      return [
        {
          item: {
            Update: {
              TableName: T,
              Key: couponKeys.templateKey(t.templateId),
              UpdateExpression: `SET ${set.clauses.join(', ')}${added > 0 ? ' ADD totalStock :added REMOVE soldOut' : ''}`,
              ConditionExpression: guard.condition,
              ExpressionAttributeNames: set.names,
              ExpressionAttributeValues: { ...set.values, ...guard.values, ...(added > 0 ? { ':added': added } : {}) },
            },
          },
          onConditionFailed: 'stale',
        },
        ...addPerShard.flatMap((n, shard) =>
          n > 0
            ? [
                {
                  item: {
                    Update: {
                      TableName: T,
                      Key: couponKeys.stockShard(t.templateId, shard),
                      UpdateExpression: 'ADD remaining :n, initial :n',
                      ExpressionAttributeValues: { ':n': n },
                    },
                  },
                },
              ]
            : [],
        ),
      ]
    },
    /** Remaining stock per shard (one BatchGet of the template's shard keys). */
    async shardStock(templateId: string, shards: number, consistent = false): Promise<number[]> {
      const keys = Array.from({ length: shards }, (_, i) => couponKeys.stockShard(templateId, i))
      const out = await db.client.send(new BatchGetCommand({ RequestItems: { [T]: { Keys: keys, ConsistentRead: consistent } } }))
      const found = new Map((out.Responses?.[T] ?? []).map((i) => [Number(i.shard), Number(i.remaining)]))
      return keys.map((_, i) => found.get(i) ?? 0)
    },

    async putOffer(o: Offer, also: TxItem[] = []): Promise<void> {
      const put = {
        TableName: T,
        Item: { ...couponKeys.offer(o.offerId, new Date(o.claimUntil).toISOString()), entity: ENTITY.offer, ...o },
        ConditionExpression: 'attribute_not_exists(PK)',
      }
      await db.client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...also] }))
    },
    async getOffer(offerId: string, consistent = false): Promise<OfferRecord | undefined> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: couponKeys.offerKey(offerId), ConsistentRead: consistent }))
      return out.Item as OfferRecord | undefined
    },
    /** An admin edit of an offer, from the version read; a new end moves it in the offers index. */
    updateOfferItem(
      o: OfferRecord,
      changes: Partial<Pick<OfferRecord, 'title' | 'description' | 'claimUntil' | 'status'>>,
      at: string,
    ): Guarded<never> {
      const set = setClauses({
        ...changes,
        updatedAt: at,
        ...(changes.claimUntil ? { GSI1SK: couponKeys.offer(o.offerId, new Date(changes.claimUntil).toISOString()).GSI1SK } : {}),
      })
      const guard = unchangedSince(o.updatedAt)
      return {
        item: {
          Update: {
            TableName: T,
            Key: couponKeys.offerKey(o.offerId),
            UpdateExpression: `SET ${set.clauses.join(', ')}`,
            ConditionExpression: guard.condition,
            ExpressionAttributeNames: set.names,
            ExpressionAttributeValues: { ...set.values, ...guard.values },
          },
        },
        onConditionFailed: 'stale',
      }
    },
    /** Offers whose claim window has not ended, ending soonest first (GSI1 OFFERS, sorted by end). */
    async listOpenOffers(now: Date, page: PageRequest): Promise<Page<OfferRecord>> {
      const p = await queryPage(db, { index: 'GSI1', partition: couponKeys.offersIndex(), atLeast: now.toISOString() }, page)
      return { items: parseStoredItems(p.items, StoredOffer, ENTITY.offer), nextCursor: p.nextCursor }
    },
    /** Every offer, the latest to end first. */
    async listAllOffers(page: PageRequest): Promise<Page<OfferRecord>> {
      const p = await queryPage(db, { index: 'GSI1', partition: couponKeys.offersIndex(), newestFirst: true }, page)
      return { items: parseStoredItems(p.items, StoredOffer, ENTITY.offer), nextCursor: p.nextCursor }
    },

    async claimedCounts(memberId: string, templateIds: string[]): Promise<Map<string, number>> {
      if (templateIds.length === 0) return new Map()
      const keys = [...new Set(templateIds)].map((t) => couponKeys.claimCounter(memberId, t))
      const out = await db.client.send(new BatchGetCommand({ RequestItems: { [T]: { Keys: keys } } }))
      return new Map((out.Responses?.[T] ?? []).map((i) => [String(i.SK).slice('CCOUNT#'.length), Number(i.count)]))
    },
    async claimedCount(memberId: string, templateId: string): Promise<number> {
      const out = await db.client.send(
        new GetCommand({ TableName: T, Key: couponKeys.claimCounter(memberId, templateId), ConsistentRead: true }),
      )
      return Number(out.Item?.count ?? 0)
    },
    /** The writes of one issue: stock shard ('shardEmpty'), per-member counter ('limitReached'), the coupon. */
    issueItems(c: CouponRecord, opts: { shard: number | null; perMemberLimit: number | null }): Guarded<'shardEmpty' | 'limitReached'>[] {
      const items: Guarded<'shardEmpty' | 'limitReached'>[] = []
      if (opts.shard !== null) {
        items.push({
          item: {
            Update: {
              TableName: T,
              Key: couponKeys.stockShard(c.templateId, opts.shard),
              UpdateExpression: 'ADD remaining :minus',
              ConditionExpression: 'remaining > :zero',
              ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
            },
          },
          onConditionFailed: 'shardEmpty',
        })
      }
      if (opts.perMemberLimit !== null) {
        items.push({
          item: {
            Update: {
              TableName: T,
              Key: couponKeys.claimCounter(c.memberId, c.templateId),
              UpdateExpression: 'SET entity = :e ADD #count :one',
              ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':e': ENTITY.claimCounter, ':one': 1, ':limit': opts.perMemberLimit },
            },
          },
          onConditionFailed: 'limitReached',
        })
      }
      items.push({ item: { Put: { TableName: T, Item: couponItem(c) } } })
      return items
    },

    /** A coupon's key, to read it beside other items (a normalized code). */
    couponKey: (code: string) => couponKeys.coupon(code),

    async getCoupon(code: string): Promise<CouponRecord | undefined> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: couponKeys.coupon(code), ConsistentRead: true }))
      return out.Item as CouponRecord | undefined
    },
    /**
     * One page of a member's wallet over one or more ranges of GSI1 (`MCOUPONS#member`,
     * `<status>#<validUntil>#<code>`), merged by validity end (soonest first). The cursor is
     * the position (`<validUntil>#<code>`) of the page's last coupon and every range is read
     * on from there, so a view made of two ranges (expired: issued-but-lapsed and marked
     * expired) pages correctly, and a coupon the daily job moves from one status to the other
     * keeps its position and is listed once.
     */
    async wallet(memberId: string, ranges: WalletRange[], page: PageRequest): Promise<Page<CouponRecord>> {
      const partition = couponKeys.walletPartition(memberId)
      const after = decodeCursor(page.cursor, partition, 'GSI1PK', ['GSI1PK', 'after'])?.after
      if (after !== undefined && !WALLET_POSITION.test(after)) throw invalidCursor()
      const reads = await Promise.all(
        ranges.map(async (r) => {
          const from = after !== undefined && after > (r.from ?? '') ? after : (r.from ?? '')
          const lo = `${r.status}#${from}`
          const hi = `${r.status}#${r.to ?? '~'}`
          if (lo > hi) return { positions: [] as string[], items: [], complete: true }
          const out = await db.client.send(
            new QueryCommand({
              TableName: T,
              IndexName: 'GSI1',
              KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi',
              ExpressionAttributeValues: { ':pk': partition, ':lo': lo, ':hi': hi },
              // the coupon at the cursor itself (the range starts there), a page, and one to tell if there is more
              Limit: page.limit + 2,
            }),
          )
          const items = out.Items ?? []
          return { positions: items.map((i) => walletPosition(String(i.GSI1SK))), items, complete: !out.LastEvaluatedKey }
        }),
      )
      // Up to where every range has been read: a range cut short (its read limit, or 1 MB)
      // may hold more coupons after its last one, so nothing beyond that goes on this page.
      const horizon = reads
        .filter((r) => !r.complete && r.positions.length > 0)
        .map((r) => r.positions.at(-1)!)
        .reduce<string | undefined>((min, at) => (min === undefined || at < min ? at : min), undefined)
      const merged = reads
        .flatMap((r) => r.items.map((item, i) => ({ item, at: r.positions[i]! })))
        .filter((x) => after === undefined || x.at > after)
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      const taken = merged.filter((x) => horizon === undefined || x.at <= horizon).slice(0, page.limit)
      const last = taken.at(-1)
      const more = merged.length > taken.length || reads.some((r) => !r.complete)
      return {
        items: parseStoredItems(
          taken.map((x) => x.item),
          StoredCoupon,
          ENTITY.coupon,
        ),
        nextCursor: more && last ? encodeCursor({ GSI1PK: partition, after: last.at }) : null,
      }
    },

    /** Redeems exactly once ('notIssued' otherwise): the coupon moves from issued, and the order remembers it. */
    redeemItems(c: CouponRecord, r: { storeId: string; orderId: string; at: string; discountFen: number }): Guarded<'notIssued'>[] {
      return [
        {
          item: {
            Update: {
              TableName: T,
              Key: couponKeys.coupon(c.code),
              UpdateExpression:
                'SET #status = :redeemed, redeemedAt = :at, redeemedStoreId = :store, redeemedOrderId = :order, GSI1SK = :sk REMOVE GSI2PK, GSI2SK',
              ConditionExpression: '#status = :issued',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':redeemed': 'redeemed',
                ':issued': 'issued',
                ':at': r.at,
                ':store': r.storeId,
                ':order': r.orderId,
                ':sk': couponKeys.walletIndex(c.memberId, 'redeemed', c.validUntil, c.code).GSI1SK,
              },
            },
          },
          onConditionFailed: 'notIssued',
        },
        {
          item: {
            Put: {
              TableName: T,
              Item: {
                ...couponKeys.redemption(r.storeId, r.orderId, c.code),
                entity: ENTITY.redemption,
                code: c.code,
                memberId: c.memberId,
                discountFen: r.discountFen,
                at: r.at,
              },
            },
          },
        },
      ]
    },
    /** Some of a member's coupons, in wallet order (usable first): the console's member page. */
    async recentOfMember(memberId: string, limit: number): Promise<CouponRecord[]> {
      const p = await queryPage(db, { index: 'GSI1', partition: couponKeys.walletPartition(memberId) }, { limit })
      return p.items as unknown as CouponRecord[]
    },
    async redemptionsOfOrder(
      storeId: string,
      orderId: string,
    ): Promise<Array<{ code: string; reversedAt?: string; discountFen?: number }>> {
      const out = await db.client.send(
        new QueryCommand({
          TableName: T,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': couponKeys.redemption(storeId, orderId, '').PK, ':p': couponKeys.redemptionPrefix() },
          ConsistentRead: true,
        }),
      )
      return (out.Items ?? []).map((i) => ({
        code: String(i.code),
        reversedAt: i.reversedAt as string | undefined,
        ...(typeof i.discountFen === 'number' ? { discountFen: i.discountFen } : {}),
      }))
    },
    /** Puts a redeemed coupon back (issued, or expired if its validity has passed), once ('notRedeemedThere' otherwise). */
    returnItems(
      c: CouponRecord,
      storeId: string,
      orderId: string,
      now: Date,
    ): { status: 'issued' | 'expired'; items: Guarded<'notRedeemedThere'>[] } {
      const status = now.toISOString() > c.validUntil ? 'expired' : 'issued'
      return {
        status,
        items: [
          {
            item: {
              Update: {
                TableName: T,
                Key: couponKeys.coupon(c.code),
                UpdateExpression: `SET #status = :status, GSI1SK = :sk${status === 'issued' ? ', GSI2PK = :g2pk, GSI2SK = :g2sk' : ''} REMOVE redeemedAt, redeemedStoreId, redeemedOrderId`,
                ConditionExpression: '#status = :redeemed AND redeemedOrderId = :order AND redeemedStoreId = :store',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':status': status,
                  ':redeemed': 'redeemed',
                  ':order': orderId,
                  ':store': storeId,
                  ':sk': couponKeys.walletIndex(c.memberId, status, c.validUntil, c.code).GSI1SK,
                  ...(status === 'issued'
                    ? { ':g2pk': couponKeys.couponExpiryIndex(c.validUntil.slice(0, 10), c.code).GSI2PK, ':g2sk': c.code }
                    : {}),
                },
              },
            },
            onConditionFailed: 'notRedeemedThere',
          },
          {
            item: {
              Update: {
                TableName: T,
                Key: couponKeys.redemption(storeId, orderId, c.code),
                UpdateExpression: 'SET reversedAt = :at',
                ConditionExpression: 'attribute_not_exists(reversedAt)',
                ExpressionAttributeValues: { ':at': now.toISOString() },
              },
            },
            onConditionFailed: 'notRedeemedThere',
          },
        ],
      }
    },

    /** Issued coupons whose validity ends on a (UTC) date: the expiry index, all shards. */
    async issuedEndingOn(date: string): Promise<CouponRecord[]> {
      const found: CouponRecord[] = []
      for (const pk of couponKeys.couponExpiryShards(date)) found.push(...((await queryGsi2(pk)) as unknown as CouponRecord[]))
      return found
    },

    /**
     * Takes back a coupon not yet used (a reward clawed back): revoked, out of the wallet and
     * the expiry index; refused ('stale') if it was redeemed or changed since it was read.
     */
    revokeItem(c: CouponRecord, at: string): Guarded<'stale'> {
      return {
        item: {
          Update: {
            TableName: T,
            Key: couponKeys.coupon(c.code),
            UpdateExpression: 'SET #status = :revoked, revokedAt = :at, GSI1SK = :sk REMOVE GSI2PK, GSI2SK',
            ConditionExpression: '#status = :issued',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':revoked': 'revoked',
              ':issued': 'issued',
              ':at': at,
              ':sk': couponKeys.walletIndex(c.memberId, 'revoked', c.validUntil, c.code).GSI1SK,
            },
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** Marks a lapsed coupon expired (once; false if it was redeemed or already marked). */
    async markExpired(c: CouponRecord, at: string): Promise<boolean> {
      return db.client
        .send(
          new UpdateCommand({
            TableName: T,
            Key: couponKeys.coupon(c.code),
            UpdateExpression: 'SET #status = :expired, GSI1SK = :sk REMOVE GSI2PK, GSI2SK',
            ConditionExpression: '#status = :issued AND validUntil < :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':expired': 'expired',
              ':issued': 'issued',
              ':now': at,
              ':sk': couponKeys.walletIndex(c.memberId, 'expired', c.validUntil, c.code).GSI1SK,
            },
          }),
        )
        .then(() => true, falseIfConditionFailed)
    },

    /** Members whose birthday is on a calendar day (GSI2 BDAY#MM-DD). */
    async membersBornOn(date: string): Promise<string[]> {
      return (await queryGsi2(couponKeys.birthdayIndex(date, '').GSI2PK)).map((m) => String(m.memberId))
    },
  }
}
export type CouponsRepository = ReturnType<typeof couponsRepository>
