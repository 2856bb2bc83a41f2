/**
 * The console's sign-in by QR, over HTTP: the console starts a sign-in, a staff member
 * approves it in the mini-program, and the console's poll — holding the secret — collects a
 * console token once; the token works on the console's routes and ends with the account.
 * Cashiers, members, expired and used tickets, wrong secrets and console tokens are refused.
 * On stage local the console also signs in with dev:<name> codes.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { ConsoleMe, ConsoleSessionStarted, ConsoleSessionStatus } from '@huiyuan/shared/console/schemas'
import { makeDb } from '../../functions/src/platform/db'
import { keys } from '../../functions/src/platform/keys'
import { APIS, call, newMember, signIn, uniqueName } from './client'

const table = () => makeDb({ tableName: process.env.GATEWAY_TABLE!, endpoint: process.env.DYNAMODB_ENDPOINT! })
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))

/** `null`: a console that does not name itself. */
const start = async (client: string | null = 'Chrome · macOS') => {
  const r = await call('POST', '/v1/console/sessions', { body: client === null ? {} : { client } })
  expect(r.status).toBe(201)
  return ConsoleSessionStarted.parse(r.body)
}
const poll = (ticket: string, secret?: string) =>
  call('GET', `/v1/console/sessions/${ticket}${secret === undefined ? '' : `?secret=${encodeURIComponent(secret)}`}`)
const approve = (ticket: string, token: string | undefined, api?: string) =>
  call('POST', `/v1/console/sessions/${ticket}/approve`, { token, ...(api ? { api } : {}) })

let admin: string
let manager: string
let cashier: string
let marketer: string
beforeAll(async () => {
  ;[admin, manager, cashier, marketer] = await Promise.all([signIn('admin'), signIn('manager'), signIn('cashier'), signIn('marketer')])
})

/** A new staff account bound to a fresh identity; its mini-program token. */
async function newStaff(roles: string[], storeIds: string[] = []) {
  const created = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '控制台测试', roles, storeIds } })
  expect(created.status).toBe(201)
  const user = await signIn(uniqueName('staff'))
  const bound = await call('POST', '/v1/staff/bind', { token: user, body: { code: created.body.bindingCode } })
  expect(bound.status).toBe(200)
  return { staffId: created.body.staffId as string, token: bound.body.token as string }
}

