/**
 * Where a member stands: profile, points account, stored value and tier state, read in one
 * round trip (with any items of the caller's own beside them). The card, the till and the
 * console's member page all read it this way.
 */
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { AccountsService } from '../accounts'
import type { ItemKey } from '../platform/db'
import type { Tx } from '../platform/tx'
import type { TiersService } from '../tiers/service'
import type { MemberRecord, MembersRepository } from './repository'

export interface StandingDeps {
  tx: Pick<Tx, 'read'>
  members: Pick<MembersRepository, 'key'>
  accounts: Pick<AccountsService, 'key' | 'fromItem'>
  tiers: Pick<TiersService, 'key' | 'stateOf'>
}

export async function readStanding(deps: StandingDeps, memberId: string, rules: ProgramRules, extra: ItemKey[] = []) {
  const [profile, points, principal, bonus, tier, ...rest] = await deps.tx.read([
    deps.members.key(memberId),
    deps.accounts.key(memberId, 'points'),
    deps.accounts.key(memberId, 'storedValuePrincipal'),
    deps.accounts.key(memberId, 'storedValueBonus'),
    deps.tiers.key(memberId),
    ...extra,
  ])
  const storedValue = {
    principal: deps.accounts.fromItem(memberId, 'storedValuePrincipal', principal),
    bonus: deps.accounts.fromItem(memberId, 'storedValueBonus', bonus),
  }
  return {
    profile: profile as MemberRecord | undefined,
    points: deps.accounts.fromItem(memberId, 'points', points),
    /** Both stored-value accounts, ready to move (top-up, spend, refund). */
    storedValue,
    storedValueFen: storedValue.principal.balance + storedValue.bonus.balance,
    tier: deps.tiers.stateOf(memberId, tier, rules),
    /** The caller's `extra` items, in order. */
    extra: rest,
  }
}
