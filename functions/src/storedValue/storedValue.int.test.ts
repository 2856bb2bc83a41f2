import type { AuthContext } from '../platform/auth'
import { personalDataCipher } from '../platform/crypto'
import { storedValueOf } from '../platform/wiring'
import { storedValueRepository } from './repository'
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

  it('keeps a large top-up’s payer sealed: the real name and ID number never in the clear, the bank transfer beside them', async () => {
    const s = await seededServices(await freshTable('sv-payer'))
    const now = new Date()
    const rules = await s.program.getRules()
    await s.program.putRules({ ...rules, storedValue: { ...rules.storedValue, balanceCapFen: 5_000_000 } }, now)
    const m = await s.membersService.join('sv-2', joinInput(), now)
    const payer = { name: '上海某某贸易有限公司', idNumber: '91310000MA1FL00000', bankTransferRef: 'BANK-20261126-01' }
    await storedValueOf(s.core).topUp(
      cashier,
      { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', topUpId: 'T9', amountFen: 1_000_000, paymentRef: 'BANK', payer },
      now,
    )
    const [line] = (await storedValueRepository(s.db).movements(m.memberId, { limit: 10 })).items
    expect(line).toMatchObject({ kind: 'topUp', principalFen: 1_000_000, bankTransferRef: payer.bankTransferRef })
    expect(line!.payerSealed).toBeDefined()
    expect(JSON.stringify(line)).not.toContain(payer.idNumber)
    expect(JSON.parse(await personalDataCipher().decrypt(line!.payerSealed!, { memberId: m.memberId }))).toEqual({
      name: payer.name,
      idNumber: payer.idNumber,
    })
  })
})
