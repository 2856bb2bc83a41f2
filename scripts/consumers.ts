/**
 * The event consumers, locally: the same stream handlers the `events` and `reportEvents`
 * Lambdas run on AWS, each fed by a reader of its own from DynamoDB Local's stream of the table
 * (functions/src/platform/events/localStream.ts) with AWS's retry semantics; records that keep
 * failing become dead letters in the table.
 * Started by `npm start` and the test stack; runs until SIGTERM/SIGINT.
 *   HUIYUAN_DYNAMO_PORT (8000), TABLE_NAME (huiyuan-local), HUIYUAN_STREAM_CHECKPOINT (file; the
 *   report aggregates' reader keeps `<file>.reports`)
 */
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { makeDb } from '../functions/src/platform/db'
import { startStreamReader } from '../functions/src/platform/events/localStream'
import type { EventDispatcher } from '../functions/src/platform/events/dispatch'
import { dispatcherOf, eventsRepoOf, makeCore, reportsDispatcherOf } from '../functions/src/platform/wiring'

// DynamoDB Local's stream: stage local.
process.env.STAGE = 'local'
const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.HUIYUAN_DYNAMO_PORT ?? '8000'}`
const tableName = process.env.TABLE_NAME ?? 'huiyuan-local'
const core = makeCore(makeDb({ tableName, endpoint }))
const log = (msg: string) => process.stderr.write(`[consumers] ${msg}\n`)

const readerOf = (source: string, dispatcher: EventDispatcher, checkpointFile: string | undefined) =>
  startStreamReader({
    endpoint,
    tableName,
    handler: (event) => dispatcher.handler(event),
    checkpointFile,
    maxAttempts: Number(process.env.HUIYUAN_STREAM_MAX_ATTEMPTS ?? 6),
    log,
    onDeadLetter: async (record, error) => {
      const image = record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) : {}
      await eventsRepoOf(core).putDeadLetter({
        source,
        sequenceNumber: record.dynamodb?.SequenceNumber ?? '?',
        eventId: image.eventId as string | undefined,
        type: image.type as string | undefined,
        error,
        at: new Date(),
      })
    },
  })

const checkpoint = process.env.HUIYUAN_STREAM_CHECKPOINT
const readers = [
  readerOf('stream', dispatcherOf(core), checkpoint),
  readerOf('stream:reports', reportsDispatcherOf(core), checkpoint ? `${checkpoint}.reports` : undefined),
]
process.stdout.write('consumers ready\n')

const stop = () => {
  void Promise.all(readers.map((r) => r.stop())).then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
