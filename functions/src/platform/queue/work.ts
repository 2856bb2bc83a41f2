/**
 * The work queue: jobs over all members fan out as many small messages (a shard of the
 * members index, a chunk of a campaign's audience), each handled by the `work` Lambda.
 * On AWS it is an SQS queue with a DLQ after 5 receives; locally the same dispatcher is fed
 * from an in-process SQS server (`localQueue.ts`, started by scripts/consumers.ts).
 *
 * Delivery is at least once: a message can be handled twice (a retry after a partial
 * failure, a redelivery after the visibility timeout, a duplicate send). Handlers must be
 * idempotent — guard their effect with a condition or a done-mark of their own.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch'
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs'
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'
import type { z } from 'zod'
import { logger } from '../logger'

/** A message on the queue: a JSON object whose `kind` names its handler. */
export interface WorkMessage {
  kind: string
  [field: string]: unknown
}

export interface WorkQueue {
  /** Sends every message (or throws); `delaySeconds` (0–900) holds them back before the first delivery. */
  send(messages: WorkMessage[], opts?: { delaySeconds?: number }): Promise<void>
}

export interface WorkContext {
  /** For continuations: a handler that cannot finish in one go enqueues the rest. */
  queue: WorkQueue
}

export interface WorkHandler {
  kind: string
  /** Validates the whole message (its `kind` included or not: unknown keys are the schema's business). */
  schema: z.ZodType
  handle(message: WorkMessage, ctx: WorkContext): Promise<void>
}

/** Declares a handler with its message typed from the schema. */
export const work = <S extends z.ZodType<Record<string, unknown>>>(
  kind: string,
  schema: S,
  handle: (message: z.output<S> & { kind: string }, ctx: WorkContext) => Promise<void>,
): WorkHandler => ({ kind, schema, handle: handle as WorkHandler['handle'] })

/** SQS's limit for one message and for one batch request. */
export const MAX_MESSAGE_BYTES = 256 * 1024
const MAX_BATCH_ENTRIES = 10
const MAX_SEND_ATTEMPTS = 5

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Groups entries into requests of at most 10 messages and 256 KB. */
const batches = (bodies: string[]): string[][] => {
  const out: string[][] = []
  let current: string[] = []
  let bytes = 0
  for (const body of bodies) {
    const size = Buffer.byteLength(body)
    if (current.length === MAX_BATCH_ENTRIES || bytes + size > MAX_MESSAGE_BYTES) {
      out.push(current)
      current = []
      bytes = 0
    }
    current.push(body)
    bytes += size
  }
  if (current.length > 0) out.push(current)
  return out
}

const bodyOf = (message: WorkMessage): string => {
  if (typeof message.kind !== 'string' || message.kind === '') throw new Error('a work message needs a kind')
  const body = JSON.stringify(message)
  const size = Buffer.byteLength(body)
  if (size > MAX_MESSAGE_BYTES)
    throw new Error(`work message ${message.kind} is ${size} bytes; the queue takes at most ${MAX_MESSAGE_BYTES}: send ids, not data`)
  return body
}

export interface SqsSender {
  send(
    command: SendMessageBatchCommand,
  ): Promise<{ Failed?: Array<{ Id?: string; SenderFault?: boolean; Code?: string; Message?: string }> }>
}

/**
 * The queue on SQS. SendMessageBatch can accept a request and still refuse some entries
 * (throttling, an internal error): those are sent again with jittered backoff, a bounded
 * number of times; what the sender got wrong is not retried.
 */
