import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from '../db'
import { coreKeys, ENTITY } from '../keys'
import type { Guarded } from '../unitOfWork'

/** Done-marks of event subscribers and the dead letters of the local stream reader. */
export const eventsRepository = (db: Db) => ({
  async doneMarks(eventId: string): Promise<Set<string>> {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': coreKeys.event(eventId).PK, ':p': coreKeys.eventDonePrefix() },
        ProjectionExpression: 'subscriber',
        ConsistentRead: true,
      }),
    )
    return new Set((out.Items ?? []).map((i) => String(i.subscriber)))
  },

  /**
   * The done-mark as an item of the subscriber's own transaction, put once: a subscriber that
   * writes its effect and this mark together applies each event exactly once ('done' when
   * the mark was already there).
   */
  doneMarkItem(eventId: string, subscriber: string): Guarded<'done'> {
    return {
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...coreKeys.eventDone(eventId, subscriber), entity: ENTITY.eventDone, subscriber },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      onConditionFailed: 'done',
    }
  },

  async markDone(eventId: string, subscriber: string): Promise<void> {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...coreKeys.eventDone(eventId, subscriber), entity: ENTITY.eventDone, subscriber },
      }),
    )
  },

  async putDeadLetter(letter: {
    source: string
    sequenceNumber: string
    eventId?: string
    type?: string
    error: string
    at: Date
  }): Promise<void> {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...coreKeys.deadLetter(letter.at.toISOString(), letter.sequenceNumber),
          entity: ENTITY.deadLetter,
          source: letter.source,
          sequenceNumber: letter.sequenceNumber,
          eventId: letter.eventId,
          type: letter.type,
          error: letter.error.slice(0, 2000),
          at: letter.at.toISOString(),
        },
      }),
    )
  },

  async listDeadLetters(limit = 100): Promise<Array<Record<string, unknown>>> {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': coreKeys.deadLetterPartition() },
        ScanIndexForward: false,
        Limit: limit,
      }),
    )
    return out.Items ?? []
  },
})
export type EventsRepository = ReturnType<typeof eventsRepository>
