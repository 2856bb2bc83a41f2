/**
 * Accounts: the one ledger primitive for every kind of value a member holds (points now;
 * stored-value principal and bonus next). Operations open the accounts they move, add
 * movements to their unit of work and commit once; see account.ts and model.ts.
 */
import type { AccountKind } from '@huiyuan/shared/accounts/schemas'
import type { Db } from '../platform/db'
import { Account } from './account'
import { accountsRepository } from './repository'

export type { AccountEntry, ExpiringLot } from './repository'
export { Account } from './account'

export const accountsService = (db: Db) => {
  const repo = accountsRepository(db)
  return {
    /** The account's key, for a caller that reads it in one batch with other items. */
    key: repo.key,
    /** An account from the item read in such a batch (undefined: none yet). */
    fromItem: (memberId: string, kind: AccountKind, item: Record<string, unknown> | undefined) =>
      new Account(repo.stateOf(memberId, kind, item), repo),
    /** Reads the account (strongly consistent). */
    open: async (memberId: string, kind: AccountKind) => new Account(await repo.read(memberId, kind), repo),
    listEntries: repo.listEntries.bind(repo),
    allEntries: repo.allEntries.bind(repo),
    lotsExpiringOn: repo.lotsExpiringOn.bind(repo),
    hasSource: repo.hasSource.bind(repo),
  }
}
export type AccountsService = ReturnType<typeof accountsService>
