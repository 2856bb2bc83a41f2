/**
 * Every way in beyond the store QR (PRODUCT.md §1), over HTTP:
 * - qualify mode: a shopper signs up 待开卡, with what is left to qualify on the card; their
 *   purchases before qualifying count (points too); a single ¥100 purchase or ¥300 in all
 *   opens the card (a refund counts back), with a notice; the tier report counts 待开卡;
 * - status match: a store manager approves a partner VIP card at the till, once per member,
 *   audited, the photo kept apart and shown on the console's member page, erased with the
 *   member; two managers approving at once on two API processes move the tier once.
 */
import { randomUUID } from 'node:crypto'
import { MemberCard } from '@huiyuan/shared/members/schemas'
import { ProgramView, type ProgramRules } from '@huiyuan/shared/program/schemas'
import { StatusMatchResult } from '@huiyuan/shared/statusMatch/schemas'
import { APIS, call, eventually, newMember, signIn } from './client'

const CACHE_MS = 1_200
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const mobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const orderId = () => `JM${randomUUID().replace(/-/g, '').slice(0, 14)}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const cardOf = async (token: string) => MemberCard.parse((await call('GET', '/v1/me', { token })).body)
/** A 1×1 JPEG. */
const PHOTO =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='

let admin: string
let cashier: string
let manager: string
let marketer: string
let original: ProgramRules
const setEntryMode = async (entryMode: ProgramRules['tierPolicy']['entryMode']) => {
  const now = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  const r = await call('PUT', '/v1/admin/program', {
    token: admin,
    body: { rules: { ...now.rules, tierPolicy: { ...now.rules.tierPolicy, entryMode } }, version: now.version },
  })
  expect(r.status).toBe(200)
  await sleep(CACHE_MS)
}
beforeAll(async () => {
  ;[admin, cashier, manager, marketer] = await Promise.all([signIn('admin'), signIn('cashier'), signIn('manager'), signIn('marketer')])
  original = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules
})
afterAll(async () => {
  await setEntryMode(original.tierPolicy.entryMode)
})

const buy = async (token: string, amountFen: number, id = orderId()) => {
  const r = await call('POST', '/v1/staff/purchases', {
    token: cashier,
    body: { memberCode: await codeOf(token), storeId: 'S001', orderId: id, amountFen },
  })
  expect(r.status).toBe(201)
  return { id, body: r.body }
}
const refund = async (id: string, amountFen: number) => {
  const r = await call('POST', '/v1/staff/refunds', {
    token: cashier,
    body: { storeId: 'S001', orderId: id, refundId: `R${id}`, amountFen },
  })
  expect(r.status).toBe(201)
}

describe('qualify mode (消费达标后开卡)', () => {
  beforeAll(async () => {
    await setEntryMode('qualify')
  })
  afterAll(async () => {
    await setEntryMode('join_at_entry')
  })

  it('signs a shopper up 待开卡; purchases before qualifying count, a refund counts back, ¥300 in all opens the card', async () => {
    const m = await newMember({ mobile: mobile() })
    let card = await cardOf(m.token)
    expect(card.tier).toEqual({ code: '', name: '待开卡' })
    expect(card.qualification).toEqual({ singlePurchaseFen: 10_000, cumulativeFen: 30_000, spentFen: 0, remainingFen: 30_000 })
    expect(card.tierProgress).toMatchObject({ current: { name: '待开卡' }, next: { code: 'normal' }, remainingFen: 30_000, percent: 0 })

    // The till sees the same.
    const lookup = await call('POST', '/v1/staff/lookup', { token: cashier, body: { memberCode: await codeOf(m.token), storeId: 'S001' } })
    expect(lookup.body.tier).toEqual({ code: '', name: '待开卡' })

    const first = await buy(m.token, 9_000)
    expect(first.body.points.awarded).toBeGreaterThan(0)
    expect(first.body.member.tier).toEqual({ code: '', name: '待开卡' })
    const second = await buy(m.token, 9_900)
    card = await cardOf(m.token)
    expect(card.qualification).toMatchObject({ spentFen: 18_900, remainingFen: 11_100 })
    expect(card.points).toBe(first.body.points.awarded + second.body.points.awarded)

    // A refund takes its spend off the way to the card.
    await refund(second.id, 9_900)
    expect((await cardOf(m.token)).qualification).toMatchObject({ spentFen: 9_000, remainingFen: 21_000 })

    await buy(m.token, 9_999)
    await buy(m.token, 9_999)
    expect((await cardOf(m.token)).qualification).toMatchObject({ spentFen: 28_998, remainingFen: 1_002 })
    const opening = await buy(m.token, 1_002)
    expect(opening.body.member.tier).toEqual({ code: 'normal', name: '普卡' })
    card = await cardOf(m.token)
    expect(card).toMatchObject({ tier: { code: 'normal' }, qualification: null })

    await eventually(async () => {
      const inbox = await call('GET', '/v1/me/inbox?limit=20', { token: m.token })
      expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('会员卡已开通')
    })
  })

  it('opens the card on one purchase of ¥100, at the tier its spend reaches; the tier report counts 待开卡', async () => {
    const m = await newMember({ mobile: mobile() })
    await eventually(async () => {
      const r = await call('GET', '/v1/admin/reports/tiers', { token: marketer })
      expect(r.body.distribution).toContainEqual(expect.objectContaining({ tierCode: '', tierName: '待开卡' }))
    })
    const opened = await buy(m.token, 10_000)
    expect(opened.body.member.tier.code).toBe('normal')
    expect((await cardOf(m.token)).qualification).toBeNull()
  })

  it("lets a group's enrolment code start the member at its tier, not 待开卡", async () => {
    const c = await call('POST', '/v1/admin/enrolment-codes', {
      token: admin,
      body: {
        organisation: '华东电网工会',
        tierCode: 'silver',
        storeId: 'S001',
        maxUses: 1,
        validFrom: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
        validUntil: new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    })
    const m = await newMember({ mobile: mobile(), enrolmentCode: c.body.code })
    expect(m.member.tier).toEqual({ code: 'silver', name: '银卡' })
    expect(m.member.qualification).toBeNull()
  })
})

describe('status match (身份匹配)', () => {
  const approve = (token: string, body: Record<string, unknown>, api?: string) =>
    call('POST', '/v1/staff/status-matches', { token, api, body: { storeId: 'S002', partner: '万达广场', ...body } })

  it('moves a member up once, audited; a retry answers the first; another is 409; the console shows it with the photo', async () => {
    const m = await newMember({ mobile: mobile() })
    const memberCode = await codeOf(m.token)
    const body = { memberCode, partnerTier: '钻石卡', partnerCardNo: 'VIP-2026-5678', tierCode: 'silver', photo: PHOTO }
    const r = await approve(manager, body)
    expect(r.status).toBe(201)
    const result = StatusMatchResult.parse(r.body)
    expect(result).toMatchObject({
      replayed: false,
      member: { tier: { code: 'silver', name: '银卡' } },
      statusMatch: {
        partner: '万达广场',
        partnerTier: '钻石卡',
        partnerCardNo: '*********5678',
        from: { code: 'normal' },
        to: { code: 'silver' },
        storeId: 'S002',
        approvedBy: 'STAFF-MANAGER-S002',
        approvedByName: '三里屯店长',
        hasPhoto: true,
      },
    })
    expect((await cardOf(m.token)).tier).toEqual({ code: 'silver', name: '银卡' })

    const again = await approve(manager, body)
    expect(again.status).toBe(201)
    expect(again.body).toMatchObject({ replayed: true, statusMatch: { approvedAt: result.statusMatch.approvedAt } })
    const other = await approve(manager, { ...body, memberCode: await codeOf(m.token), tierCode: 'gold' })
    expect(other.status).toBe(409)
    expect(other.body.error).toMatchObject({ code: 'STATUS_MATCH_DONE', details: { statusMatch: { to: { code: 'silver' } } } })

    const detail = await call('GET', `/v1/admin/members/${m.member.memberId}`, { token: marketer })
    expect(detail.body.tier).toEqual({ code: 'silver', name: '银卡' })
    expect(detail.body.statusMatch).toMatchObject({ partner: '万达广场', to: { name: '银卡' }, photo: PHOTO })
    const audit = await call('GET', `/v1/admin/audit?memberId=${m.member.memberId}&limit=20`, { token: admin })
    expect(audit.status).toBe(200)
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('member.statusMatch')

    // The member's copy of their data has it in full, with the photo.
    const mine = await call('GET', '/v1/me/export', { token: m.token })
    expect(mine.body.statusMatch).toMatchObject({ partnerCardNo: 'VIP-2026-5678', to: { name: '银卡' }, photo: PHOTO })

    // Erasure takes the partner card and its photo.
    expect((await call('DELETE', '/v1/me', { token: m.token })).status).toBeLessThan(300)
    const after = await call('GET', `/v1/admin/members/${m.member.memberId}`, { token: marketer })
    expect(after.body.statusMatch ?? null).toBeNull()
  })

  it('refuses a tier not above the member’s (422), an unknown tier (400), cashiers and another store’s manager (403)', async () => {
    const m = await newMember({ mobile: mobile() })
    const memberCode = await codeOf(m.token)
    const notHigher = await approve(manager, { memberCode, partnerCardNo: 'VIP12345', tierCode: 'normal' })
    expect(notHigher.status).toBe(422)
    expect(notHigher.body.error).toMatchObject({ code: 'STATUS_MATCH_NOT_HIGHER', details: { tier: { code: 'normal' } } })
    const unknown = await approve(manager, { memberCode, partnerCardNo: 'VIP12345', tierCode: 'diamond' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.fields[0].field).toBe('body.tierCode')
    expect((await approve(cashier, { memberCode, partnerCardNo: 'VIP12345', tierCode: 'gold', storeId: 'S001' })).status).toBe(403)
    expect((await approve(manager, { memberCode, partnerCardNo: 'VIP12345', tierCode: 'gold', storeId: 'S001' })).status).toBe(403)
    const badPhoto = await approve(manager, {
      memberCode,
      partnerCardNo: 'VIP12345',
      tierCode: 'gold',
      photo: 'data:image/png;base64,AAAA',
    })
    expect(badPhoto.status).toBe(400)
    // None of these changed anything.
    expect((await cardOf(m.token)).tier.code).toBe('normal')
  })

  it('two managers approving at once on two API processes: one match, the tier moved once', async () => {
    const m = await newMember({ mobile: mobile() })
    const [a, b] = APIS()
    const memberCode = await codeOf(m.token)
    const race = await Promise.all([
      approve(manager, { memberCode, partnerCardNo: 'AAAA1111', tierCode: 'silver' }, a),
      approve(admin, { memberCode, partnerCardNo: 'BBBB2222', tierCode: 'gold' }, b),
    ])
    expect(race.map((r) => r.status).sort()).toEqual([201, 409])
    const won = race.find((r) => r.status === 201)!
    expect((await cardOf(m.token)).tier.code).toBe(won.body.statusMatch.to.code)
    await eventually(async () => {
      const inbox = await call('GET', '/v1/me/inbox?limit=20', { token: m.token })
      const tierNotices = inbox.body.items.filter((n: { kind: string }) => n.kind === 'tier_upgrade')
      expect(tierNotices).toHaveLength(1)
    })
  })

  it('gives a shopper still 待开卡 their card at the matched tier', async () => {
    await setEntryMode('qualify')
    try {
      const m = await newMember({ mobile: mobile() })
      expect(m.member.tier.code).toBe('')
      const r = await approve(manager, { memberCode: await codeOf(m.token), partnerCardNo: 'VIP99887766', tierCode: 'silver' })
      expect(r.status).toBe(201)
      expect(r.body.statusMatch.from).toEqual({ code: '', name: '待开卡' })
      expect(await cardOf(m.token)).toMatchObject({ tier: { code: 'silver' }, qualification: null })
    } finally {
      await setEntryMode('join_at_entry')
    }
  })
})
