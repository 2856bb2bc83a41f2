/**
 * A unit of work: the items of one business operation, committed once as one DynamoDB
 * transaction. Every item that carries a condition says what its failure means:
 *  - `'stale'`: something read before writing has changed (a version, a lot) → the whole
 *    operation re-reads and retries (see `withConflictRetry` and `isStale`);
 *  - a named reason of the operation (`'replay'`, `'outOfStock'`, …) → `Cancelled` carries
 *    the set of reasons, so no caller ever decodes cancellation reasons by array index.
 * Domain events are items of the same transaction (`emit`): they happen if and only if the
 * operation does.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { ulid } from 'ulid'
import { type DomainEventType, type EventPayload, parseEventPayload } from '@huiyuan/shared/events/schemas'
import { cancellationReasons, type Db } from './db'
import { coreKeys, ENTITY } from './keys'

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** An item and what a failure of its condition means. */
export interface Guarded<R extends string = never> {
  item: TxItem
  onConditionFailed?: R | 'stale'
}

/** DynamoDB's limit of items per transaction. */
export const MAX_ITEMS = 100
/** How long event items stay in the table (the stream keeps them 24 h). */
const EVENT_TTL_DAYS = 30

/** What was read has changed since, or the transaction collided with another: retry. */
export class Stale extends Error {
  constructor(why = 'stale read') {
    super(why)
    this.name = 'Stale'
  }
}
export const isStale = (e: unknown): boolean => e instanceof Stale

/** The operation's own conditions refused it; `reasons` names which. */
export class Cancelled<R extends string> extends Error {
  constructor(readonly reasons: ReadonlySet<R>) {
    super(`cancelled: ${[...reasons].join(', ')}`)
    this.name = 'Cancelled'
  }
  has(reason: R): boolean {
    return this.reasons.has(reason)
  }
}
export const isCancelled = <R extends string>(e: unknown, reason: R): e is Cancelled<R> => e instanceof Cancelled && e.has(reason)

const conditionOf = (item: TxItem): string | undefined =>
  item.Put?.ConditionExpression ??
  item.Update?.ConditionExpression ??
  item.Delete?.ConditionExpression ??
  item.ConditionCheck?.ConditionExpression

export interface EmittedEvent {
  eventId: string
  type: DomainEventType
}

export class UnitOfWork<R extends string = never> {
  private readonly guarded: Guarded<R>[] = []
  private readonly beforeCommit: Array<() => void> = []
  readonly events: EmittedEvent[] = []

  constructor(
    readonly db: Db,
    readonly now: Date,
  ) {}

  add(...items: Guarded<R>[]): this {
    for (const g of items) {
      if (conditionOf(g.item) && !g.onConditionFailed) {
        throw new Error('an item with a condition must say what its failure means')
      }
      this.guarded.push(g)
    }
    return this
  }

  /** Runs just before the commit: for items that sum up what was added (an account's balance). */
  finally(fn: () => void): this {
    this.beforeCommit.push(fn)
    return this
  }

  /** A past-tense domain event, written in this transaction (payload checked against its schema). */
  emit<T extends DomainEventType>(type: T, payload: EventPayload<T>): EmittedEvent {
    const eventId = ulid(this.now.getTime())
    const checked = parseEventPayload(type, payload)
    this.guarded.push({
      item: {
        Put: {
          TableName: this.db.tableName,
          Item: {
            ...coreKeys.event(eventId),
            entity: ENTITY.event,
            eventId,
            type,
            payload: checked,
            occurredAt: this.now.toISOString(),
            expiresAtEpoch: Math.floor(this.now.getTime() / 1000) + EVENT_TTL_DAYS * 86_400,
          },
        },
      },
    })
    const emitted = { eventId, type }
    this.events.push(emitted)
    return emitted
  }

  get size(): number {
    return this.guarded.length
  }

  async commit(): Promise<void> {
    for (const fn of this.beforeCommit.splice(0)) fn()
    if (this.guarded.length === 0) return
    if (this.guarded.length > MAX_ITEMS) {
      throw new Error(`a unit of work holds at most ${MAX_ITEMS} items (${this.guarded.length})`)
    }
    try {
      await this.db.client.send(new TransactWriteCommand({ TransactItems: this.guarded.map((g) => g.item) }))
    } catch (e) {
      throw this.explain(e)
    }
  }

  private explain(e: unknown): unknown {
    const codes = cancellationReasons(e)
    const name = (e as { name?: string })?.name
    if (codes.length === 0) {
      // InternalServerError: DynamoDB Local gives up waiting for an item lock under load (AWS
      // would have succeeded); nothing was written, so the operation re-reads and retries.
      const retryable = ['TransactionConflictException', 'TransactionInProgressException', 'InternalServerError']
      return name && retryable.includes(name) ? new Stale(name) : e
    }
    const reasons = new Set<R>()
    let stale = false
    codes.forEach((code, i) => {
      if (code === 'ConditionalCheckFailed') {
        const meaning = this.guarded[i]?.onConditionFailed
        if (!meaning || meaning === 'stale') stale = true
        else reasons.add(meaning)
      } else if (code === 'TransactionConflict' || code === 'ThrottlingError') {
        stale = true
      }
    })
    if (reasons.size > 0) return new Cancelled(reasons)
    if (stale) return new Stale('transaction cancelled')
    return e
  }
}
