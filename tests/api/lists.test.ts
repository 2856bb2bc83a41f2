/**
 * The API's list and response conventions over real HTTP (API.md): every list pages with
 * an opaque cursor and a limit of at most 100 and cuts nothing off; a cursor works only
 * for the list and the caller it came from; responses carry only their schema's fields
 * (no storage keys); date and date-time inputs must be real; one malformed stored item
 * never fails a list.
 */
import { randomUUID } from 'node:crypto'
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { MemberOffers, OfferList, RewardList, TemplateList, Wallet } from '@huiyuan/shared/coupons/schemas'
import { makeDb } from '../../functions/src/platform/db'
import { ENTITY, couponKeys } from '../../functions/src/platform/keys'
import { call, eventually, newMember, signIn } from './client'

let admin: string
let cashier: string
const STORAGE_KEYS = /"(PK|SK|GSI1PK|GSI1SK|GSI2PK|GSI2SK|entity|shards|soldOut)"/

/** The test stack's table, to put what the API would never write and to clean up after. */
const table = () => makeDb({ tableName: process.env.GATEWAY_TABLE!, endpoint: process.env.DYNAMODB_ENDPOINT! })
/** Offers this file made: removed afterwards so other tests' offer centre stays as it was. */
const madeOffers: Array<{ offerId: string; claimUntil: string }> = []

beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
})

afterAll(async () => {
  const db = table()
  for (const o of madeOffers) await db.client.send(new DeleteCommand({ TableName: db.tableName, Key: couponKeys.offerKey(o.offerId) }))
})

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()

async function template(over: Record<string, unknown> = {}) {
  const t = await call('POST', '/v1/admin/coupon-templates', {
    token: admin,
    body: { name: '翻页测试券', kind: 'gift', itemName: '帆布袋', validity: { type: 'relative', days: 30 }, totalStock: null, ...over },
  })
  expect(t.status).toBe(201)
  return t.body.templateId as string
}

/** Offers that end far in the future sort after every other offer (the centre lists ending soonest first). */
async function farOffer(templateId: string, title: string, claimFrom = inDays(-1)) {
  const claimUntil = inDays(4000)
  const o = await call('POST', '/v1/admin/offers', { token: admin, body: { templateId, title, claimFrom, claimUntil } })
  expect(o.status).toBe(201)
  madeOffers.push({ offerId: o.body.offerId, claimUntil })
  return o.body.offerId as string
}

/** Every page of a GET list, `limit` at a time. */
async function pageAll(path: string, token: string, limit?: number) {
  const items: any[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const sep = path.includes('?') ? '&' : '?'
    const q: string = [limit ? `limit=${limit}` : '', cursor ? `cursor=${encodeURIComponent(cursor)}` : ''].filter(Boolean).join('&')
    const r: { status: number; body: any } = await call('GET', q ? `${path}${sep}${q}` : path, { token })
    expect(r.status).toBe(200)
    expect(r.body.items.length).toBeLessThanOrEqual(limit ?? 20)
    items.push(...r.body.items)
    cursor = r.body.nextCursor
    pages++
  } while (cursor && pages < 200)
  return { items, pages }
}

const once = (ids: string[]) => new Set(ids).size === ids.length

describe('responses carry only their schema fields', () => {
  it('the offer centre and the points mall show no storage keys', async () => {
    const m = await newMember()
    const offers = await call('GET', '/v1/offers', { token: m.token })
    const rewards = await call('GET', '/v1/rewards', { token: m.token })
    for (const r of [offers, rewards]) {
      expect(r.status).toBe(200)
      expect(r.body.items.length).toBeGreaterThan(0)
      expect(JSON.stringify(r.body)).not.toMatch(STORAGE_KEYS)
    }
    // every field is one the schema names
    expect(Object.keys(offers.body).sort()).toEqual(['items', 'nextCursor'])
    const offerFields = Object.keys(MemberOffers.shape.items.element.shape)
    const rewardFields = Object.keys(RewardList.shape.items.element.shape)
    for (const o of offers.body.items) expect(Object.keys(o).filter((k) => !offerFields.includes(k))).toEqual([])
    for (const r of rewards.body.items) expect(Object.keys(r).filter((k) => !rewardFields.includes(k))).toEqual([])
    MemberOffers.parse(offers.body)
    RewardList.parse(rewards.body)
  })

  it('and neither do the admin lists and the wallet', async () => {
    const m = await newMember()
    for (const [path, token] of [
      ['/v1/admin/coupon-templates', admin],
      ['/v1/admin/offers', admin],
      ['/v1/admin/rewards', admin],
      ['/v1/admin/staff', admin],
      ['/v1/me/coupons', m.token],
    ] as const) {
      // The new member's wallet holds the welcome pack once its consumer has run.
      const r = await eventually(async () => {
        const res = await call('GET', path, { token })
        expect({ path, status: res.status }).toEqual({ path, status: 200 })
        expect(res.body.items.length).toBeGreaterThan(0)
        return res
      })
      expect(JSON.stringify(r.body)).not.toMatch(STORAGE_KEYS)
    }
  })
})

