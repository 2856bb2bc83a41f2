/**
 * Referrals' items (ACCESS_PATTERNS.md, R1–R6): the invite token, the member as a referrer,
 * the friend's referral, the referrer's list of friends, the month's rewarded count and the
 * kept mini-program code. Keys in platform/keys.ts (`referralKeys`).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { IsoDateTime } from '@huiyuan/shared/common'
import { ReferralStatus } from '@huiyuan/shared/referrals/schemas'
import { z } from 'zod'
import { type Page, type PageRequest, queryPage } from '../platform/cursor'
import type { Db } from '../platform/db'
import { ENTITY, referralKeys } from '../platform/keys'
import { parseStoredItems } from '../platform/storedItems'
import type { Guarded } from '../platform/unitOfWork'

const Count = z.number().int().default(0)

const StoredReferrer = z.object({
  memberId: z.string(),
  token: z.string(),
  /** Keyed hashes of the WeChat identity and the phone (not reversible), kept after erasure. */
  openidHash: z.string(),
  mobileHash: z.string(),
  joined: Count,
  rewarded: Count,
  clawedBack: Count,
  pointsEarned: Count,
  couponsEarned: Count,
})
export type ReferrerRecord = z.infer<typeof StoredReferrer>

const Side = z.object({ points: z.number().int().min(0), couponCodes: z.array(z.string()) })
const StoredReferral = z.object({
  friendId: z.string(),
  referrerId: z.string(),
  joinedAt: IsoDateTime,
  status: ReferralStatus,
  /** The purchase that qualified (reward on first purchase). */
  storeId: z.string().optional(),
  orderId: z.string().optional(),
  rewardedAt: IsoDateTime.optional(),
  referrerReward: Side.optional(),
  friendReward: Side.optional(),
  version: z.number().int().min(1),
})
export type ReferralRecord = z.infer<typeof StoredReferral>
export type RewardSide = z.infer<typeof Side>

const StoredFriend = z.object({
  friendId: z.string(),
  name: z.string(),
  joinedAt: IsoDateTime,
  status: ReferralStatus,
  points: Count,
  coupons: Count,
  overCap: z.boolean().default(false),
})
export type FriendRecord = z.infer<typeof StoredFriend>

const parse = <T>(schema: z.ZodType<T>, item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined
  const r = schema.safeParse(item)
  return r.success ? r.data : undefined
}

export const referralsRepository = (db: Db) => {
  const T = db.tableName
  return {
    tokenKey: referralKeys.token,
    referrerKey: referralKeys.referrer,
    referralKey: referralKeys.referral,
    monthKey: referralKeys.month,
    memberOfToken: (item: Record<string, unknown> | undefined) => (typeof item?.memberId === 'string' ? item.memberId : undefined),
    referrerOf: (item: Record<string, unknown> | undefined) => parse(StoredReferrer, item),
    referralOf: (item: Record<string, unknown> | undefined) => parse(StoredReferral, item),
    monthCountOf: (item: Record<string, unknown> | undefined) => (typeof item?.count === 'number' ? item.count : 0),

    /** A new referrer and its token, each put once ('referrerExists' / 'tokenTaken'). */
    newReferrerItems(
      r: Pick<ReferrerRecord, 'memberId' | 'token' | 'openidHash' | 'mobileHash'>,
      at: string,
    ): Guarded<'referrerExists' | 'tokenTaken'>[] {
      return [
        {
          item: {
            Put: {
              TableName: T,
              Item: { ...referralKeys.referrer(r.memberId), entity: ENTITY.referrer, ...r, createdAt: at },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          onConditionFailed: 'referrerExists',
        },
        {
          item: {
            Put: {
              TableName: T,
              Item: { ...referralKeys.token(r.token), entity: ENTITY.referralToken, memberId: r.memberId, createdAt: at },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          onConditionFailed: 'tokenTaken',
        },
      ]
    },

    /** Adds to the referrer's counts (negative to take back). */
    referrerCountsItem(
      memberId: string,
      add: Partial<Record<'joined' | 'rewarded' | 'clawedBack' | 'pointsEarned' | 'couponsEarned', number>>,
    ): Guarded<never> {
      const names = Object.keys(add).filter((k) => add[k as keyof typeof add] !== 0)
      return {
        item: {
          Update: {
            TableName: T,
            Key: referralKeys.referrer(memberId),
            UpdateExpression: `ADD ${names.map((k) => `${k} :${k}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: Object.fromEntries(names.map((k) => [`:${k}`, add[k as keyof typeof add]])),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** The friend's referral, put once when they join ('alreadyReferred'). */
    newReferralItem(r: Pick<ReferralRecord, 'friendId' | 'referrerId' | 'joinedAt'>): Guarded<'alreadyReferred'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...referralKeys.referral(r.friendId), entity: ENTITY.referral, ...r, status: 'pending', version: 1 },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'alreadyReferred',
      }
    },

    /** The referral after a reward or a clawback, over the version read ('stale' otherwise). */
    referralItem(before: ReferralRecord, after: Omit<ReferralRecord, 'version'>): Guarded<'stale'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...referralKeys.referral(before.friendId), entity: ENTITY.referral, ...after, version: before.version + 1 },
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': before.version },
          },
        },
        onConditionFailed: 'stale',
      }
    },

    /** The friend as the referrer's list shows them. */
    friendItem(referrerId: string, f: FriendRecord): Guarded<never> {
      return {
        item: { Put: { TableName: T, Item: { ...referralKeys.friend(referrerId, f.friendId), entity: ENTITY.referredFriend, ...f } } },
      }
    },

    /** One more friend rewarded this month, within the cap ('capReached' otherwise). */
    monthItem(referrerId: string, month: string, cap: number): Guarded<'capReached'> {
      return {
        item: {
          Update: {
            TableName: T,
            Key: referralKeys.month(referrerId, month),
            UpdateExpression: 'ADD #count :one SET entity = :entity',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':entity': ENTITY.referralMonth },
          },
        },
        onConditionFailed: 'capReached',
      }
    },

    async getFriend(referrerId: string, friendId: string): Promise<FriendRecord | undefined> {
      const out = await db.client.send(
        new GetCommand({ TableName: T, Key: referralKeys.friend(referrerId, friendId), ConsistentRead: true }),
      )
      return parse(StoredFriend, out.Item)
    },

    /** The referrer's friends, newest first. */
    async friends(referrerId: string, page: PageRequest): Promise<Page<FriendRecord>> {
      const p = await queryPage(db, { partition: `MEMBER#${referrerId}`, beginsWith: referralKeys.friendPrefix(), newestFirst: true }, page)
      return { items: parseStoredItems(p.items, StoredFriend, ENTITY.referredFriend), nextCursor: p.nextCursor }
    },

    async getCode(memberId: string, scene: string): Promise<Uint8Array | undefined> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: referralKeys.code(memberId, scene) }))
      return out.Item?.image instanceof Uint8Array ? out.Item.image : undefined
    },

    /** Keeps a referrer's code image (the first one stays if two requests made one at once). */
    async putCode(memberId: string, scene: string, image: Uint8Array, now: Date): Promise<void> {
      await db.client
        .send(
          new PutCommand({
            TableName: T,
            Item: {
              ...referralKeys.code(memberId, scene),
              entity: ENTITY.referralCode,
              memberId,
              scene,
              image,
              createdAt: now.toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        )
        .catch((e: { name?: string }) => {
          if (e.name !== 'ConditionalCheckFailedException') throw e
        })
    },
  }
}
export type ReferralsRepository = ReturnType<typeof referralsRepository>
