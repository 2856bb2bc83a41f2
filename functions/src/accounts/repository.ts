/** The only DynamoDB code of accounts: account items, entries, source guards, the lot expiry index. */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { AccountEntryType, AccountKind } from '@huiyuan/shared/accounts/schemas'
import { IsoDateTime } from '@huiyuan/shared/common'
import { AccountEntryType as EntryType, AccountKind as Kind } from '@huiyuan/shared/accounts/schemas'
import { z } from 'zod'
import { queryPage } from '../platform/cursor'
import { parseStoredItems } from '../platform/storedItems'
import { type Db, queryPartition } from '../platform/db'
import { coreKeys, ENTITY } from '../platform/keys'
import type { Guarded } from '../platform/unitOfWork'
import { type AccountState, emptyAccount, type LotState } from './model'

/** One immutable movement of an account. */
export interface AccountEntry {
  entryId: string
  memberId: string
  kind: AccountKind
  type: AccountEntryType
  delta: number
  balanceAfter: number
  sourceRef: string
  description: string
  createdAt: string
}

/** What the ledger list accepts as a stored entry. */
const StoredEntry = z.object({
  entryId: z.string().min(1),
  memberId: z.string().min(1),
  kind: Kind,
  type: EntryType,
  delta: z.number().int(),
  balanceAfter: z.number().int(),
  sourceRef: z.string(),
  description: z.string(),
  createdAt: IsoDateTime,
})

export interface ExpiringLot {
  kind: AccountKind
  memberId: string
  lotId: string
  expiresOn: string
}

export const accountsRepository = (db: Db) => {
  const T = db.tableName
  return {
    key: (memberId: string, kind: AccountKind) => coreKeys.account(memberId, kind),

    /** The state in a stored account item (or a new, empty account). */
    stateOf(memberId: string, kind: AccountKind, item: Record<string, unknown> | undefined): AccountState {
      if (!item) return emptyAccount(memberId, kind)
      return {
        memberId,
        kind,
        balance: Number(item.balance ?? 0),
        debt: Number(item.debt ?? 0),
        version: Number(item.version ?? 0),
        lots: (item.lots ?? {}) as Record<string, LotState>,
        exists: true,
      }
    },

    async read(memberId: string, kind: AccountKind): Promise<AccountState> {
      const out = await db.client.send(new GetCommand({ TableName: T, Key: coreKeys.account(memberId, kind), ConsistentRead: true }))
      return this.stateOf(memberId, kind, out.Item)
    },

    /** The account as it will be: only from the version that was read (else: stale, retry). */
    accountItem(before: AccountState, after: AccountState, now: Date): Guarded<never> {
      // Spent points lots go; a stored-value lot (a top-up) stays when empty, so a refund can put
      // money back into it in the ratio it was loaded (a member tops up a few times a month at most).
      const lots = Object.fromEntries(Object.entries(after.lots).filter(([, l]) => l.remaining > 0 || after.kind !== 'points'))
      return {
        item: {
          Put: {
            TableName: T,
            Item: {
              ...coreKeys.account(after.memberId, after.kind),
              entity: ENTITY.account,
              memberId: after.memberId,
              kind: after.kind,
              balance: after.balance,
              debt: after.debt,
              lots,
              version: before.version + 1,
              updatedAt: now.toISOString(),
            },
            ConditionExpression: before.exists ? 'version = :v' : 'attribute_not_exists(PK)',
            ...(before.exists ? { ExpressionAttributeValues: { ':v': before.version } } : {}),
          },
        },
        onConditionFailed: 'stale',
      }
    },

    entryItem(e: AccountEntry): Guarded<never> {
      return {
        item: {
          Put: { TableName: T, Item: { ...coreKeys.accountEntry(e.memberId, e.kind, e.entryId), entity: ENTITY.accountEntry, ...e } },
        },
      }
    },

    /** A source applies once: a second movement from it cancels the unit of work ('replay'). */
    sourceItem(memberId: string, kind: AccountKind, sourceRef: string, entryId: string): Guarded<'replay'> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...coreKeys.accountSource(memberId, kind, sourceRef), entity: ENTITY.accountSource, entryId },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        onConditionFailed: 'replay',
      }
    },

    expiryIndexItem(lot: ExpiringLot): Guarded<never> {
      return {
        item: {
          Put: {
            TableName: T,
            Item: { ...coreKeys.lotExpiry(lot.expiresOn, lot.kind, lot.memberId, lot.lotId), entity: ENTITY.lotExpiry, ...lot },
          },
        },
      }
    },

    async hasSource(memberId: string, kind: AccountKind, sourceRef: string): Promise<boolean> {
      const out = await db.client.send(
        new GetCommand({
          TableName: T,
          Key: coreKeys.accountSource(memberId, kind, sourceRef),
          ConsistentRead: true,
          ProjectionExpression: 'PK',
        }),
      )
      return Boolean(out.Item)
    },

    /** Ledger entries of an account, newest first (an entry that does not parse is skipped, logged and counted). */
    async listEntries(
      memberId: string,
      kind: AccountKind,
      limit: number,
      cursor?: string,
    ): Promise<{ items: AccountEntry[]; nextCursor: string | null }> {
      const p = await queryPage(
        db,
        { partition: coreKeys.account(memberId, kind).PK, beginsWith: coreKeys.accountEntryPrefix(kind), newestFirst: true },
        { limit, cursor },
      )
      return { items: parseStoredItems(p.items, StoredEntry, ENTITY.accountEntry), nextCursor: p.nextCursor }
    },

    /** Every entry of an account, oldest first (tests and the reconciliation check). */
    async allEntries(memberId: string, kind: AccountKind): Promise<AccountEntry[]> {
      const all: AccountEntry[] = []
      let cursor: string | undefined
      do {
        const page = await this.listEntries(memberId, kind, 100, cursor)
        all.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return all.reverse()
    },

    /** Lots that expire on a date (the expiry index: its shards read in parallel). */
    async lotsExpiringOn(date: string): Promise<ExpiringLot[]> {
      const shards = await Promise.all(coreKeys.lotExpiryShards(date).map((pk) => queryPartition(db, pk)))
      return shards
        .flat()
        .map((i) => ({ kind: i.kind as AccountKind, memberId: String(i.memberId), lotId: String(i.lotId), expiresOn: String(i.expiresOn) }))
    },
  }
}
export type AccountsRepository = ReturnType<typeof accountsRepository>
