/**
 * The work queue end to end on a local SQS server (started here on a free port): messages
 * sent in batches are handled once each; a failing message is retried alone (the successes
 * of its batch are deleted), and one that keeps failing — or that no handler knows — moves
 * to the DLQ after 5 receives and is recorded as a dead letter.
 */
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs'
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda'
import { z } from 'zod'
import { eventually } from '../../testing/eventually'
import { freshTable } from '../../testing/table'
import { eventsRepository } from '../events/repository'
import { logger } from '../logger'
import { kindOf, type LocalQueueServer, startLocalQueueServer, startQueuePoller } from './localQueue'
import { sqsWorkQueue, type WorkHandler, type WorkMessage, work, workDispatcher } from './work'

const item = z.object({ n: z.number().int() })

interface Run {
  server: LocalQueueServer
  send: (messages: WorkMessage[]) => Promise<void>
  /** The handler's answers, one per batch. */
  answers: Array<{ size: number; failed: number }>
  deadLetters: () => Promise<Array<Record<string, unknown>>>
  /** The bodies in the DLQ (each received once: call it once). */
  dlq: () => Promise<string[]>
  startPolling: () => void
  drained: () => Promise<void>
  stop: () => Promise<void>
}

const runs: Run[] = []
afterEach(async () => {
  for (const r of runs.splice(0)) await r.stop()
})

async function queueWith(handlers: WorkHandler[]): Promise<Run> {
  const server = await startLocalQueueServer({ port: 0, workQueueName: `test-work-${Math.random().toString(36).slice(2, 8)}` })
  const endpoint = new URL(server.workQueueUrl).origin
  const queue = sqsWorkQueue({ queueUrl: server.workQueueUrl, endpoint })
  const dispatcher = workDispatcher({ handlers, queue })
  const events = eventsRepository(await freshTable('work-queue'))
  const answers: Run['answers'] = []
  const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    try {
      const res = await dispatcher.handler(event)
      answers.push({ size: event.Records.length, failed: res.batchItemFailures.length })
      return res
    } catch (e) {
      answers.push({ size: event.Records.length, failed: event.Records.length })
      throw e
    }
  }
  let poller: ReturnType<typeof startQueuePoller> | undefined
  const sqs = new SQSClient({ region: 'cn-north-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
  const run: Run = {
    server,
    send: (messages) => queue.send(messages),
    answers,
    deadLetters: async () => (await events.listDeadLetters()).filter((d) => d.source === 'queue:work'),
    dlq: async () => {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: server.deadLetterQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 30 }),
      )
      return (out.Messages ?? []).map((m) => m.Body ?? '')
    },
    startPolling: () => {
      poller = startQueuePoller({
        queueUrl: server.workQueueUrl,
        deadLetterQueueUrl: server.deadLetterQueueUrl,
        handler,
        retryDelaySeconds: () => 0,
        idleMs: 20,
        onDeadLetter: (record, error) =>
          events.putDeadLetter({
            source: 'queue:work',
            sequenceNumber: record.messageId,
            type: kindOf(record.body),
            error,
            at: new Date(),
          }),
      })
    },
    drained: () => poller!.drained(),
    stop: async () => {
      await poller?.stop()
      sqs.destroy()
      await server.stop()
    },
  }
  runs.push(run)
  return run
}

const counter = () => {
  const seen = new Map<number, number>()
  return { seen, count: (n: number) => seen.set(n, (seen.get(n) ?? 0) + 1) }
}

describe('the work queue (local SQS server and poller)', () => {
  it('sends messages in batches and handles each once, typed by its schema', async () => {
    const { seen, count } = counter()
    const q = await queueWith([
      work('test.item', item, async (m) => {
        expect(m.kind).toBe('test.item')
        count(m.n)
      }),
    ])
    await q.send(Array.from({ length: 25 }, (_, n) => ({ kind: 'test.item', n })))
    q.startPolling()
    await eventually(async () => expect(seen.size).toBe(25))
    await q.drained()
    expect([...seen.values()].every((c) => c === 1)).toBe(true)
    expect(await q.dlq()).toEqual([])
    expect(await q.deadLetters()).toEqual([])
  })

  it('retries a message whose handler fails twice; it then succeeds once', async () => {
    let failuresLeft = 2
    const receives: number[] = []
    const { seen, count } = counter()
    const q = await queueWith([
      work('test.flaky', item, async (m) => {
        receives.push(m.n)
        if (failuresLeft-- > 0) throw new Error('downstream unavailable')
        count(m.n)
      }),
    ])
    q.startPolling()
    await q.send([{ kind: 'test.flaky', n: 7 }])
    await eventually(async () => expect(seen.get(7)).toBe(1))
    await q.drained()
    expect(receives).toEqual([7, 7, 7])
    expect(seen.get(7)).toBe(1)
    expect(await q.dlq()).toEqual([])
  })

  it('moves a message that always fails to the DLQ after 5 receives and records it as a dead letter', async () => {
    let attempts = 0
    const q = await queueWith([
      work('test.broken', item, async () => {
        attempts++
        throw new Error('always broken')
      }),
    ])
    q.startPolling()
    await q.send([{ kind: 'test.broken', n: 1 }])
    await eventually(async () => expect(await q.deadLetters()).toHaveLength(1))
    await q.drained()
    expect(attempts).toBe(5)
    expect((await q.dlq()).map((b) => JSON.parse(b))).toEqual([{ kind: 'test.broken', n: 1 }])
    expect((await q.deadLetters())[0]).toMatchObject({ source: 'queue:work', type: 'test.broken', error: 'always broken' })
  })

  it('sends a message of no known kind, or one that fails its schema, to the DLQ', async () => {
    let handled = 0
    const q = await queueWith([
      work('test.item', item, async () => {
        handled++
      }),
    ])
    q.startPolling()
    // Each of them is logged as an error on every receive: expected here.
    logger.setLogLevel('SILENT')
    try {
      await q.send([
        { kind: 'test.unknown', n: 1 },
        { kind: 'test.item', n: 'not a number' },
      ])
      await eventually(async () => expect(await q.deadLetters()).toHaveLength(2))
      await q.drained()
    } finally {
      logger.setLogLevel((process.env.LOG_LEVEL as 'ERROR' | undefined) ?? 'WARN')
    }
    expect(handled).toBe(0)
    expect((await q.dlq()).map((b) => JSON.parse(b).kind).sort()).toEqual(['test.item', 'test.unknown'])
    expect((await q.deadLetters()).map((d) => d.type).sort()).toEqual(['test.item', 'test.unknown'])
  })

  it('deletes the successes of a batch with a failed message: only the failed one comes back', async () => {
    const { seen, count } = counter()
    const q = await queueWith([
      work('test.item', item, async (m) => {
        count(m.n)
        if (m.n === 3) throw new Error('this one fails')
      }),
    ])
    // Sent before polling starts: the first receive takes all ten.
    await q.send(Array.from({ length: 10 }, (_, n) => ({ kind: 'test.item', n })))
    q.startPolling()
    await eventually(async () => expect(await q.deadLetters()).toHaveLength(1))
    await q.drained()
    expect(q.answers[0]).toEqual({ size: 10, failed: 1 })
    expect(q.answers.slice(1).every((a) => a.size === 1 && a.failed === 1)).toBe(true)
    expect(seen.get(3)).toBe(5)
    for (const n of [0, 1, 2, 4, 5, 6, 7, 8, 9]) expect(seen.get(n)).toBe(1)
  })
})
