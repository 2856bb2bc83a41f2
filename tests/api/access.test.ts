/**
 * Access that can be taken back: staff accounts and store-system keys are checked against
 * what holds now on every request; tokens carry an expiry and an audience; a forged token
 * gets nothing; a signed POS request is good once.
 */
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { readConfig } from '../../functions/src/platform/config'
import { call, newMember, signedCall, signIn, uniqueName } from './client'

let admin: string
beforeAll(async () => {
  admin = await signIn('admin')
})

const secret = () => new TextEncoder().encode(readConfig({ ...process.env, STAGE: 'local' }).tokenSecret)
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string

/** A new cashier of `storeId`, bound to a fresh WeChat identity; returns their token and account. */
async function newCashier(storeId = 'S001') {
  const created = await call('POST', '/v1/admin/staff', {
    token: admin,
    body: { name: '临时收银', roles: ['cashier'], storeIds: [storeId] },
  })
  expect(created.status).toBe(201)
  const identity = uniqueName('cashier')
  const user = await signIn(identity)
  const bound = await call('POST', '/v1/staff/bind', { token: user, body: { code: created.body.bindingCode } })
  expect(bound.status).toBe(200)
  return { staffId: created.body.staffId as string, token: bound.body.token as string, identity, session: bound.body }
}

