/**
 * The access matrix, generated from the route table: every route × every kind of caller →
 * the status the route's access rule says, and a refusal never carries data. "Allowed"
 * means the request got past access (it may still be a 400/404/409/422 for its content);
 * "refused" is exactly 401 (who are you) or 403 (not you), with the error envelope alone.
 */
import { randomUUID } from 'node:crypto'
import { type RouteDef, routes } from '@huiyuan/shared/routes'
import { call, eventually, newMember, type Res, signedCall, signIn, uniqueName } from './client'

type Who =
  | 'none'
  | 'member'
  | 'otherMember'
  | 'cashier'
  | 'cashierOtherStore'
  | 'manager'
  | 'admin'
  | 'pos'
  | 'posOtherStore'
  | 'disabledStaff'
const WHO: Who[] = [
  'none',
  'member',
  'otherMember',
  'cashier',
  'cashierOtherStore',
  'manager',
  'admin',
  'pos',
  'posOtherStore',
  'disabledStaff',
]

/** Staff identities: roles and the stores they act for (the requests below act for S001). */
const STAFF: Partial<Record<Who, { roles: string[]; stores: string[] }>> = {
  cashier: { roles: ['cashier'], stores: ['S001'] },
  cashierOtherStore: { roles: ['cashier'], stores: ['S002'] },
  manager: { roles: ['store_manager'], stores: ['S002'] },
  admin: { roles: ['admin'], stores: [] },
  pos: { roles: ['cashier'], stores: ['S001'] },
  posOtherStore: { roles: ['cashier'], stores: ['S002'] },
}

/**
 * Routes whose request names a store (all of them S001 here): a caller of another store is
 * refused. In the console a store manager reads their own stores only (marketers: all).
 */
const storeScoped = (r: RouteDef) =>
  (r.path.startsWith('/v1/staff/') && r.path !== '/v1/staff/bind') || r.path.startsWith('/v1/admin/stores/{storeId}')

/** What the route's rule says for a caller: 'allowed', or the refusal status. */
function expected(r: RouteDef, who: Who): 'allowed' | 401 | 403 {
  if (r.access === 'public') return 'allowed'
  const isPos = who === 'pos' || who === 'posOtherStore'
  if (who === 'none' || (isPos && !r.pos)) return 401
  if (r.access === 'user') return 'allowed'
  if (r.access === 'member') return who === 'member' || who === 'otherMember' ? 'allowed' : 403
  // staff routes
  if (who === 'disabledStaff') return 401
  const s = STAFF[who]
  if (!s) return 403
  const roleOk = s.roles.includes('admin') || (r.roles ?? []).some((x) => s.roles.includes(x))
  if (!roleOk) return 403
  if (storeScoped(r) && !s.roles.includes('admin') && !s.stores.includes('S001')) return 403
  return 'allowed'
}

interface Ctx {
  tokens: Partial<Record<Who, string>>
  posKeys: { pos: { keyId: string; secret: string }; posOtherStore: { keyId: string; secret: string } }
  member: { memberId: string; token: string; couponCode: string }
}

