import path from 'node:path'
import { ROOT, ensureTable, log, startApi, startDynamo, type Started } from '../../scripts/lib/stack'
import { seedIfEmpty } from '../../scripts/lib/seed'
import { buildMiniprogram } from '../../scripts/lib/h5'
import { serveH5 } from '../../scripts/lib/static'

declare global {
  var __huiyuanStack: Started[] | undefined
}

/** Test ports differ from `npm start`'s so tests run while the dev stack is up. */
const PORTS = {
  dynamo: Number(process.env.HUIYUAN_TEST_DYNAMO_PORT ?? 8100),
  api: Number(process.env.HUIYUAN_TEST_API_PORT ?? 3100),
  lambda: Number(process.env.HUIYUAN_TEST_LAMBDA_PORT ?? 3102),
  h5: Number(process.env.HUIYUAN_TEST_H5_PORT ?? 10186),
}

export async function startTestStack(): Promise<void> {
  const mode = process.env.HUIYUAN_TEST_STACK ?? 'full'
  if (mode === 'none') return
  process.stdout.write('\n')
  const started: Started[] = []
  globalThis.__huiyuanStack = started
  const t0 = Date.now()
  started.push(await startDynamo({ port: PORTS.dynamo, quiet: true }))
  const tableName = await ensureTable(PORTS.dynamo)
  await seedIfEmpty({ dynamoPort: PORTS.dynamo, tableName })
  process.env.DYNAMO_PORT = String(PORTS.dynamo)
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${PORTS.dynamo}`
  process.env.GATEWAY_TABLE = tableName
  log(`DynamoDB Local ready on :${PORTS.dynamo} (${Date.now() - t0} ms)`)
  if (mode === 'db') return

  const [api] = await Promise.all([
    startApi({ apiPort: PORTS.api, lambdaPort: PORTS.lambda, dynamoPort: PORTS.dynamo, quiet: true }),
    Promise.resolve().then(() => {
      if (process.env.HUIYUAN_TEST_SKIP_H5 !== '1') buildMiniprogram('h5')
    }),
  ])
  started.push(api)
  process.env.API_URL = `http://127.0.0.1:${PORTS.api}`
  log(`API ready on ${process.env.API_URL}`)
  if (process.env.HUIYUAN_TEST_SKIP_H5 !== '1') {
    started.push(await serveH5({ port: PORTS.h5, root: path.join(ROOT, 'miniprogram/dist/h5'), apiUrl: process.env.API_URL }))
    process.env.H5_URL = `http://127.0.0.1:${PORTS.h5}`
    log(`H5 app served on ${process.env.H5_URL}`)
  }
}
