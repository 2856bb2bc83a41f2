/** The console's member directory and the audit log: masked by default, every read and write on record. */
import { randomInt, randomUUID } from 'node:crypto'
import { AdminMemberList, AdminMemberProfile } from '@huiyuan/shared/members/schemas'
import { call, newMember, type Res, signIn } from './client'

let admin: string
let cashier: string
beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
})

/** Every page of the audit log for a query (oldest first). */
const audit = async (query: string) => {
  const items: Array<{ action: string; actor: string; subject: string; details: Record<string, unknown> }> = []
  let cursor: string | null = null
  do {
    const r: Res = await call('GET', `/v1/admin/audit?limit=100&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      token: admin,
    })
    expect(r.status).toBe(200)
    items.push(...r.body.items)
    cursor = r.body.nextCursor
  } while (cursor)
  return items
}

describe('member directory', () => {
  const mobile = `139${String(randomInt(10_000_000, 99_999_999))}`
  const name = `档案${randomUUID().slice(0, 6)}`
  let m: Awaited<ReturnType<typeof newMember>>
  beforeAll(async () => {
    m = await newMember({ name, mobile })
  })

  it('finds a member by card number, phone or name prefix, with the phone masked, and audits the search', async () => {
    for (const q of [m.member.cardNo, mobile, name.slice(0, 4)]) {
      const r = await call('GET', `/v1/admin/members?q=${encodeURIComponent(q)}`, { token: admin })
      expect(r.status).toBe(200)
      const list = AdminMemberList.parse(r.body)
      expect(list.items.map((i) => i.memberId)).toContain(m.member.memberId)
      expect(JSON.stringify(r.body)).not.toContain(mobile)
    }
    expect((await call('GET', `/v1/admin/members?q=${mobile}`, { token: cashier })).status).toBe(403)
    expect((await call('GET', '/v1/admin/members', { token: admin })).status).toBe(400)
    const searches = await audit(`actor=staff:STAFF-ADMIN&action=member.search`)
    expect(searches.map((e) => e.details.by)).toEqual(expect.arrayContaining(['card', 'phone', 'name']))
    expect(JSON.stringify(searches)).not.toContain(mobile)
  })

  it('shows a masked profile; the full phone only with a reason, each read on record', async () => {
    const p = await call('GET', `/v1/admin/members/${m.member.memberId}`, { token: admin })
    expect(p.status).toBe(200)
    expect(AdminMemberProfile.parse(p.body)).toMatchObject({ name, mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, erased: false })
    expect(JSON.stringify(p.body)).not.toContain(mobile)
    expect((await call('POST', `/v1/admin/members/${m.member.memberId}/reveal`, { token: admin, body: {} })).status).toBe(400)
    const shown = await call('POST', `/v1/admin/members/${m.member.memberId}/reveal`, {
      token: admin,
      body: { reason: '会员来电核对身份' },
    })
    expect(shown.body).toEqual({ mobile })
    expect((await call('GET', '/v1/admin/members/NOBODY', { token: admin })).status).toBe(404)
    const trail = await audit(`memberId=${m.member.memberId}`)
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['member.view', 'member.revealPhone']))
    expect(trail.find((e) => e.action === 'member.revealPhone')).toMatchObject({
      actor: 'staff:STAFF-ADMIN',
      details: { reason: '会员来电核对身份' },
    })
    expect(await audit(`memberId=${m.member.memberId}&action=member.revealPhone`)).toHaveLength(1)
  })

  it('lets the member correct their birthday once, then only staff with a reason (audited)', async () => {
    const month = ((new Date().getMonth() + 5) % 12) + 1
    const birthday = `1991-${String(month).padStart(2, '0')}-10`
    expect((await call('PATCH', '/v1/me', { token: m.token, body: { birthday } })).status).toBe(200)
    const again = await call('PATCH', '/v1/me', { token: m.token, body: { birthday: '1991-01-01' } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('BIRTHDAY_LOCKED')
    const url = `/v1/admin/members/${m.member.memberId}/birthday`
    expect((await call('PUT', url, { token: admin, body: { birthday: '1991-01-01' } })).status).toBe(400)
    expect((await call('PUT', url, { token: admin, body: { birthday: '2015-01-01', reason: '会员持证件更正' } })).body.error.code).toBe(
      'UNDER_MINIMUM_AGE',
    )
    expect((await call('PUT', url, { token: cashier, body: { birthday: '1991-01-01', reason: '会员持证件更正' } })).status).toBe(403)
    const changed = await call('PUT', url, { token: admin, body: { birthday: '1991-01-01', reason: '会员持证件更正' } })
    expect(changed.status).toBe(200)
    expect(changed.body.birthday).toBe('1991-01-01')
    const [e] = await audit(`memberId=${m.member.memberId}&action=member.birthday`)
    expect(e).toMatchObject({ details: { from: birthday, to: '1991-01-01', reason: '会员持证件更正' } })
  })
})

describe('every admin write is audited', () => {
  it('staff, keys, templates, offers and rewards each leave an event naming who and what', async () => {
    const staff = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '审计员', roles: ['marketer'] } })
    await call('PATCH', `/v1/admin/staff/${staff.body.staffId}`, { token: admin, body: { disabled: true } })
    const key = await call('POST', '/v1/admin/stores/S002/pos-keys', { token: admin })
    await call('DELETE', `/v1/admin/stores/S002/pos-keys/${key.body.keyId}`, { token: admin })
    const t = await call('POST', '/v1/admin/coupon-templates', {
      token: admin,
      body: { name: '审计券', kind: 'cash_off', valueFen: 100, validity: { type: 'relative', days: 1 }, totalStock: 5, perMemberLimit: 1 },
    })
    const now = Date.now()
    const o = await call('POST', '/v1/admin/offers', {
      token: admin,
      body: {
        templateId: t.body.templateId,
        title: '审计',
        claimFrom: new Date(now).toISOString(),
        claimUntil: new Date(now + 3_600_000).toISOString(),
      },
    })
    const r = await call('POST', '/v1/admin/rewards', { token: admin, body: { name: '审计礼', pointsCost: 10, kind: 'gift', stock: 1 } })
    const mine = await audit('actor=staff:STAFF-ADMIN')
    const subjects = new Set(mine.map((e) => `${e.action} ${e.subject}`))
    for (const expected of [
      `staff.create staff:${staff.body.staffId}`,
      `staff.update staff:${staff.body.staffId}`,
      'posKey.create store:S002',
      'posKey.revoke store:S002',
      `couponTemplate.create template:${t.body.templateId}`,
      `offer.create offer:${o.body.offerId}`,
      `reward.create reward:${r.body.rewardId}`,
    ]) {
      expect(subjects).toContain(expected)
    }
    expect(mine.find((e) => e.action === 'staff.update' && e.subject === `staff:${staff.body.staffId}`)?.details).toMatchObject({
      before: { disabled: false },
      after: { disabled: true },
    })
  })
})
