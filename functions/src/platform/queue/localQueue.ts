/**
 * The work queue locally: an in-process SQS server (local-aws-sqs) with the work queue and
 * its DLQ, and a poller that feeds the worker's handler the way Lambda's SQS event source
 * mapping does on AWS (ReportBatchItemFailures): messages the handler did not report as
 * failed are deleted; a failed one comes back after a short backoff (on AWS: after the
 * visibility timeout) and after `maxReceives` receives moves to the DLQ and is recorded as a
 * dead letter. serverless-offline-sqs would delete failed messages too, so the poller is our
 * own. Used by `npm start` and the tests — never deployed.
 */
import { createServer } from 'node:http'
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs'
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'
import { createRequestHandler } from 'local-aws-sqs'

const REGION = 'cn-north-1'
/** local-aws-sqs puts this (cosmetic) account id in every queue URL and ARN. */
const ACCOUNT_ID = '123456789012'
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The work queue's local name and URL (its DLQ: `<name>-dlq`). */
export const localWorkQueueName = (stage = 'local') => `huiyuan-${stage}-work`
export const localQueueUrl = (port: number, name: string) => `http://127.0.0.1:${port}/${ACCOUNT_ID}/${name}`

export interface LocalQueueServer {
  port: number
  workQueueUrl: string
  deadLetterQueueUrl: string
  stop: () => Promise<void>
}

