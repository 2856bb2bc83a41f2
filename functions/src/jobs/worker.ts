/**
 * The work queue's Lambda: SQS batches of work messages → their handlers, with partial
 * batch failures (platform/queue/work.ts). Locally the same handler is fed from the local
 * queue server by scripts/consumers.ts.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda'
import { loadSecrets } from '../platform/secrets'
import { core, workDispatcherOf } from '../platform/wiring'

export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  await loadSecrets()
  return workDispatcherOf(core()).handler(event, context)
}
