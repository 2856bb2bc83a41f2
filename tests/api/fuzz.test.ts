/**
 * A schema fuzz over every route of the published OpenAPI document: wrong types, huge
 * strings, negative and fractional money, unknown fields, arrays for objects, bad query
 * values and path parameters, each sent by a caller the route allows. Never a 5xx; every
 * refusal is the error envelope; a route whose requests were all refused changed nothing;
 * and afterwards every list still answers.
 */
import { randomUUID } from 'node:crypto'
import { type RouteDef, routes } from '@huiyuan/shared/routes'
import { call, eventually, joinBody, newMember, type Res, signIn, uniqueName } from './client'
import { defaultProgramRules } from '../../functions/src/program/defaults'

const DEFAULT_RULES = defaultProgramRules()

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string; anyOf?: Schema[]; oneOf?: Schema[] }
type Doc = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>
  components: { schemas: Record<string, Schema> }
}

let doc: Doc
let admin: string
let member: { token: string; memberId: string; couponCode: string }
const deref = (s: Schema | undefined): Schema | undefined => (s?.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]) : s)

/** A plausible body for routes whose checks go beyond their shape; the fuzz spoils one field at a time. */
const SAMPLES: Record<string, () => unknown> = {
  join: () => joinBody(),
  recordPurchase: () => ({ memberCode: '812345678012345678', storeId: 'S001', orderId: `F${randomUUID().slice(0, 8)}`, amountFen: 100 }),
  recordRefund: () => ({ storeId: 'S001', orderId: 'F-none', refundId: 'R1', amountFen: 100 }),
  redeemCoupon: () => ({ couponCode: 'AAAA-BBBB-CCCC', storeId: 'S001', orderId: 'F1', orderAmountFen: 100 }),
  lookupMember: () => ({ memberCode: '812345678012345678', storeId: 'S001' }),
  topUpStoredValue: () => ({
    memberCode: '812345678012345678',
    storeId: 'S001',
    topUpId: `T${randomUUID().slice(0, 8)}`,
    packageId: 'P500',
    paymentRef: 'WX1',
  }),
  createStatusMatch: () => ({
    memberCode: '812345678012345678',
    storeId: 'S001',
    partner: '万达广场',
    partnerCardNo: 'VIP12345678',
    tierCode: 'silver',
    photo: 'data:image/jpeg;base64,/9j/4AAQ',
  }),
  spendStoredValue: () => ({ memberCode: '812345678012345678', storeId: 'S001', orderId: `F${randomUUID().slice(0, 8)}`, amountFen: 100 }),
  checkout: () => ({
    memberCode: '812345678012345678',
    storeId: 'S001',
    orderId: `F${randomUUID().slice(0, 8)}`,
    amountFen: 10_000,
    couponCodes: [],
    pointsToDeduct: 100,
    storedValueFen: 100,
  }),
  quoteCheckout: () => ({ memberCode: '812345678012345678', storeId: 'S001', amountFen: 10_000, pointsToDeduct: 100, storedValueFen: 100 }),
  createStaff: () => ({ name: '测试', roles: ['cashier'], storeIds: ['S001'] }),
  updateStaff: () => ({ roles: ['cashier'] }),
  createCouponTemplate: () => ({
    name: '券',
    kind: 'cash_off',
    valueFen: 100,
    validity: { type: 'relative', days: 1 },
    totalStock: 1,
    perMemberLimit: 1,
  }),
  createReward: () => ({ name: '礼', pointsCost: 10, kind: 'gift', stock: 1 }),
  adjustPoints: () => ({ points: 10, reason: '测试', idempotencyKey: randomUUID() }),
  updateMe: () => ({ name: '新名' }),
  recordConsent: () => ({ kind: 'marketing', granted: true }),
  setLeaderboardOptIn: () => ({ optIn: true }),
  revealMemberPhone: () => ({ reason: '核对' }),
  changeMemberBirthday: () => ({ birthday: '1990-01-01', reason: '核对' }),
  createOffer: () => ({
    templateId: 'T-none',
    title: '券',
    claimFrom: new Date().toISOString(),
    claimUntil: new Date(Date.now() + 60_000).toISOString(),
  }),
  bindStaff: () => ({ code: 'ABCDEFGH' }),
  signIn: () => ({ code: `dev:${uniqueName()}` }),
  updateCouponTemplate: () => ({ name: '改名券' }),
  updateOffer: () => ({ title: '改名活动' }),
  updateReward: () => ({ name: '改名礼' }),
  startConsoleSession: () => ({ client: 'Chrome · macOS' }),
  // S001 exists: every variant that passes validation is refused with STORE_EXISTS.
  createStore: () => ({ storeId: 'S001', name: '测试店', city: '上海', address: '测试路 1 号' }),
  updateStore: () => ({ name: '测试店' }),
  createEnrolmentCode: () => ({
    organisation: '测试工会',
    tierCode: 'silver',
    storeId: 'S001',
    maxUses: 1,
    validFrom: '2026-11-01',
    validUntil: '2026-12-31',
  }),
  updateEnrolmentCode: () => ({ disabled: true }),
  // Version 0 is never the stored one (the seed stored version 1): nothing is replaced.
  updateProgram: () => ({ rules: DEFAULT_RULES, version: 0 }),
  recordSubscriptions: () => ({ results: [{ templateId: 'local-member-activity', result: 'reject' }] }),
  previewEarning: () => ({ amountFen: 12_800, tierCode: 'silver', storeId: 'S001', date: '2026-11-08' }),
}

