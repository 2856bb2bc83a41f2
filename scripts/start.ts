/**
 * `npm start`: the whole system on this machine — DynamoDB Local (data kept in
 * .huiyuan/dynamodb), the table, demo data, the API (serverless-offline), the H5 app and the
 * marketers' console.
 * Ctrl-C stops everything it started. Ports: HUIYUAN_API_PORT (3000), HUIYUAN_H5_PORT
 * (10086), HUIYUAN_CONSOLE_PORT (10087), HUIYUAN_DYNAMO_PORT (8000), HUIYUAN_LAMBDA_PORT (3002),
 * HUIYUAN_QUEUE_PORT (9324, the work queue), HUIYUAN_WECHAT_PORT (9325, the WeChat stub).
 */
import path from 'node:path'
import { ROOT, ensureTable, log, startApi, startConsumers, startDynamo, type Started } from './lib/stack'
import { migrate } from './lib/migrate'
import { seedIfEmpty, DEMO_STORES } from './lib/seed'
import { buildMiniprogram } from './lib/h5'
import { serveH5 } from './lib/static'
import { buildConsole } from './lib/console'

const port = (name: string, dflt: number) => Number(process.env[name] ?? dflt)

async function main() {
  // The local stack is stage local (the API is started with `--stage local` too).
  process.env.STAGE = 'local'
  const dynamoPort = port('HUIYUAN_DYNAMO_PORT', 8000)
  const apiPort = port('HUIYUAN_API_PORT', 3000)
  const lambdaPort = port('HUIYUAN_LAMBDA_PORT', 3002)
  const h5Port = port('HUIYUAN_H5_PORT', 10086)
  const consolePort = port('HUIYUAN_CONSOLE_PORT', 10087)
  const queuePort = port('HUIYUAN_QUEUE_PORT', 9324)
  const wechatPort = port('HUIYUAN_WECHAT_PORT', 9325)
  const started: Started[] = []
  let stopping = false
  const stopAll = async (code: number) => {
    if (stopping) return
    stopping = true
    log('stopping…')
    for (const s of started.reverse()) await s.stop().catch(() => undefined)
    process.exit(code)
  }
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  try {
    log(`starting DynamoDB Local on :${dynamoPort} (data in .huiyuan/dynamodb)…`)
    started.push(await startDynamo({ port: dynamoPort, dbPath: path.join(ROOT, '.huiyuan/dynamodb') }))
    const tableName = await ensureTable(dynamoPort)
    log(`table ${tableName} ready`)
    const migrated = await migrate({ dynamoPort, tableName })
    if (migrated.members > 0) log(`migrated ${migrated.members} members to accounts and tier states`)
    log('demo data…')
    if (await seedIfEmpty({ dynamoPort, tableName, demoMembers: true }))
      log('seeded the demo program: 3 stores, tiers 普卡/银卡/金卡, check-in rules, coupons, 120 members with a year of purchases')
    else log('demo data already present')

    log(`starting the API (serverless offline) on :${apiPort} and the event consumers…`)
    const [api, consumers] = await Promise.all([
      startApi({ apiPort, lambdaPort, dynamoPort, queuePort, quiet: true }),
      startConsumers({
        dynamoPort,
        queuePort,
        wechatPort,
        tableName,
        checkpointFile: path.join(ROOT, '.huiyuan/stream-checkpoint.json'),
      }),
    ])
    started.push(api, consumers)
    const h5Root = buildMiniprogram('h5')
    started.push(await serveH5({ port: h5Port, root: h5Root, apiUrl: `http://127.0.0.1:${apiPort}` }))
    const consoleRoot = buildConsole({ devSignIn: true })
    started.push(await serveH5({ port: consolePort, root: consoleRoot, apiUrl: `http://127.0.0.1:${apiPort}` }))

    const h5 = `http://127.0.0.1:${h5Port}`
    const store = DEMO_STORES[0]!
    const lines = [
      '',
      '  汇元 Huiyuan is running',
      '',
      `  API            http://127.0.0.1:${apiPort}/v1/health`,
      `  OpenAPI        http://127.0.0.1:${apiPort}/v1/openapi.json`,
      `  H5 app         ${h5}/`,
      `  Console        http://127.0.0.1:${consolePort}/   (sign in: scan with the app's staff entry, or 本地开发登录 as 管理员/市场运营/店长)`,
      `  Join link      ${h5}/#/pages/join/index?scene=${encodeURIComponent(`s=${store.storeId}`)}   (scan of ${store.name}'s QR code)`,
      `  DynamoDB Local http://127.0.0.1:${dynamoPort}  (table huiyuan-local)`,
      "  Events         the consumers read the table's stream (welcome pack, coupon return on refunds, notices, member features, report counters)",
      `  Work queue     http://127.0.0.1:${queuePort}  (local SQS; its poller runs the work handlers)`,
      `  WeChat stub    http://127.0.0.1:${wechatPort}/  (subscription messages land here, not on WeChat)`,
      '',
      '  Press Ctrl-C to stop.',
      '',
    ]
    process.stdout.write(`${lines.join('\n')}\n`)
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`)
    await stopAll(1)
  }
}

void main()
