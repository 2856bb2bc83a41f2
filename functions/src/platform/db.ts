import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { config } from './config'

export interface Db {
  client: DynamoDBDocumentClient
  tableName: string
}

let cached: Db | undefined

export const makeDb = (opts: { tableName: string; endpoint?: string; region?: string }): Db => {
  const raw = new DynamoDBClient({
    region: opts.region ?? 'cn-north-1',
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  })
  const client = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  })
  return { client, tableName: opts.tableName }
}

/** The container's shared client, built from config on first use. */
export const db = (): Db => {
  if (!cached) {
    const c = config()
    cached = makeDb({ tableName: c.tableName, endpoint: c.dynamoEndpoint, region: c.region })
  }
  return cached
}

/** The per-item cancellation reasons of a failed transaction (empty when it is another error). */
export const cancellationReasons = (e: unknown): string[] => {
  if (e instanceof TransactionCanceledException || (e as { name?: string })?.name === 'TransactionCanceledException') {
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
    return reasons.map((r) => r.Code ?? 'None')
  }
  return []
}

export const isConditionFailure = (e: unknown): boolean =>
  (e as { name?: string })?.name === 'ConditionalCheckFailedException'

/** Transaction conflicts and throttles are retryable; condition failures are answers. */
export const isRetryableTxError = (e: unknown): boolean => {
  const reasons = cancellationReasons(e)
  if (reasons.length > 0) return reasons.some((r) => r === 'TransactionConflict' || r === 'ThrottlingError')
  const name = (e as { name?: string })?.name
  return name === 'TransactionConflictException' || name === 'TransactionInProgressException'
}
