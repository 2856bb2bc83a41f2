/**
 * The stream consumer Lambda: the table's DynamoDB Stream (INSERTs of domain events) → the
 * subscribers of each event type, with partial batch failures. Locally the same handler is
 * fed from DynamoDB Local's stream by scripts/consumers.ts.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'
import { loadSecrets } from '../secrets'
import { core, dispatcherOf } from '../wiring'

export const handler = async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
  await loadSecrets()
  return dispatcherOf(core()).handler(event, context)
}
