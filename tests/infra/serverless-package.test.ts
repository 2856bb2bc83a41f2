/**
 * `serverless package` runs offline and writes the CloudFormation template: it must hold
 * the table with its GSIs (from infra/table.cjs), the KMS keys and one function per route
 * group, each with a role of its own that allows only what the function does. The prod
 * bundles carry no development sign-in and no secret from the repository; the stage is
 * always named. Prints each Lambda bundle's size.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { routes } from '@huiyuan/shared/routes'
import { LOCAL_DEFAULTS } from '../../functions/src/platform/localDev'
import { PACKAGE_ORIGINS, packageFunctions, serverless } from '../../scripts/lib/package'

const ROOT = path.resolve(__dirname, '../..')
const OUT = path.join(ROOT, '.serverless-test-package')

type Resource = { Type: string; Properties: any; DependsOn?: unknown }
type Statement = { Effect: string; Action: string[]; Resource: unknown[]; Condition?: unknown }

/** The JavaScript of every function's zip, by function name. */
const bundles = (dir: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.zip'))
      .map((z) => [
        z.replace(/\.zip$/, ''),
        execFileSync('unzip', ['-p', path.join(dir, z), '*.js'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8'),
      ]),
  )

/** What only the development sign-in and the development secrets contain. */
const DEV_ONLY = [...Object.values(LOCAL_DEFAULTS), 'Locally, sign in with a dev:<name> code', 'Locally, phone codes look like dev:']

const READ = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']
const WRITE = [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem']
const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']
const SECRETS = ['ssm:GetParametersByPath']
/** Sends to the work queue (starts or continues a fanned-out job). */
const QUEUE = ['sqs:SendMessage']

/** A reader of the table's stream: its writes, the stream, and the dead-letter queue. */
const STREAM_CONSUMER = [
  ...LOGS,
  ...WRITE,
  ...SECRETS,
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
  'sqs:SendMessage',
]

/** Every action each function's role allows (and nothing else). */
const EXPECTED_ACTIONS: Record<string, string[]> = {
  platform: [...LOGS, 'dynamodb:Query'],
  auth: [...LOGS, ...WRITE, ...SECRETS],
  members: [...LOGS, ...WRITE, 'dynamodb:DeleteItem', ...SECRETS, 'kms:Decrypt', 'kms:GenerateDataKey'],
  checkins: [...LOGS, ...WRITE, ...SECRETS],
  points: [...LOGS, ...WRITE, ...SECRETS],
  staff: [...LOGS, ...WRITE, ...SECRETS, 'kms:Decrypt', 'kms:GenerateDataKey'],
  admin: [...LOGS, ...WRITE, ...SECRETS, 'kms:Decrypt', 'kms:GenerateDataKey'],
  marketing: [...LOGS, ...WRITE, 'dynamodb:DeleteItem', ...SECRETS, ...QUEUE],
  coupons: [...LOGS, ...WRITE, ...SECRETS],
  reports: [...LOGS, ...READ, ...SECRETS],
  reportEvents: [...STREAM_CONSUMER, 'dynamodb:DeleteItem'],
  events: STREAM_CONSUMER,
  expirePoints: [...LOGS, ...WRITE, ...SECRETS],
  couponsDaily: [...LOGS, ...WRITE, ...SECRETS],
  reviewTiers: [...LOGS, ...WRITE, ...SECRETS],
  refreshRfm: [...LOGS, ...WRITE, ...SECRETS, ...QUEUE],
  campaignsDue: [...LOGS, ...WRITE, ...SECRETS, ...QUEUE],
  automationsDaily: [...LOGS, ...WRITE, ...SECRETS, ...QUEUE],
  // The work queue's consumer: what its event source mapping needs, and continuations.
  work: [...LOGS, ...WRITE, ...SECRETS, ...QUEUE, 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
}

/**
 * Where function code deletes, batch-writes or scans, and which functions run that code (their
 * roles, and theirs only, allow it). New code of that kind needs its action granted to the
 * function that runs it (infra/roles.cjs) and a line here.
 */
const DESTRUCTIVE_CODE: Record<string, { action: string; functions: string[] }> = {
  // Erasure (DELETE /v1/me, the members function) deletes the card-number item.
  'functions/src/members/repository.ts: Delete: {': { action: 'dynamodb:DeleteItem', functions: ['members'] },
  // Erasure's event deletes the member's features (the analytics reader); a marketer deletes a segment.
  'functions/src/segments/repository.ts: Delete: {': { action: 'dynamodb:DeleteItem', functions: ['reportEvents', 'marketing'] },
  // Erasure deletes a status match's partner card and photo (the members function).
  'functions/src/statusMatch/repository.ts: Delete: {': { action: 'dynamodb:DeleteItem', functions: ['members'] },
}

/** Every .ts file under `dir` but the tests. */
const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : []
  })

describe('serverless package (stage prod, offline)', () => {
  let template: { Resources: Record<string, Resource> }
  let prod: Record<string, string>
  let functions: Array<[string, Resource]>

  beforeAll(() => {
    packageFunctions(OUT)
    template = JSON.parse(fs.readFileSync(path.join(OUT, 'cloudformation-template-update-stack.json'), 'utf8'))
    prod = bundles(OUT)
    functions = Object.entries(template.Resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([, r]) => [String(r.Properties.FunctionName).replace(/^huiyuan-prod-/, ''), r])
  }, 300_000)

  afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }))

  it('contains the table exactly as infra/table.cjs defines it', () => {
    const def = require('../../infra/table.cjs').cloudFormationProperties('prod')
    const table = template.Resources.MainTable!
    expect(table.Type).toBe('AWS::DynamoDB::Table')
    expect(table.Properties).toEqual(def)
    expect(table.Properties.TableName).toBe('huiyuan-prod')
    expect(table.Properties.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName)).toEqual(['GSI1', 'GSI2'])
    expect(template.Resources.PersonalDataKey?.Type).toBe('AWS::KMS::Key')
  })

  it('feeds domain events from the table stream to the events function with partial batch failures, bisect, bounded retries and an alarmed DLQ', () => {
    const mappings = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping')
    const stream = mappings.find((m) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'))!
    expect(stream.Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      StartingPosition: 'TRIM_HORIZON',
    })
    expect(JSON.stringify(stream.Properties.DestinationConfig.OnFailure)).toContain('EventsDeadLetterQueue')
    expect(JSON.stringify(stream.Properties.FilterCriteria)).toContain('DomainEvent')
    expect(template.Resources.EventsDeadLetterQueue?.Type).toBe('AWS::SQS::Queue')
    expect(template.Resources.EventsDeadLetterAlarm?.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible')
    expect(template.Resources.MainTable!.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' })
  })

  it('feeds the work queue to the work function with partial batch failures, bounded concurrency, and an alarmed DLQ after 5 receives', () => {
    const mappings = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping')
    const work = mappings.find((m) => JSON.stringify(m.Properties.EventSourceArn).includes('WorkQueue'))!
    expect(work.Properties).toMatchObject({
      FunctionName: { 'Fn::GetAtt': ['WorkLambdaFunction', 'Arn'] },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 20 },
    })
    const queue = template.Resources.WorkQueue!
    expect(queue.Type).toBe('AWS::SQS::Queue')
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true)
    expect(queue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'] },
      maxReceiveCount: 5,
    })
    // Lambda's advice for SQS sources: a visibility timeout of at least 6 × the function's timeout.
    const worker = functions.find(([name]) => name === 'work')![1]
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker.Properties.Timeout)
    expect(template.Resources.WorkDeadLetterQueue?.Properties.SqsManagedSseEnabled).toBe(true)
    const alarm = template.Resources.WorkDeadLetterAlarm!
    expect(alarm.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible')
    expect(JSON.stringify(alarm.Properties.Dimensions)).toContain('WorkDeadLetterQueue')
  })

  it('has one function per route group, each with its routes, and prints bundle sizes', () => {
    const names = functions.map(([, r]) => r.Properties.FunctionName).sort()
    expect(names).toEqual(
      expect.arrayContaining([
        'huiyuan-prod-admin',
        'huiyuan-prod-auth',
        'huiyuan-prod-checkins',
        'huiyuan-prod-members',
        'huiyuan-prod-platform',
        'huiyuan-prod-points',
        'huiyuan-prod-staff',
        'huiyuan-prod-coupons',
        'huiyuan-prod-expirePoints',
        'huiyuan-prod-couponsDaily',
        'huiyuan-prod-reviewTiers',
        'huiyuan-prod-events',
        'huiyuan-prod-work',
        'huiyuan-prod-marketing',
        'huiyuan-prod-refreshRfm',
        'huiyuan-prod-campaignsDue',
        'huiyuan-prod-automationsDaily',
      ]),
    )
    for (const [, r] of functions) expect(r.Properties.Runtime).toBe('nodejs22.x')
    const routeKeys = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey)
    expect(routeKeys).toEqual(expect.arrayContaining(['GET /v1/health', 'POST /v1/members', 'POST /v1/me/checkins']))
    const schedules = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Events::Rule')
    expect(schedules.map((r) => r.Properties.ScheduleExpression).sort()).toEqual([
      'cron(0 18 * * ? *)',
      'cron(0 2 * * ? *)',
      'cron(10 16 * * ? *)',
      'cron(20 16 * * ? *)',
      'cron(30 16 31 12 ? *)',
      'rate(5 minutes)',
    ])
    expect(schedules.every((r) => r.Properties.State === 'ENABLED')).toBe(true)
    const zips = fs.readdirSync(OUT).filter((f) => f.endsWith('.zip'))
    expect(zips.length).toBe(functions.length)
    const lines = zips.map((z) => `  ${z.padEnd(20)} ${(fs.statSync(path.join(OUT, z)).size / 1024).toFixed(1)} KB zipped`)
    console.log(`Lambda bundles:\n${lines.join('\n')}`)
    for (const z of zips) expect(fs.statSync(path.join(OUT, z)).size).toBeLessThan(5 * 1024 * 1024)
  })

  describe('stage', () => {
    it('every function runs on stage prod, with SSM secrets and KMS keys, and no development sign-in or repository secret in its bundle', () => {
      expect(Object.keys(prod).sort()).toEqual(functions.map(([name]) => name).sort())
      for (const [name, r] of functions) {
        const env = r.Properties.Environment.Variables
        expect(env).toMatchObject({
          STAGE: 'prod',
          TABLE_NAME: 'huiyuan-prod',
          DYNAMODB_ENDPOINT: 'none',
          PHONE_KMS_KEY_ID: 'alias/huiyuan-prod-personal-data',
          POS_KMS_KEY_ID: 'alias/huiyuan-prod-pos-secrets',
          WORK_QUEUE_URL: { Ref: 'WorkQueue' },
        })
        expect(env.SECRETS_SSM_PATH).toBe(name === 'platform' ? 'none' : '/huiyuan/prod/')
        const js = prod[name]!
        expect(js.length).toBeGreaterThan(10_000)
        for (const s of DEV_ONLY) expect({ name, leaks: js.includes(s) ? s : null }).toEqual({ name, leaks: null })
        // The build flag was folded away, not left for the runtime to decide.
        expect(js).not.toContain('HUIYUAN_LOCAL_DEV')
      }
    })

    it('the same check finds them in the stage local bundles (so its absence above means something)', () => {
      const outLocal = packageFunctions(undefined, { stage: 'local' })
      try {
        const local = bundles(outLocal)
        for (const s of DEV_ONLY) expect(local.auth).toContain(s)
        expect(local.members).toContain(LOCAL_DEFAULTS.TOKEN_SECRET)
      } finally {
        fs.rmSync(outLocal, { recursive: true, force: true })
      }
    }, 300_000)

    it('cannot be packaged without a stage: serverless.yml has no default', () => {
      const yml = fs.readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')
      expect(yml).toMatch(/^ {2}stage: \$\{opt:stage\}\s*$/m)
      const r = serverless(['package', '--package', path.join(OUT, 'no-stage')])
      expect(r.status).not.toBe(0)
      expect(r.output).toContain('Cannot resolve variable at "provider.stage"')
    })

    it('cannot be packaged for a deployed stage without naming the origins CORS allows', () => {
      const r = serverless(['package', '--stage', 'prod', '--package', path.join(OUT, 'no-origins')])
      expect(r.status).not.toBe(0)
      expect(r.output).toContain('provider.httpApi.cors.allowedOrigins')
    })
  })

  describe('IAM: one role per function, with only the actions it uses', () => {
    const roleOf = (fn: Resource) => {
      const ref = fn.Properties.Role as { 'Fn::GetAtt': [string, string] }
      expect(ref['Fn::GetAtt'][1]).toBe('Arn')
      const role = template.Resources[ref['Fn::GetAtt'][0]]!
      expect(role.Type).toBe('AWS::IAM::Role')
      return {
        name: ref['Fn::GetAtt'][0],
        statements: role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement) as Statement[],
      }
    }
    const actions = (statements: Statement[]) => [...new Set(statements.flatMap((s) => s.Action))].sort()
    const on = (statements: Statement[], resource: string) => statements.filter((s) => JSON.stringify(s.Resource).includes(resource))

    it('has no shared execution role, and no two functions share a role', () => {
      expect(template.Resources.IamRoleLambdaExecution).toBeUndefined()
      const roles = functions.map(([, r]) => roleOf(r).name)
      expect(new Set(roles).size).toBe(functions.length)
      const roleResources = Object.values(template.Resources).filter((r) => r.Type === 'AWS::IAM::Role')
      expect(roleResources).toHaveLength(functions.length)
      for (const r of roleResources) {
        expect(r.Properties.AssumeRolePolicyDocument.Statement).toEqual([
          { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
        ])
      }
    })

    it.each(Object.keys(EXPECTED_ACTIONS))('%s', (name) => {
      const fn = functions.find(([n]) => n === name)?.[1]
      expect(fn).toBeDefined()
      const { statements } = roleOf(fn!)
      expect(actions(statements)).toEqual([...EXPECTED_ACTIONS[name]!].sort())
      for (const s of statements) {
        expect(s.Effect).toBe('Allow')
        expect(JSON.stringify(s.Resource)).not.toMatch(/"\*"/)
      }
      // Logs: its own log group only.
      for (const s of statements.filter((x) => x.Action.some((a) => a.startsWith('logs:'))))
        expect(JSON.stringify(s.Resource)).toContain(`log-group:/aws/lambda/huiyuan-prod-${name}:`)
      // DynamoDB: the table and its indexes; KMS: each key only for its own kind of data.
      for (const s of statements.filter((x) => x.Action.some((a) => a.startsWith('dynamodb:'))))
        expect(JSON.stringify(s.Resource)).toContain('MainTable')
      const personal = on(statements, 'PersonalDataKey')
      expect(actions(personal)).toEqual(
        { members: ['kms:Decrypt', 'kms:GenerateDataKey'], admin: ['kms:Decrypt'], staff: ['kms:GenerateDataKey'] }[name] ?? [],
      )
      for (const s of personal) expect(s.Condition).toEqual({ Null: { 'kms:EncryptionContext:memberId': 'false' } })
      const pos = on(statements, 'PosSecretsKey')
      expect(actions(pos)).toEqual({ staff: ['kms:Decrypt'], admin: ['kms:GenerateDataKey'] }[name] ?? [])
      for (const s of pos) expect(s.Condition).toEqual({ Null: { 'kms:EncryptionContext:keyId': 'false' } })
      // SQS: the work queue only (the stream consumers' dead letters aside).
      for (const s of statements.filter((x) => x.Action.some((a) => a.startsWith('sqs:'))))
        expect(JSON.stringify(s.Resource)).toMatch(/"(WorkQueue|EventsDeadLetterQueue)"/)
      for (const s of statements.filter((x) => x.Action.includes('ssm:GetParametersByPath')))
        expect(JSON.stringify(s.Resource)).toMatch(/parameter\/huiyuan\/prod\/\*/)
    })

    it('only the functions whose code deletes may delete; none may scan or batch-write', () => {
      const uses = sourceFiles(path.join(ROOT, 'functions/src')).flatMap((f) => {
        const text = fs.readFileSync(f, 'utf8')
        return ['DeleteCommand', 'BatchWriteCommand', 'ScanCommand', 'Delete: {']
          .filter((c) => text.includes(c))
          .map((c) => `${path.relative(ROOT, f)}: ${c}`)
      })
      expect(uses.sort()).toEqual(Object.keys(DESTRUCTIVE_CODE).sort())
      for (const [name, fn] of functions) {
        const granted = actions(roleOf(fn).statements)
        for (const a of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:*', 'kms:*', '*']) expect(granted).not.toContain(a)
        const mayDelete = Object.values(DESTRUCTIVE_CODE).some((u) => u.action === 'dynamodb:DeleteItem' && u.functions.includes(name))
        expect({ name, deletes: granted.includes('dynamodb:DeleteItem') }).toEqual({ name, deletes: mayDelete })
      }
      for (const [name, js] of Object.entries(prod)) expect({ name, scans: js.includes('ScanCommand') }).toEqual({ name, scans: false })
    })

    it('has a KMS key of its own for store systems’ secrets, apart from personal data', () => {
      expect(template.Resources.PosSecretsKey).toMatchObject({ Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } })
      expect(template.Resources.PosSecretsKeyAlias?.Properties.AliasName).toBe('alias/huiyuan-prod-pos-secrets')
      expect(template.Resources.PersonalDataKeyAlias?.Properties.AliasName).toBe('alias/huiyuan-prod-personal-data')
    })
  })

  describe('HTTP API', () => {
    it('allows CORS from the configured console and H5 origins only, for the methods and headers the clients use', () => {
      const api = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')!
      const cors = api.Properties.CorsConfiguration
      expect(cors.AllowOrigins).toEqual([PACKAGE_ORIGINS.consoleOrigin, PACKAGE_ORIGINS.h5Origin])
      expect(cors.AllowCredentials).toBeFalsy()
      const methods = new Set(Object.values(routes).map((r) => r.method))
      expect([...methods].filter((m) => !cors.AllowMethods.includes(m))).toEqual([])
      expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['Content-Type', 'Authorization', 'Idempotency-Key']))
      // The handlers add no CORS header of their own.
      for (const [name, js] of Object.entries(prod))
        expect({ name, acao: /access-control-allow-origin/i.test(js) }).toEqual({ name, acao: false })
    })

    it('throttles every route, with the stage’s limits', () => {
      const stage = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!
      expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 })
    })
  })
})
