/**
 * Fault injection: DynamoDB fails at every step of a purchase, a refund (and the return of
 * its coupon) and a points-mall exchange — throttled before the call, or timing out after the
 * call reached the server (the write happened, the caller never heard). The caller retries
 * with the same order / refund id / idempotency key, and the state must be whole: nothing
 * half-done, nothing done twice.
 */
import { randomUUID } from 'node:crypto'
import { cashOffTemplate, earnPoints, joinInput, memberCodeAt, pointsTotals, seededServices } from '../testing/fixtures'
import { freshTable, testTablesEndpoint } from '../testing/table'
import { makeDb } from './db'

type Mode = 'throttled' | 'lostReply'
const MODES: Mode[] = ['throttled', 'lostReply']
const now = new Date()
const admin = { openid: 'admin', memberId: null, roles: ['admin' as const], storeIds: [] }

/** Services over a client that fails its n-th call from now, once, the way `mode` says. */
async function faultyStack() {
  const clean = await freshTable('faults')
  const db = makeDb({ tableName: clean.tableName, endpoint: testTablesEndpoint() })
  let calls = 0
  let failAt = 0
  let mode: Mode = 'throttled'
  db.client.middlewareStack.add(
    (next) => async (args) => {
      calls++
      if (calls !== failAt) return next(args)
      if (mode === 'throttled')
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ThrottlingException' })
      await next(args)
      throw Object.assign(new Error('socket hang up after the request was sent'), { name: 'TimeoutError' })
    },
    { step: 'initialize', name: 'faultInjection' },
  )
  const s = await seededServices(db, now)
  return {
    s,
    /** Runs `op` counting its calls. */
    count: async (op: () => Promise<unknown>) => {
      const before = calls
      await op()
      return calls - before
    },
    /** Makes the step-th call from now fail. */
    failStep: (step: number, m: Mode) => {
      failAt = calls + step
      mode = m
    },
  }
}

const codeOf = (cardNo: string) => memberCodeAt(cardNo, now)

