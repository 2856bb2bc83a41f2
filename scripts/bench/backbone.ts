/**
 * Backbone figures for `npm run bench`:
 *  - each Lambda function's zip and its own module init time (median of 10 cold `require`s
 *    of the built bundle in fresh processes, the AWS SDK loaded beforehand and not counted);
 *  - DynamoDB round trips per operation, counted by a middleware on the SDK client while the
 *    real services run against DynamoDB Local (first attempt, no contention).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { issueMemberCode } from '../../functions/src/members/memberCode'
import { readConfig } from '../../functions/src/platform/config'
import { buildServices } from '../../functions/src/platform/container'
import { makeDb } from '../../functions/src/platform/db'
import { defaultProgramRules } from '../../functions/src/program/defaults'
import { packageFunctions } from '../lib/package'
import { ROOT } from '../lib/stack'
import { countRoundTrips } from '../../functions/src/testing/roundTrips'

export interface LambdaFigure {
  name: string
  zipKb: number
  jsKb: number
  initMs: number
}

/** Milliseconds to evaluate a bundle in a fresh process (SDK modules already loaded). */
function initMs(bundle: string): number {
  const script = `
    for (const m of ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-ssm', '@aws-sdk/client-kms']) require(m)
    const t = process.hrtime.bigint()
    require(${JSON.stringify(bundle)})
    process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6))`
  const samples: number[] = []
  for (let i = 0; i < 10; i++) {
    const r = spawnSync(process.execPath, ['-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, STAGE: 'prod', NODE_OPTIONS: '--disable-warning=NodeVersionSupportWarning' },
    })
    if (r.status !== 0) throw new Error(`require(${bundle}) failed: ${r.stderr}`)
    samples.push(Number(r.stdout))
  }
  samples.sort((a, b) => a - b)
  return (samples[4]! + samples[5]!) / 2
}

export function lambdaFigures(): LambdaFigure[] {
  const out = packageFunctions()
  try {
    const figures: LambdaFigure[] = []
    for (const zip of fs.readdirSync(out).filter((f) => f.endsWith('.zip'))) {
      const name = zip.replace(/\.zip$/, '')
      // Under the repository, so the bundle finds the AWS SDK in node_modules as it would in the runtime.
      const dir = path.join(ROOT, '.bench-lambda', name)
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir, { recursive: true })
      execFileSync('unzip', ['-q', path.join(out, zip), '-d', dir])
      const js = execFileSync('find', [dir, '-name', '*.js'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean)
      const jsBytes = js.reduce((sum, f) => sum + fs.statSync(f).size, 0)
      const entry = js.find((f) => !f.includes('node_modules'))!
      figures.push({ name, zipKb: fs.statSync(path.join(out, zip)).size / 1024, jsKb: jsBytes / 1024, initMs: initMs(entry) })
      fs.rmSync(dir, { recursive: true, force: true })
    }
    return figures
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
}

/** DynamoDB calls per operation: purchase, redemption, lookup, join, refund, check-in, exchange. */
export async function roundTrips(dynamoPort: number, tableName: string): Promise<Array<[string, number]>> {
  const db = makeDb({ tableName, endpoint: `http://127.0.0.1:${dynamoPort}` })
  const counted = countRoundTrips(db)
  const s = buildServices(db)
  const count = async <T>(op: () => Promise<T>): Promise<[number, T]> => {
    const before = counted.calls()
    const value = await op()
    return [counted.calls() - before, value]
  }
  const now = new Date()
  const cashier = { openid: 'bench', memberId: null, roles: ['admin' as const], storeIds: [] }
  const rules = defaultProgramRules()
  // Warm the per-container caches (program rules, stores, templates), as a warm Lambda has them.
  await s.program.getRules()
  await s.program.getStore('S001')
  const joinBody = {
    storeId: 'S001',
    name: '测往返',
    mobile: '13800000000',
    birthday: '1990-06-15',
    gender: 'undisclosed' as const,
    privacyConsentVersion: rules.privacyPolicyVersion,
  }
  const [join, card] = await count(() => s.membersService.join(`bench-rt-${randomUUID()}`, joinBody, now))
  const memberCode = issueMemberCode(card.cardNo, readConfig({ STAGE: 'local' }).memberCodeSecret, now, rules.memberCode).code
  const [lookup] = await count(() => s.purchases.lookup(cashier, memberCode, 'S001', now))
  const orderId = `RT-${randomUUID()}`
  const [purchase] = await count(() => s.purchases.record(cashier, { memberCode, storeId: 'S001', orderId, amountFen: 20_000 }, now))
  const template = await s.coupons.createTemplate(
    { name: '往返券', kind: 'cash_off', valueFen: 1_000, validity: { type: 'relative', days: 7 }, totalStock: null, perMemberLimit: 20 },
    now,
  )
  const coupon = (await s.coupons.grant(card.memberId, template.templateId, 'staff', orderId, now))!.coupon
  await s.coupons.templateExists(template.templateId)
  const [redemption] = await count(() =>
    s.coupons.redeem(cashier, { couponCode: coupon.code, storeId: 'S001', orderId, orderAmountFen: 20_000 }, now),
  )
  const [refund] = await count(() => s.checkout.refund(cashier, { storeId: 'S001', orderId, refundId: 'R1', amountFen: 5_000 }, now))
  const [checkin] = await count(() => s.checkins.checkIn(card.memberId, now))
  // The till's checkout at its largest: ten coupons, a points deduction and stored value on one order.
  await s.points.adjust(cashier, card.memberId, { points: 5_000, reason: '往返测试', idempotencyKey: `rt-${orderId}` }, now)
  await s.storedValue.topUp(
    cashier,
    { memberCode, storeId: 'S001', topUpId: `RT-${orderId}`.slice(0, 60), packageId: 'P1000', paymentRef: 'RT' },
    now,
  )
  const codes: string[] = []
  for (let i = 0; i < 10; i++)
    codes.push((await s.coupons.grant(card.memberId, template.templateId, 'staff', `${orderId}-${i}`, now))!.coupon.code)
  const [checkout] = await count(() =>
    s.checkout.checkout(
      cashier,
      {
        memberCode,
        storeId: 'S001',
        orderId: `CO-${orderId}`.slice(0, 60),
        amountFen: 100_000,
        couponCodes: codes,
        pointsToDeduct: 5_000,
        storedValueFen: 20_000,
      },
      now,
    ),
  )
  return [
    ['checkout (10 coupons)', checkout],
    ['checkout items', counted.lastTransactionItems()],
    ['purchase', purchase],
    ['redemption', redemption],
    ['lookup', lookup],
    ['join', join],
    ['refund', refund],
    ['check-in', checkin],
  ]
}
