/**
 * Domain event dispatch: the table's stream → the subscribers of each event type.
 * On AWS this is the stream consumer Lambda (Powertools `batch`: a failed record is
 * reported, Lambda retries from it, bisects, and after a bounded number of attempts sends
 * it to the DLQ). Locally the same handler is fed from DynamoDB Local's stream
 * (`localStream.ts`). Each subscriber runs at most once per event to completion: a
 * done-mark per (event, subscriber) is written after it succeeds, and subscribers are
 * themselves idempotent (a crash between their effect and the mark repeats nothing) — or
 * the subscriber writes the mark in its own transaction (`marksItselfDone`: exactly once).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch'
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda'
import { type DomainEvent, type DomainEventType, isDomainEventType, parseEventPayload } from '@huiyuan/shared/events/schemas'
import type { EventsRepository } from './repository'
import { ENTITY } from '../keys'
import { logger } from '../logger'

export interface Subscriber<T extends DomainEventType = DomainEventType> {
  /** Stable name: the done-mark of each event is kept under it. */
  name: string
  type: T
  handle: (event: DomainEvent<T>) => Promise<void>
  /**
   * The subscriber writes its own done-mark in the transaction of its effect (put only if
   * absent: a repeat is refused as a whole), so the dispatcher neither reads nor writes it.
   */
  marksItselfDone?: boolean
}

/** Declares a subscriber with its payload typed from the event type. */
export const on = <T extends DomainEventType>(
  type: T,
  name: string,
  handle: (event: DomainEvent<T>) => Promise<void>,
  opts: { marksItselfDone?: boolean } = {},
): Subscriber => ({ name, type, handle, ...opts }) as unknown as Subscriber

/** The domain event in a stream record, or undefined for every other write. Throws on a malformed event. */
export const eventOfRecord = (record: DynamoDBRecord): DomainEvent | undefined => {
  if (record.eventName !== 'INSERT' || record.dynamodb?.NewImage?.entity?.S !== ENTITY.event) return undefined
  const image = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>)
  if (!isDomainEventType(image.type)) throw new Error(`unknown event type ${String(image.type)} (${String(image.eventId)})`)
  return {
    eventId: String(image.eventId),
    type: image.type,
    payload: parseEventPayload(image.type, image.payload),
    occurredAt: String(image.occurredAt),
  }
}

export const eventDispatcher = (deps: { events: EventsRepository; subscribers: Subscriber[] }) => {
  const byType = new Map<DomainEventType, Subscriber[]>()
  for (const s of deps.subscribers) byType.set(s.type, [...(byType.get(s.type) ?? []), s])

  /** Runs every subscriber of the event that has not completed it yet. */
  const dispatch = async (event: DomainEvent): Promise<void> => {
    const subscribers = byType.get(event.type) ?? []
    if (subscribers.length === 0) return
    const done = subscribers.every((s) => s.marksItselfDone) ? new Set<string>() : await deps.events.doneMarks(event.eventId)
    for (const s of subscribers) {
      if (done.has(s.name)) continue
      await s.handle(event)
      if (!s.marksItselfDone) await deps.events.markDone(event.eventId, s.name)
    }
  }

  const handleRecord = async (record: DynamoDBRecord): Promise<void> => {
    const event = eventOfRecord(record)
    if (!event) return
    try {
      await dispatch(event)
    } catch (e) {
      logger.warn('event consumer failed; it will be retried', { eventId: event.eventId, type: event.type, error: e as Error })
      throw e
    }
  }

  return {
    dispatch,
    handleRecord,
    /**
     * The Lambda handler: partial batch failures (ReportBatchItemFailures). Records are
     * handled one after another, in stream order (a member's events in the order they happened).
     */
    handler: (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> =>
      processPartialResponse(event, handleRecord, new BatchProcessor(EventType.DynamoDBStreams), {
        ...(context ? { context } : {}),
        processInParallel: false,
      }),
  }
}
export type EventDispatcher = ReturnType<typeof eventDispatcher>
