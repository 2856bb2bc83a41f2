/**
 * Automations over HTTP: the seven with their defaults (today's notices, the win-back off);
 * settings saved over their version (a stale one is 409, a bad one 400 and nothing saved);
 * a join fires the welcome automation once, recorded as a recipient of `AUTO-welcome` with
 * its report; the campaign routes refuse to change an automation; who may do what.
 */
import { Automation, AutomationList } from '@huiyuan/shared/campaigns/automations'
import { CampaignReport, CampaignRecipients } from '@huiyuan/shared/campaigns/schemas'
import { call, eventually, newMember, signIn, uniqueName } from './client'

let admin: string
let marketer: string
let cashier: string
let originals: Automation[]

const list = async () => AutomationList.parse((await call('GET', '/v1/admin/automations', { token: marketer })).body).items
const one = async (kind: string) => (await list()).find((a) => a.kind === kind)!
const settingsOf = (a: Automation) => ({
  enabled: a.enabled,
  days: a.days,
  offer: a.offer,
  message: a.message,
  holdoutPct: a.holdoutPct,
  attributionDays: a.attributionDays,
})

beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
  const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '自动化', roles: ['marketer'], storeIds: [] } })
  const t = await signIn(uniqueName('staff'))
  marketer = (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token
  originals = await list()
})

afterAll(async () => {
  // Back to what other tests expect.
  for (const o of originals) {
    const now = await one(o.kind)
    if (now.version !== o.version)
      await call('PUT', `/v1/admin/automations/${o.kind}`, { token: marketer, body: { ...settingsOf(o), version: now.version } })
  }
})

describe('automations', () => {
  it('lists the seven with their defaults', async () => {
    const items = await list()
    expect(items.map((a) => a.kind)).toEqual([
      'welcome',
      'birthday',
      'tier_up',
      'points_expiry',
      'coupon_expiry',
      'win_back',
      'checkin_reminder',
    ])
    expect(items.find((a) => a.kind === 'win_back')).toMatchObject({
      enabled: false,
      marketing: true,
      days: 90,
      campaignId: 'AUTO-win_back',
    })
    expect(items.find((a) => a.kind === 'tier_up')).toMatchObject({ enabled: true, marketing: false, placeholders: ['tier', 'benefits'] })
  })

  it('saves settings over their version, and refuses a stale version or bad settings without saving', async () => {
    const before = await one('win_back')
    const body = { ...settingsOf(before), enabled: true, days: 60, holdoutPct: 20, version: before.version }
    const saved = await call('PUT', '/v1/admin/automations/win_back', { token: marketer, body })
    expect(saved.status).toBe(200)
    expect(Automation.parse(saved.body)).toMatchObject({ enabled: true, days: 60, holdoutPct: 20, version: before.version + 1 })
    const stale = await call('PUT', '/v1/admin/automations/win_back', { token: marketer, body })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('VERSION_CONFLICT')
    const bad = await call('PUT', '/v1/admin/automations/win_back', {
      token: marketer,
      body: {
        ...body,
        days: null,
        offer: { templateIds: ['NO-SUCH'] },
        message: { ...body.message, body: '{name}，好久不见' },
        version: before.version + 1,
      },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'body.days',
      'body.message.body',
      'body.offer.templateIds.0',
    ])
    expect(await one('win_back')).toMatchObject({ days: 60, version: before.version + 1 })
    const unknown = await call('PUT', '/v1/admin/automations/nope', { token: marketer, body })
    expect(unknown.status).toBe(400)
    expect((await call('PUT', '/v1/admin/automations/win_back', { token: cashier, body })).status).toBe(403)
    expect((await call('GET', '/v1/admin/automations', { token: cashier })).status).toBe(403)
  })

  it('pages like every list: a page of three, the rest after its cursor; a cursor of anything else is a 400', async () => {
    const page = async (query: string) => call('GET', `/v1/admin/automations?${query}`, { token: marketer })
    const kinds: string[] = []
    let cursor: string | null = null
    do {
      const r = await page(`limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      expect(r.status).toBe(200)
      const body = AutomationList.parse(r.body)
      expect(body.items.length).toBeLessThanOrEqual(3)
      kinds.push(...body.items.map((a) => a.kind))
      cursor = body.nextCursor
    } while (cursor)
    expect(kinds).toEqual((await list()).map((a) => a.kind))
    const forged = Buffer.from(JSON.stringify({ PK: 'AUTOMATIONS', after: 'nope' })).toString('base64url')
    for (const bad of [forged, 'not-a-cursor'])
      expect(await page(`cursor=${bad}`)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } })
  })

  it('fires the welcome automation once per join, with its recipients and report', async () => {
    const before = (await one('welcome')).progress.planned
    const m = await newMember()
    await eventually(async () => expect((await one('welcome')).progress.planned).toBe(before + 1), 30_000)
    const recipients = CampaignRecipients.parse(
      (await call('GET', '/v1/admin/campaigns/AUTO-welcome/recipients?limit=100', { token: marketer })).body,
    )
    // Recipients page shard by shard: look through every page for the member.
    let found = recipients.items.some((r) => r.cardNo === m.member.cardNo)
    let cursor = recipients.nextCursor
    while (!found && cursor) {
      const p = CampaignRecipients.parse(
        (await call('GET', `/v1/admin/campaigns/AUTO-welcome/recipients?limit=100&cursor=${cursor}`, { token: marketer })).body,
      )
      found = p.items.some((r) => r.cardNo === m.member.cardNo && r.outcome === 'sent')
      cursor = p.nextCursor
    }
    expect(found).toBe(true)
    const inbox = await call('GET', '/v1/me/inbox', { token: m.token })
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'welcome')).toHaveLength(1)
    const report = await call('GET', '/v1/admin/campaigns/AUTO-welcome/report', { token: marketer })
    expect(report.status).toBe(200)
    expect(CampaignReport.parse(report.body).treatment.members).toBeGreaterThanOrEqual(1)
  })

  it('is changed only through its own route', async () => {
    await one('welcome')
    const pause = await call('POST', '/v1/admin/campaigns/AUTO-welcome/pause', { token: marketer })
    expect(pause.status).toBe(409)
    expect(pause.body.error.code).toBe('CAMPAIGN_STATE')
    const listed = await call('GET', '/v1/admin/campaigns?limit=100', { token: marketer })
    expect(listed.body.items.some((c: { campaignId: string }) => c.campaignId.startsWith('AUTO-'))).toBe(false)
  })
})
