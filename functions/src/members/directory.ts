/**
 * The member directory of the console: search by card number, phone (through its lookup
 * hash, never the number) or name prefix; a member's profile with the phone masked; the
 * full phone only as its own action with a reason. Every read of a member's personal data
 * and every change is audited (PRODUCT.md §12).
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { AdminMemberProfile } from '@huiyuan/shared/members/schemas'
import type { AccountsService } from '../accounts'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { CouponsRepository } from '../coupons/repository'
import type { AuthContext } from '../platform/auth'
import { calendarDate, isoInZone } from '../platform/clock'
import type { EnvelopeCipher } from '../platform/crypto/envelope'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { PurchasesRepository } from '../purchases/repository'
import type { StatusMatchRepository } from '../statusMatch/repository'
import { statusMatchView } from '../statusMatch/service'
import { type TiersService, tierSummaryOf } from '../tiers/service'
import { isValidCardNo } from './cardNumber'
import type { MemberRecord, MembersRepository } from './repository'
import { readStanding } from './standing'
import { assertBirthday } from './rules'

const TZ = 'Asia/Shanghai'
const RECENT = 10

export interface DirectoryDeps {
  members: MembersRepository
  accounts: AccountsService
  tiers: TiersService
  program: ProgramRepository
  purchases: Pick<PurchasesRepository, 'listMemberPurchases'>
  coupons: Pick<CouponsRepository, 'recentOfMember'>
  statusMatch: Pick<StatusMatchRepository, 'key' | 'photoKey' | 'recordOf' | 'photoOf'>
  audit: AuditRepository
  cipher: EnvelopeCipher
  phoneHash: (mobile: string) => string
  tx: Tx
}

const row = (m: MemberRecord) => ({
  memberId: m.memberId,
  cardNo: m.cardNo,
  name: m.name,
  mobile: m.mobileMasked ?? '',
  joinStoreId: m.joinStoreId,
  joinedAt: isoInZone(new Date(m.joinedAt), TZ),
  erased: Boolean(m.erasedAt),
})

/** What a search string is: a card number, a mainland mobile number, or the start of a name. */
export const searchKind = (q: string): 'card' | 'phone' | 'name' =>
  /^\d{10}$/.test(q) && isValidCardNo(q) ? 'card' : /^1[3-9]\d{9}$/.test(q) ? 'phone' : 'name'

export const memberDirectory = (deps: DirectoryDeps) => {
  const getMember = async (memberId: string) => {
    const m = await deps.members.getMember(memberId)
    if (!m) throw new DomainError('NOT_FOUND', 'Member not found')
    return m
  }

  return {
    /** One page of members matching `q`; the search itself is audited (its kind, never the number). */
    async search(actor: AuthContext, q: string, page: PageRequest, now: Date) {
      const kind = searchKind(q)
      await deps.audit.record({ action: 'member.search', actor: actorOf(actor), subject: 'members', details: { by: kind } }, now)
      if (kind === 'name') {
        const p = await deps.members.pageByNamePrefix(q, page)
        return { items: p.items.filter((m) => !m.erasedAt).map(row), nextCursor: p.nextCursor }
      }
      // A card or a phone names a handful of members at most: one page.
      if (page.cursor) return { items: [], nextCursor: null }
      const ids =
        kind === 'card'
          ? [await deps.members.getMemberIdByCardNo(q)].filter((id): id is string => Boolean(id))
          : await deps.members.memberIdsByPhoneHash(deps.phoneHash(q))
      const found = await deps.members.getMembers(ids.slice(0, page.limit))
      return { items: found.map(row), nextCursor: null }
    },

    /** The console's member page: masked, with balances, tier, recent purchases and coupons (audited). */
    async profile(actor: AuthContext, memberId: string, now: Date): Promise<AdminMemberProfile> {
      const rules = await deps.program.getRules()
      const [standing, purchases, coupons] = await Promise.all([
        readStanding(deps, memberId, rules, [deps.statusMatch.key(memberId), deps.statusMatch.photoKey(memberId)]),
        deps.purchases.listMemberPurchases(memberId, RECENT),
        deps.coupons.recentOfMember(memberId, RECENT),
      ])
      const m = standing.profile
      if (!m) throw new DomainError('NOT_FOUND', 'Member not found')
      const matched = deps.statusMatch.recordOf(standing.extra[0])
      await deps.audit.record({ action: 'member.view', actor: actorOf(actor), subject: `member:${memberId}`, details: {} }, now)
      return {
        ...row(m),
        gender: m.gender,
        birthday: m.birthday ?? null,
        birthdayCorrectedAt: m.birthdayCorrectedAt ? isoInZone(new Date(m.birthdayCorrectedAt), TZ) : null,
        tier: tierSummaryOf(rules, standing.tier.tierCode),
        points: standing.points.available(calendarDate(now, rules.timeZone)),
        storedValueFen: standing.storedValueFen,
        marketingConsent: m.marketingConsent,
        recentPurchases: purchases.map((p) => ({
          kind: p.kind === 'refund' ? ('refund' as const) : ('purchase' as const),
          at: isoInZone(new Date(String(p.createdAt)), TZ),
          storeId: String(p.storeId),
          orderId: String(p.orderId),
          amountFen: Number(p.amountFen),
          points: Number(p.points),
        })),
        coupons: coupons.map((c) => ({ code: c.code, name: c.name, status: c.status, validUntil: isoInZone(new Date(c.validUntil), TZ) })),
        statusMatch: matched ? { ...statusMatchView(matched, rules), photo: deps.statusMatch.photoOf(standing.extra[1]) } : null,
      }
    },

    /** The full phone number, for a stated reason (audited with the reason). */
    async revealPhone(actor: AuthContext, memberId: string, reason: string, now: Date) {
      const m = await getMember(memberId)
      if (m.erasedAt || !m.mobileSealed) throw new DomainError('NOT_FOUND', 'This member has no personal data (erased)')
      const mobile = await deps.cipher.decrypt(m.mobileSealed, { memberId })
      await deps.audit.record(
        { action: 'member.revealPhone', actor: actorOf(actor), subject: `member:${memberId}`, details: { reason } },
        now,
      )
      return { mobile }
    },

    /**
     * A staff change of the birthday, after the member's own correction is used up: a real
     * past date, not under the minimum age, with the reason and both dates in the audit.
     */
    async changeBirthday(actor: AuthContext, memberId: string, input: { birthday: string; reason: string }, now: Date) {
      const [m, rules] = await Promise.all([getMember(memberId), deps.program.getRules()])
      if (m.erasedAt) throw new DomainError('NOT_FOUND', 'This member has no personal data (erased)')
      assertBirthday(input.birthday, rules, calendarDate(now, rules.timeZone))
      const at = now.toISOString()
      try {
        const uow = deps.tx.begin<'notFound' | 'birthdayLocked'>(now)
        uow.emit('MemberProfileChanged', { memberId, fields: ['birthday'], at: isoInZone(now, TZ) })
        await uow
          .add(deps.members.profileUpdateItem(memberId, { birthday: input.birthday, updatedAt: at }), {
            item: deps.audit.eventItem(
              {
                action: 'member.birthday',
                actor: actorOf(actor),
                subject: `member:${memberId}`,
                details: { from: m.birthday, to: input.birthday, reason: input.reason },
              },
              now,
            ),
          })
          .commit()
      } catch (e) {
        if (isCancelled(e, 'notFound')) throw new DomainError('NOT_FOUND', 'Member not found')
        throw e
      }
      return this.profile(actor, memberId, now)
    },
  }
}
export type MemberDirectory = ReturnType<typeof memberDirectory>