describe('tokens', () => {
  const forge = (claims: Record<string, unknown>, opts: { aud?: string | null; exp?: number | null } = {}) => {
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(`dev:${randomUUID()}`).setIssuer('huiyuan').setIssuedAt()
    if (opts.aud !== null) jwt = jwt.setAudience(opts.aud ?? 'huiyuan-mp')
    if (opts.exp !== null) jwt = jwt.setExpirationTime(opts.exp ?? '1h')
    return jwt.sign(secret())
  }

  it('gives a made-up admin identity nothing, even signed with the right secret', async () => {
    for (const token of [
      await forge({ roles: ['admin'], stores: [] }),
      await forge({ roles: ['admin'], stores: [], sid: 'STAFF-NOBODY', sv: 0 }),
      await forge({ roles: ['admin'], stores: [], sid: 'STAFF-ADMIN', sv: 0 }),
    ]) {
      const r = await call('GET', '/v1/admin/staff', { token })
      expect(r.status).toBe(401)
      expect(r.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('refuses tokens without an expiry or an audience, or for another audience', async () => {
    const m = await newMember()
    const mid = (await call('GET', '/v1/me', { token: m.token })).body.memberId
    for (const opts of [{ exp: null }, { aud: null }, { aud: 'somewhere-else' }]) {
      const r = await call('GET', '/v1/me/points', { token: await forge({ mid }, opts) })
      expect(r.status).toBe(401)
    }
  })

  it('gives staff short-lived tokens and members longer ones', async () => {
    const cashier = await call('POST', '/v1/auth/wechat', { body: { code: 'dev:cashier' } })
    const minutes = (Date.parse(cashier.body.expiresAt) - Date.now()) / 60_000
    expect(minutes).toBeGreaterThan(10)
    expect(minutes).toBeLessThanOrEqual(15)
    const member = await call('POST', '/v1/auth/wechat', { body: { code: `dev:${uniqueName()}` } })
    expect((Date.parse(member.body.expiresAt) - Date.now()) / 60_000).toBeGreaterThan(60)
  })
})

describe('staff access', () => {
  it('refuses a disabled cashier on the next request, and their new sign-in carries no role', async () => {
    const m = await newMember()
    const c = await newCashier()
    const lookup = (token: string) =>
      codeOf(m.token).then((memberCode) => call('POST', '/v1/staff/lookup', { token, body: { memberCode, storeId: 'S001' } }))
    expect((await lookup(c.token)).status).toBe(200)
    const disabled = await call('PATCH', `/v1/admin/staff/${c.staffId}`, { token: admin, body: { disabled: true } })
    expect(disabled.status).toBe(200)
    expect(disabled.body).toMatchObject({ staffId: c.staffId, disabled: true })
    const refused = await lookup(c.token)
    expect(refused.status).toBe(401)
    const again = await signIn(c.identity)
    expect((await lookup(again)).status).toBe(403)
    // Enabled again: a fresh sign-in works, the token from before the change stays dead.
    expect((await call('PATCH', `/v1/admin/staff/${c.staffId}`, { token: admin, body: { disabled: false } })).status).toBe(200)
    expect((await lookup(await signIn(c.identity))).status).toBe(200)
    expect((await lookup(c.token)).status).toBe(401)
  })

  it('applies changed stores at once, checks the body, and lets no admin lock themselves out', async () => {
    const c = await newCashier('S001')
    const moved = await call('PATCH', `/v1/admin/staff/${c.staffId}`, { token: admin, body: { storeIds: ['S002'] } })
    expect(moved.body).toMatchObject({ storeIds: ['S002'], roles: ['cashier'] })
    const token = await signIn(c.identity)
    const day = (storeId: string) => call('GET', `/v1/staff/purchases?storeId=${storeId}`, { token })
    expect((await day('S001')).status).toBe(403)
    expect((await day('S002')).status).toBe(200)
    expect((await call('PATCH', `/v1/admin/staff/${c.staffId}`, { token: admin, body: { storeIds: ['NOPE'] } })).body.error.code).toBe(
      'STORE_NOT_FOUND',
    )
    expect((await call('PATCH', `/v1/admin/staff/${c.staffId}`, { token: admin, body: { storeIds: [] } })).status).toBe(400)
    expect((await call('PATCH', `/v1/admin/staff/${c.staffId}`, { token: admin, body: {} })).status).toBe(400)
    expect((await call('PATCH', '/v1/admin/staff/NOBODY', { token: admin, body: { disabled: true } })).status).toBe(404)
    expect((await call('PATCH', '/v1/admin/staff/STAFF-ADMIN', { token: admin, body: { disabled: true } })).status).toBe(400)
    expect((await call('PATCH', `/v1/admin/staff/${c.staffId}`, { token, body: { disabled: true } })).status).toBe(403)
  })
})

describe('store system keys', () => {
  const lookupBody = async () => ({ memberCode: await codeOf((await newMember()).token), storeId: 'S001' })

  it('refuses a replayed signature, lookups included; a retry signed anew is fine', async () => {
    const key = (await call('POST', '/v1/admin/stores/S001/pos-keys', { token: admin })).body
    const body = await lookupBody()
    const at = Math.floor(Date.now() / 1000)
    expect((await signedCall(key, 'POST', '/v1/staff/lookup', body, { at })).status).toBe(200)
    const replay = await signedCall(key, 'POST', '/v1/staff/lookup', body, { at })
    expect(replay.status).toBe(409)
    expect(replay.body.error.code).toBe('REQUEST_REPLAYED')
    expect((await signedCall(key, 'POST', '/v1/staff/lookup', body, { at: at - 1 })).status).toBe(200)
    const list = `/v1/staff/purchases?storeId=S001`
    expect((await signedCall(key, 'GET', list, undefined, { at })).status).toBe(200)
    expect((await signedCall(key, 'GET', list, undefined, { at })).status).toBe(409)
  })

  it('revokes a key at once, lists keys without secrets, and rotates with an overlap', async () => {
    const key = (await call('POST', '/v1/admin/stores/S001/pos-keys', { token: admin, body: { expiresInDays: 30 } })).body
    expect(Date.parse(key.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000)
    const rotated = await call('POST', '/v1/admin/stores/S001/pos-keys', { token: admin, body: { replaces: key.keyId, overlapHours: 1 } })
    expect(rotated.status).toBe(201)
    const listed = await call('GET', '/v1/admin/stores/S001/pos-keys?limit=100', { token: admin })
    const old = listed.body.items.find((k: { keyId: string }) => k.keyId === key.keyId)
    expect(old).toMatchObject({ status: 'active' })
    expect(Date.parse(old.expiresAt) - Date.now()).toBeLessThan(3_600_000 + 60_000)
    expect(JSON.stringify(listed.body)).not.toContain('hys_')
    expect((await signedCall(key, 'POST', '/v1/staff/lookup', await lookupBody())).status).toBe(200)
    expect((await call('DELETE', `/v1/admin/stores/S002/pos-keys/${key.keyId}`, { token: admin })).status).toBe(404)
    expect((await call('DELETE', `/v1/admin/stores/S001/pos-keys/${key.keyId}`, { token: admin })).status).toBe(204)
    const refused = await signedCall(key, 'POST', '/v1/staff/lookup', await lookupBody())
    expect(refused.status).toBe(401)
    expect((await signedCall(rotated.body, 'POST', '/v1/staff/lookup', await lookupBody())).status).toBe(200)
    const after = await call('GET', '/v1/admin/stores/S001/pos-keys?limit=100', { token: admin })
    expect(after.body.items.find((k: { keyId: string }) => k.keyId === key.keyId)).toMatchObject({ status: 'revoked' })
  })
})

describe('limits', () => {
  /** A valid card number (Luhn) that no member holds, with a made-up one-time code. */
  const wrongCode = (cardNo: string) => `${cardNo}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`

  it('refuses bodies over 64 KB with 413 before reading them, and a crafted cursor with 400', async () => {
    const m = await newMember()
    const big = await call('PATCH', '/v1/me', { token: m.token, raw: JSON.stringify({ name: 'x'.repeat(70 * 1024) }) })
    expect(big.status).toBe(413)
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    const other = Buffer.from(JSON.stringify({ PK: 'MEMBER#someone-else', SK: 'ENTRY#points#0' })).toString('base64url')
    for (const cursor of [other, 'not-base64!', 'e30', 'x'.repeat(3000)]) {
      const r = await call('GET', `/v1/me/points?cursor=${encodeURIComponent(cursor)}`, { token: m.token })
      expect(r.status).toBe(400)
    }
  })

  /** Failures count in fixed 10-minute windows: start well inside one, so the count is not split. */
  const insideWindow = async () => {
    const into = (Date.now() / 1000) % 600
    if (into > 580) await new Promise((r) => setTimeout(r, (601 - into) * 1000))
  }

  it("locks a card's code lookups after 5 wrong codes (429 with Retry-After), and a till after 30", async () => {
    await insideWindow()
    const m = await newMember()
    const c = await newCashier()
    const cardNo = (await call('GET', '/v1/me', { token: m.token })).body.cardNo as string
    const lookup = (memberCode: string) => call('POST', '/v1/staff/lookup', { token: c.token, body: { memberCode, storeId: 'S001' } })
    for (let i = 0; i < 5; i++) expect((await lookup(wrongCode(cardNo))).status).toBe(422)
    const locked = await fetch(`${process.env.API_URL}/v1/staff/lookup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ memberCode: await codeOf(m.token), storeId: 'S001' }),
    })
    expect(locked.status).toBe(429)
    expect((await locked.json()).error.code).toBe('THROTTLED')
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another member's card is not locked by it.
    expect((await lookup(await codeOf((await newMember()).token))).status).toBe(200)
    // A till guessing across cards: 30 wrong codes, then every lookup of that till waits.
    await insideWindow()
    const t = await newCashier()
    const tillLookup = (memberCode: string) => call('POST', '/v1/staff/lookup', { token: t.token, body: { memberCode, storeId: 'S001' } })
    for (let i = 0; i < 30; i++) expect((await tillLookup(`8${String(i).padStart(17, '0')}`)).status).toBe(422)
    expect((await tillLookup(await codeOf((await newMember()).token))).status).toBe(429)
  })
})
