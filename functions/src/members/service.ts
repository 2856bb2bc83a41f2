import { ulid } from 'ulid'
import { DomainError } from '@huiyuan/shared/errors'
import type { JoinRequest, MemberCard, UpdateMeRequest, MemberCodeResponse } from '@huiyuan/shared/members/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { EnvelopeCipher } from '../platform/crypto/envelope'
import { addDays, calendarDate, isoInZone } from '../platform/clock'
import type { ProgramRepository } from '../program/repository'
import type { PointsLedger } from '../points/ledger'
import { soonestExpiring } from '../points/lots'
import { CardNumberTaken, type MemberRecord, type MembersRepository } from './repository'
import { assertJoinable, entryTier, maskMobile, tierProgress, isRealDate } from './rules'
import { newCardNo } from './cardNumber'
import { issueMemberCode } from './memberCode'
import { logger } from '../platform/logger'

/** How far ahead the card warns about expiring points. */
const EXPIRY_WARNING_DAYS = 30

export interface MembersDeps {
  members: MembersRepository
  program: ProgramRepository
  ledger: PointsLedger
  cipher: EnvelopeCipher
  phoneHash: (mobile: string) => string
  memberCodeSecret: string
  /** Resolves a WeChat phone-number button code to the number. */
  resolvePhoneCode: (code: string) => Promise<string>
  /** Runs after a member joined (welcome pack). Failures are logged, never undo the join. */
  onJoined?: (memberId: string, now: Date) => Promise<void>
}

export const membersService = (deps: MembersDeps) => {
  const cardView = async (m: MemberRecord, rules: ProgramRules, now: Date, showFullMobile: boolean): Promise<MemberCard> => {
    const today = calendarDate(now, rules.timeZone)
    const lots = await deps.ledger.readLots(m.memberId)
    const tier = rules.tiers.find((t) => t.code === m.tierCode) ?? entryTier(rules.tiers)
    return {
      memberId: m.memberId,
      cardNo: m.cardNo,
      name: m.name,
      mobile: showFullMobile ? await deps.cipher.decrypt(m.mobileSealed) : m.mobileMasked,
      birthday: m.birthday,
      gender: m.gender,
      tier: { code: tier.code, name: tier.name },
      tierProgress: tierProgress(rules.tiers, tier.code, m.tierSpendFen ?? 0),
      points: m.pointsBalance ?? 0,
      storedValueFen: m.storedValueFen ?? 0,
      expiringPoints: soonestExpiring(lots, today, addDays(today, EXPIRY_WARNING_DAYS)),
      checkedInToday: m.lastCheckinDate === today,
      joinStoreId: m.joinStoreId,
      joinedAt: isoInZone(new Date(m.joinedAt), rules.timeZone),
      marketingConsent: m.marketingConsent,
      privacyConsentVersion: m.privacyConsentVersion,
    }
  }

  const mustGet = async (memberId: string): Promise<MemberRecord> => {
    const m = await deps.members.getMember(memberId)
    if (!m) throw new DomainError('NOT_FOUND', 'Member not found')
    return m
  }

  return {
    async join(openid: string, input: JoinRequest, now: Date): Promise<MemberCard> {
      const rules = await deps.program.getRules()
      const today = calendarDate(now, rules.timeZone)
      assertJoinable(input, rules, today)
      if (await deps.members.getMemberIdByOpenid(openid)) {
        throw new DomainError('ALREADY_MEMBER', 'This WeChat account is already a member')
      }
      const store = await deps.program.getStore(input.storeId)
      if (!store?.active) throw new DomainError('STORE_NOT_FOUND', `Store ${input.storeId} does not exist`)
      const mobile = input.mobile ?? (await deps.resolvePhoneCode(input.phoneCode!))

      const at = now.toISOString()
      const base: Omit<MemberRecord, 'cardNo'> = {
        memberId: ulid(now.getTime()),
        openid,
        name: input.name,
        mobileSealed: await deps.cipher.encrypt(mobile),
        mobileHash: deps.phoneHash(mobile),
        mobileMasked: maskMobile(mobile),
        birthday: input.birthday,
        gender: input.gender,
        tierCode: entryTier(rules.tiers).code,
        joinStoreId: store.storeId,
        joinChannel: input.referralCode ? 'referral' : 'store_qr',
        ...(input.referralCode ? { referralCode: input.referralCode } : {}),
        joinedAt: at,
        marketingConsent: input.marketingConsent ?? false,
        marketingConsentAt: at,
        privacyConsentVersion: input.privacyConsentVersion,
        privacyConsentAt: at,
        pointsBalance: 0,
        storedValueFen: 0,
        tierSpendFen: 0,
        version: 0,
      }
      for (let i = 0; ; i++) {
        const member: MemberRecord = { ...base, cardNo: newCardNo() }
        try {
          await deps.members.createMember(member)
          await deps.onJoined?.(member.memberId, now).catch((e: unknown) => logger.error('welcome pack failed', { error: e as Error }))
          return await cardView(member, rules, now, true)
        } catch (e) {
          if (e instanceof CardNumberTaken && i < 5) continue
          throw e
        }
      }
    },

    async getCard(memberId: string, now: Date): Promise<MemberCard> {
      const [m, rules] = await Promise.all([mustGet(memberId), deps.program.getRules()])
      return cardView(m, rules, now, true)
    },

    async updateProfile(memberId: string, patch: UpdateMeRequest, now: Date): Promise<MemberCard> {
      const rules = await deps.program.getRules()
      if (patch.birthday !== undefined && (!isRealDate(patch.birthday) || patch.birthday > calendarDate(now, rules.timeZone))) {
        throw new DomainError('VALIDATION_FAILED', 'The birthday is not a real past date', {
          fields: [{ field: 'body.birthday', message: 'not a real past date', code: 'invalid_date' }],
        })
      }
      const at = now.toISOString()
      const updated = await deps.members.updateProfile(memberId, {
        name: patch.name,
        birthday: patch.birthday,
        gender: patch.gender,
        ...(patch.marketingConsent !== undefined ? { marketingConsent: patch.marketingConsent, marketingConsentAt: at } : {}),
        updatedAt: at,
      } as Partial<MemberRecord>)
      return cardView(updated, rules, now, true)
    },

    async currentCode(memberId: string, now: Date): Promise<MemberCodeResponse> {
      const [m, rules] = await Promise.all([mustGet(memberId), deps.program.getRules()])
      const issued = issueMemberCode(m.cardNo, deps.memberCodeSecret, now, rules.memberCode)
      return {
        code: issued.code,
        issuedAt: isoInZone(issued.issuedAt, rules.timeZone),
        expiresAt: isoInZone(issued.expiresAt, rules.timeZone),
        refreshInSeconds: issued.refreshInSeconds,
      }
    },
  }
}
export type MembersService = ReturnType<typeof membersService>