/** Starts the SQS server on `port` (0: any free port) with the work queue and its DLQ. */
export async function startLocalQueueServer(opts: { port: number; workQueueName?: string }): Promise<LocalQueueServer> {
  const name = opts.workQueueName ?? localWorkQueueName()
  const { service, requestHandler } = createRequestHandler({
    port: opts.port,
    hostname: '127.0.0.1',
    region: REGION,
    accountId: ACCOUNT_ID,
    emulateQueueCreationLifecycle: false,
    // No RedrivePolicy: the poller moves a message to the DLQ itself, so it can record it.
    queues: [{ QueueName: `${name}-dlq`, Attributes: { MessageRetentionPeriod: 1_209_600 } }, { QueueName: name }],
  })
  // Listening here (not createSqsServer) so that a taken port rejects instead of crashing the process.
  const server = createServer(requestHandler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`the work queue server cannot listen on port ${opts.port}: ${e.message}`)))
    server.listen(opts.port, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = address && typeof address === 'object' ? address.port : opts.port
  service.PORT = port
  return {
    port,
    workQueueUrl: localQueueUrl(port, name),
    deadLetterQueueUrl: localQueueUrl(port, `${name}-dlq`),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface QueuePollerOptions {
  queueUrl: string
  deadLetterQueueUrl: string
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>
  /** Concurrent receivers (each a Lambda invocation at a time). */
  receivers?: number
  batchSize?: number
  /** Receives before a failing message moves to the DLQ (the queue's maxReceiveCount on AWS). */
  maxReceives?: number
  visibilityTimeoutSeconds?: number
  /** How long a failed message stays hidden before its next receive (seconds, by receive count). */
  retryDelaySeconds?: (receiveCount: number) => number
  /** Pause after an empty receive (short polls: a long poll waits its full time on this server). */
  idleMs?: number
  onDeadLetter?: (record: SQSRecord, error: string) => Promise<void>
  log?: (msg: string) => void
}

/** What went wrong, for the dead letter: Powertools' full-batch failure carries each message's error. */
const errorText = (e: unknown): string => {
  const each = (e as { recordErrors?: unknown }).recordErrors
  if (Array.isArray(each) && each.length > 0) return [...new Set(each.map((x) => (x as Error).message))].join('; ')
  return (e as Error).message
}

/** The `kind` of a message body, if it has one (for logs and dead letters). */
export const kindOf = (body: string): string | undefined => {
  try {
    const kind = (JSON.parse(body) as { kind?: unknown } | null)?.kind
    return typeof kind === 'string' ? kind : undefined
  } catch {
    return undefined
  }
}

const toRecord = (m: Message, arn: string, receiveCount: number): SQSRecord => ({
  messageId: m.MessageId ?? '',
  receiptHandle: m.ReceiptHandle ?? '',
  body: m.Body ?? '',
  attributes: {
    ApproximateReceiveCount: String(receiveCount),
    SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: m.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: m.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: arn,
  awsRegion: REGION,
})

export function startQueuePoller(opts: QueuePollerOptions): { stop: () => Promise<void>; drained: (timeoutMs?: number) => Promise<void> } {
  const receivers = opts.receivers ?? 2
  const batchSize = opts.batchSize ?? 10
  const maxReceives = opts.maxReceives ?? 5
  const visibility = opts.visibilityTimeoutSeconds ?? 60
  const retryDelay = opts.retryDelaySeconds ?? ((n: number) => Math.min(2 ** (n - 1), 30))
  const idleMs = opts.idleMs ?? 100
  const log = opts.log ?? (() => undefined)
  const sqs = new SQSClient({ region: REGION, endpoint: new URL(opts.queueUrl).origin, credentials })
  let stopped = false
  let arn: Promise<string> | undefined
  // Receives per message, counted here: local-aws-sqs also counts a ChangeMessageVisibility as
  // a receive. A restarted poller counts afresh (a failing message gets a few more tries).
  const receives = new Map<string, number>()
  const received = (m: Message): number => {
    const n = (receives.get(m.MessageId ?? '') ?? 0) + 1
    receives.set(m.MessageId ?? '', n)
    return n
  }

  const queueArn = () => {
    arn ??= sqs
      .send(new GetQueueAttributesCommand({ QueueUrl: opts.queueUrl, AttributeNames: ['QueueArn'] }))
      .then((a) => a.Attributes?.QueueArn ?? `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${opts.queueUrl.split('/').pop()}`)
    return arn
  }

  /** The message failed its last allowed receive: into the DLQ, recorded, out of the queue. */
  const deadLetter = async (record: SQSRecord, error: string) => {
    log(
      `work message ${record.messageId} (${kindOf(record.body) ?? '?'}) failed ${record.attributes.ApproximateReceiveCount} times: dead-lettered (${error})`,
    )
    await sqs.send(new SendMessageCommand({ QueueUrl: opts.deadLetterQueueUrl, MessageBody: record.body }))
    await opts.onDeadLetter?.(record, error).catch((e) => log(`recording dead letter ${record.messageId}: ${(e as Error).message}`))
    await sqs.send(new DeleteMessageCommand({ QueueUrl: opts.queueUrl, ReceiptHandle: record.receiptHandle }))
    receives.delete(record.messageId)
  }

  const retryLater = (record: SQSRecord) =>
    sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: opts.queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: retryDelay(Number(record.attributes.ApproximateReceiveCount)),
      }),
    )

  /** One Lambda invocation: the handler, then what its answer means for each message. */
  const invoke = async (records: SQSRecord[]) => {
    let failed: Set<string>
    let error = 'reported as failed by the handler'
    try {
      const res = await opts.handler({ Records: records })
      failed = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier))
    } catch (e) {
      // A handler that throws fails the whole batch (Powertools does so when every message failed).
      failed = new Set(records.map((r) => r.messageId))
      error = errorText(e)
    }
    const done = records.filter((r) => !failed.has(r.messageId))
    for (const r of done) receives.delete(r.messageId)
    if (done.length > 0)
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: opts.queueUrl,
          Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      )
    for (const r of records.filter((x) => failed.has(x.messageId))) {
      if (Number(r.attributes.ApproximateReceiveCount) >= maxReceives) await deadLetter(r, error)
      else await retryLater(r)
    }
  }

  const receiver = async () => {
    while (!stopped) {
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: opts.queueUrl,
            MaxNumberOfMessages: batchSize,
            VisibilityTimeout: visibility,
            WaitTimeSeconds: 0,
            // local-aws-sqs reads the older AttributeNames; AWS the newer name.
            AttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
          }),
        )
        const messages = out.Messages ?? []
        if (messages.length === 0) {
          await sleep(idleMs)
          continue
        }
        const source = await queueArn()
        await invoke(messages.map((m) => toRecord(m, source, received(m))))
      } catch (e) {
        if (stopped) break
        log(`work queue poller: ${(e as Error).message}`)
        await sleep(1_000)
      }
    }
  }

  const running = Promise.all(Array.from({ length: receivers }, receiver))

  return {
    /** Resolves once the queue holds nothing: none visible, in flight or delayed (for tests). */
    drained: async (timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs
      for (;;) {
        const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: opts.queueUrl, AttributeNames: ['All'] }))
        const left = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']
          .map((k) => Number(a.Attributes?.[k as keyof typeof a.Attributes] ?? 0))
          .reduce((x, y) => x + y, 0)
        if (left === 0) return
        if (Date.now() > until) throw new Error(`the work queue still holds ${left} messages after ${timeoutMs} ms`)
        await sleep(50)
      }
    },
    stop: async () => {
      stopped = true
      await running
      sqs.destroy()
    },
  }
}