describe('faults at every step (DynamoDB Local)', () => {
  it('a purchase retried after any failed call is recorded exactly once', async () => {
    const f = await faultyStack()
    const member = async (i: string) => f.s.membersService.join(`fault-p-${i}-${randomUUID()}`, joinInput({ birthday: '1990-06-15' }), now)
    const m0 = await member('probe')
    const steps = await f.count(() =>
      f.s.purchases.record(admin, { memberCode: codeOf(m0.cardNo), storeId: 'S001', orderId: randomUUID(), amountFen: 12_300 }, now),
    )
    expect(steps).toBeGreaterThanOrEqual(3)
    for (let step = 1; step <= steps; step++) {
      for (const mode of MODES) {
        const m = await member(`${step}-${mode}`)
        const req = { memberCode: codeOf(m.cardNo), storeId: 'S001', orderId: randomUUID(), amountFen: 12_300 }
        f.failStep(step, mode)
        const first = await f.s.purchases.record(admin, req, now).then(
          (r) => r,
          () => undefined,
        )
        const retried = await f.s.purchases.record(admin, req, now)
        if (first) expect(retried.replayed).toBe(true)
        const t = await pointsTotals(f.s, m.memberId)
        expect({ step, mode, ...t, entries: t.entries.length }).toEqual({
          step,
          mode,
          balance: 123,
          ledger: 123,
          lots: 123,
          debt: 0,
          entries: 1,
        })
        expect((await f.s.tiers.read(m.memberId, await f.s.program.getRules())).lifetimeSpendFen).toBe(12_300)
      }
    }
  }, 600_000)

  it('a refund — and the return of its coupon — retried after any failed call happens exactly once', async () => {
    const f = await faultyStack()
    const t = await cashOffTemplate(f.s, now, { perMemberLimit: 99 })
    const prepared = async (label: string) => {
      const m = await f.s.membersService.join(`fault-r-${label}-${randomUUID()}`, joinInput({ birthday: '1990-06-15' }), now)
      const orderId = randomUUID()
      const c = (await f.s.coupons.grant(m.memberId, t.templateId, 'staff', orderId, now))!.coupon
      await f.s.purchases.record(admin, { memberCode: codeOf(m.cardNo), storeId: 'S001', orderId, amountFen: 6_000 }, now)
      await f.s.coupons.redeem(admin, { couponCode: c.code, storeId: 'S001', orderId, orderAmountFen: 6_000 }, now)
      return { m, orderId, code: c.code }
    }
    const probe = await prepared('probe')
    const refundSteps = await f.count(() =>
      f.s.checkout.refund(admin, { storeId: 'S001', orderId: probe.orderId, refundId: 'R', amountFen: 6_000 }, now),
    )
    const returnSteps = await f.count(() => f.s.coupons.returnRedeemedOn('S001', probe.orderId, now))
    for (let step = 1; step <= Math.max(refundSteps, returnSteps); step++) {
      for (const mode of MODES) {
        const { m, orderId, code } = await prepared(`${step}-${mode}`)
        const req = { storeId: 'S001', orderId, refundId: 'R', amountFen: 6_000 }
        if (step <= refundSteps) {
          f.failStep(step, mode)
          await f.s.checkout.refund(admin, req, now).catch(() => undefined)
        }
        expect((await f.s.checkout.refund(admin, req, now)).pointsReversed).toBe(60)
        // The PurchaseRefunded consumer's work, failing at this step, then retried by the stream.
        if (step <= returnSteps) {
          f.failStep(step, mode)
          await f.s.coupons.returnRedeemedOn('S001', orderId, now).catch(() => undefined)
        }
        await f.s.coupons.returnRedeemedOn('S001', orderId, now)
        const totals = await pointsTotals(f.s, m.memberId)
        expect({ step, mode, balance: totals.balance, ledger: totals.ledger, entries: totals.entries.length }).toEqual({
          step,
          mode,
          balance: 0,
          ledger: 0,
          entries: 2,
        })
        expect((await f.s.coupons.myCoupon(m.memberId, code, now)).status).toBe('issued')
      }
    }
  }, 600_000)

  it('a points-mall exchange retried after any failed call spends once, takes one from stock and issues one coupon', async () => {
    const f = await faultyStack()
    const t = await f.s.coupons.createTemplate(
      { name: '兑换券', kind: 'cash_off', valueFen: 500, validity: { type: 'relative', days: 7 }, totalStock: null, perMemberLimit: 99 },
      now,
    )
    const reward = await f.s.rewards.createReward(
      { name: '5元券', pointsCost: 300, kind: 'coupon', templateId: t.templateId, stock: 1_000 },
      now,
    )
    const funded = async (label: string) => {
      const m = await f.s.membersService.join(`fault-x-${label}-${randomUUID()}`, joinInput(), now)
      await earnPoints(f.s, m.memberId, 1_000, 'seed', now)
      return m
    }
    const probe = await funded('probe')
    const steps = await f.count(() => f.s.rewards.exchange(probe.memberId, reward.rewardId, randomUUID(), now))
    let exchanges = 1
    for (let step = 1; step <= steps; step++) {
      for (const mode of MODES) {
        const m = await funded(`${step}-${mode}`)
        const key = randomUUID()
        f.failStep(step, mode)
        await f.s.rewards.exchange(m.memberId, reward.rewardId, key, now).catch(() => undefined)
        const retried = await f.s.rewards.exchange(m.memberId, reward.rewardId, key, now)
        expect(retried.pointsSpent).toBe(300)
        exchanges++
        const totals = await pointsTotals(f.s, m.memberId)
        expect({ step, mode, balance: totals.balance, ledger: totals.ledger }).toEqual({ step, mode, balance: 700, ledger: 700 })
        const wallet = await f.s.coupons.wallet(m.memberId, 'usable', now, { limit: 100 })
        expect(wallet.items.filter((c) => c.source === 'reward')).toHaveLength(1)
      }
    }
    const left = (await f.s.rewards.listRewards({ limit: 100 })).items.find((r) => r.rewardId === reward.rewardId)!.stock
    expect(left).toBe(1_000 - exchanges)
  }, 600_000)
})