describe('console sign-in by QR', () => {
  it('start → the mini-program approves → the poll with the secret gets the token once → it works on the console', async () => {
    const s = await start()
    expect(s.ticket).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(s.secret.length).toBeGreaterThanOrEqual(40)
    expect(s.qrText).toBe(`huiyuan-console:${s.ticket}`)
    expect(s.qrText).not.toContain(s.secret)
    const ttl = Date.parse(s.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(100_000)
    expect(ttl).toBeLessThanOrEqual(121_000)

    // What the mini-program shows before approving: which console, when; no token.
    const seen = await poll(s.ticket)
    expect(seen.status).toBe(200)
    expect(ConsoleSessionStatus.parse(seen.body)).toMatchObject({ status: 'pending', client: 'Chrome · macOS' })
    expect(seen.body.session).toBeUndefined()
    expect((await poll(s.ticket, s.secret)).body).toMatchObject({ status: 'pending' })

    const approved = await approve(s.ticket, manager)
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'approved', client: 'Chrome · macOS' })

    // Whoever photographed the QR sees the status, never the token.
    const photographed = await poll(s.ticket)
    expect(photographed.body).toMatchObject({ status: 'approved' })
    expect(photographed.body.session).toBeUndefined()
    const wrong = await poll(s.ticket, `${s.secret.slice(0, -2)}xx`)
    expect(wrong.status).toBe(404)
    expect(Object.keys(wrong.body)).toEqual(['error'])

    const collected = await poll(s.ticket, s.secret)
    expect(collected.status).toBe(200)
    const status = ConsoleSessionStatus.parse(collected.body)
    expect(status.session).toBeDefined()
    expect(status.session!.staff).toEqual({
      staffId: 'STAFF-MANAGER-S002',
      name: '三里屯店长',
      roles: ['store_manager'],
      storeIds: ['S002'],
    })
    const token = status.session!.token
    const c = claims(token)
    expect(c).toMatchObject({ aud: 'huiyuan-console', mid: null, roles: ['store_manager'], stores: ['S002'], sid: 'STAFF-MANAGER-S002' })
    expect(c.exp - c.iat).toBe(8 * 3600)
    expect(typeof c.sv).toBe('number')

    // Once: the next poll sees it consumed, without a token.
    const again = await poll(s.ticket, s.secret)
    expect(again.body).toMatchObject({ status: 'consumed' })
    expect(again.body.session).toBeUndefined()

    const me = await call('GET', '/v1/console/me', { token })
    expect(me.status).toBe(200)
    expect(ConsoleMe.parse(me.body)).toEqual({
      staffId: 'STAFF-MANAGER-S002',
      name: '三里屯店长',
      roles: ['store_manager'],
      storeIds: ['S002'],
      stores: [{ storeId: 'S002', name: '三里屯店' }],
    })
    const stores = await call('GET', '/v1/admin/stores', { token })
    expect(stores.status).toBe(200)
    expect(stores.body.items.map((x: { storeId: string }) => x.storeId)).toEqual(['S002'])
    expect((await call('GET', '/v1/admin/stores/S001', { token })).status).toBe(403)
    // A used ticket cannot be approved again.
    const reused = await approve(s.ticket, marketer)
    expect(reused.status).toBe(409)
    expect(reused.body.error.code).toBe('CONSOLE_SESSION_USED')
  })

  it('refuses cashiers and members, and a console token cannot approve another console', async () => {
    const s = await start(null)
    const byCashier = await approve(s.ticket, cashier)
    expect(byCashier.status).toBe(403)
    expect(byCashier.body.error.code).toBe('CONSOLE_NOT_ALLOWED')
    const m = await newMember()
    const byMember = await approve(s.ticket, m.token)
    expect(byMember.status).toBe(403)
    expect(Object.keys(byMember.body)).toEqual(['error'])
    expect((await approve(s.ticket, undefined)).status).toBe(401)
    expect((await call('GET', '/v1/console/me', { token: cashier })).body.error.code).toBe('CONSOLE_NOT_ALLOWED')

    const dev = await call('POST', '/v1/auth/wechat', { body: { code: 'dev:marketer', audience: 'console' } })
    const byConsole = await approve(s.ticket, dev.body.token)
    expect(byConsole.status).toBe(403)
    expect(byConsole.body.error.code).toBe('CONSOLE_NOT_ALLOWED')

    // Still pending: none of them approved it, and its client is unknown.
    expect((await poll(s.ticket, s.secret)).body).toMatchObject({ status: 'pending', client: null })
    expect((await approve(s.ticket, marketer)).body).toMatchObject({ status: 'approved' })
  })

  it('an expired ticket is refused with 410 and shows as expired', async () => {
    const s = await start()
    await table().client.send(
      new UpdateCommand({
        TableName: process.env.GATEWAY_TABLE!,
        Key: keys.consoleSession(s.ticket),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    )
    const late = await approve(s.ticket, manager)
    expect(late.status).toBe(410)
    expect(late.body.error.code).toBe('CONSOLE_SESSION_EXPIRED')
    const status = await poll(s.ticket, s.secret)
    expect(status.body).toMatchObject({ status: 'expired' })
    expect(status.body.session).toBeUndefined()
  })

  it('two approvals at once (two API processes): one wins, the other is refused', async () => {
    const s = await start()
    const [a, b] = APIS()
    const results = await Promise.all([approve(s.ticket, manager, a), approve(s.ticket, marketer, b ?? a)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const collected = await poll(s.ticket, s.secret)
    const winner = results[0]!.status === 200 ? 'STAFF-MANAGER-S002' : 'STAFF-MARKETER'
    expect(collected.body.session.staff.staffId).toBe(winner)
  })

  it('an unknown ticket is 404; a malformed one 400', async () => {
    expect((await poll('A'.repeat(32))).status).toBe(404)
    expect((await approve('A'.repeat(32), manager)).status).toBe(404)
    expect((await poll('short')).status).toBe(400)
  })

  it('the console token ends with the staff account: disabled → the next request is refused', async () => {
    const staff = await newStaff(['marketer'])
    const s = await start()
    expect((await approve(s.ticket, staff.token)).status).toBe(200)
    const token = (await poll(s.ticket, s.secret)).body.session.token as string
    expect((await call('GET', '/v1/admin/program', { token })).status).toBe(200)
    expect((await call('PATCH', `/v1/admin/staff/${staff.staffId}`, { token: admin, body: { disabled: true } })).status).toBe(200)
    expect((await call('GET', '/v1/console/me', { token })).status).toBe(401)
    expect((await call('GET', '/v1/admin/program', { token })).status).toBe(401)
  })

  it('the approval is audited', async () => {
    const s = await start('Edge · Windows')
    expect((await approve(s.ticket, marketer)).status).toBe(200)
    const audit = await call('GET', '/v1/admin/audit?actor=staff:STAFF-MARKETER&action=console.approve&limit=100', { token: admin })
    expect(audit.status).toBe(200)
    // This file's approvals by the marketer are a handful: one page holds them.
    expect(audit.body.items.some((e: { details: { client?: string } }) => e.details.client === 'Edge · Windows')).toBe(true)
  })
})

describe('development sign-in for the console (stage local)', () => {
  it('gives a marketer a console token for dev:<name>', async () => {
    const r = await call('POST', '/v1/auth/wechat', { body: { code: 'dev:marketer', audience: 'console' } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ memberId: null, roles: ['marketer'], storeIds: [] })
    expect(claims(r.body.token)).toMatchObject({ aud: 'huiyuan-console', sid: 'STAFF-MARKETER' })
    const me = await call('GET', '/v1/console/me', { token: r.body.token })
    expect(me.body).toMatchObject({ staffId: 'STAFF-MARKETER', name: '市场部小李', roles: ['marketer'] })
    expect(me.body.stores.map((s: { storeId: string }) => s.storeId)).toEqual(expect.arrayContaining(['S001', 'S002', 'S003']))
  })

  it('refuses cashiers, people who are not staff, and codes that are not dev codes', async () => {
    const asCashier = await call('POST', '/v1/auth/wechat', { body: { code: 'dev:cashier', audience: 'console' } })
    expect(asCashier.status).toBe(403)
    expect(asCashier.body.error.code).toBe('CONSOLE_NOT_ALLOWED')
    const nobody = await call('POST', '/v1/auth/wechat', { body: { code: `dev:${uniqueName()}`, audience: 'console' } })
    expect(nobody.status).toBe(403)
    expect(nobody.body.error.code).toBe('CONSOLE_NOT_ALLOWED')
    const real = await call('POST', '/v1/auth/wechat', { body: { code: '0a1B2c3D4e5F', audience: 'console' } })
    expect(real.status).toBe(403)
    expect(real.body.error.code).toBe('CONSOLE_QR_REQUIRED')
    // The mini-program's sign-in is unchanged.
    const mp = await call('POST', '/v1/auth/wechat', { body: { code: 'dev:cashier' } })
    expect(claims(mp.body.token).aud).toBe('huiyuan-mp')
  })
})
