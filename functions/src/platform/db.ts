import { writeFileSync } from 'node:fs'
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb'
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { baseConfig } from './config'

export interface Db {
  client: DynamoDBDocumentClient
  tableName: string
}

let cached: Db | undefined

export const makeDb = (opts: { tableName: string; endpoint?: string; region?: string }): Db => {
  const raw = new DynamoDBClient({
    region: opts.region ?? 'cn-north-1',
    ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 3,
  })
  if (process.env.HUIYUAN_WRITE_STATS_FILE) countWrites(raw, process.env.HUIYUAN_WRITE_STATS_FILE)
  const client = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  })
  return { client, tableName: opts.tableName }
}

/** The container's shared client, built from config on first use (no secrets needed). */
export const db = (): Db => {
  if (!cached) {
    const c = baseConfig()
    cached = makeDb({ tableName: c.tableName, endpoint: c.dynamoEndpoint, region: c.region })
  }
  return cached
}

export type ItemKey = { PK: string; SK: string }
const keyString = (k: { PK: unknown; SK: unknown }) => `${String(k.PK)}\u0000${String(k.SK)}`

/**
 * Reads several items of different areas in one round trip (strongly consistent BatchGet):
 * each area gives its key and parses its own item. Returns the items in the order of `keys`
 * (undefined where there is none).
 */
export async function readItems(db: Db, keys: ItemKey[]): Promise<Array<Record<string, unknown> | undefined>> {
  if (keys.length === 0) return []
  if (keys.length > 100) throw new Error('readItems reads at most 100 items')
  const unique = [...new Map(keys.map((k) => [keyString(k), { PK: k.PK, SK: k.SK }])).values()]
  const found = new Map<string, Record<string, unknown>>()
  let request: Record<string, { Keys: ItemKey[]; ConsistentRead: boolean }> | undefined = {
    [db.tableName]: { Keys: unique, ConsistentRead: true },
  }
  for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** attempt, 500)))
    const out = await db.client.send(new BatchGetCommand({ RequestItems: request }))
    for (const item of out.Responses?.[db.tableName] ?? []) found.set(keyString(item as ItemKey), item)
    request = out.UnprocessedKeys as typeof request
  }
  return keys.map((k) => found.get(keyString(k)))
}

/**
 * Every item of one partition of the table or an index, all pages (jobs and scripts; lists
 * page instead): the table's partition can be narrowed to a sort-key prefix and read consistently.
 */
export async function queryPartition(
  db: Db,
  pk: string,
  opts: 'GSI1' | 'GSI2' | { beginsWith?: string; consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const index = typeof opts === 'string' ? opts : undefined
  const { beginsWith, consistent } = typeof opts === 'string' ? {} : opts
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: `${index ? `${index}PK` : 'PK'} = :pk${beginsWith ? ' AND begins_with(SK, :sk)' : ''}`,
        ExpressionAttributeValues: { ':pk': pk, ...(beginsWith ? { ':sk': beginsWith } : {}) },
        ...(consistent ? { ConsistentRead: true } : {}),
        ExclusiveStartKey,
      }),
    )
    items.push(...(out.Items ?? []))
    ExclusiveStartKey = out.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
}

/**
 * Moves an item's `status` from one of `from` to `to`, setting `fields` with it (and bumping
 * its version, removing attributes, when asked): true if this call moved it, false when it was
 * not in `from` — the condition makes a move happen once however many racers try.
 */
