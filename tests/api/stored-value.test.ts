/**
 * Stored value over HTTP: a package top-up (principal and bonus apart), the cap and the
 * real-name rule refusing with their codes and changing nothing, spends split in the loaded
 * ratio, retries returning the first result, the member's own balance and statement, and two
 * tills on two API processes racing for the last ¥10: exactly one is paid.
 */
import { randomUUID } from 'node:crypto'
import { MyStoredValue, SpendResult, TopUpResult } from '@huiyuan/shared/storedValue/schemas'
import { APIS, call, newMember, signIn } from './client'

const receipt = (p = 'SV') => `${p}${randomUUID().replace(/-/g, '').slice(0, 16)}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string

/** The cashier of 南京西路旗舰店 (S001) tops up; the manager of 三里屯店 (S002) takes the payments: one card, every store. */
let cashier: string
let manager: string
beforeAll(async () => {
  ;[cashier, manager] = await Promise.all([signIn('cashier'), signIn('manager')])
})

const topUp = async (memberToken: string, body: Record<string, unknown>, api?: string) =>
  call('POST', '/v1/staff/stored-value/top-ups', {
    token: cashier,
    api,
    body: { memberCode: await codeOf(memberToken), storeId: 'S001', topUpId: receipt('TU'), paymentRef: 'WXPAY-1', ...body },
  })
const spend = async (memberToken: string, amountFen: number, orderId = receipt('SO'), api?: string) =>
  call('POST', '/v1/staff/stored-value/spends', {
    token: manager,
    api,
    body: { memberCode: await codeOf(memberToken), storeId: 'S002', orderId, amountFen },
  })
const mine = async (token: string) => MyStoredValue.parse((await call('GET', '/v1/me/stored-value', { token })).body)

describe('stored value', () => {
  it('tops up a package: principal and bonus kept apart, on the card and in the statement; a retry returns the first result', async () => {
    const m = await newMember()
    const body = { memberCode: await codeOf(m.token), storeId: 'S001', topUpId: receipt('TU'), packageId: 'P1000', paymentRef: 'WXPAY-9' }
    const r = await call('POST', '/v1/staff/stored-value/top-ups', { token: cashier, body })
    expect(r.status).toBe(201)
    expect(TopUpResult.parse(r.body)).toMatchObject({
      paidFen: 100_000,
      bonusFen: 10_000,
      balance: { balanceFen: 110_000, principalFen: 100_000, bonusFen: 10_000 },
      member: { storedValueFen: 110_000 },
      replayed: false,
    })
    const again = await call('POST', '/v1/staff/stored-value/top-ups', { token: cashier, body })
    expect(again).toMatchObject({ status: 201, body: { replayed: true, balance: { balanceFen: 110_000 } } })
    const other = await call('POST', '/v1/staff/stored-value/top-ups', { token: cashier, body: { ...body, packageId: 'P500' } })
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } })

    const s = await mine(m.token)
    expect(s.balance).toEqual({ balanceFen: 110_000, principalFen: 100_000, bonusFen: 10_000 })
    expect(s.items).toHaveLength(1)
    expect(s.items[0]).toMatchObject({ kind: 'topUp', deltaFen: 110_000, principalFen: 100_000, bonusFen: 10_000, storeId: 'S001' })
    expect(s.items[0]!.storeName).toBeTruthy()
    expect((await call('GET', '/v1/me', { token: m.token })).body.storedValueFen).toBe(110_000)
  })

  it('spends principal and bonus in the ratio they were loaded, at any store; refuses more than the card holds', async () => {
    const m = await newMember()
    expect((await topUp(m.token, { packageId: 'P1000' })).status).toBe(201)
    const r = await spend(m.token, 11_000)
    expect(r.status).toBe(201)
    expect(SpendResult.parse(r.body)).toMatchObject({
      principalFen: 10_000,
      bonusFen: 1_000,
      balance: { balanceFen: 99_000, principalFen: 90_000, bonusFen: 9_000 },
    })
    const over = await spend(m.token, 99_001)
    expect(over).toMatchObject({ status: 409, body: { error: { code: 'INSUFFICIENT_BALANCE' } } })
    expect((await mine(m.token)).balance.balanceFen).toBe(99_000)
    const s = await mine(m.token)
    expect(s.items.map((i) => i.kind)).toEqual(['spend', 'topUp'])
    expect(s.items[0]).toMatchObject({ deltaFen: -11_000, balanceAfterFen: 99_000, storeId: 'S002' })
  })

  it('refuses a top-up past the ¥5,000 cap, and a ¥10,000 one without the payer’s real name, changing nothing', async () => {
    const m = await newMember()
    expect((await topUp(m.token, { amountFen: 450_000 })).status).toBe(201)
    const capped = await topUp(m.token, { packageId: 'P1000' })
    expect(capped).toMatchObject({ status: 422, body: { error: { code: 'BALANCE_CAP_EXCEEDED' } } })
    const large = await topUp(m.token, { amountFen: 1_000_000 })
    expect(large).toMatchObject({ status: 422, body: { error: { code: 'REAL_NAME_REQUIRED' } } })
    expect((await mine(m.token)).balance.balanceFen).toBe(450_000)
    const both = await topUp(m.token, { amountFen: 100, packageId: 'P500' })
    expect(both.status).toBe(400)
  })

  it('two tills on two API processes spend the last ¥10 at once: exactly one is paid', async () => {
    const apis = APIS()
    expect(apis.length).toBeGreaterThanOrEqual(2)
    const m = await newMember()
    expect((await topUp(m.token, { amountFen: 1_000 })).status).toBe(201)
    const results = await Promise.all(apis.slice(0, 2).map((api) => spend(m.token, 1_000, receipt('RACE'), api)))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect((await mine(m.token)).balance.balanceFen).toBe(0)
  })

  it('is the member’s own: no token is 401, and a cashier cannot read a member’s statement', async () => {
    expect((await call('GET', '/v1/me/stored-value')).status).toBe(401)
    expect([403, 404]).toContain((await call('GET', '/v1/me/stored-value', { token: cashier })).status)
  })
})