export const sqsWorkQueue = (opts: { queueUrl: string; endpoint?: string; region?: string; client?: SqsSender }): WorkQueue => {
  let client = opts.client
  const sqs = (): SqsSender => {
    client ??= new SQSClient({
      region: opts.region ?? process.env.AWS_REGION ?? 'cn-north-1',
      ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    })
    return client
  }

  const sendBatch = async (bodies: string[], delaySeconds: number | undefined): Promise<void> => {
    let pending: SendMessageBatchRequestEntry[] = bodies.map((MessageBody, i) => ({
      Id: String(i),
      MessageBody,
      ...(delaySeconds !== undefined ? { DelaySeconds: delaySeconds } : {}),
    }))
    for (let attempt = 1; ; attempt++) {
      const out = await sqs().send(new SendMessageBatchCommand({ QueueUrl: opts.queueUrl, Entries: pending }))
      const failed = out.Failed ?? []
      if (failed.length === 0) return
      const refused = failed.find((f) => f.SenderFault)
      if (refused) throw new Error(`the work queue refused a message: ${refused.Code ?? ''} ${refused.Message ?? ''}`.trim())
      if (attempt >= MAX_SEND_ATTEMPTS)
        throw new Error(`${failed.length} work messages could not be sent after ${attempt} attempts: ${failed[0]?.Code ?? 'unknown'}`)
      const ids = new Set(failed.map((f) => f.Id))
      pending = pending.filter((e) => ids.has(e.Id))
      await sleep(Math.random() * Math.min(2_000, 50 * 2 ** attempt))
    }
  }

  return {
    async send(messages, sendOpts = {}) {
      const { delaySeconds } = sendOpts
      if (delaySeconds !== undefined && !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= 900))
        throw new Error('delaySeconds must be a whole number from 0 to 900')
      for (const batch of batches(messages.map(bodyOf))) await sendBatch(batch, delaySeconds)
    },
  }
}

/** Where no queue is configured (WORK_QUEUE_URL unset): building is fine, sending says what is missing. */
export const unconfiguredWorkQueue = (): WorkQueue => ({
  send: async () => {
    throw new Error('WORK_QUEUE_URL is not set: this function has no work queue (serverless.yml, or the local consumers for stage local)')
  },
})

/**
 * The worker: each message → the handler of its kind. A message of no known kind or one that
 * fails its handler's schema is logged and reported as failed like a handler error: it is
 * retried (a deploy may be half done) and then ends in the DLQ — it is never dropped.
 */
export const workDispatcher = (deps: { handlers: WorkHandler[]; queue: WorkQueue }) => {
  const byKind = new Map<string, WorkHandler>()
  for (const h of deps.handlers) {
    if (byKind.has(h.kind)) throw new Error(`two work handlers for kind ${h.kind}`)
    byKind.set(h.kind, h)
  }
  const ctx: WorkContext = { queue: deps.queue }

  /** Handles one message body (parsed JSON); throws when it is not handled. */
  const handle = async (body: unknown): Promise<void> => {
    const kind = body && typeof body === 'object' && 'kind' in body ? (body as { kind: unknown }).kind : undefined
    const handler = typeof kind === 'string' ? byKind.get(kind) : undefined
    if (!handler) {
      logger.error('work message of no known kind: left for the DLQ', { kind: String(kind) })
      throw new Error(`no work handler for kind ${String(kind)}`)
    }
    const parsed = handler.schema.safeParse(body)
    if (!parsed.success) {
      logger.error('work message does not match its schema: left for the DLQ', { kind: handler.kind, issues: parsed.error.issues })
      throw new Error(`work message ${handler.kind} does not match its schema`)
    }
    try {
      await handler.handle({ ...(parsed.data as Record<string, unknown>), kind: handler.kind }, ctx)
    } catch (e) {
      logger.warn('work handler failed; the message will be retried', { kind: handler.kind, error: e as Error })
      throw e
    }
  }

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    let body: unknown
    try {
      body = JSON.parse(record.body)
    } catch {
      logger.error('work message is not JSON: left for the DLQ', { messageId: record.messageId })
      throw new Error(`work message ${record.messageId} is not JSON`)
    }
    await handle(body)
  }

  return {
    handle,
    /**
     * The Lambda handler: partial batch failures (ReportBatchItemFailures), so a failed
     * message is retried alone. The messages of a batch are independent and run in parallel.
     * A batch that fails as a whole throws (Lambda then backs off its polling).
     */
    handler: (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> =>
      processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), context ? { context } : {}),
  }
}
export type WorkDispatcher = ReturnType<typeof workDispatcher>
