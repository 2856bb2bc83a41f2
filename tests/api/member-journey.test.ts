import { SessionResponse } from '@huiyuan/shared/auth/schemas'
import { JoinResponse, MemberCard, MemberCodeResponse } from '@huiyuan/shared/members/schemas'
import { CheckinCalendar, CheckinResult } from '@huiyuan/shared/checkins/schemas'
import { ErrorResponse } from '@huiyuan/shared/common'
import { call, eventually, joinBody, newMember, signIn, uniqueName } from './client'

describe('member journey over HTTP', () => {
  it('signs in, joins, reads the card and code, checks in once', async () => {
    const signed = await call('POST', '/v1/auth/wechat', { body: { code: `dev:${uniqueName()}` } })
    expect(signed.status).toBe(200)
    const session = SessionResponse.parse(signed.body)
    expect(session.memberId).toBeNull()

    const me0 = await call('GET', '/v1/me', { token: session.token })
    expect(me0.status).toBe(403)
    expect(me0.body.error.code).toBe('NOT_A_MEMBER')

    const joined = await call('POST', '/v1/members', { token: session.token, body: joinBody({ mobile: '13698765432' }) })
    expect(joined.status).toBe(201)
    const { member, session: s2 } = JoinResponse.parse(joined.body)
    expect(member).toMatchObject({ tier: { code: 'normal', name: '普卡' }, points: 0, mobile: '13698765432', joinStoreId: 'S001' })
    expect(s2.memberId).toBe(member.memberId)

    const again = await call('POST', '/v1/members', { token: s2.token, body: joinBody() })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_MEMBER')

    const me = await call('GET', '/v1/me', { token: s2.token })
    expect(me.status).toBe(200)
    expect(MemberCard.parse(me.body)).toMatchObject({ cardNo: member.cardNo, checkedInToday: false })

    const code = await call('GET', '/v1/me/code', { token: s2.token })
    expect(code.status).toBe(200)
    expect(MemberCodeResponse.parse(code.body).code.startsWith(member.cardNo)).toBe(true)

    const first = await call('POST', '/v1/me/checkins', { token: s2.token })
    expect(first.status).toBe(201)
    expect(CheckinResult.parse(first.body)).toMatchObject({ streak: 1, pointsAwarded: 5, pointsBalance: 5 })

    const second = await call('POST', '/v1/me/checkins', { token: s2.token })
    expect(second.status).toBe(409)
    expect(ErrorResponse.parse(second.body).error.code).toBe('ALREADY_CHECKED_IN')

    const cal = await call('GET', '/v1/me/checkins', { token: s2.token })
    expect(CheckinCalendar.parse(cal.body)).toMatchObject({ checkedInToday: true, streak: 1 })
    expect(cal.body.days).toHaveLength(1)

    const after = await call('GET', '/v1/me', { token: s2.token })
    expect(after.body).toMatchObject({ points: 5, checkedInToday: true })

    // One welcome notice, even though the join was attempted twice (the welcome consumer
    // puts it in the inbox a moment after joining).
    await eventually(async () => {
      const inbox = await call('GET', '/v1/me/inbox', { token: s2.token })
      expect(inbox.status).toBe(200)
      expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'welcome')).toEqual([
        expect.objectContaining({ title: '欢迎加入会员', body: expect.stringContaining('入会礼券已放入您的券包') }),
      ])
    })
  })

  it('awards exactly once when 20 check-ins arrive at the same time', async () => {
    const { token } = await newMember()
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/v1/me/checkins', { token })))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(19)
    expect((await call('GET', '/v1/me', { token })).body.points).toBe(5)
  })

  it('updates the profile and marketing consent', async () => {
    const { token } = await newMember({ marketingConsent: true })
    const r = await call('PATCH', '/v1/me', { token, body: { marketingConsent: false, name: '李四' } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ marketingConsent: false, name: '李四' })
  })
})

