/**
 * The console's program rules and stores, over HTTP: who may read and change them, the
 * rules checked as a whole with field paths, optimistic versions, the audited diff, a
 * preview that earns exactly what the till then earns, and stores opened, edited and closed
 * (a closed store refuses joins and till purchases), with their join QR.
 */
import { randomUUID } from 'node:crypto'
import { ProgramVersionList, ProgramView, PreviewEarningResult, type ProgramRules } from '@huiyuan/shared/program/schemas'
import { PurchaseResult } from '@huiyuan/shared/purchases/schemas'
import { AdminStore, AdminStoreList, StoreJoinCode } from '@huiyuan/shared/stores/schemas'
import { call, joinBody, newMember, type Res, signIn } from './client'

/** Program rules and stores reach the other functions' containers within PROGRAM_CACHE_SECONDS (1 s on stage local). */
const CACHE_MS = 1_200
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const orderId = () => `P${randomUUID().replace(/-/g, '').slice(0, 16)}`
const newStoreId = () =>
  `T${randomUUID()
    .replace(/[^0-9]/g, '')
    .slice(0, 9)}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
/** Every audit event of a query, all pages (the log is oldest first). */
type AuditEvent = { action: string; subject: string; details: Record<string, unknown> }
async function auditEvents(query: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = []
  let cursor: string | null = null
  do {
    const r: Res<{ items: AuditEvent[]; nextCursor: string | null }> = await call(
      'GET',
      `/v1/admin/audit?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { token: admin },
    )
    expect(r.status).toBe(200)
    events.push(...r.body.items)
    cursor = r.body.nextCursor
  } while (cursor)
  return events
}
const fieldsOf = (r: { body: { error?: { details?: { fields?: Array<{ field: string }> } } } }) =>
  (r.body.error?.details?.fields ?? []).map((f) => f.field)

let admin: string
let marketer: string
let manager: string
let cashier: string
let original: ProgramRules
beforeAll(async () => {
  ;[admin, marketer, manager, cashier] = await Promise.all([signIn('admin'), signIn('marketer'), signIn('manager'), signIn('cashier')])
  original = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules
})

/** The rules as found: the other test files expect the seeded program. */
afterAll(async () => {
  const now = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  const restored = await call('PUT', '/v1/admin/program', { token: admin, body: { rules: original, version: now.version } })
  expect(restored.status).toBe(200)
  await sleep(CACHE_MS)
})

const readProgram = async (token = admin) => {
  const r = await call('GET', '/v1/admin/program', { token })
  expect(r.status).toBe(200)
  return ProgramView.parse(r.body)
}
const putProgram = (rules: unknown, version: number, token = admin) => call('PUT', '/v1/admin/program', { token, body: { rules, version } })
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v))

