/**
 * Group enrolment (集体办理) over HTTP: an admin creates an organisation's code (marketers read
 * the list, no one else); a member joining with it starts at its tier, tagged with the
 * organisation for segments; two joins racing on two API processes for the code's last use:
 * one joins, the other is 409 and nothing of it is written; a stopped, expired or unknown
 * code is 422 and the person can still join without it.
 */
import { EnrolmentCode } from '@huiyuan/shared/enrolment/schemas'
import { APIS, call, eventually, joinBody, signIn, uniqueName } from './client'

const mobile = () => `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10)
const body = (over: Record<string, unknown> = {}) => ({
  organisation: `华东电力工会-${uniqueName('org').slice(-6)}`,
  tierCode: 'silver',
  storeId: 'S001',
  maxUses: 2,
  validFrom: day(0),
  validUntil: day(30),
  ...over,
})
const joinWith = async (code: string | undefined, api?: string) => {
  const t = await signIn()
  const r = await call('POST', '/v1/members', {
    token: t,
    api,
    body: joinBody({ mobile: mobile(), ...(code ? { enrolmentCode: code } : {}) }),
  })
  return { ...r, identity: t }
}

let admin: string
let marketer: string
let cashier: string
beforeAll(async () => {
  ;[admin, marketer, cashier] = await Promise.all([signIn('admin'), signIn('marketer'), signIn('cashier')])
})
const create = async (over: Record<string, unknown> = {}) => {
  const r = await call('POST', '/v1/admin/enrolment-codes', { token: admin, body: body(over) })
  expect(r.status).toBe(201)
  return EnrolmentCode.parse(r.body)
}
const listed = async (code: string) => {
  const r = await call('GET', '/v1/admin/enrolment-codes?limit=100', { token: marketer })
  expect(r.status).toBe(200)
  return EnrolmentCode.parse(r.body.items.find((c: { code: string }) => c.code === code))
}

describe('group enrolment', () => {
  it("starts a member at the code's tier, tagged with the organisation; the last use goes to one of two racing joins", async () => {
    const c = await create()
    expect(c).toMatchObject({ tier: { code: 'silver', name: '银卡' }, used: 0, maxUses: 2, status: 'active', storeId: 'S001' })
    expect(c.code).toMatch(/^[A-Z2-9]{8}$/)
    expect(c.scene).toBe(`s=S001&g=${c.code}`)

    const first = await joinWith(c.code.toLowerCase())
    expect(first.status).toBe(201)
    expect(first.body.member.tier).toEqual({ code: 'silver', name: '银卡' })
    expect((await listed(c.code)).used).toBe(1)

    const [a, b] = APIS()
    const race = await Promise.all([joinWith(c.code, a), joinWith(c.code, b)])
    expect(race.map((r) => r.status).sort()).toEqual([201, 409])
    const loser = race.find((r) => r.status === 409)!
    expect(loser.body.error.code).toBe('ENROLMENT_CODE_USED_UP')
    expect(await listed(c.code)).toMatchObject({ used: 2, status: 'used_up' })
    // Nothing of the refused join was written: the same person joins without the code.
    expect((await call('POST', '/v1/members', { token: loser.identity, body: joinBody({ mobile: mobile() }) })).status).toBe(201)

    // The organisation is a tag segments can select.
    await eventually(async () => {
      const p = await call('POST', '/v1/admin/segment-previews', {
        token: marketer,
        body: { definition: { op: 'and', conditions: [{ field: 'tags', any: [c.organisation] }] } },
      })
      expect(p.body.count.size).toBe(2)
    })
  })

  it('refuses a stopped, expired or unknown code with 422, and the join goes ahead without it', async () => {
    const stopped = await create()
    const off = await call('PATCH', `/v1/admin/enrolment-codes/${stopped.code}`, { token: admin, body: { disabled: true } })
    expect(off.body).toMatchObject({ disabled: true, status: 'disabled' })
    const expired = await create({ validFrom: day(-30), validUntil: day(-1) })
    expect(expired.status).toBe('expired')
    for (const code of [stopped.code, expired.code, 'ZZZZZZZZ']) {
      const r = await joinWith(code)
      expect(r).toMatchObject({ status: 422, body: { error: { code: 'ENROLMENT_CODE_INVALID' } } })
      expect((await call('POST', '/v1/members', { token: r.identity, body: joinBody({ mobile: mobile() }) })).status).toBe(201)
    }
    const on = await call('PATCH', `/v1/admin/enrolment-codes/${stopped.code}`, { token: admin, body: { disabled: false } })
    expect(on.body.status).toBe('active')
    expect((await joinWith(stopped.code)).status).toBe(201)
  })

  it('lets admins create, marketers read, and no one else; bad input is 400', async () => {
    expect((await call('POST', '/v1/admin/enrolment-codes', { token: marketer, body: body() })).status).toBe(403)
    expect((await call('GET', '/v1/admin/enrolment-codes', { token: cashier })).status).toBe(403)
    expect((await call('POST', '/v1/admin/enrolment-codes', { token: admin, body: body({ tierCode: 'nope' }) })).status).toBe(400)
    expect((await call('POST', '/v1/admin/enrolment-codes', { token: admin, body: body({ validUntil: day(-1) }) })).status).toBe(400)
    expect((await call('POST', '/v1/admin/enrolment-codes', { token: admin, body: body({ maxUses: 0 }) })).status).toBe(400)
    expect((await call('PATCH', '/v1/admin/enrolment-codes/NOPE2345', { token: admin, body: { disabled: true } })).status).toBe(404)
  })
})
