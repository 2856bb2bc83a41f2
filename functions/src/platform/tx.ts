/**
 * What a service needs to run an operation against the table without touching DynamoDB
 * itself: one-round-trip reads of several areas' items, a unit of work, the idempotency
 * mechanism and the optimistic retry. Built once per container from the Db.
 */
import type { Db, ItemKey } from './db'
import { readItems } from './db'
import { type Idempotency, idempotency } from './idempotency'
import { withConflictRetry } from './retry'
import { isStale, UnitOfWork } from './unitOfWork'

export interface Tx {
  read: (keys: ItemKey[]) => Promise<Array<Record<string, unknown> | undefined>>
  begin: <R extends string = never>(now: Date) => UnitOfWork<R>
  idempotency: Idempotency
  /** Re-runs `attempt` (read → decide → commit) while what it read turns out stale. */
  retrying: <T>(attempt: () => Promise<T>) => Promise<T>
}

export const makeTx = (db: Db): Tx => ({
  read: (keys) => readItems(db, keys),
  begin: <R extends string = never>(now: Date) => new UnitOfWork<R>(db, now),
  idempotency: idempotency(db),
  retrying: (attempt) => withConflictRetry(attempt, isStale),
})
