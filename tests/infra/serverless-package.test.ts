/**
 * `serverless package` runs offline and writes the CloudFormation template: it must hold
 * the table with its GSIs (from infra/table.cjs), the KMS key and one function per route
 * group. Prints each Lambda bundle's size.
 */
import fs from 'node:fs'
import path from 'node:path'
import { packageFunctions } from '../../scripts/lib/package'

const ROOT = path.resolve(__dirname, '../..')
const OUT = path.join(ROOT, '.serverless-test-package')

describe('serverless package (stage prod, offline)', () => {
  let template: { Resources: Record<string, { Type: string; Properties: any }> }

  beforeAll(() => {
    packageFunctions(OUT)
    template = JSON.parse(fs.readFileSync(path.join(OUT, 'cloudformation-template-update-stack.json'), 'utf8'))
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

  it('has one function per route group, each with its routes, and prints bundle sizes', () => {
    const fns = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    const names = fns.map(([, r]) => r.Properties.FunctionName).sort()
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
      ]),
    )
    for (const [, r] of fns) expect(r.Properties.Runtime).toBe('nodejs22.x')
    const routes = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey)
    expect(routes).toEqual(expect.arrayContaining(['GET /v1/health', 'POST /v1/members', 'POST /v1/me/checkins']))
    const schedules = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Events::Rule')
    expect(schedules.map((r) => r.Properties.ScheduleExpression).sort()).toEqual([
      'cron(10 16 * * ? *)',
      'cron(20 16 * * ? *)',
      'cron(30 16 31 12 ? *)',
    ])
    expect(schedules.every((r) => r.Properties.State === 'ENABLED')).toBe(true)
    const zips = fs.readdirSync(OUT).filter((f) => f.endsWith('.zip'))
    expect(zips.length).toBe(fns.length)
    const lines = zips.map((z) => `  ${z.padEnd(20)} ${(fs.statSync(path.join(OUT, z)).size / 1024).toFixed(1)} KB zipped`)
    console.log(`Lambda bundles:\n${lines.join('\n')}`)
    for (const z of zips) expect(fs.statSync(path.join(OUT, z)).size).toBeLessThan(5 * 1024 * 1024)
  })
})
