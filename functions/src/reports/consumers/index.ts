/**
 * The report aggregates' stream consumer Lambda: the table's DynamoDB Stream (INSERTs of
 * domain events) → the aggregates, with partial batch failures — a reader of its own beside
 * the `events` function. Locally scripts/consumers.ts feeds it from DynamoDB Local's stream.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'
import { loadSecrets } from '../../platform/secrets'
import { core, reportsDispatcherOf } from '../../platform/wiring'

export const handler = async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
  await loadSecrets()
  return reportsDispatcherOf(core()).handler(event, context)
}