export async function moveStatus(
  db: Db,
  Key: ItemKey,
  move: { from: readonly string[]; to: string; fields?: Record<string, unknown>; bumpVersion?: boolean; remove?: readonly string[] },
): Promise<boolean> {
  const set = setClauses(move.fields ?? {})
  const froms = Object.fromEntries(move.from.map((f, i) => [`:from${i}`, f]))
  const update = [
    `SET ${['#status = :to', ...set.clauses].join(', ')}`,
    ...(move.bumpVersion ? ['ADD version :one'] : []),
    ...(move.remove?.length ? [`REMOVE ${move.remove.join(', ')}`] : []),
  ]
  return db.client
    .send(
      new UpdateCommand({
        TableName: db.tableName,
        Key,
        UpdateExpression: update.join(' '),
        ConditionExpression: `#status IN (${Object.keys(froms).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status', ...set.names },
        ExpressionAttributeValues: { ':to': move.to, ...froms, ...set.values, ...(move.bumpVersion ? { ':one': 1 } : {}) },
      }),
    )
    .then(() => true, falseIfConditionFailed)
}

/**
 * `SET` clauses for the defined fields of `fields` (undefined ones are left alone), with
 * placeholder names and values, for an UpdateItem whose fields vary with the request.
 */
export function setClauses(fields: Record<string, unknown>): {
  clauses: string[]
  names: Record<string, string>
  values: Record<string, unknown>
} {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const clauses = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => {
      names[`#f${i}`] = k
      values[`:v${i}`] = v
      return `#f${i} = :v${i}`
    })
  return { clauses, names, values }
}

/** The per-item cancellation reasons of a failed transaction (empty when it is another error). */
export const cancellationReasons = (e: unknown): string[] => {
  if (e instanceof TransactionCanceledException || (e as { name?: string })?.name === 'TransactionCanceledException') {
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
    return reasons.map((r) => r.Code ?? 'None')
  }
  return []
}

export const isConditionFailure = (e: unknown): boolean => (e as { name?: string })?.name === 'ConditionalCheckFailedException'

/**
 * For writes whose condition guards idempotency (`.then(() => true, falseIfConditionFailed)`):
 * a failed condition means "already done" → false; anything else is rethrown.
 */
export const falseIfConditionFailed = (e: unknown): false => {
  if (isConditionFailure(e) || cancellationReasons(e).includes('ConditionalCheckFailed')) return false
  throw e
}

/** Transaction conflicts and throttles are retryable; condition failures are answers. */
export const isRetryableTxError = (e: unknown): boolean => {
  const reasons = cancellationReasons(e)
  if (reasons.length > 0) return reasons.some((r) => r === 'TransactionConflict' || r === 'ThrottlingError')
  const name = (e as { name?: string })?.name
  return name === 'TransactionConflictException' || name === 'TransactionInProgressException'
}

/**
 * Benchmarks only (HUIYUAN_WRITE_STATS_FILE): counts attempted writes per partition key,
 * failed conditional writes included, and keeps the totals in a JSON file.
 */
const writeStats = new Map<string, number>()
let statsTimer: NodeJS.Timeout | undefined
function countWrites(raw: DynamoDBClient, file: string): void {
  const pkOf = (x: Record<string, unknown> | undefined): string => {
    const pk = x?.PK as { S?: string } | string | undefined
    return typeof pk === 'string' ? pk : (pk?.S ?? '?')
  }
  const add = (pk: string) => writeStats.set(pk, (writeStats.get(pk) ?? 0) + 1)
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      type Keyed = { Item?: Record<string, unknown>; Key?: Record<string, unknown> }
      const input = args.input as Keyed & { TransactItems?: Array<Partial<Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', Keyed>>> }
      const name = (context as { commandName?: string }).commandName
      if (name === 'PutItemCommand') add(pkOf(input.Item))
      else if (name === 'UpdateItemCommand' || name === 'DeleteItemCommand') add(pkOf(input.Key))
      else if (name === 'TransactWriteItemsCommand') {
        for (const item of input.TransactItems ?? [])
          add(pkOf(item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key))
      }
      if (!statsTimer) {
        statsTimer = setTimeout(() => {
          statsTimer = undefined
          writeFileSync(file, JSON.stringify(Object.fromEntries(writeStats)))
        }, 200)
      }
      return next(args)
    },
    { step: 'initialize', name: 'huiyuanWriteStats' },
  )
}
