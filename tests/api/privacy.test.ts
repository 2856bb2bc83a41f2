/** The member's privacy rights over HTTP: the policy, consents with history, export, erasure. */
import { MyDataExport, PrivacyPolicy } from '@huiyuan/shared/privacy/schemas'
import { call, eventually, joinBody, signIn, uniqueName } from './client'

async function joined(name: string, over: Record<string, unknown> = {}) {
  const user = await signIn(name)
  const r = await call('POST', '/v1/members', { token: user, body: joinBody({ mobile: '13722223333', ...over }) })
  expect(r.status).toBe(201)
  return { token: r.body.session.token as string, card: r.body.member }
}

describe('privacy rights', () => {
  it('publishes the policy version that joining and re-acceptance use', async () => {
    const r = await call('GET', '/v1/privacy-policy')
    expect(r.status).toBe(200)
    const policy = PrivacyPolicy.parse(r.body)
    expect(policy.sections.length).toBeGreaterThan(3)
    const m = await joined(uniqueName(), { privacyConsentVersion: policy.version })
    const outdated = await call('PATCH', '/v1/me', { token: m.token, body: { privacyConsentVersion: '1999-01' } })
    expect(outdated.status).toBe(422)
    expect(outdated.body.error).toMatchObject({ code: 'PRIVACY_CONSENT_OUTDATED', details: { currentVersion: policy.version } })
    // The same through the consents route (what the mini-program uses: WeChat cannot send PATCH).
    const viaPost = await call('POST', '/v1/me/consents', { token: m.token, body: { kind: 'privacy', version: '1999-01' } })
    expect(viaPost.body.error.code).toBe('PRIVACY_CONSENT_OUTDATED')
    expect((await call('POST', '/v1/me/consents', { token: m.token, body: { kind: 'privacy', version: policy.version } })).status).toBe(200)
    expect((await call('POST', '/v1/me/consents', { token: m.token, body: { kind: 'marketing' } })).status).toBe(400)
  })

  it('exports everything held about the member, consents with their history, and nothing internal', async () => {
    const m = await joined(uniqueName(), { marketingConsent: true })
    expect((await call('POST', '/v1/me/checkins', { token: m.token })).status).toBe(201)
    const off = await call('POST', '/v1/me/consents', { token: m.token, body: { kind: 'marketing', granted: false } })
    expect(off.body.marketingConsent).toBe(false)
    // Unchanged consent is not a new record.
    await call('PATCH', '/v1/me', { token: m.token, body: { marketingConsent: false } })
    await eventually(async () => expect((await call('GET', '/v1/me/inbox', { token: m.token })).body.items.length).toBeGreaterThan(0))
    const r = await call('GET', '/v1/me/export', { token: m.token })
    expect(r.status).toBe(200)
    const data = MyDataExport.parse(r.body)
    expect(data.profile).toMatchObject({ cardNo: m.card.cardNo, mobile: '13722223333', birthday: '1990-05-17', marketingConsent: false })
    expect(data.consents.map((c) => [c.kind, c.granted, c.source])).toEqual([
      ['privacy', true, 'join'],
      ['marketing', true, 'join'],
      ['marketing', false, 'profile'],
    ])
    expect(data.consents[0]!.version).toBe('2026-11')
    expect(data.checkins).toHaveLength(1)
    expect(data.ledger.find((l) => l.type === 'checkin')?.delta).toBeGreaterThan(0)
    expect(data.balances.points).toBe(data.ledger.reduce((s, l) => s + (l.kind === 'points' ? l.delta : 0), 0))
    expect(data.notices.length).toBeGreaterThan(0)
    const text = JSON.stringify(r.body)
    for (const internal of ['"PK"', '"SK"', 'GSI1', 'mobileSealed', 'mobileHash', 'openid', 'sourceRef', 'IDEMP'])
      expect(text).not.toContain(internal)
    expect((await call('GET', '/v1/me/export')).status).toBe(401)
  })

  it('erases the member: tokens and member codes stop working at once, and the identity may join again as a new member', async () => {
    const name = uniqueName()
    const m = await joined(name, { marketingConsent: true })
    const code = (await call('GET', '/v1/me/code', { token: m.token })).body.code
    const erased = await call('DELETE', '/v1/me', { token: m.token })
    expect(erased.status).toBe(200)
    expect(erased.body.retained.length).toBeGreaterThan(0)
    for (const [method, path] of [
      ['GET', '/v1/me'],
      ['GET', '/v1/me/points'],
      ['GET', '/v1/me/export'],
      ['DELETE', '/v1/me'],
    ] as const) {
      expect((await call(method, path, { token: m.token })).status).toBe(401)
    }
    const cashier = await signIn('cashier')
    const lookup = await call('POST', '/v1/staff/lookup', { token: cashier, body: { memberCode: code, storeId: 'S001' } })
    expect(lookup.status).toBe(422)
    const again = await call('POST', '/v1/auth/wechat', { body: { code: `dev:${name}` } })
    expect(again.body.memberId).toBeNull()
    const rejoined = await call('POST', '/v1/members', { token: again.body.token, body: joinBody() })
    expect(rejoined.status).toBe(201)
    expect(rejoined.body.member.memberId).not.toBe(m.card.memberId)
    expect(rejoined.body.member.points).toBe(0)
  })
})
