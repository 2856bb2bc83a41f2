/**
 * The event consumers, locally: the same stream handlers the `events` and `reportEvents`
 * Lambdas run on AWS, each fed by a reader of its own from DynamoDB Local's stream of the table
 * (functions/src/platform/events/localStream.ts) with AWS's retry semantics; records that keep
 * failing become dead letters in the table. And the work queue: an in-process SQS server with
 * a poller feeding the `work` Lambda's handler (functions/src/platform/queue/localQueue.ts);
 * messages that keep failing move to its DLQ and become dead letters too.
 * Scheduled campaigns that are due are launched every 15 s (on AWS: the `campaignsDue` function).
 * And the WeChat stub (scripts/lib/wechatStub.ts) that subscription messages are sent to.
 * Started by `npm start` and the test stack; runs until SIGTERM/SIGINT.
 *   HUIYUAN_DYNAMO_PORT (8000), TABLE_NAME (huiyuan-local), HUIYUAN_STREAM_CHECKPOINT (file; the
 *   report aggregates' reader keeps `<file>.reports`), HUIYUAN_QUEUE_PORT (9324; 0: any free port),
 *   HUIYUAN_WECHAT_PORT (9325; 0: any free port)
 */
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { JOBS } from '../functions/src/jobs'
import { makeDb } from '../functions/src/platform/db'
import { startStreamReader } from '../functions/src/platform/events/localStream'
import type { EventDispatcher } from '../functions/src/platform/events/dispatch'
import { kindOf, startLocalQueueServer, startQueuePoller } from '../functions/src/platform/queue/localQueue'
import { startWechatStub } from './lib/wechatStub'
import { type Core, dispatcherOf, eventsRepoOf, makeCore, reportsDispatcherOf, workDispatcherOf } from '../functions/src/platform/wiring'

// DynamoDB Local's stream: stage local.
process.env.STAGE = 'local'
const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.HUIYUAN_DYNAMO_PORT ?? '8000'}`
const tableName = process.env.TABLE_NAME ?? 'huiyuan-local'
const queuePort = Number(process.env.HUIYUAN_QUEUE_PORT ?? 9324)
const wechatPort = Number(process.env.HUIYUAN_WECHAT_PORT ?? 9325)
const log = (msg: string) => process.stderr.write(`[consumers] ${msg}\n`)

const readerOf = (core: Core, source: string, dispatcher: EventDispatcher, checkpointFile: string | undefined) =>
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

const workPollerOf = (core: Core, queue: { workQueueUrl: string; deadLetterQueueUrl: string }) =>
  startQueuePoller({
    queueUrl: queue.workQueueUrl,
    deadLetterQueueUrl: queue.deadLetterQueueUrl,
    handler: (event) => workDispatcherOf(core).handler(event),
    log,
    onDeadLetter: (record, error) =>
      eventsRepoOf(core).putDeadLetter({
        source: 'queue:work',
        sequenceNumber: record.messageId,
        type: kindOf(record.body),
        error,
        at: new Date(),
      }),
  })

async function main() {
  // The queue first: its URL is part of the core's configuration (handlers enqueue continuations).
  const queue = await startLocalQueueServer({ port: queuePort })
  process.env.WORK_QUEUE_URL = queue.workQueueUrl
  // Subscription messages go to the stub, never to WeChat.
  const wechat = await startWechatStub({ port: wechatPort })
  process.env.WECHAT_API_BASE = wechat.url
  const core = makeCore(makeDb({ tableName, endpoint }))
  const checkpoint = process.env.HUIYUAN_STREAM_CHECKPOINT
  const consumers = [
    readerOf(core, 'stream', dispatcherOf(core), checkpoint),
    readerOf(core, 'stream:reports', reportsDispatcherOf(core), checkpoint ? `${checkpoint}.reports` : undefined),
    workPollerOf(core, queue),
  ]
  // EventBridge's every-5-minutes launch of scheduled campaigns, here every 15 s.
  const due = setInterval(() => {
    JOBS['campaigns-due'](core, new Date()).catch((e: unknown) => log(`campaigns-due failed: ${(e as Error).message}`))
  }, 15_000)
  process.stdout.write('consumers ready\n')

  const stop = () => {
    clearInterval(due)
    void Promise.all(consumers.map((c) => c.stop()))
      .then(() => Promise.all([queue.stop(), wechat.close()]))
      .then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e) => {
  log(`could not start: ${(e as Error).message}`)
  process.exit(1)
})
