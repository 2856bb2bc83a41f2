import { ulid } from 'ulid'
import { DomainError } from '@huiyuan/shared/errors'
import type { JoinRequest, MemberCard, MemberCodeResponse, UpdateMeRequest } from '@huiyuan/shared/members/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { AccountsService } from '../accounts'
import { soonestExpiring } from '../accounts/model'
import type { CheckinsRepository } from '../checkins/repository'
import { addDays, calendarDate, isoInZone } from '../platform/clock'
import type { EnvelopeCipher } from '../platform/crypto/envelope'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { EnrolmentService } from '../enrolment/service'
import type { ReferralsService } from '../referrals/service'
import { qualificationOf, type TiersService, tierSummaryOf } from '../tiers/service'
import { newCardNo } from './cardNumber'
import { readStanding } from './standing'
import { issueMemberCode } from './memberCode'
import type { MemberRecord, MembersRepository } from './repository'
import { assertBirthdayCorrection, assertJoinable, entryTier, maskMobile, pendingProgress, tierProgress } from './rules'
import { nextMemberDay, promotionsOn } from '../points/earning'

/** How far ahead the card warns about expiring points. */
const EXPIRY_WARNING_DAYS = 30

export interface MembersDeps {
  members: MembersRepository
  accounts: AccountsService
  tiers: TiersService
  checkins: Pick<CheckinsRepository, 'key'>
  program: ProgramRepository
  tx: Tx
  cipher: EnvelopeCipher
  phoneHash: (mobile: string) => string
  memberCodeSecret: string
  /** Resolves a WeChat phone-number button code to the number. */
  resolvePhoneCode: (code: string) => Promise<string>
  /** A join through a friend's invitation is recorded with it. */
  referrals: Pick<ReferralsService, 'resolveInvite' | 'stageJoin'>
  /** A join with a group's enrolment code starts at its tier, tagged with the organisation. */
  enrolment: Pick<EnrolmentService, 'forJoin' | 'stageUse'>
}

