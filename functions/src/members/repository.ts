import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { ulid } from 'ulid'
import type { Gender } from '@huiyuan/shared/members/schemas'
import { type Db, queryPartition, readItems, setClauses } from '../platform/db'
import { queryPage, type Page, type PageRequest } from '../platform/cursor'
import { couponKeys, ENTITY, keys } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'

/**
 * A member's profile (PK MEMBER#id, SK PROFILE): who they are and what they agreed to.
 * Balances live in accounts (ACCOUNT#<kind>), the tier in its own item (TIER), the
 * check-in streak in the check-in records — so none of them contend with profile edits.
 */
export interface MemberRecord {
  memberId: string
  openid: string
  cardNo: string
  name: string
  /** Envelope-encrypted mobile number; never stored in clear. */
  mobileSealed: string
  /** Keyed hash of the mobile number for equality lookups. */
  mobileHash: string
  mobileMasked: string
  birthday: string
  gender: Gender
  joinStoreId: string
  joinChannel: 'store_qr' | 'referral' | 'group'
  referralCode?: string
  /** The group enrolment code joined with (集体办理). */
  enrolmentCode?: string
  /** Segment tags: a group's organisation from joining, and the marketers' own. */
  tags?: string[]
  joinedAt: string
  marketingConsent: boolean
  marketingConsentAt: string
  privacyConsentVersion: string
  privacyConsentAt: string
  /** When the member used their one birthday correction (later changes are staff's). */
  birthdayCorrectedAt?: string
  /** Set by erasure: the profile is anonymised, the identity and card links are gone. */
  erasedAt?: string
}

/** What an erased member's profile is called in lists and reports. */
export const ERASED_NAME = '已注销会员'

export interface Consent {
  kind: 'privacy' | 'marketing'
  granted: boolean
  version?: string
  source: 'join' | 'profile' | 'erasure'
  at: string
}