describe('program rules', () => {
  it('marketers read them; only admins change them; store managers and cashiers neither', async () => {
    const p = await readProgram(marketer)
    expect(p.version).toBeGreaterThanOrEqual(1)
    expect(p.rules.marketing).toEqual({
      maxMessagesPer7Days: 2,
      quietHours: { from: '21:00', to: '09:00' },
      grossMarginPct: 40,
      globalControlPct: 0,
    })
    expect((await call('GET', '/v1/admin/program', { token: manager })).status).toBe(403)
    expect((await call('GET', '/v1/admin/program', { token: cashier })).status).toBe(403)
    expect((await putProgram(p.rules, p.version, marketer)).status).toBe(403)
    expect((await call('GET', '/v1/admin/program/versions', { token: marketer })).status).toBe(200)
    expect((await call('GET', '/v1/admin/program/versions', { token: manager })).status).toBe(403)
  })

  it('checks the rules as a whole and answers with the failing fields in place', async () => {
    const p = await readProgram()
    const rules = copy(p.rules)
    rules.tiers[1]!.thresholdFen = 0
    rules.tiers[2]!.code = rules.tiers[1]!.code
    rules.earning.promotions.push({ id: 'shop', name: '门店加倍', kind: 'store', multiplierBp: 15000 })
    rules.marketing.quietHours = { from: '21:00', to: '21:00' }
    const r = await putProgram(rules, p.version)
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('VALIDATION_FAILED')
    expect(fieldsOf(r)).toEqual(
      expect.arrayContaining([
        'body.rules.tiers.1.thresholdFen',
        'body.rules.tiers.2.code',
        `body.rules.earning.promotions.${rules.earning.promotions.length - 1}.storeIds`,
        'body.rules.marketing.quietHours.to',
      ]),
    )
    const shape = await putProgram({ ...copy(p.rules), earning: { fenPerPoint: 0 } }, p.version)
    expect(fieldsOf(shape)).toContain('body.rules.earning.fenPerPoint')

    const unknownStore = copy(p.rules)
    unknownStore.earning.promotions.push({
      id: 'nowhere',
      name: '门店加倍',
      kind: 'store',
      multiplierBp: 15000,
      storeIds: ['S001', 'NOPE9'],
    })
    const u = await putProgram(unknownStore, p.version)
    expect(u.status).toBe(400)
    expect(fieldsOf(u)).toEqual([`body.rules.earning.promotions.${unknownStore.earning.promotions.length - 1}.storeIds.1`])

    const removed = copy(p.rules)
    removed.tiers.pop()
    const t = await putProgram(removed, p.version)
    expect(t.status).toBe(400)
    expect(fieldsOf(t)).toEqual(['body.rules.tiers'])
    expect((await readProgram()).version).toBe(p.version)
  })

  it('a stale version is a conflict; each change is a version with its diff, and audited', async () => {
    const p = await readProgram()
    const rules = copy(p.rules)
    rules.checkin.basePoints = p.rules.checkin.basePoints + 1
    rules.marketing.maxMessagesPer7Days = 3
    const r = await putProgram(rules, p.version)
    expect(r.status).toBe(200)
    const saved = ProgramView.parse(r.body)
    expect(saved.version).toBe(p.version + 1)
    expect(saved.updatedBy).toEqual({ staffId: 'STAFF-ADMIN', name: '总部管理员' })
    expect(saved.rules.marketing.maxMessagesPer7Days).toBe(3)
    expect(await readProgram(marketer)).toMatchObject({
      version: p.version + 1,
      rules: { checkin: { basePoints: rules.checkin.basePoints } },
    })

    const stale = await putProgram(p.rules, p.version)
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: p.version + 1 } })

    const changes = [
      { path: 'checkin.basePoints', before: p.rules.checkin.basePoints, after: rules.checkin.basePoints },
      { path: 'marketing.maxMessagesPer7Days', before: p.rules.marketing.maxMessagesPer7Days, after: 3 },
    ]
    const versions = ProgramVersionList.parse((await call('GET', '/v1/admin/program/versions?limit=2', { token: marketer })).body)
    expect(versions.items[0]).toMatchObject({ version: p.version + 1, updatedBy: { staffId: 'STAFF-ADMIN' }, changes })

    const audit = await auditEvents('action=program.update&actor=staff:STAFF-ADMIN')
    const event = audit.find((e) => e.details.version === p.version + 1)
    expect(event).toMatchObject({ action: 'program.update', subject: 'program', details: { changes } })

    // The same rules again: nothing changes, no new version.
    const same = await putProgram(rules, p.version + 1)
    expect(same.body.version).toBe(p.version + 1)
  })

  it('two updates from the same version at once: one wins, the other is a conflict', async () => {
    const p = await readProgram()
    const a = copy(p.rules)
    a.checkin.basePoints = 7
    const b = copy(p.rules)
    b.checkin.basePoints = 9
    const results = await Promise.all([putProgram(a, p.version), putProgram(b, p.version)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect((await readProgram()).version).toBe(p.version + 1)
  })

  it('the preview earns exactly what a purchase at the till then earns, under new rules', async () => {
    const p = await readProgram()
    const rules = copy(p.rules)
    rules.earning.fenPerPoint = 50
    rules.earning.promotions.push({ id: 'flagship', name: '旗舰店加倍', kind: 'store', multiplierBp: 15000, storeIds: ['S001'] })
    const saved = await putProgram(rules, p.version)
    expect(saved.status).toBe(200)
    await sleep(CACHE_MS)

    const birthday = `1990-${today().slice(5, 7)}-15`
    const m = await newMember({ birthday })
    const card = (await call('GET', '/v1/me', { token: m.token })).body
    const body = {
      amountFen: 12_800,
      tierCode: card.tier.code as string,
      storeId: 'S001',
      date: today(),
      birthday,
      items: [{ sku: 'A1', category: 'apparel', unitPriceFen: 12_800, qty: 1 }],
    }
    const preview = await call('POST', '/v1/admin/program/preview', { token: marketer, body })
    expect(preview.status).toBe(200)
    const expected = PreviewEarningResult.parse(preview.body)
    expect(expected.rulesVersion).toBe(saved.body.version)
    expect(expected.points.basePoints).toBe(256)
    expect(expected.points.multipliers.map((x) => x.name)).toEqual(expect.arrayContaining(['旗舰店加倍', '生日月双倍积分']))

    const purchase = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await codeOf(m.token), storeId: 'S001', orderId: orderId(), amountFen: body.amountFen, items: body.items },
    })
    expect(purchase.status).toBe(201)
    const earned = PurchaseResult.parse(purchase.body).points
    expect({ basePoints: earned.basePoints, multipliers: earned.multipliers, totalPoints: earned.totalPoints }).toEqual(expected.points)

    // A draft is previewed without being saved.
    const draft = copy(rules)
    draft.earning.fenPerPoint = 25
    const d = await call('POST', '/v1/admin/program/preview', { token: marketer, body: { ...body, rules: draft } })
    expect(d.body).toMatchObject({ rulesVersion: null, points: { basePoints: 512 } })
    expect((await readProgram()).rules.earning.fenPerPoint).toBe(50)

    const badTier = await call('POST', '/v1/admin/program/preview', { token: marketer, body: { ...body, tierCode: 'nope' } })
    expect(fieldsOf(badTier)).toEqual(['body.tierCode'])
    expect((await call('POST', '/v1/admin/program/preview', { token: manager, body })).status).toBe(403)
  })
})