/** Wrong values for a property of this schema. */
function wrongFor(s: Schema | undefined): unknown[] {
  const t = deref(s)
  const type = t?.type ?? deref(t?.anyOf?.[0] ?? t?.oneOf?.[0])?.type
  const common = [null, { nested: { deeper: [1, 2, 3] } }, ['array', 'for', 'value']]
  if (type === 'integer' || type === 'number') return [...common, '12', -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, true]
  if (type === 'string') return [...common, 12345, '', 'x'.repeat(20_000), '\u0000\u202e<script>', false]
  if (type === 'boolean') return [...common, 'yes', 1]
  if (type === 'array') return [{}, 'text', [null, { a: 1 }], Array.from({ length: 5000 }, () => 'x')]
  return [[], 'text', 42]
}

interface Variant {
  path: string
  body?: unknown
  raw?: string
}

function variants(name: string, r: RouteDef): Variant[] {
  const path = r.path.replace(/\{\w+\}/g, 'x')
  const out: Variant[] = []
  // Path parameters: too long, encoded oddities.
  if (r.path.includes('{')) {
    const hasBody = r.method !== 'GET' && r.method !== 'DELETE'
    for (const v of ['x'.repeat(300), '%00', '..%2F..', '%F0%9F%92%A9'])
      out.push({ path: r.path.replace(/\{\w+\}/g, v), ...(hasBody ? { body: SAMPLES[name]?.() ?? {} } : {}) })
  }
  // Query: bad page sizes, cursors, dates, unknown parameters.
  if (r.method === 'GET') {
    for (const q of [
      'limit=-1',
      'limit=1.5',
      'limit=abc',
      'limit=100000',
      'cursor=%%%',
      'cursor=e30',
      `cursor=${'A'.repeat(5000)}`,
      'date=2026-02-30',
      'status=nope',
      'unknown=1',
      `q=${'x'.repeat(5000)}`,
      'storeId=',
      'month=2026-13',
    ])
      out.push({ path: `${path}${path.includes('?') ? '&' : '?'}${q}` })
  }
  if (r.method === 'GET' || r.method === 'DELETE') return out
  // Bodies: not JSON, not an object, too big, unknown fields, then one spoiled property at a time.
  out.push(
    { path, raw: '{"unterminated' },
    { path, raw: '[]' },
    { path, raw: '"text"' },
    { path, raw: 'null' },
    { path, raw: JSON.stringify({ a: 'x'.repeat(70 * 1024) }) },
  )
  const base = (SAMPLES[name]?.() ?? {}) as Record<string, unknown>
  out.push({ path, body: { ...base, unexpectedField: 1, __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } } })
  const schema = deref(
    doc.paths[r.path.replace(/\{(\w+)\}/g, '{$1}')]?.[r.method.toLowerCase()]?.requestBody?.content['application/json']?.schema,
  )
  const props = { ...schema?.properties, ...Object.fromEntries(Object.keys(base).map((k) => [k, schema?.properties?.[k] ?? {}])) }
  for (const [prop, s] of Object.entries(props)) for (const wrong of wrongFor(s)) out.push({ path, body: { ...base, [prop]: wrong } })
  return out
}

const MOVING_COUNTS = ['remainingStock', 'issued', 'claimed', 'redeemed', 'discountFen', 'exchanged', 'pointsSpent']

