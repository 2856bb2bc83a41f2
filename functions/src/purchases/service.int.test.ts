import { freshTable } from '../testing/table'
import { joinInput, seededServices } from '../testing/fixtures'
import { issueMemberCode } from '../members/memberCode'
import { readConfig } from '../platform/config'

let s: Awaited<ReturnType<typeof seededServices>>
beforeAll(async () => {
  s = await seededServices(await freshTable('purchases'))
})
const cashier = { openid: 'c', memberId: null, roles: ['cashier' as const], storeIds: ['S001'] }

describe('purchases (DynamoDB Local)', () => {
  it('keeps points exact under 50 concurrent purchases for one member', async () => {
    const now = new Date()
    const m = await s.membersService.join('openid-p50', joinInput({ birthday: '1990-01-15' }), now)
    const code = issueMemberCode(m.cardNo, readConfig({ STAGE: 'local' }).memberCodeSecret, now, { stepSeconds: 60, graceSeconds: 10 }).code
    const t0 = Date.now()
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) =>
      s.purchases.record(cashier, { memberCode: code, storeId: 'S001', orderId: `O${i}`, amountFen: 1_000 + i }, new Date())))
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
    console.log('50 concurrent purchases took', Date.now() - t0, 'ms; failures:', failed.slice(0, 3))
    expect(failed).toEqual([])
    const total = results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value.points.awarded : 0), 0)
    expect((await s.members.getMember(m.memberId))?.pointsBalance).toBe(total)
  })
})
