/**
 * Who is at the till: the member a scanned dynamic code names (with the card's and the
 * till's failure counts, so guessing codes locks them out), and what the till may know of
 * them, read in one round trip. Every till operation — purchase, refund, top-up, spend —
 * starts here.
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { AccountsService } from '../accounts'
import { parseMemberCode, verifyMemberCode } from '../members/memberCode'
import type { MembersRepository } from '../members/repository'
import { readStanding } from '../members/standing'
import type { AuthContext } from '../platform/auth'
import type { ItemKey } from '../platform/db'
import { type Limit, type RateLimiter, throttled } from '../platform/rateLimit'
import type { Tx } from '../platform/tx'
import type { TiersService } from '../tiers/service'

/** Member codes are 8 digits a minute: a card whose codes keep failing is locked for the rest of the window. */
export const CODE_FAILURES_PER_CARD: Limit = { scope: 'codefail-card', max: 5, windowSeconds: 600 }
/** A till (staff account or POS key) that keeps presenting wrong codes is guessing. */
export const CODE_FAILURES_PER_TILL: Limit = { scope: 'codefail-till', max: 30, windowSeconds: 600 }

export interface TillDeps {
  members: MembersRepository
  accounts: AccountsService
  tiers: TiersService
  tx: Tx
  memberCodeSecret: string
  limiter: RateLimiter
}

export const tillIdentity = (deps: TillDeps) => {
  /**
   * The member a scanned code names. The card and its failure counts (per card, per till)
   * are read in one round trip; a locked card or till is 429 THROTTLED; a wrong code counts
   * against both (an expired one — a screenshot — does not).
   */
  const identify = async (auth: AuthContext, memberCode: string, rules: ProgramRules, now: Date) => {
    const till = auth.staffId ?? auth.openid
    const fail = async (cardNo: string | undefined, e: unknown) => {
      if ((e as DomainError).code === 'CODE_INVALID') {
        await Promise.all([
          deps.limiter.failed(CODE_FAILURES_PER_TILL, till, now),
          cardNo ? deps.limiter.failed(CODE_FAILURES_PER_CARD, cardNo, now) : undefined,
        ])
      }
      return e
    }
    let cardNo: string
    try {
      cardNo = parseMemberCode(memberCode).cardNo
    } catch (e) {
      throw await fail(undefined, e)
    }
    const [card, cardFailures, tillFailures] = await deps.tx.read([
      deps.members.cardKey(cardNo),
      deps.limiter.key(CODE_FAILURES_PER_CARD, cardNo, now),
      deps.limiter.key(CODE_FAILURES_PER_TILL, till, now),
    ])
    if (deps.limiter.reached(CODE_FAILURES_PER_TILL, tillFailures)) {
      throw throttled(CODE_FAILURES_PER_TILL, now, 'Too many wrong member codes from this till: try again later')
    }
    if (deps.limiter.reached(CODE_FAILURES_PER_CARD, cardFailures)) {
      throw throttled(CODE_FAILURES_PER_CARD, now, 'Too many wrong codes for this card: ask the member to try again later')
    }
    try {
      verifyMemberCode(memberCode, deps.memberCodeSecret, now, rules.memberCode)
      const memberId = card?.memberId as string | undefined
      if (!memberId) throw new DomainError('CODE_INVALID', 'No member has this code')
      return { memberId, cardNo }
    } catch (e) {
      throw await fail(cardNo, e)
    }
  }

  /** What the till needs of a member: profile, balances and tier (and any `extra` items of the caller's), in one round trip. */
  const readMember = async (memberId: string, rules: ProgramRules, extra: ItemKey[] = []) => {
    const { profile, ...standing } = await readStanding(deps, memberId, rules, extra)
    if (!profile) throw new DomainError('CODE_INVALID', 'No member has this code')
    return { profile, ...standing }
  }

  return { identify, readMember }
}

/** A member as the till read them. */
export type TillMember = Awaited<ReturnType<ReturnType<typeof tillIdentity>['readMember']>>
