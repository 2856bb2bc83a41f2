import { freshTable } from '../testing/table'
import { joinInput, memberCodeAt, pointsBalance, seededServices } from '../testing/fixtures'

let s: Awaited<ReturnType<typeof seededServices>>
beforeAll(async () => {
  s = await seededServices(await freshTable('purchases'))
})
const cashier = { openid: 'c', memberId: null, roles: ['cashier' as const], storeIds: ['S001'] }

describe('purchases (DynamoDB Local)', () => {
  it('keeps points exact under 10 concurrent purchases for one member', async () => {
    const now = new Date()
    const m = await s.membersService.join('openid-p50', joinInput({ birthday: '1990-01-15' }), now)
    const code = memberCodeAt(m.cardNo, now)
    const t0 = Date.now()
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        s.purchases.record(cashier, { memberCode: code, storeId: 'S001', orderId: `O${i}`, amountFen: 1_000 + i }, new Date()),
      ),
    )
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
    console.log('10 concurrent purchases took', Date.now() - t0, 'ms; failures:', failed.slice(0, 3))
    expect(failed).toEqual([])
    const total = results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value.points.awarded : 0), 0)
    expect(await pointsBalance(s, m.memberId)).toBe(total)
  })

  it("lists a store's day newest first, with totals of the whole day on every page", async () => {
    const now = new Date()
    const m = await s.membersService.join('openid-till-day', joinInput({ birthday: '1990-01-15' }), now)
    const code = memberCodeAt(m.cardNo, now)
    const manager = { openid: 'mgr', memberId: null, roles: ['store_manager' as const], storeIds: ['S009'] }
    await s.program.putStore({ storeId: 'S009', name: '日结测试店', city: '上海', address: '', active: true }, now)
    for (const [i, amountFen] of [1_000, 2_500, 4_000].entries()) {
      await s.purchases.record(manager, { memberCode: code, storeId: 'S009', orderId: `D${i}`, amountFen }, new Date(now.getTime() + i))
    }
    await s.checkout.refund(manager, { storeId: 'S009', orderId: 'D1', refundId: 'R1', amountFen: 500 }, new Date(now.getTime() + 10))

    const first = await s.purchases.tillTransactions(manager, { storeId: 'S009', limit: 2 }, now)
    expect(first.items.map((i) => `${i.kind}:${i.orderId}`)).toEqual(['refund:D1', 'purchase:D2'])
    const second = await s.purchases.tillTransactions(manager, { storeId: 'S009', limit: 2, cursor: first.nextCursor ?? undefined }, now)
    expect(second.items.map((i) => i.orderId)).toEqual(['D1', 'D0'])
    const summary = { purchases: { count: 3, amountFen: 7_500 }, refunds: { count: 1, amountFen: 500 }, netFen: 7_000 }
    expect(first.summary).toEqual(summary)
    expect(second.summary).toEqual(summary)
    expect(first.totalFen).toBe(7_000)
  })
})
