import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '@huiyuan/shared/errors'
import type { Gender } from '@huiyuan/shared/members/schemas'
import type { Db } from '../platform/db'
import { isConditionFailure } from '../platform/db'
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
  joinChannel: 'store_qr' | 'referral'
  referralCode?: string
  joinedAt: string
  marketingConsent: boolean
  marketingConsentAt: string
  privacyConsentVersion: string
  privacyConsentAt: string
}

export const membersRepository = (db: Db) => ({
  key: (memberId: string) => keys.member(memberId),

  async getMemberIdByOpenid(openid: string): Promise<string | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.identity(openid) }))
    return out.Item?.memberId as string | undefined
  },

  async getMember(memberId: string): Promise<MemberRecord | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.member(memberId) }))
    return out.Item as MemberRecord | undefined
  },

  async getMemberIdByCardNo(cardNo: string): Promise<string | undefined> {
    const out = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.card(cardNo) }))
    return out.Item?.memberId as string | undefined
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
            Item: { ...keys.member(m.memberId), ...couponKeys.birthdayIndex(m.birthday, m.memberId), entity: ENTITY.member, ...m },
          },
        },
      },
    ]
  },

  async updateProfile(memberId: string, set: Partial<MemberRecord> & { updatedAt: string }): Promise<MemberRecord> {
    const withIndex = set.birthday ? { ...set, ...couponKeys.birthdayIndex(set.birthday, memberId) } : set
    const entries = Object.entries(withIndex).filter(([, v]) => v !== undefined)
    const names: Record<string, string> = {}
    const values: Record<string, unknown> = {}
    const parts = entries.map(([k, v], i) => {
      names[`#f${i}`] = k
      values[`:v${i}`] = v
      return `#f${i} = :v${i}`
    })
    try {
      const out = await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.member(memberId),
          UpdateExpression: `SET ${parts.join(', ')}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      )
      return out.Attributes as MemberRecord
    } catch (e) {
      if (isConditionFailure(e)) throw new DomainError('NOT_FOUND', 'Member not found')
      throw e
    }
  },
})
export type MembersRepository = ReturnType<typeof membersRepository>
