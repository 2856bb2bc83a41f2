/**
 * The work queue's sender and dispatcher without SQS: batches of at most 10 messages and
 * 256 KB, entries SQS refused for a while are sent again (and only those), what the sender
 * got wrong is not; the dispatcher reports what it could not handle as failed.
 */
import type { SendMessageBatchCommand } from '@aws-sdk/client-sqs'
import type { SQSEvent, SQSRecord } from 'aws-lambda'
import { z } from 'zod'
import { readBaseConfig } from '../config'
import { logger } from '../logger'
import { MAX_MESSAGE_BYTES, type SqsSender, sqsWorkQueue, unconfiguredWorkQueue, work, workDispatcher } from './work'

type Failed = NonNullable<Awaited<ReturnType<SqsSender['send']>>['Failed']>

/** A fake SQS: records each request's bodies; `fail(request, entries)` says which entries it refuses. */
const fakeSqs = (fail: (request: number, ids: string[]) => Failed = () => []) => {
  const requests: string[][] = []
  const client: SqsSender = {
    send: async (command: SendMessageBatchCommand) => {
      const entries = command.input.Entries ?? []
      requests.push(entries.map((e) => e.MessageBody ?? ''))
      return {
        Failed: fail(
          requests.length,
          entries.map((e) => e.Id ?? ''),
        ),
      }
    },
  }
  return { requests, queue: sqsWorkQueue({ queueUrl: 'http://127.0.0.1:1/000/q', client }) }
}

const messages = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'test.item', n: i }))

describe('sqsWorkQueue', () => {
  it('sends in batches of at most 10 messages', async () => {
    const { requests, queue } = fakeSqs()
    await queue.send(messages(25))
    expect(requests.map((r) => r.length)).toEqual([10, 10, 5])
    expect(requests.flat().map((b) => JSON.parse(b).n)).toEqual(messages(25).map((m) => m.n))
  })

  it('keeps each request under 256 KB', async () => {
    const { requests, queue } = fakeSqs()
    const big = 'x'.repeat(100 * 1024)
    await queue.send([1, 2, 3, 4, 5].map((n) => ({ kind: 'test.big', n, big })))
    expect(requests.map((r) => r.length)).toEqual([2, 2, 1])
  })

  it('refuses a message over 256 KB before sending anything', async () => {
    const { requests, queue } = fakeSqs()
    await expect(queue.send([{ kind: 'test.big', data: 'x'.repeat(MAX_MESSAGE_BYTES) }])).rejects.toThrow(/at most 262144.*send ids/)
    expect(requests).toEqual([])
  })

  it('sends again only the entries SQS refused, until they are taken', async () => {
    const refused: Record<number, string[]> = { 1: ['0', '3', '6'], 2: ['3'] }
    const { requests, queue } = fakeSqs((request, ids) =>
      ids.filter((id) => refused[request]?.includes(id)).map((Id) => ({ Id, SenderFault: false, Code: 'InternalError' })),
    )
    await queue.send(messages(7))
    expect(requests.map((r) => r.map((b) => JSON.parse(b).n))).toEqual([[0, 1, 2, 3, 4, 5, 6], [0, 3, 6], [3]])
  })

  it('throws when entries are still refused after a bounded number of attempts', async () => {
    const { requests, queue } = fakeSqs((_, ids) => ids.map((Id) => ({ Id, SenderFault: false, Code: 'ServiceUnavailable' })))
    await expect(queue.send(messages(2))).rejects.toThrow(/could not be sent after 5 attempts: ServiceUnavailable/)
    expect(requests).toHaveLength(5)
  })

  it('does not retry what the sender got wrong', async () => {
    const { requests, queue } = fakeSqs((_, ids) => [{ Id: ids[0], SenderFault: true, Code: 'InvalidParameterValue', Message: 'bad' }])
    await expect(queue.send(messages(2))).rejects.toThrow(/refused a message: InvalidParameterValue bad/)
    expect(requests).toHaveLength(1)
  })

  it('checks the delay and the kind', async () => {
    const { queue } = fakeSqs()
    await expect(queue.send(messages(1), { delaySeconds: 901 })).rejects.toThrow(/delaySeconds/)
    await expect(queue.send([{ kind: '' }])).rejects.toThrow(/needs a kind/)
  })

  it('is configured by WORK_QUEUE_URL (`none`: no queue)', () => {
    const url = 'http://127.0.0.1:9324/123456789012/huiyuan-local-work'
    expect(readBaseConfig({ STAGE: 'local', WORK_QUEUE_URL: url }).workQueueUrl).toBe(url)
    expect(readBaseConfig({ STAGE: 'local', WORK_QUEUE_URL: 'none' }).workQueueUrl).toBeUndefined()
    expect(readBaseConfig({ STAGE: 'local' }).workQueueUrl).toBeUndefined()
  })

  it('without a queue URL, says so on send', async () => {
    await expect(unconfiguredWorkQueue().send(messages(1))).rejects.toThrow(/WORK_QUEUE_URL is not set/)
  })
})

const record = (messageId: string, body: unknown): SQSRecord => ({
  messageId,
  receiptHandle: messageId,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:cn-north-1:000:q',
  awsRegion: 'cn-north-1',
})

describe('workDispatcher', () => {
  beforeAll(() => logger.setLogLevel('SILENT'))
  afterAll(() => logger.setLogLevel((process.env.LOG_LEVEL as 'ERROR' | undefined) ?? 'WARN'))

  it('hands each message to the handler of its kind, typed, with the queue for continuations', async () => {
    const seen: Array<{ kind: string; memberIds: string[] }> = []
    const { queue, requests } = fakeSqs()
    const d = workDispatcher({
      queue,
      handlers: [
        work('test.chunk', z.object({ memberIds: z.array(z.string()), rest: z.string().optional() }), async (m, ctx) => {
          seen.push({ kind: m.kind, memberIds: m.memberIds })
          if (m.rest) await ctx.queue.send([{ kind: 'test.chunk', memberIds: [m.rest] }])
        }),
      ],
    })
    const event: SQSEvent = { Records: [record('1', { kind: 'test.chunk', memberIds: ['a', 'b'], rest: 'c' })] }
    expect(await d.handler(event)).toEqual({ batchItemFailures: [] })
    expect(seen).toEqual([{ kind: 'test.chunk', memberIds: ['a', 'b'] }])
    expect(requests.flat().map((b) => JSON.parse(b))).toEqual([{ kind: 'test.chunk', memberIds: ['c'] }])
  })

  it('reports as failed (for the DLQ) a message of no known kind, one that fails its schema, one that is not JSON, and a handler that throws', async () => {
    let ok = 0
    const d = workDispatcher({
      queue: unconfiguredWorkQueue(),
      handlers: [
        work('test.item', z.object({ n: z.number() }), async (m) => {
          if (m.n < 0) throw new Error('negative')
          ok++
        }),
      ],
    })
    const res = await d.handler({
      Records: [
        record('good', { kind: 'test.item', n: 1 }),
        record('unknown', { kind: 'test.other', n: 1 }),
        record('schema', { kind: 'test.item', n: 'one' }),
        record('json', '{not json'),
        record('throws', { kind: 'test.item', n: -1 }),
      ],
    })
    expect(ok).toBe(1)
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['json', 'schema', 'throws', 'unknown'])
  })

  it('refuses two handlers of one kind', () => {
    const h = work('test.item', z.object({}), async () => undefined)
    expect(() => workDispatcher({ queue: unconfiguredWorkQueue(), handlers: [h, h] })).toThrow(/two work handlers/)
  })
})
