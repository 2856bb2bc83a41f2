import type { AuthContext } from '../platform/auth'
import { storedValueOf } from '../platform/wiring'
import { joinInput, memberCodeAt, seededServices } from '../testing/fixtures'
import { freshTable } from '../testing/table'

const cashier: AuthContext = { openid: 'c', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }

describe('stored value (DynamoDB Local)', () => {
  it('tops up and spends', async () => {
    const s = await seededServices(await freshTable('sv'))
    const now = new Date()
    const m = await s.membersService.join('sv-1', joinInput(), now)
    const sv = storedValueOf(s.core)
    const t = await sv.topUp(
      cashier,
      { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', topUpId: 'T1', packageId: 'P1000', paymentRef: 'x' },
      now,
    )
    expect(t.balance).toEqual({ balanceFen: 110_000, principalFen: 100_000, bonusFen: 10_000 })
    const sp = await sv.spend(cashier, { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', orderId: 'O1', amountFen: 11_000 }, now)
    expect(sp).toMatchObject({ principalFen: 10_000, bonusFen: 1_000 })
  })
})
