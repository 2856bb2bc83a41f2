/**
 * Domain events through the real stream of DynamoDB Local: a consumer that throws is retried
 * until it succeeds and its effect happens once; a refund whose coupon-return consumer fails
 * first still ends with the coupon back; a consumer process killed mid-stream loses nothing.
 */
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { returnCouponsOnRefund } from '../../coupons/consumers/returnOnRefund'
import { cashOffTemplate, eventually, joinInput, memberCodeAt, seededServices } from '../../testing/fixtures'
import { freshTable, testTablesEndpoint } from '../../testing/table'
import type { Db } from '../db'
import { eventDispatcher, on, type Subscriber } from './dispatch'
import { startStreamReader } from './localStream'

const ROOT = path.resolve(__dirname, '../../../..')
const now = new Date()
const admin = { openid: 'admin', memberId: null, roles: ['admin' as const], storeIds: [] }

async function setup(prefix: string) {
  const db = await freshTable(prefix, { stream: true })
  const s = await seededServices(db, now)
  return { db, s }
}

function read(db: Db, subscribers: Subscriber[], s: Awaited<ReturnType<typeof seededServices>>) {
  const dispatcher = eventDispatcher({ events: s.events, subscribers })
  return startStreamReader({
    endpoint: testTablesEndpoint(),
    tableName: db.tableName,
    handler: dispatcher.handler,
    backoffMs: 20,
  })
}

describe('event consumers on the stream (DynamoDB Local)', () => {
  it('retries a consumer that throws until it succeeds; every consumer of the event completes once', async () => {
    const { db, s } = await setup('events-retry')
    const runs = { steady: new Map<string, number>(), flaky: new Map<string, number>() }
    let failuresLeft = 3
    const count = (m: Map<string, number>, id: string) => m.set(id, (m.get(id) ?? 0) + 1)
    const reader = read(
      db,
      [
        on('MemberJoined', 'test.steady', async (e) => {
          count(runs.steady, e.payload.memberId)
        }),
        on('MemberJoined', 'test.flaky', async (e) => {
          if (failuresLeft-- > 0) throw new Error('downstream unavailable')
          count(runs.flaky, e.payload.memberId)
        }),
      ],
      s,
    )
    try {
      const members = await Promise.all([0, 1, 2].map((i) => s.membersService.join(`retry-${i}`, joinInput(), now)))
      await eventually(async () => expect(runs.flaky.size).toBe(3))
      await new Promise((r) => setTimeout(r, 300))
      for (const m of members) {
        expect(runs.steady.get(m.memberId)).toBe(1)
        expect(runs.flaky.get(m.memberId)).toBe(1)
      }
    } finally {
      await reader.stop()
    }
  })

  it('a refund whose coupon-return consumer fails first still ends with the coupon returned, once', async () => {
    const { db, s } = await setup('events-refund')
    let failuresLeft = 2
    const reader = read(
      db,
      [
        returnCouponsOnRefund({
          coupons: {
            returnRedeemedOn: async (storeId, orderId, at) => {
              if (failuresLeft-- > 0) throw new Error('throttled')
              return s.coupons.returnRedeemedOn(storeId, orderId, at)
            },
          },
        }),
      ],
      s,
    )
    try {
      const m = await s.membersService.join('refund-events', joinInput(), now)
      const t = await cashOffTemplate(s, now)
      const c = (await s.coupons.grant(m.memberId, t.templateId, 'staff', 'g1', now))!.coupon
      await s.purchases.record(admin, { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', orderId: 'EV-1', amountFen: 6_000 }, now)
      await s.coupons.redeem(admin, { couponCode: c.code, storeId: 'S001', orderId: 'EV-1', orderAmountFen: 6_000 }, now)
      await s.checkout.refund(admin, { storeId: 'S001', orderId: 'EV-1', refundId: 'R', amountFen: 6_000 }, now)
      await eventually(async () => expect((await s.coupons.myCoupon(m.memberId, c.code, now)).status).toBe('issued'))
      expect(failuresLeft).toBeLessThan(0)
      expect(await s.coupons.returnRedeemedOn('S001', 'EV-1', now)).toBe(0)
    } finally {
      await reader.stop()
    }
  })

  it('loses nothing when the consumer process is killed and started again', async () => {
    const { db, s } = await setup('events-restart')
    const checkpointFile = path.join(os.tmpdir(), `huiyuan-restart-${db.tableName}.json`)
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/consumers.ts')], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
        env: {
          ...process.env,
          STAGE: 'local',
          DYNAMODB_ENDPOINT: testTablesEndpoint(),
          TABLE_NAME: db.tableName,
          HUIYUAN_STREAM_CHECKPOINT: checkpointFile,
        },
      })
      return new Promise<typeof child>((resolve) =>
        child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child)),
      )
    }
    const join = (from: number, n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => s.membersService.join(`restart-${from + i}`, joinInput(), now)))
    const welcomes = async (members: Array<{ memberId: string }>) =>
      await Promise.all(
        members.map(async (m) => (await s.inbox.list(m.memberId, 10, undefined)).items.filter((n) => n.kind === 'welcome').length),
      )

    let child = await start()
    const first = await join(0, 15)
    await new Promise((r) => setTimeout(r, 150))
    child.kill('SIGKILL') // mid-stream, no goodbye
    const second = await join(15, 15)
    child = await start()
    try {
      await eventually(async () => expect(await welcomes([...first, ...second])).toEqual(Array(30).fill(1)), 30_000)
    } finally {
      child.kill('SIGTERM')
    }
  }, 90_000)
})
