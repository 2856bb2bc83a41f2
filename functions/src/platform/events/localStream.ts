/**
 * Reads DynamoDB Local's stream of a table and feeds the records to a stream handler the
 * way Lambda's event source mapping does on AWS (ReportBatchItemFailures): a batch whose
 * handler reports failed records is retried from the first failed record, with backoff;
 * a record that still fails after `maxAttempts` goes to the dead letters and the reader
 * moves past it. The position is checkpointed to a file after every batch, so a restarted
 * reader goes on where the last one stopped (records are delivered at least once; the
 * consumers are idempotent). Used by `npm start` and the tests — never deployed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda'

export interface StreamReaderOptions {
  endpoint: string
  tableName: string
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>
  /** Where the position is kept between runs; without it every start reads from the oldest record. */
  checkpointFile?: string
  batchSize?: number
  /** Attempts per record before it is dead-lettered (Lambda's MaximumRetryAttempts + 1). */
  maxAttempts?: number
  idleMs?: number
  backoffMs?: number
  onDeadLetter?: (record: DynamoDBRecord, error: string) => Promise<void>
  log?: (msg: string) => void
}

interface Checkpoint {
  streamArn: string
  shards: Record<string, string | 'closed'>
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The streams client reads an empty map (`{"M":{}}`) back as `{}`; Lambda receives the
 * wire JSON. Put the empty maps back so the record is what Lambda would get.
 */
const repair = (image: Record<string, unknown> | undefined): Record<string, unknown> | undefined =>
  image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repairValue(v)]))
const repairValue = (v: unknown): unknown => {
  if (!v || typeof v !== 'object') return v
  const av = v as Record<string, unknown>
  if (Object.keys(av).length === 0) return { M: {} }
  if (av.M && typeof av.M === 'object') return { M: repair(av.M as Record<string, unknown>) }
  if (Array.isArray(av.L)) return { L: av.L.map(repairValue) }
  return av
}

/** The SDK's stream record as the JSON Lambda receives it. */
const toLambdaRecord = (r: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...r.dynamodb,
      Keys: repair(r.dynamodb?.Keys as Record<string, unknown>),
      NewImage: repair(r.dynamodb?.NewImage as Record<string, unknown>),
      OldImage: repair(r.dynamodb?.OldImage as Record<string, unknown>),
      ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(new Date(r.dynamodb.ApproximateCreationDateTime).getTime() / 1000)
        : undefined,
    },
  }) as DynamoDBRecord