/** What a request may have changed: the member's card and lists, the admin catalogue, the till's day. */
async function fingerprint(): Promise<string> {
  const reads = await Promise.all(
    [
      ['/v1/me', member.token],
      ['/v1/me/points?limit=100', member.token],
      ['/v1/me/coupons?status=usable&limit=100', member.token],
      ['/v1/admin/coupon-templates?limit=1', admin],
      ['/v1/admin/offers?limit=1', admin],
      ['/v1/admin/rewards?limit=1', admin],
      ['/v1/admin/staff?limit=1', admin],
      ['/v1/admin/stores/S001/pos-keys?limit=1', admin],
      ['/v1/staff/purchases?storeId=S001&limit=1', admin],
    ].map(async ([p, token]) => {
      const r = await call('GET', p!, { token })
      // Stock and the catalogue's counts (kept by the event consumers) may move with claims elsewhere; the rest must not.
      return JSON.stringify(r.body, (k, v) => (MOVING_COUNTS.includes(k) ? undefined : v))
    }),
  )
  return reads.join('\n')
}

beforeAll(async () => {
  doc = (await call('GET', '/v1/openapi.json')).body
  admin = await signIn('admin')
  const m = await newMember()
  const couponCode = await eventually(async () => {
    const w = await call('GET', '/v1/me/coupons?status=usable', { token: m.token })
    expect(w.body.items.length).toBeGreaterThan(0)
    return w.body.items[0].code as string
  })
  member = { token: m.token, memberId: m.member.memberId, couponCode }
})

const tokenFor = async (r: RouteDef) =>
  r.access === 'public' ? undefined : r.access === 'user' ? signIn() : r.access === 'member' ? member.token : admin

// Erasure has no input to spoil and would end the member the fingerprint reads.
const fuzzed = Object.entries(routes as Record<string, RouteDef>).filter(([name]) => name !== 'eraseMe')

describe('schema fuzz over the OpenAPI document', () => {
  it('covers every route of the document', () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    expect(documented.sort()).toEqual(
      Object.values(routes)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    )
  })

  it.each(fuzzed)('%s: never a 5xx, always the envelope, nothing changed by a refusal', async (name, r) => {
    const token = await tokenFor(r)
    const before = await fingerprint()
    let accepted = 0
    for (const v of variants(name, r)) {
      const res: Res = await call(r.method, v.path, {
        token,
        ...(v.raw !== undefined ? { raw: v.raw } : v.body !== undefined ? { body: v.body } : {}),
      })
      expect({ status: res.status < 500, name, path: v.path.slice(0, 80) }).toEqual({ status: true, name, path: v.path.slice(0, 80) })
      if (res.status >= 400) {
        expect(Object.keys(res.body ?? {})).toEqual(['error'])
        expect(typeof res.body.error.code).toBe('string')
        expect(typeof res.body.error.message).toBe('string')
      } else accepted++
    }
    // A route whose every fuzzed request was refused has changed nothing.
    if (accepted === 0) expect(await fingerprint()).toBe(before)
  })

  it('leaves every list answering afterwards', async () => {
    // Reads with a query (one order's view names its order: not a list).
    const lists = Object.values(routes as Record<string, RouteDef>).filter(
      (r) => r.method === 'GET' && r.query && r !== routes.getTillOrder,
    )
    const ticket = (await call('POST', '/v1/console/sessions', { body: {} })).body.ticket as string
    const admin = await tokenFor(routes.createCampaign)
    const segment = await call('POST', '/v1/admin/segments', {
      token: admin,
      body: { name: '模糊测试', definition: { op: 'and', conditions: [{ field: 'marketingConsent', is: true }] } },
    })
    const campaign = await call('POST', '/v1/admin/campaigns', {
      token: admin,
      body: { name: '模糊测试', goal: 'other', segmentId: segment.body.segmentId, message: { title: '标题', body: '内容' } },
    })
    for (const r of lists) {
      const path =
        r.path
          .replace('{campaignId}', campaign.body.campaignId)
          .replace('{storeId}', 'S001')
          .replace('{memberId}', member.memberId)
          .replace('{name}', 'overview')
          .replace('{ticket}', ticket) +
        (r.path === '/v1/staff/purchases' || r.path === '/v1/staff/stored-value/rules'
          ? '?storeId=S001'
          : r.path === '/v1/admin/members'
            ? '?q=%E6%B5%8B'
            : '')
      const res = await call('GET', path, { token: await tokenFor(r) })
      expect({ path, status: res.status }).toEqual({ path, status: 200 })
      expect(r.response.safeParse(res.body).success).toBe(true)
    }
  })
})