export const membersService = (deps: MembersDeps) => {
  /** The card: profile, balances, tier and today's check-in, read in one round trip. */
  const card = async (memberId: string, rules: ProgramRules, now: Date, known?: MemberRecord): Promise<MemberCard> => {
    const today = calendarDate(now, rules.timeZone)
    const standing = await readStanding(deps, memberId, rules, [deps.checkins.key(memberId, today)])
    const m = standing.profile ?? known
    if (!m) throw new DomainError('NOT_FOUND', 'Member not found')
    const pointsAccount = standing.points
    const tierState = standing.tier
    const tier = tierSummaryOf(rules, tierState.tierCode)
    const qualification = qualificationOf(rules, tierState)
    return {
      memberId: m.memberId,
      cardNo: m.cardNo,
      name: m.name,
      mobile: await deps.cipher.decrypt(m.mobileSealed, { memberId: m.memberId }),
      birthday: m.birthday,
      gender: m.gender,
      tier,
      tierProgress: qualification
        ? pendingProgress(entryTier(rules.tiers), qualification)
        : tierProgress(rules.tiers, tier.code, tierState.measure),
      qualification,
      points: pointsAccount.available(today),
      storedValueFen: standing.storedValueFen,
      expiringPoints: soonestExpiring(pointsAccount.snapshot(), today, addDays(today, EXPIRY_WARNING_DAYS)),
      checkedInToday: Boolean(standing.extra[0]),
      joinStoreId: m.joinStoreId,
      joinedAt: isoInZone(new Date(m.joinedAt), rules.timeZone),
      marketingConsent: m.marketingConsent,
      privacyConsentVersion: m.privacyConsentVersion,
      promotionsToday: promotionsOn(rules, today, m.birthday),
      nextMemberDay: nextMemberDay(rules, today),
    }
  }

  return {
    /**
     * Joins: identity link, card number, profile and entry tier in one transaction with a
     * `MemberJoined` event; the welcome pack and notice are that event's consequences.
     */
    async join(openid: string, input: JoinRequest, now: Date): Promise<MemberCard> {
      const rules = await deps.program.getRules()
      const today = calendarDate(now, rules.timeZone)
      assertJoinable(input, rules, today)
      const store = await deps.program.getStore(input.storeId)
      if (!store) throw new DomainError('STORE_NOT_FOUND', `Store ${input.storeId} does not exist`)
      if (!store.active) throw new DomainError('STORE_CLOSED', `Store ${input.storeId} is closed: join at another store`)
      const mobile = input.mobile ?? (await deps.resolvePhoneCode(input.phoneCode!))
      const at = now.toISOString()
      const memberId = ulid(now.getTime())
      const mobileHash = deps.phoneHash(mobile)
      // An invitation that does not count (unknown, the member's own, a loop) never stops the join.
      const invite = input.referralCode ? await deps.referrals.resolveInvite(input.referralCode, { openid, mobileHash }, rules) : null
      const accepted = invite && 'referrerId' in invite ? invite : null
      const group = input.enrolmentCode ? await deps.enrolment.forJoin(input.enrolmentCode, rules, now) : null
      const base: Omit<MemberRecord, 'cardNo'> = {
        memberId,
        openid,
        name: input.name,
        mobileSealed: await deps.cipher.encrypt(mobile, { memberId }),
        mobileHash,
        mobileMasked: maskMobile(mobile),
        birthday: input.birthday,
        gender: input.gender,
        joinStoreId: store.storeId,
        joinChannel: group ? 'group' : accepted ? 'referral' : 'store_qr',
        ...(accepted ? { referralCode: accepted.token } : {}),
        ...(group ? { enrolmentCode: group.code, tags: [group.organisation] } : {}),
        joinedAt: at,
        marketingConsent: input.marketingConsent ?? false,
        marketingConsentAt: at,
        privacyConsentVersion: input.privacyConsentVersion,
        privacyConsentAt: at,
      }
      for (let i = 0; ; i++) {
        const member: MemberRecord = { ...base, cardNo: newCardNo() }
        const uow = deps.tx.begin<'alreadyMember' | 'cardTaken' | 'alreadyReferred' | 'enrolmentFull'>(now)
        uow.add(
          ...deps.members.joinItems(member),
          deps.members.consentItem(member.memberId, {
            kind: 'privacy',
            granted: true,
            version: member.privacyConsentVersion,
            source: 'join',
            at,
          }),
          deps.members.consentItem(member.memberId, { kind: 'marketing', granted: member.marketingConsent, source: 'join', at }),
        )
        if (accepted) deps.referrals.stageJoin(uow, accepted, { memberId: member.memberId, name: member.name, joinedAt: at })
        if (group) deps.enrolment.stageUse(uow, group)
        const tierCode = deps.tiers.onJoin(uow, rules, member.memberId, group?.tierCode)
        uow.emit('MemberJoined', {
          memberId: member.memberId,
          storeId: member.joinStoreId,
          channel: member.joinChannel,
          ...(accepted ? { referralCode: accepted.token, referrerId: accepted.referrerId } : {}),
          ...(group ? { enrolmentCode: group.code } : {}),
          tierCode,
          joinedAt: isoInZone(now, rules.timeZone),
        })
        try {
          await uow.commit()
          return await card(member.memberId, rules, now, member)
        } catch (e) {
          if (isCancelled(e, 'alreadyMember')) throw new DomainError('ALREADY_MEMBER', 'This WeChat account is already a member')
          if (isCancelled(e, 'enrolmentFull'))
            throw new DomainError('ENROLMENT_CODE_USED_UP', `Enrolment code ${group?.code} has been used up`)
          if (isCancelled(e, 'cardTaken') && i < 5) continue
          throw e
        }
      }
    },

    async getCard(memberId: string, now: Date): Promise<MemberCard> {
      return card(memberId, await deps.program.getRules(), now)
    },

    /**
     * The member's own edits, with a consent record for every consent given or withdrawn. A
     * birthday change is the one correction (assertBirthdayCorrection); a privacy-policy
     * version can only be the current one.
     */
    async updateProfile(memberId: string, patch: UpdateMeRequest, now: Date): Promise<MemberCard> {
      const [rules, m] = await Promise.all([deps.program.getRules(), deps.members.getMember(memberId)])
      if (!m || m.erasedAt) throw new DomainError('NOT_FOUND', 'Member not found')
      const at = now.toISOString()
      const correcting = patch.birthday !== undefined && patch.birthday !== m.birthday
      if (correcting) assertBirthdayCorrection(m, patch.birthday!, rules, calendarDate(now, rules.timeZone))
      if (patch.privacyConsentVersion !== undefined && patch.privacyConsentVersion !== rules.privacyPolicyVersion) {
        throw new DomainError('PRIVACY_CONSENT_OUTDATED', 'Please read and accept the current privacy policy', {
          currentVersion: rules.privacyPolicyVersion,
        })
      }
      const marketingChanged = patch.marketingConsent !== undefined && patch.marketingConsent !== m.marketingConsent
      const privacyAccepted = patch.privacyConsentVersion !== undefined && patch.privacyConsentVersion !== m.privacyConsentVersion
      const uow = deps.tx.begin<'notFound' | 'birthdayLocked'>(now)
      uow.add(
        deps.members.profileUpdateItem(
          memberId,
          {
            name: patch.name,
            gender: patch.gender,
            ...(correcting ? { birthday: patch.birthday, birthdayCorrectedAt: at } : {}),
            ...(marketingChanged ? { marketingConsent: patch.marketingConsent, marketingConsentAt: at } : {}),
            ...(privacyAccepted ? { privacyConsentVersion: patch.privacyConsentVersion, privacyConsentAt: at } : {}),
            updatedAt: at,
          },
          { once: correcting },
        ),
      )
      if (marketingChanged)
        uow.add(deps.members.consentItem(memberId, { kind: 'marketing', granted: patch.marketingConsent!, source: 'profile', at }))
      const changed = (
        [
          ['name', patch.name !== undefined && patch.name !== m.name],
          ['gender', patch.gender !== undefined && patch.gender !== m.gender],
          ['birthday', correcting],
          ['marketingConsent', marketingChanged],
        ] as const
      ).flatMap(([field, yes]) => (yes ? [field] : []))
      if (changed.length > 0) uow.emit('MemberProfileChanged', { memberId, fields: changed, at: isoInZone(now, rules.timeZone) })
      if (privacyAccepted) {
        uow.add(
          deps.members.consentItem(memberId, {
            kind: 'privacy',
            granted: true,
            version: patch.privacyConsentVersion!,
            source: 'profile',
            at,
          }),
        )
      }
      try {
        await uow.commit()
      } catch (e) {
        if (isCancelled(e, 'birthdayLocked')) throw new DomainError('BIRTHDAY_LOCKED', 'The birthday has already been corrected once')
        if (isCancelled(e, 'notFound')) throw new DomainError('NOT_FOUND', 'Member not found')
        throw e
      }
      return card(memberId, rules, now)
    },

    async currentCode(memberId: string, now: Date): Promise<MemberCodeResponse> {
      const [m, rules] = await Promise.all([deps.members.getMember(memberId), deps.program.getRules()])
      if (!m) throw new DomainError('NOT_FOUND', 'Member not found')
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
