/**
 * The one idempotency mechanism (API.md "Conventions"). A value-moving operation runs under a
 * scope (operation, caller, key) and a fingerprint of its request. Its record — the request's
 * hash and the first result — is written in the operation's own transaction, so it exists
 * if and only if the operation happened:
 *  - same key, same request → the first result (`replayed: true`), nothing changed;
 *  - same key, another request → 422 IDEMPOTENCY_KEY_REUSED, nothing changed;
 *  - same key, another subject (an order id recorded for another member) → the caller's
 *    conflict error (409 ORDER_CONFLICT);
 *  - concurrent duplicates: one commits, the others find its record when their transaction
 *    is cancelled and answer with its result.
 */
import { createHash } from 'node:crypto'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError, isDomainError } from '@huiyuan/shared/errors'
import type { Db } from './db'
import { coreKeys, ENTITY } from './keys'
import { withConflictRetry } from './retry'
import { Cancelled, isStale, Stale, UnitOfWork } from './unitOfWork'

export interface IdempotencyScope {
  /** e.g. `purchase`, `claim`, `reward-exchange` */
  operation: string
  /** Whose key it is: a member id, a store id, an admin's id. */
  caller: string
  key: string
}

/** What the operation learnt about its request while running. */
export interface RequestFingerprint {
  /** The request's defining fields (hashed; never stored). */
  request: unknown
  /** Who the request is about, when a key may only ever belong to one (an order's member). */
  subject?: string
}

/** Keys live at least this long (API.md: at least 24 h). */
const DEFAULT_TTL_HOURS = 72

/** Deterministic JSON (sorted keys) so equal requests hash equally. */
export const canonicalJson = (v: unknown): string => {
  if (v === undefined) return 'null'
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`
}
export const requestHash = (request: unknown): string => createHash('sha256').update(canonicalJson(request)).digest('hex')

export interface IdempotentOptions {
  /** The error when the key already belongs to another subject. */
  subjectConflict?: () => DomainError
  /** `null`: kept for good (an order id is unique for ever). */
  ttlHours?: number | null
  /** Refusals that mean "try again at once" (e.g. a stock shard found empty), without looking for an earlier result. */
  retryOn?: (e: unknown) => boolean
  /** How many times a stale or retryable attempt is run (default 40). */
  maxAttempts?: number
}

type WithReplayed<T> = T & { replayed: boolean }

export const idempotency = (db: Db) => {
  const read = async (scope: IdempotencyScope) => {
    const out = await db.client.send(
      new GetCommand({
        TableName: db.tableName,
        Key: coreKeys.idempotency(scope.operation, scope.caller, scope.key),
        ConsistentRead: true,
      }),
    )
    return out.Item as { requestHash: string; subject?: string; result: unknown } | undefined
  }

  /** The first result for this scope, or undefined if there is none; throws if the request differs. */
  const replay = async <T>(
    scope: IdempotencyScope,
    fp: Partial<RequestFingerprint>,
    opts: IdempotentOptions,
  ): Promise<WithReplayed<T> | undefined> => {
    const record = await read(scope)
    if (!record) return undefined
    if (fp.subject !== undefined && record.subject !== undefined && record.subject !== fp.subject) {
      throw opts.subjectConflict?.() ?? new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another request')
    }
    if (fp.request !== undefined && record.requestHash !== requestHash(fp.request)) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used with a different request', {
        operation: scope.operation,
      })
    }
    return { ...(record.result as T), replayed: true }
  }

  return {
    replay,

    /**
     * Runs `attempt` (which adds its items to the unit of work and returns its result and
     * fingerprint) and commits it with the idempotency record. Stale reads are retried; a
     * refusal (domain error, cancelled condition) first looks for an earlier result.
     */
    async run<T extends object, R extends string = never>(
      scope: IdempotencyScope,
      now: Date,
      attempt: (uow: UnitOfWork<R | 'replay'>, fp: Partial<RequestFingerprint>) => Promise<T>,
      opts: IdempotentOptions = {},
    ): Promise<WithReplayed<T>> {
      if (!scope.key || scope.key === 'undefined') throw new Error(`an idempotency key is required for ${scope.operation}`)
      return withConflictRetry(
        async () => {
          const uow = new UnitOfWork<R | 'replay'>(db, now)
          const fp: Partial<RequestFingerprint> = {}
          try {
            const result = await attempt(uow, fp)
            const ttl = opts.ttlHours === undefined ? DEFAULT_TTL_HOURS : opts.ttlHours
            uow.add({
              item: {
                Put: {
                  TableName: db.tableName,
                  Item: {
                    ...coreKeys.idempotency(scope.operation, scope.caller, scope.key),
                    entity: ENTITY.idempotency,
                    requestHash: requestHash(fp.request ?? null),
                    ...(fp.subject !== undefined ? { subject: fp.subject } : {}),
                    result: { ...result, replayed: false },
                    createdAt: now.toISOString(),
                    ...(ttl === null ? {} : { expiresAtEpoch: Math.floor(now.getTime() / 1000) + ttl * 3600 }),
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              onConditionFailed: 'replay',
            })
            await uow.commit()
            return { ...result, replayed: false }
          } catch (e) {
            const refused = e instanceof Cancelled || (isDomainError(e) && e.code !== 'VALIDATION_FAILED')
            if (!refused || opts.retryOn?.(e)) throw e
            const earlier = await replay<T>(scope, fp, opts)
            if (earlier) return earlier
            // The record was there when the transaction ran and is gone now (expired): go again.
            if (e instanceof Cancelled && e.has('replay')) throw new Stale('idempotency record vanished')
            throw e
          }
        },
        (e) => isStale(e) || Boolean(opts.retryOn?.(e)),
        { maxAttempts: opts.maxAttempts },
      )
    },
  }
}
export type Idempotency = ReturnType<typeof idempotency>

/** `Idempotency-Key` header values: 1–64 of letters, digits and `-_.:`. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/
