/**
 * Integration tests: each test file gets its own fresh table in the test tables' DynamoDB
 * Local (a process of its own beside the stack's; the global setup starts both).
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { randomUUID } from 'node:crypto'
import { makeDb, type Db } from '../platform/db'

const table = require('../../../infra/table.cjs') as {
  createTableInput: (name: string) => ConstructorParameters<typeof CreateTableCommand>[0]
}

/** Where the integration tests' tables live. */
export function testTablesEndpoint(): string {
  const endpoint = process.env.HUIYUAN_TEST_TABLES_ENDPOINT
  if (!endpoint)
    throw new Error(
      'HUIYUAN_TEST_TABLES_ENDPOINT is not set: run integration tests through `npm test` (the global setup starts DynamoDB Local)',
    )
  return endpoint
}

/**
 * A new, empty table. Its stream is on only for tests that read it (`stream: true`, with
 * `startConsumers`): DynamoDB Local gets much slower on stream-enabled tables as stream
 * records pile up, and most suites never read theirs.
 */
export async function freshTable(prefix: string, opts: { stream?: boolean } = {}): Promise<Db> {
  const endpoint = testTablesEndpoint()
  const name = `test-${prefix}-${randomUUID().slice(0, 8)}`
  const input = table.createTableInput(name)
  if (!opts.stream) delete input.StreamSpecification
  const client = new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
  await client.send(new CreateTableCommand(input))
  client.destroy()
  return makeDb({ tableName: name, endpoint })
}
