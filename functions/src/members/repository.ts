import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '@huiyuan/shared/errors'
import type { Gender } from '@huiyuan/shared/members/schemas'
import type { Db } from '../platform/db'
import { cancellationReasons, isConditionFailure } from '../platform/db'
import { ENTITY, couponKeys, keys } from '../platform/keys'

/** A member as stored (PK MEMBER#id, SK PROFILE). */
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
  tierCode: string
  joinStoreId: string
  joinChannel: 'store_qr' | 'referral'
  referralCode?: string
  joinedAt: string
  marketingConsent: boolean
  marketingConsentAt: string
  privacyConsentVersion: string
  privacyConsentAt: string
  pointsBalance: number
  storedValueFen: number
  /** Rolling 12-month spend counted for tiers (maintained by purchases). */
  tierSpendFen: number
  lastCheckinDate?: string
  checkinStreak?: number
  version: number
}

export class CardNumberTaken extends Error {}

export const membersRepository = (db: Db) => ({
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
   * Creates the member, its identity link and its card number in one transaction:
   * a second join of the same WeChat identity fails on the identity guard.
   */
  async createMember(m: MemberRecord): Promise<void> {
    try {
      await db.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...keys.identity(m.openid),
                  entity: ENTITY.identity,
                  openid: m.openid,
                  memberId: m.memberId,
                  createdAt: m.joinedAt,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: { ...keys.card(m.cardNo), entity: ENTITY.card, cardNo: m.cardNo, memberId: m.memberId },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: { ...keys.member(m.memberId), ...couponKeys.birthdayIndex(m.birthday, m.memberId), entity: ENTITY.member, ...m },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      )
    } catch (e) {
      const reasons = cancellationReasons(e)
      if (reasons[0] === 'ConditionalCheckFailed') throw new DomainError('ALREADY_MEMBER', 'This WeChat account is already a member')
      if (reasons[1] === 'ConditionalCheckFailed') throw new CardNumberTaken()
      throw e
    }
  },

  async updateProfile(memberId: string, set: Partial<MemberRecord>): Promise<MemberRecord> {
    const withIndex = set.birthday ? { ...set, ...couponKeys.birthdayIndex(set.birthday, memberId) } : set
    const entries = Object.entries(withIndex).filter(([, v]) => v !== undefined)
    const names: Record<string, string> = { '#version': 'version' }
    const values: Record<string, unknown> = { ':one': 1 }
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
          UpdateExpression: `SET ${parts.join(', ')} ADD #version :one`,
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