describe('every list pages: cursor and limit (≤ 100), nothing cut off', () => {
  it('a member with 120 coupons pages through the wallet and sees every one exactly once, soonest to end first', async () => {
    const m = await newMember()
    const a = await farOffer(await template({ perMemberLimit: 100 }), '翻页券A')
    const b = await farOffer(await template({ perMemberLimit: 20, validity: { type: 'relative', days: 60 } }), '翻页券B')
    const claimed: string[] = []
    for (const [offerId, count] of [
      [a, 100],
      [b, 20],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const r = await call('POST', `/v1/offers/${offerId}/claims`, { token: m.token, headers: { 'idempotency-key': randomUUID() } })
        expect(r.status).toBe(201)
        claimed.push(r.body.coupon.code)
      }
    }
    const welcome = Wallet.parse((await call('GET', '/v1/me/coupons?limit=100', { token: m.token })).body).items.filter(
      (c) => c.source === 'welcome',
    )

    for (const limit of [undefined, 7, 100]) {
      const { items, pages } = await pageAll('/v1/me/coupons?status=usable', m.token, limit)
      const codes = items.map((c) => c.code)
      expect(once(codes)).toBe(true)
      expect(codes.sort()).toEqual([...claimed, ...welcome.map((c) => c.code)].sort())
      expect(pages).toBe(Math.ceil(codes.length / (limit ?? 20)))
      const ends = items.map((c) => Date.parse(c.validUntil))
      expect(ends).toEqual([...ends].sort((x, y) => x - y))
    }
    expect((await call('GET', '/v1/me/coupons?limit=101', { token: m.token })).status).toBe(400)
    const lone = await call('GET', '/v1/me/coupons?limit=100', { token: m.token })
    expect(lone.body.items).toHaveLength(100)
    expect(lone.body.nextCursor).toEqual(expect.any(String))
  })

  it('more than 100 offers: the offer centre and the admin list page through all of them once', async () => {
    const t = await template()
    const ids: string[] = []
    for (let i = 0; i < 105; i++) ids.push(await farOffer(t, `第${i + 1}个`, inDays(3000)))
    const m = await newMember()

    const centre = await pageAll('/v1/offers', m.token, 100)
    const seen = centre.items.map((o) => o.offerId)
    expect(once(seen)).toBe(true)
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids) // same end date: by id, i.e. in the order made
    expect(centre.items.find((o) => o.offerId === ids[0])).toMatchObject({ availability: 'not_started' })
    const small = await pageAll('/v1/offers', m.token)
    expect(small.items.map((o) => o.offerId)).toEqual(seen)

    const adminList = await pageAll('/v1/admin/offers', admin, 100)
    OfferList.parse({ items: adminList.items, nextCursor: null })
    const adminIds = adminList.items.map((o) => o.offerId)
    expect(once(adminIds)).toBe(true)
    expect(adminIds).toEqual(expect.arrayContaining(ids))
  })

  it('the points mall, the admin catalogue and the audit log page too', async () => {
    const m = await newMember()
    const mall = await pageAll('/v1/rewards', m.token, 1)
    expect(mall.pages).toBe(mall.items.length)
    expect(once(mall.items.map((r) => r.rewardId))).toBe(true)
    const all = RewardList.parse((await call('GET', '/v1/rewards?limit=100', { token: m.token })).body)
    expect(mall.items.map((r) => r.rewardId)).toEqual(all.items.map((r) => r.rewardId))

    const templates = await pageAll('/v1/admin/coupon-templates', admin, 2)
    TemplateList.parse({ items: templates.items, nextCursor: null })
    expect(once(templates.items.map((t) => t.templateId))).toBe(true)
    expect((await pageAll('/v1/admin/rewards', admin, 1)).items.map((r) => r.rewardId)).toEqual(all.items.map((r) => r.rewardId))
    expect(once((await pageAll('/v1/admin/staff', admin, 1)).items.map((s) => s.staffId))).toBe(true)

    for (let i = 0; i < 3; i++) {
      const adj = await call('POST', `/v1/admin/members/${m.member.memberId}/adjustments`, {
        token: admin,
        body: { points: 10 + i, reason: `翻页测试${i}`, idempotencyKey: randomUUID() },
      })
      expect(adj.status).toBe(201)
    }
    const audit = await pageAll('/v1/admin/audit', admin, 2)
    expect(once(audit.items.map((e) => e.eventId))).toBe(true)
    const mine = audit.items.filter((e) => e.subject === `member:${m.member.memberId}`)
    expect(mine.map((e) => e.details.points)).toEqual([10, 11, 12])
  })

  it("a forged cursor or another member's is a 400, and shows nothing", async () => {
    const [m, other] = await Promise.all([newMember(), newMember()])
    // two coupons, so that a page of one has a next page
    const offerId = await farOffer(await template({ perMemberLimit: 2 }), '游标券')
    for (let i = 0; i < 2; i++) {
      const claimed = await call('POST', `/v1/offers/${offerId}/claims`, { token: m.token, headers: { 'idempotency-key': randomUUID() } })
      expect(claimed.status).toBe(201)
    }
    const first = await call('GET', '/v1/me/coupons?limit=1', { token: m.token })
    expect(first.status).toBe(200)
    const cursor = first.body.nextCursor as string
    expect(cursor).toEqual(expect.any(String))

    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const retarget = Buffer.from(JSON.stringify({ ...decoded, GSI1PK: `MCOUPONS#${other.member.memberId}` })).toString('base64url')
    for (const [who, forged] of [
      [other.token, cursor], // m's cursor, used by another member
      [m.token, retarget], // m's cursor rewritten to name the other member's wallet
      [m.token, 'not-a-cursor'],
      [m.token, Buffer.from('{"PK":1}').toString('base64url')],
    ] as const) {
      const r = await call('GET', `/v1/me/coupons?cursor=${encodeURIComponent(forged)}`, { token: who })
      expect(r.status).toBe(400)
      expect(r.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'query.cursor' })] },
      })
      expect(JSON.stringify(r.body)).not.toContain('items')
    }
    // a cursor of one list is no cursor of another
    const mall = await call('GET', '/v1/rewards?limit=1', { token: m.token })
    const offersPage = await call('GET', `/v1/offers?cursor=${encodeURIComponent(mall.body.nextCursor)}`, { token: m.token })
    expect(offersPage.status).toBe(400)
    const points = await call('GET', `/v1/me/points?cursor=${encodeURIComponent(cursor)}`, { token: m.token })
    expect(points.status).toBe(400)
  })
})