describe('stores', () => {
  it('marketers list every store; a store manager sees their own only', async () => {
    const all = AdminStoreList.parse((await call('GET', '/v1/admin/stores?limit=100', { token: marketer })).body)
    expect(all.items.map((s) => s.storeId)).toEqual(expect.arrayContaining(['S001', 'S002', 'S003']))
    const ids = all.items.map((s) => s.storeId)
    expect(ids).toEqual([...ids].sort())
    const own = AdminStoreList.parse((await call('GET', '/v1/admin/stores', { token: manager })).body)
    expect(own.items.map((s) => s.storeId)).toEqual(['S002'])
    expect((await call('GET', '/v1/admin/stores/S002', { token: manager })).body).toMatchObject({ storeId: 'S002', name: '三里屯店' })
    expect((await call('GET', '/v1/admin/stores/S001', { token: manager })).status).toBe(403)
    expect((await call('GET', '/v1/admin/stores', { token: cashier })).status).toBe(403)
    // Pages: one store at a time, to the end, each once.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = AdminStoreList.parse(
        (await call('GET', `/v1/admin/stores?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: marketer })).body,
      )
      seen.push(...page.items.map((s) => s.storeId))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(ids)
  })

  it('opens, edits and closes a store (audited); a closed store refuses joins and till purchases, its members keep everything', async () => {
    const storeId = newStoreId()
    const body = { storeId, name: '测试新店', city: '杭州', address: '杭州市西湖区文三路 1 号' }
    expect((await call('POST', '/v1/admin/stores', { token: marketer, body })).status).toBe(403)
    const created = await call('POST', '/v1/admin/stores', { token: admin, body })
    expect(created.status).toBe(201)
    expect(AdminStore.parse(created.body)).toMatchObject({ ...body, active: true })
    const dup = await call('POST', '/v1/admin/stores', { token: admin, body: { ...body, name: '另一家' } })
    expect(dup.status).toBe(409)
    expect(dup.body.error.code).toBe('STORE_EXISTS')
    expect(fieldsOf(await call('POST', '/v1/admin/stores', { token: admin, body: { ...body, storeId: 's-1' } }))).toEqual(['body.storeId'])

    const renamed = await call('PATCH', `/v1/admin/stores/${storeId}`, { token: admin, body: { name: '测试新店（湖滨）' } })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: '测试新店（湖滨）', city: '杭州', active: true })
    expect((await call('PATCH', `/v1/admin/stores/${storeId}`, { token: marketer, body: { name: 'x' } })).status).toBe(403)
    expect((await call('PATCH', '/v1/admin/stores/NOPE9', { token: admin, body: { name: 'x' } })).status).toBe(404)

    // A member joins there and buys there while it is open.
    const m = await newMember({ storeId })
    expect(m.member.joinStoreId).toBe(storeId)
    const bought = await call('POST', '/v1/staff/purchases', {
      token: admin,
      body: { memberCode: await codeOf(m.token), storeId, orderId: orderId(), amountFen: 5_000 },
    })
    expect(bought.status).toBe(201)

    const closed = await call('PATCH', `/v1/admin/stores/${storeId}`, { token: admin, body: { active: false } })
    expect(closed.status).toBe(200)
    expect(closed.body.active).toBe(false)
    await sleep(CACHE_MS)

    const refusedPurchase = await call('POST', '/v1/staff/purchases', {
      token: admin,
      body: { memberCode: await codeOf(m.token), storeId, orderId: orderId(), amountFen: 5_000 },
    })
    expect(refusedPurchase.status).toBe(422)
    expect(refusedPurchase.body.error.code).toBe('STORE_CLOSED')
    const joiner = await signIn()
    const refusedJoin = await call('POST', '/v1/members', { token: joiner, body: joinBody({ storeId }) })
    expect(refusedJoin.status).toBe(422)
    expect(refusedJoin.body.error.code).toBe('STORE_CLOSED')

    // Still readable; gone from the public list; the member keeps the card and the points.
    expect((await call('GET', `/v1/admin/stores/${storeId}`, { token: marketer })).body).toMatchObject({ active: false })
    const pub = await call('GET', '/v1/stores')
    expect(pub.body.items.map((s: { storeId: string }) => s.storeId)).not.toContain(storeId)
    expect(pub.body.items.map((s: { storeId: string }) => s.storeId)).toContain('S001')
    const card = await call('GET', '/v1/me', { token: m.token })
    expect(card.status).toBe(200)
    expect(card.body).toMatchObject({ joinStoreId: storeId, points: bought.body.points.awarded })
    const joinCode = await call('GET', `/v1/admin/stores/${storeId}/join-code`, { token: marketer })
    expect(joinCode.body.error.code).toBe('STORE_CLOSED')

    const ofStore = (await auditEvents(`actor=staff:STAFF-ADMIN&date=${today()}`)).filter((e) => e.subject === `store:${storeId}`)
    expect(ofStore.map((e) => e.action)).toEqual(['store.create', 'store.update', 'store.close'])
    expect(ofStore[2]?.details).toEqual({
      before: { name: '测试新店（湖滨）', city: '杭州', address: body.address, active: true },
      after: { name: '测试新店（湖滨）', city: '杭州', address: body.address, active: false },
    })

    // Reopened, it records purchases again.
    expect((await call('PATCH', `/v1/admin/stores/${storeId}`, { token: admin, body: { active: true } })).body.active).toBe(true)
    await sleep(CACHE_MS)
    const again = await call('POST', '/v1/staff/purchases', {
      token: admin,
      body: { memberCode: await codeOf(m.token), storeId, orderId: orderId(), amountFen: 5_000 },
    })
    expect(again.status).toBe(201)
  })

  it("gives the join QR on stage local as the H5 join link with the store's scene", async () => {
    const r = await call('GET', '/v1/admin/stores/S001/join-code', { token: marketer })
    expect(r.status).toBe(200)
    const code = StoreJoinCode.parse(r.body)
    expect(code).toMatchObject({ storeId: 'S001', scene: 's=S001', page: 'pages/join/index', kind: 'link' })
    expect(code.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/pages\/join\/index\?scene=s%3DS001$/)
    expect(code.pngBase64).toBeUndefined()
    expect((await call('GET', '/v1/admin/stores/S002/join-code', { token: manager })).status).toBe(200)
    expect((await call('GET', '/v1/admin/stores/S001/join-code', { token: manager })).status).toBe(403)
    expect((await call('GET', '/v1/admin/stores/S001/join-code', { token: cashier })).status).toBe(403)
  })
})
