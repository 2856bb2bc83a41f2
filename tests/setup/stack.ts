import os from 'node:os'
import path from 'node:path'
import { ROOT, ensureTable, log, startApi, startConsumers, startDynamo, type Started } from '../../scripts/lib/stack'
import { seedIfEmpty } from '../../scripts/lib/seed'
import { buildMiniprogram } from '../../scripts/lib/h5'
import { serveH5 } from '../../scripts/lib/static'
import { buildConsole } from '../../scripts/lib/console'

declare global {
  var __huiyuanStack: Started[] | undefined
}

/** Test ports differ from `npm start`'s so tests run while the dev stack is up. */
const PORTS = {
  dynamo: Number(process.env.HUIYUAN_TEST_DYNAMO_PORT ?? 8100),
  /** The integration tests' own tables live in a second DynamoDB Local (see below). */
  tables: Number(process.env.HUIYUAN_TEST_TABLES_PORT ?? 8101),
  api: Number(process.env.HUIYUAN_TEST_API_PORT ?? 3100),
  lambda: Number(process.env.HUIYUAN_TEST_LAMBDA_PORT ?? 3102),
  /** The work queue's SQS server (in the consumers' process); both API processes send to it. */
  queue: Number(process.env.HUIYUAN_TEST_QUEUE_PORT ?? 8102),
  /** The WeChat stub (in the consumers' process) that subscription messages are sent to. */
  wechat: Number(process.env.HUIYUAN_TEST_WECHAT_PORT ?? 8103),
  h5: Number(process.env.HUIYUAN_TEST_H5_PORT ?? 10186),
  console: Number(process.env.HUIYUAN_TEST_CONSOLE_PORT ?? 10187),
}
/** The second API process (races across processes): the first's ports + 10. */
const API2 = { api: PORTS.api + 10, lambda: PORTS.lambda + 10 }

/**
 * The test stack: DynamoDB Local in memory, the table and demo data, the event consumers
 * on the table's stream, two API processes (serverless-offline) over the same table — the
 * race tests send requests to both, as on AWS many Lambda containers run at once — and the
 * H5 build and the console served with /v1 proxied.
 */
export async function startTestStack(): Promise<void> {
  const mode = process.env.HUIYUAN_TEST_STACK ?? 'full'
  if (mode === 'none') return
  process.stdout.write('\n')
  const started: Started[] = []
  globalThis.__huiyuanStack = started
  const t0 = Date.now()
  // Two DynamoDB Local processes: the stack's table, and the integration tests' fresh tables.
  // DynamoDB Local slows down sharply (10× and worse) on writes to a stream-enabled table
  // once another stream-enabled table in the same process holds many stream records, so
  // the heavy suites on one side must not slow the other down.
  const [db, tablesDb] = await Promise.all([
    startDynamo({ port: PORTS.dynamo, quiet: true }),
    startDynamo({ port: PORTS.tables, quiet: true }),
  ])
  started.push(db, tablesDb)
  process.env.HUIYUAN_TEST_TABLES_ENDPOINT = `http://127.0.0.1:${PORTS.tables}`
  const tableName = await ensureTable(PORTS.dynamo)
  await seedIfEmpty({ dynamoPort: PORTS.dynamo, tableName })
  process.env.DYNAMO_PORT = String(PORTS.dynamo)
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${PORTS.dynamo}`
  process.env.GATEWAY_TABLE = tableName
  // Consumers a test starts itself serve their work queue on any free port, never a stack's.
  process.env.HUIYUAN_QUEUE_PORT = '0'
  process.env.HUIYUAN_WECHAT_PORT = '0'
  log(`DynamoDB Local ready on :${PORTS.dynamo} and :${PORTS.tables} (${Date.now() - t0} ms)`)
  if (mode === 'db') return

  const checkpointFile = path.join(os.tmpdir(), `huiyuan-test-stream-${PORTS.dynamo}-${process.pid}.json`)
  const ports = (p: { api: number; lambda: number }) => ({
    apiPort: p.api,
    lambdaPort: p.lambda,
    dynamoPort: PORTS.dynamo,
    queuePort: PORTS.queue,
  })
  const [api, api2, consumers] = await Promise.all([
    // Each API process bundles into its own folder, so stacks on other ports can run beside this one.
    startApi({ ...ports(PORTS), quiet: true, esbuildDir: `.esbuild-${PORTS.api}` }),
    // The second process counts every segment preview by a job (the path of a large program).
    startApi({ ...ports(API2), quiet: true, esbuildDir: `.esbuild-${API2.api}`, env: { HUIYUAN_SEGMENT_INLINE_MAX: '0' } }),
    startConsumers({
      dynamoPort: PORTS.dynamo,
      queuePort: PORTS.queue,
      wechatPort: PORTS.wechat,
      tableName,
      checkpointFile,
      logFile: path.join(ROOT, 'test-artifacts/consumers.log'),
    }),
    Promise.resolve().then(() => {
      if (process.env.HUIYUAN_TEST_SKIP_H5 !== '1') buildMiniprogram('h5')
      if (process.env.HUIYUAN_TEST_SKIP_CONSOLE !== '1') buildConsole({ devSignIn: true })
    }),
  ])
  started.push(api, api2, consumers)
  process.env.API_URL = `http://127.0.0.1:${PORTS.api}`
  process.env.WECHAT_STUB_URL = `http://127.0.0.1:${PORTS.wechat}`
  process.env.API_URLS = [process.env.API_URL, `http://127.0.0.1:${API2.api}`].join(',')
  log(`API ready on ${process.env.API_URLS}; event consumers reading the stream`)
  if (process.env.HUIYUAN_TEST_SKIP_H5 !== '1') {
    started.push(await serveH5({ port: PORTS.h5, root: path.join(ROOT, 'miniprogram/dist/h5'), apiUrl: process.env.API_URL }))
    process.env.H5_URL = `http://127.0.0.1:${PORTS.h5}`
    log(`H5 app served on ${process.env.H5_URL}`)
  }
  if (process.env.HUIYUAN_TEST_SKIP_CONSOLE !== '1') {
    started.push(await serveH5({ port: PORTS.console, root: path.join(ROOT, 'console/dist'), apiUrl: process.env.API_URL }))
    process.env.CONSOLE_URL = `http://127.0.0.1:${PORTS.console}`
    log(`console served on ${process.env.CONSOLE_URL}`)
  }
}
