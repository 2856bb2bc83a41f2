/** Integration tests: each test file gets its own fresh table in the shared DynamoDB Local. */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { randomUUID } from 'node:crypto'
import { makeDb, type Db } from '../platform/db'

const table = require('../../../infra/table.cjs') as {
  createTableInput: (name: string) => ConstructorParameters<typeof CreateTableCommand>[0]
}

export async function freshTable(prefix: string): Promise<Db> {
  const endpoint = process.env.DYNAMODB_ENDPOINT
  if (!endpoint)
    throw new Error('DYNAMODB_ENDPOINT is not set: run integration tests through `npm test` (the global setup starts DynamoDB Local)')
  const name = `test-${prefix}-${randomUUID().slice(0, 8)}`
  const client = new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
  await client.send(new CreateTableCommand(table.createTableInput(name)))
  client.destroy()
  return makeDb({ tableName: name, endpoint })
}
