/**
 * The event consumers, locally: the same stream handler the `events` Lambda runs on AWS,
 * fed from DynamoDB Local's stream of the table (functions/src/platform/events/localStream.ts)
 * with AWS's retry semantics; records that keep failing become dead letters in the table.
 * Started by `npm start` and the test stack; runs until SIGTERM/SIGINT.
 *   HUIYUAN_DYNAMO_PORT (8000), TABLE_NAME (huiyuan-local), HUIYUAN_STREAM_CHECKPOINT (file)
 */
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { makeDb } from '../functions/src/platform/db'
import { startStreamReader } from '../functions/src/platform/events/localStream'
import { dispatcherOf, eventsRepoOf, makeCore } from '../functions/src/platform/wiring'

// DynamoDB Local's stream: stage local.
process.env.STAGE = 'local'
const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.HUIYUAN_DYNAMO_PORT ?? '8000'}`
const tableName = process.env.TABLE_NAME ?? 'huiyuan-local'
const core = makeCore(makeDb({ tableName, endpoint }))
const dispatcher = dispatcherOf(core)
const log = (msg: string) => process.stderr.write(`[consumers] ${msg}\n`)

const reader = startStreamReader({
  endpoint,
  tableName,
  handler: (event) => dispatcher.handler(event),
  checkpointFile: process.env.HUIYUAN_STREAM_CHECKPOINT,
  maxAttempts: Number(process.env.HUIYUAN_STREAM_MAX_ATTEMPTS ?? 6),
  log,
  onDeadLetter: async (record, error) => {
    const image = record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) : {}
    await eventsRepoOf(core).putDeadLetter({
      source: 'stream',
      sequenceNumber: record.dynamodb?.SequenceNumber ?? '?',
      eventId: image.eventId as string | undefined,
      type: image.type as string | undefined,
      error,
      at: new Date(),
    })
  },
})
process.stdout.write('consumers ready\n')

const stop = () => {
  void reader.stop().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
