/**
 * Counters over fixed windows, in the table, so every API process sees the same count:
 * one item per (scope, key, window) with an atomic ADD, expiring by TTL. `hit` counts a use
 * and refuses past the limit (429 THROTTLED with the seconds until the window ends);
 * `failed` counts a failure only, and an operation reads the count (`key`, `reached`) with
 * its other items.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '@huiyuan/shared/errors'
import { type Db, isConditionFailure } from './db'
import { coreKeys, ENTITY } from './keys'

export interface Limit {
  /** What is counted, e.g. `signin`, `codefail-card`. */
  scope: string
  max: number
  windowSeconds: number
}

const windowOf = (limit: Limit, now: Date) => Math.floor(now.getTime() / 1000 / limit.windowSeconds)
const secondsLeft = (limit: Limit, now: Date) =>
  Math.max(1, (windowOf(limit, now) + 1) * limit.windowSeconds - Math.floor(now.getTime() / 1000))

export const throttled = (limit: Limit, now: Date, message = 'Too many requests: try again later') =>
  new DomainError('THROTTLED', message, { retryAfterSeconds: secondsLeft(limit, now) })

const counterKey = (limit: Limit, key: string, now: Date) => coreKeys.rateCounter(limit.scope, key, windowOf(limit, now))

/** Adds one to the window's counter; with `max`, only while it is below it. */
const count = (db: Db, limit: Limit, key: string, now: Date, max?: number) =>
  db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: counterKey(limit, key, now),
      UpdateExpression: 'ADD #count :one SET entity = :entity, expiresAtEpoch = :expires',
      ...(max === undefined ? {} : { ConditionExpression: 'attribute_not_exists(#count) OR #count < :max' }),
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':entity': ENTITY.rateCounter,
        ':expires': Math.floor(now.getTime() / 1000) + 2 * limit.windowSeconds,
        ...(max === undefined ? {} : { ':max': max }),
      },
    }),
  )

export const rateLimiter = (db: Db) => ({
  /** The counter item of `key` in the current window (to read beside an operation's other items). */
  key: counterKey,

  /** Whether a counter item read with `key` has reached the limit. */
  reached: (limit: Limit, item: Record<string, unknown> | undefined) => Number(item?.count ?? 0) >= limit.max,

  /** Counts one use; past the limit, THROTTLED (and the use is not counted). */
  async hit(limit: Limit, key: string, now: Date, message?: string): Promise<void> {
    try {
      await count(db, limit, key, now, limit.max)
    } catch (e) {
      if (isConditionFailure(e)) throw throttled(limit, now, message)
      throw e
    }
  },

  /** Counts a failure (no limit check: the next attempt reads the count). */
  async failed(limit: Limit, key: string, now: Date): Promise<void> {
    await count(db, limit, key, now)
  },
})
export type RateLimiter = ReturnType<typeof rateLimiter>