export const membersRepository = (db: Db) => ({
  key: (memberId: string) => keys.member(memberId),

  async getMemberIdByOpenid(openid: string, consistent = false): Promise<string | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.identity(openid), ConsistentRead: consistent }))
    return out.Item?.memberId as string | undefined
  },

  async getMember(memberId: string): Promise<MemberRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(memberId) }))
    return out.Item as MemberRecord | undefined
  },

  cardKey: (cardNo: string) => keys.card(cardNo),

  async getMemberIdByCardNo(cardNo: string): Promise<string | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.card(cardNo) }))
    return out.Item?.memberId as string | undefined
  },

  /**
   * Erasure (PRODUCT.md §12): the profile keeps only what accounting needs (id, card number,
   * join store and date) — name, phone ciphertext and lookup hash, birthday and its index,
   * tags and the WeChat identity go; the identity and card links are deleted, so old tokens
   * and member codes lead nowhere and the identity may join again as a new member.
   */
  erasureItems(m: MemberRecord, at: string): Guarded<'alreadyErased'>[] {
    return [
      {
        item: {
          Update: {
            TableName: db.tableName,
            Key: keys.member(m.memberId),
            UpdateExpression:
              'SET #name = :anon, gender = :undisclosed, marketingConsent = :false, marketingConsentAt = :at, erasedAt = :at, updatedAt = :at ' +
              'REMOVE mobileSealed, mobileHash, mobileMasked, birthday, birthdayCorrectedAt, openid, tags, referralCode, GSI1PK, GSI1SK, GSI2PK, GSI2SK',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(erasedAt)',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':anon': ERASED_NAME, ':undisclosed': 'undisclosed', ':false': false, ':at': at },
          },
        },
        onConditionFailed: 'alreadyErased',
      },
      {
        item: {
          Delete: {
            TableName: db.tableName,
            Key: keys.identity(m.openid),
            ConditionExpression: 'attribute_not_exists(PK) OR memberId = :m',
            ExpressionAttributeValues: { ':m': m.memberId },
          },
        },
        onConditionFailed: 'alreadyErased',
      },
      { item: { Delete: { TableName: db.tableName, Key: keys.card(m.cardNo) } } },
      ...(m.mobileHash ? [{ item: { Delete: { TableName: db.tableName, Key: keys.memberPhone(m.mobileHash, m.memberId) } } }] : []),
    ]
  },

  /** Members with this phone (through its lookup hash; a number may belong to more than one member). */
  async memberIdsByPhoneHash(mobileHash: string): Promise<string[]> {
    const items = await queryPartition(db, keys.memberPhonePartition(mobileHash))
    return items.map((i) => String(i.memberId))
  },

  /** Members whose name starts with `prefix`, by name (GSI1 `MNAME#<first character>`). */
  async pageByNamePrefix(prefix: string, page: PageRequest): Promise<Page<MemberRecord>> {
    const p = await queryPage(db, { index: 'GSI1', partition: keys.memberNameIndex(prefix, '').GSI1PK, beginsWith: prefix }, page)
    return { items: p.items as unknown as MemberRecord[], nextCursor: p.nextCursor }
  },

  async getMembers(memberIds: string[]): Promise<MemberRecord[]> {
    const items = await readItems(
      db,
      memberIds.map((id) => keys.member(id)),
    )
    return items.filter((i): i is Record<string, unknown> => Boolean(i)) as unknown as MemberRecord[]
  },

  /** One consent given or withdrawn: an immutable record in the member's partition. */
  consentItem(memberId: string, c: Consent): Guarded {
    return {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.consent(memberId, c.at, ulid()), entity: ENTITY.consent, memberId, ...c },
        },
      },
    }
  },

  /**
   * The items of a join: the identity link (one WeChat identity ⇒ one member), the card
   * number (unique) and the profile.
   */
  joinItems(m: MemberRecord): Guarded<'alreadyMember' | 'cardTaken'>[] {
    return [
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: { ...keys.identity(m.openid), entity: ENTITY.identity, openid: m.openid, memberId: m.memberId, createdAt: m.joinedAt },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'alreadyMember',
      },
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: { ...keys.card(m.cardNo), entity: ENTITY.card, cardNo: m.cardNo, memberId: m.memberId },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'cardTaken',
      },
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.member(m.memberId),
              ...couponKeys.birthdayIndex(m.birthday, m.memberId),
              ...keys.memberNameIndex(m.name, m.memberId),
              entity: ENTITY.member,
              ...m,
            },
          },
        },
      },
      {
        item: {
          Put: {
            TableName: db.tableName,
            Item: { ...keys.memberPhone(m.mobileHash, m.memberId), entity: ENTITY.memberPhone, memberId: m.memberId },
          },
        },
      },
    ]
  },

  /**
   * A profile edit, as an item of the caller's unit of work. `once`: the birthday
   * correction, refused ('birthdayLocked') if one was already made. An erased or missing
   * member is 'notFound'.
   */
  profileUpdateItem(
    memberId: string,
    set: Partial<MemberRecord> & { updatedAt: string },
    opts: { once?: boolean } = {},
  ): Guarded<'notFound' | 'birthdayLocked'> {
    const { clauses, names, values } = setClauses({
      ...set,
      ...(set.birthday ? couponKeys.birthdayIndex(set.birthday, memberId) : {}),
      ...(set.name ? keys.memberNameIndex(set.name, memberId) : {}),
    })
    const exists = 'attribute_exists(PK) AND attribute_not_exists(erasedAt)'
    return {
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.member(memberId),
          UpdateExpression: `SET ${clauses.join(', ')}`,
          ConditionExpression: opts.once ? `${exists} AND attribute_not_exists(birthdayCorrectedAt)` : exists,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      onConditionFailed: opts.once ? 'birthdayLocked' : 'notFound',
    }
  },
})
export type MembersRepository = ReturnType<typeof membersRepository>