/** A request for the route: path parameters filled in, and a body that names store S001 where the till needs one. */
async function request(name: string, r: RouteDef, ctx: Ctx) {
  const params: Record<string, string> = {
    storeId: 'S001',
    memberId: ctx.member.memberId,
    offerId: 'O-none',
    rewardId: 'R-none',
    code: ctx.member.couponCode,
    keyId: 'pk_none',
    staffId: 'STAFF-NOBODY',
  }
  let path = r.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(params[p] ?? 'x'))
  const memberCode = async () => (await call('GET', '/v1/me/code', { token: ctx.member.token })).body.code as string
  const orderId = `M${randomUUID().replace(/-/g, '').slice(0, 16)}`
  let body: unknown = r.method === 'GET' || r.method === 'DELETE' ? undefined : {}
  if (name === 'lookupMember') body = { memberCode: await memberCode(), storeId: 'S001' }
  if (name === 'recordPurchase') body = { memberCode: await memberCode(), storeId: 'S001', orderId, amountFen: 100 }
  if (name === 'recordRefund') body = { storeId: 'S001', orderId, refundId: 'R1', amountFen: 1 }
  if (name === 'redeemCoupon') body = { couponCode: 'AAAA-BBBB-CCCC', storeId: 'S001', orderId, orderAmountFen: 100 }
  if (name === 'topUpStoredValue')
    body = { memberCode: await memberCode(), storeId: 'S001', topUpId: orderId, amountFen: 100, paymentRef: 'WX1' }
  if (name === 'spendStoredValue') body = { memberCode: await memberCode(), storeId: 'S001', orderId, amountFen: 100 }
  if (name === 'checkout') body = { memberCode: await memberCode(), storeId: 'S001', orderId, amountFen: 100 }
  if (name === 'setLeaderboardOptIn') body = { optIn: false }
  if (name === 'createStatusMatch')
    body = { memberCode: await memberCode(), storeId: 'S001', partner: '万达广场', partnerCardNo: 'VIP12345678', tierCode: 'silver' }
  if (name === 'quoteCheckout') body = { memberCode: await memberCode(), storeId: 'S001', amountFen: 100 }
  if (name === 'listTillTransactions' || name === 'getTillOrder' || name === 'getTillStoredValueRules') path += '?storeId=S001'
  return { path, body }
}

async function send(who: Who, r: RouteDef, req: { path: string; body: unknown }, ctx: Ctx): Promise<Res> {
  if (who === 'pos' || who === 'posOtherStore') return signedCall(ctx.posKeys[who], r.method, req.path, req.body)
  return call(r.method, req.path, { token: ctx.tokens[who], ...(req.body === undefined ? {} : { body: req.body }) })
}

const ctx = {} as Ctx
beforeAll(async () => {
  const [member, other] = await Promise.all([newMember(), newMember()])
  const [cashier, manager, admin] = await Promise.all([signIn('cashier'), signIn('manager'), signIn('admin')])
  const cashierOtherStore = await (async () => {
    const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '二店收银', roles: ['cashier'], storeIds: ['S002'] } })
    const t = await signIn(uniqueName('cashier2'))
    return (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token as string
  })()
  const disabledStaff = await (async () => {
    const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '已停用', roles: ['admin'] } })
    const t = await signIn(uniqueName('gone'))
    const token = (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token as string
    await call('PATCH', `/v1/admin/staff/${s.body.staffId}`, { token: admin, body: { disabled: true } })
    return token
  })()
  const key = async (store: string) => (await call('POST', `/v1/admin/stores/${store}/pos-keys`, { token: admin })).body
  const couponCode = await eventually(async () => {
    const w = await call('GET', '/v1/me/coupons?status=usable', { token: member.token })
    expect(w.body.items.length).toBeGreaterThan(0)
    return w.body.items[0].code as string
  })
  Object.assign(ctx, {
    tokens: { member: member.token, otherMember: other.token, cashier, cashierOtherStore, manager, admin, disabledStaff },
    posKeys: { pos: await key('S001'), posOtherStore: await key('S002') },
    member: { memberId: member.member.memberId, token: member.token, couponCode },
  })
})

// Erasure ends a membership: it goes last.
const ordered = Object.entries(routes as Record<string, RouteDef>).sort(([a], [b]) => Number(a === 'eraseMe') - Number(b === 'eraseMe'))

describe.each(ordered)('%s', (name, r) => {
  it.each(WHO)('%s', async (who) => {
    const want = expected(r, who)
    const res = await send(who, r, await request(name, r, ctx), ctx)
    expect(res.status).toBeLessThan(500)
    if (want === 'allowed') {
      expect({ who, refused: [401, 403].includes(res.status), status: res.status, body: res.body }).toMatchObject({ who, refused: false })
    } else {
      expect({ who, status: res.status }).toEqual({ who, status: want })
      expect(Object.keys(res.body)).toEqual(['error'])
    }
    // Another member never sees the member's coupon.
    if (name === 'getMyCoupon' && who === 'otherMember') expect(res.status).toBe(404)
    if (name === 'getMyCoupon' && who === 'member') expect(res.status).toBe(200)
  })
})