describe('bad input', () => {
  it('answers malformed join bodies with 400 VALIDATION_FAILED naming the fields, and creates nothing', async () => {
    const token = await signIn()
    const cases: Array<[unknown, string[]]> = [
      [{}, ['body.storeId', 'body.name', 'body.birthday', 'body.gender', 'body.privacyConsentVersion']],
      [joinBody({ mobile: '12345' }), ['body.mobile']],
      [joinBody({ birthday: '17/05/1990' }), ['body.birthday']],
      [joinBody({ gender: 'robot' }), ['body.gender']],
      [joinBody({ mobile: undefined }), ['body.mobile']],
      [joinBody({ marketingConsent: 'yes' }), ['body.marketingConsent']],
    ]
    for (const [body, fields] of cases) {
      const r = await call('POST', '/v1/members', { token, body })
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('VALIDATION_FAILED')
      const named = r.body.error.details.fields.map((f: { field: string }) => f.field)
      for (const f of fields) expect(named).toContain(f)
    }
    const notJson = await call('POST', '/v1/members', { token, raw: '{"storeId":' })
    expect(notJson.status).toBe(400)
    expect(notJson.body.error.code).toBe('VALIDATION_FAILED')

    const under = await call('POST', '/v1/members', { token, body: joinBody({ birthday: '2015-01-01' }) })
    expect(under.status).toBe(422)
    expect(under.body.error.code).toBe('UNDER_MINIMUM_AGE')
    const store = await call('POST', '/v1/members', { token, body: joinBody({ storeId: 'NOPE' }) })
    expect(store.body.error.code).toBe('STORE_NOT_FOUND')

    // Nothing was created: the same identity can still join, once.
    expect((await call('POST', '/v1/members', { token, body: joinBody() })).status).toBe(201)
  })

  it('rejects unknown profile fields and empty updates without changing anything', async () => {
    const { token, member } = await newMember()
    const r = await call('PATCH', '/v1/me', { token, body: { tierCode: 'gold' } })
    expect(r.status).toBe(400)
    const e = await call('PATCH', '/v1/me', { token, body: {} })
    expect(e.status).toBe(400)
    expect((await call('GET', '/v1/me', { token })).body.tier.code).toBe(member.tier.code)
  })

  it('rejects a bad month in the calendar query', async () => {
    const { token } = await newMember()
    const r = await call('GET', '/v1/me/checkins?month=2026-13', { token })
    expect(r.status).toBe(400)
    expect(r.body.error.details.fields[0].field).toBe('query.month')
  })
})

describe('auth and isolation', () => {
  it('answers a missing, forged or garbage token with 401', async () => {
    const { token } = await newMember()
    expect((await call('GET', '/v1/me')).status).toBe(401)
    expect((await call('GET', '/v1/me', { token: 'garbage' })).status).toBe(401)
    const [h, p] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString())
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, mid: 'SOMEONE-ELSE' })).toString('base64url')}.${token.split('.')[2]}`
    const r = await call('GET', '/v1/me', { token: forged })
    expect(r.status).toBe(401)
    expect(r.body.error.code).toBe('UNAUTHENTICATED')
    expect((await call('POST', '/v1/me/checkins', { token: forged })).status).toBe(401)
  })

  it('only ever shows a member their own card, whatever the request says', async () => {
    const a = await newMember({ mobile: '13511112222' })
    const b = await newMember({ mobile: '13533334444' })
    const r = await call('GET', `/v1/me?memberId=${b.member.memberId}`, { token: a.token, headers: { 'x-member-id': b.member.memberId } })
    expect(r.body.memberId).toBe(a.member.memberId)
    expect(JSON.stringify(r.body)).not.toContain('13533334444')
    const p = await call('PATCH', '/v1/me', { token: a.token, body: { memberId: b.member.memberId, name: 'x' } })
    expect(p.status).toBe(400)
    expect((await call('GET', '/v1/me', { token: b.token })).body.name).toBe('张三')
  })

  it('refuses dev sign-in codes that are not dev:<name>', async () => {
    const r = await call('POST', '/v1/auth/wechat', { body: { code: 'real-wechat-code' } })
    expect(r.status).toBe(401)
    expect(r.body.error.code).toBe('WECHAT_LOGIN_FAILED')
  })
})

describe('platform', () => {
  it('reports health without telling which stage it is', async () => {
    const r = await call('GET', '/v1/health')
    expect(r.body).toMatchObject({ status: 'ok' })
    expect(r.body).not.toHaveProperty('stage')
  })

  it('serves an OpenAPI document with every route that serverless.yml deploys', async () => {
    const fs = await import('node:fs')
    const yml = fs.readFileSync(require.resolve('../../serverless.yml'), 'utf8')
    const deployed = [...yml.matchAll(/httpApi: ['"](\w+) ([^'"]+)['"]/g)].map((m) => [m[1]!.toLowerCase(), m[2]!] as const)
    expect(deployed.length).toBeGreaterThan(30)
    const doc = (await call('GET', '/v1/openapi.json')).body
    expect(doc.openapi).toMatch(/^3\.1/)
    for (const [method, path] of deployed) expect(doc.paths[path]?.[method]).toBeDefined()
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m} ${p}`))
    expect(documented.sort()).toEqual(deployed.map(([m, p]) => `${m} ${p}`).sort())
  })
})

describe('stores', () => {
  it('lists the stores by name for anyone (the join page shows where you join)', async () => {
    const r = await call('GET', '/v1/stores')
    expect(r.status).toBe(200)
    expect(r.body.items.find((s: { storeId: string }) => s.storeId === 'S001')).toMatchObject({ name: '南京西路旗舰店', city: '上海' })
  })
})