describe('dates and times must be real', () => {
  it('an offer with claimFrom "!not-a-date" is refused (400, field path) and nothing is created', async () => {
    const t = await template()
    const before = (await pageAll('/v1/admin/offers', admin, 100)).items.length
    const r = await call('POST', '/v1/admin/offers', {
      token: admin,
      body: { templateId: t, title: '坏日期', claimFrom: '!not-a-date', claimUntil: inDays(1) },
    })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('VALIDATION_FAILED')
    expect(r.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.claimFrom'])
    const noSeconds = await call('POST', '/v1/admin/offers', {
      token: admin,
      body: { templateId: t, title: '坏日期', claimFrom: '2026-02-30T10:00:00+08:00', claimUntil: '2026-03-31T10:00+08:00' },
    })
    expect(noSeconds.status).toBe(400)
    expect(noSeconds.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.claimFrom', 'body.claimUntil'])
    expect((await pageAll('/v1/admin/offers', admin, 100)).items.length).toBe(before)
  })

  it('a fixed coupon validity must be real date-times', async () => {
    const r = await call('POST', '/v1/admin/coupon-templates', {
      token: admin,
      body: {
        name: '坏日期',
        kind: 'gift',
        itemName: '杯子',
        validity: { type: 'fixed', from: 'soon', until: inDays(3) },
        totalStock: null,
      },
    })
    expect(r.status).toBe(400)
    expect(r.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.validity.from'])
  })

  it('?date=2026-02-30 on the till day and the audit log is a 400, a real date a 200', async () => {
    for (const [path, token] of [
      ['/v1/staff/purchases?storeId=S001&date=', cashier],
      ['/v1/admin/audit?date=', admin],
    ] as const) {
      const bad = await call('GET', `${path}2026-02-30`, { token })
      expect({ path, status: bad.status }).toEqual({ path, status: 400 })
      expect(bad.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'query.date' })] },
      })
      expect((await call('GET', `${path}2024-02-29`, { token })).status).toBe(200)
      expect((await call('GET', `${path}2026-2-1`, { token })).status).toBe(400)
    }
  })
})

describe('one malformed stored item never fails a list', () => {
  it('an offer stored with a claimFrom that is not a date is left out; the offer centre still answers 200', async () => {
    const t = await template()
    const good = await farOffer(t, '好的券')
    const badId = `OBAD${randomUUID().slice(0, 8)}`
    const claimUntil = inDays(4000)
    const db = table()
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...couponKeys.offer(badId, claimUntil),
          entity: ENTITY.offer,
          offerId: badId,
          templateId: t,
          title: '坏数据',
          description: '',
          claimFrom: '!not-a-date',
          claimUntil,
          audienceTiers: [],
          summary: '赠：帆布袋',
          kind: 'gift',
          createdAt: new Date().toISOString(),
        },
      }),
    )
    madeOffers.push({ offerId: badId, claimUntil })

    const m = await newMember()
    const centre = await pageAll('/v1/offers', m.token, 100)
    const ids = centre.items.map((o) => o.offerId)
    expect(ids).toContain(good)
    expect(ids).not.toContain(badId)
    expect(centre.items.map((o) => o.title)).toEqual(expect.arrayContaining(['满100减20 限量抢']))
    const adminIds = (await pageAll('/v1/admin/offers', admin, 100)).items.map((o) => o.offerId)
    expect(adminIds).toContain(good)
    expect(adminIds).not.toContain(badId)
  })
})