export function startStreamReader(opts: StreamReaderOptions): { stop: () => Promise<void>; idle: () => Promise<void> } {
  const batchSize = opts.batchSize ?? 100
  const maxAttempts = opts.maxAttempts ?? 5
  const idleMs = opts.idleMs ?? 100
  const backoffMs = opts.backoffMs ?? 200
  const log = opts.log ?? (() => undefined)
  const ddb = new DynamoDBClient({ endpoint: opts.endpoint, region: 'cn-north-1', credentials })
  const streams = new DynamoDBStreamsClient({ endpoint: opts.endpoint, region: 'cn-north-1', credentials })
  let stopped = false
  let caughtUp = false
  let waiters: Array<() => void> = []

  const load = (streamArn: string): Checkpoint => {
    if (opts.checkpointFile && fs.existsSync(opts.checkpointFile)) {
      const cp = JSON.parse(fs.readFileSync(opts.checkpointFile, 'utf8')) as Checkpoint
      if (cp.streamArn === streamArn) return cp
    }
    return { streamArn, shards: {} }
  }
  const save = (cp: Checkpoint) => {
    if (!opts.checkpointFile) return
    fs.mkdirSync(path.dirname(opts.checkpointFile), { recursive: true })
    const tmp = `${opts.checkpointFile}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(cp))
    fs.renameSync(tmp, opts.checkpointFile)
  }

  const iteratorFor = async (streamArn: string, shardId: string, type: ShardIteratorType, sequenceNumber?: string) =>
    (
      await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber }),
      )
    ).ShardIterator

  /** Reads one shard until it closes or the reader stops. */
  const readShard = async (cp: Checkpoint, shardId: string) => {
    const streamArn = cp.streamArn
    const position = cp.shards[shardId]
    let iterator = position
      ? await iteratorFor(streamArn, shardId, 'AFTER_SEQUENCE_NUMBER', position)
      : await iteratorFor(streamArn, shardId, 'TRIM_HORIZON')
    const attempts = new Map<string, number>()
    while (iterator && !stopped) {
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }))
      const records = out.Records ?? []
      if (records.length === 0) {
        iterator = out.NextShardIterator
        if (!caughtUp || waiters.length) {
          caughtUp = true
          for (const w of waiters.splice(0)) w()
        }
        await sleep(idleMs)
        continue
      }
      caughtUp = false
      let failedSeq: string | undefined
      let error = ''
      try {
        const res = await opts.handler({ Records: records.map((r) => toLambdaRecord(r, streamArn)) })
        const failures = res?.batchItemFailures || []
        if (failures.length > 0) {
          const failed = new Set(failures.map((f) => f.itemIdentifier))
          failedSeq = records.find((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''))?.dynamodb?.SequenceNumber
          error = 'reported as failed by the handler'
        }
      } catch (e) {
        failedSeq = records[0]?.dynamodb?.SequenceNumber
        error = (e as Error).message
      }
      if (!failedSeq) {
        cp.shards[shardId] = records[records.length - 1]!.dynamodb!.SequenceNumber!
        save(cp)
        iterator = out.NextShardIterator
        continue
      }
      // Everything before the failed record is done; retry from the failed one.
      const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === failedSeq)
      if (index > 0) cp.shards[shardId] = records[index - 1]!.dynamodb!.SequenceNumber!
      const n = (attempts.get(failedSeq) ?? 0) + 1
      attempts.set(failedSeq, n)
      if (n >= maxAttempts) {
        log(`stream record ${failedSeq} failed ${n} times: dead-lettered (${error})`)
        await opts.onDeadLetter?.(toLambdaRecord(records[index]!, streamArn), error)
        cp.shards[shardId] = failedSeq
        attempts.delete(failedSeq)
      } else {
        await sleep(Math.min(backoffMs * 2 ** (n - 1), 5_000))
      }
      save(cp)
      iterator = cp.shards[shardId]
        ? await iteratorFor(streamArn, shardId, 'AFTER_SEQUENCE_NUMBER', cp.shards[shardId])
        : await iteratorFor(streamArn, shardId, 'TRIM_HORIZON')
    }
    if (!iterator && !stopped) {
      cp.shards[shardId] = 'closed'
      save(cp)
    }
  }

  const run = async () => {
    const table = await ddb.send(new DescribeTableCommand({ TableName: opts.tableName }))
    const streamArn = table.Table?.LatestStreamArn
    if (!streamArn) throw new Error(`table ${opts.tableName} has no stream`)
    const cp = load(streamArn)
    const reading = new Map<string, Promise<void>>()
    while (!stopped) {
      const d = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))
      for (const shard of d.StreamDescription?.Shards ?? []) {
        const id = shard.ShardId!
        if (reading.has(id) || cp.shards[id] === 'closed') continue
        // A child shard waits for its parent to be read to the end (order per key).
        if (shard.ParentShardId && reading.has(shard.ParentShardId)) continue
        reading.set(
          id,
          readShard(cp, id)
            .catch((e) => log(`stream shard ${id}: ${(e as Error).message}`))
            .finally(() => reading.delete(id)),
        )
      }
      // New shards are rare (DynamoDB Local never rolls one over): look again every few seconds.
      for (let waited = 0; waited < 5_000 && !stopped; waited += 100) await sleep(100)
    }
    await Promise.all(reading.values())
  }

  const running = run().catch((e) => log(`stream reader stopped: ${(e as Error).message}`))
  return {
    /** Resolves once the reader has nothing left to read (for tests). */
    idle: () => new Promise<void>((resolve) => waiters.push(resolve)),
    stop: async () => {
      stopped = true
      await running
      ddb.destroy()
      streams.destroy()
      for (const w of waiters.splice(0)) w()
      waiters = []
    },
  }
}
