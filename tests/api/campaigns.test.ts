/**
 * Campaigns over HTTP, through the real work queue: a draft estimated and launched (twice:
 * nothing sent twice) reaches each member's inbox and wallet; quiet hours hold the sends
 * until they end (deferred, then sent — never dropped); a third message in 7 days is
 * suppressed by the cap; the report and the recipients list; who may do what.
 * The program's quiet hours are set around "now" here (and put back), so the file passes at
 * any time of day.
 */
import { randomInt } from 'node:crypto'
import { Campaign, CampaignReport } from '@huiyuan/shared/campaigns/schemas'
import { ProgramView } from '@huiyuan/shared/program/schemas'
import { call, eventually, newMember, signIn, uniqueName } from './client'
import { setQuietHours as setQuietHoursOf } from './marketing'

let admin: string
let marketer: string
let cashier: string
let segmentId: string
let templateId: string
let original: unknown
const members: Array<{ token: string; cardNo: string }> = []
const SPEND = 500_000 + randomInt(0, 99_999) * 2 + 1
const CACHE_MS = 1_200
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** HH:MM in Shanghai, `minutes` from now. */
const shanghaiClock = (minutes: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + minutes * 60_000),
  )

const setQuietHours = (from: string, to: string) => setQuietHoursOf(admin, from, to)

const draft = async (name: string, over: Record<string, unknown> = {}) => {
  const r = await call('POST', '/v1/admin/campaigns', {
    token: marketer,
    body: {
      name,
      goal: 'retain',
      segmentId,
      offer: { templateId },
      message: { title: '老朋友专享礼', body: '送您一张满减券，14 天内有效', wechat: false },
      holdoutPct: 0,
      ...over,
    },
  })
  expect(r.status).toBe(201)
  return Campaign.parse(r.body)
}

const campaign = async (id: string) => Campaign.parse((await call('GET', `/v1/admin/campaigns/${id}`, { token: marketer })).body)

beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
  const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '活动', roles: ['marketer'], storeIds: [] } })
  const t = await signIn(uniqueName('staff'))
  marketer = (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token
  original = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules
  // Quiet hours far from now, so sends go out at once.
  await setQuietHours(shanghaiClock(6 * 60), shanghaiClock(7 * 60))
  for (let i = 0; i < 6; i++) {
    const m = await newMember({ name: '钱七' })
    const code = (await call('GET', '/v1/me/code', { token: m.token })).body.code
    const bought = await call('POST', '/v1/staff/purchases', {
      token: admin,
      body: { memberCode: code, storeId: 'S001', orderId: `CA${uniqueName('o').slice(2)}`, amountFen: SPEND },
    })
    expect(bought.status).toBe(201)
    members.push({ token: m.token, cardNo: m.member.cardNo })
  }
  const seg = await call('POST', '/v1/admin/segments', {
    token: marketer,
    body: { name: '活动人群', definition: { op: 'and', conditions: [{ field: 'spend12m', range: { min: SPEND, max: SPEND } }] } },
  })
  segmentId = seg.body.segmentId
  const tpl = await call('POST', '/v1/admin/coupon-templates', {
    token: admin,
    body: {
      name: '活动满减券',
      kind: 'cash_off',
      valueFen: 2_000,
      thresholdFen: 10_000,
      validity: { type: 'relative', days: 14 },
      totalStock: null,
      perMemberLimit: 5,
    },
  })
  templateId = tpl.body.templateId
  await eventually(async () => {
    const p = await call('POST', `/v1/admin/segments/${segmentId}/preview`, { token: marketer })
    expect(p.body.count.size).toBe(6)
  }, 30_000)
}, 120_000)

afterAll(async () => {
  const p = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  await call('PUT', '/v1/admin/program', { token: admin, body: { rules: original, version: p.version } })
  await sleep(CACHE_MS)
})

describe('a campaign from draft to report', () => {
  let first: Campaign

  it('estimates, launches once (a second launch changes nothing) and reaches inbox and wallet', async () => {
    first = await draft('老客回访')
    expect(first).toMatchObject({ status: 'draft', segmentName: '活动人群', offer: { templateId, name: '活动满减券' } })
    const estimate = await call('POST', `/v1/admin/campaigns/${first.campaignId}/estimate`, { token: marketer })
    expect(estimate.body).toMatchObject({ audience: 6, control: 0, noConsent: 0, reach: 6 })
    const launched = await call('POST', `/v1/admin/campaigns/${first.campaignId}/launch`, { token: marketer })
    expect(launched.status).toBe(200)
    expect((await call('POST', `/v1/admin/campaigns/${first.campaignId}/launch`, { token: marketer })).status).toBe(200)
    await eventually(async () => expect((await campaign(first.campaignId)).status).toBe('done'), 60_000)
    const done = await campaign(first.campaignId)
    expect(done.progress).toMatchObject({ planned: 6, processed: 6, sent: 6, couponsIssued: 6, failed: 0 })
    for (const m of members) {
      const inbox = await call('GET', '/v1/me/inbox', { token: m.token })
      expect(inbox.body.items.filter((n: { title: string }) => n.title === '老朋友专享礼')).toHaveLength(1)
      const wallet = await call('GET', '/v1/me/coupons?status=usable', { token: m.token })
      expect(wallet.body.items.filter((c: { name: string }) => c.name === '活动满减券')).toHaveLength(1)
    }
    const recipients = await call('GET', `/v1/admin/campaigns/${first.campaignId}/recipients?limit=100`, { token: marketer })
    expect(recipients.body.items.map((r: { cardNo: string }) => r.cardNo).sort()).toEqual(members.map((m) => m.cardNo).sort())
    expect(recipients.body.items.every((r: { outcome: string; group: string }) => r.outcome === 'sent' && r.group === 'treatment')).toBe(
      true,
    )
  })

  it('holds sends in quiet hours until they end, then sends them', async () => {
    // A window from the last minute to the next, with 30–60 s of it left.
    const second0 = new Date().getSeconds()
    if (second0 > 30) await sleep((61 - second0) * 1000)
    await setQuietHours(shanghaiClock(-1), shanghaiClock(1))
    const second = await draft('免打扰测试', { offer: null })
    await call('POST', `/v1/admin/campaigns/${second.campaignId}/launch`, { token: marketer })
    await eventually(async () => expect((await campaign(second.campaignId)).progress.deferred).toBe(6), 30_000)
    expect((await campaign(second.campaignId)).progress.sent).toBe(0)
    await setQuietHours(shanghaiClock(6 * 60), shanghaiClock(7 * 60))
    // The chunk comes back when the window it saw ends (within a minute), and goes out.
    await eventually(async () => expect((await campaign(second.campaignId)).progress.sent).toBe(6), 100_000)
  }, 150_000)

  it('suppresses a third marketing message in 7 days (the cap), recorded with its reason', async () => {
    const third = await draft('第三条', { offer: null })
    await call('POST', `/v1/admin/campaigns/${third.campaignId}/launch`, { token: marketer })
    await eventually(async () => expect((await campaign(third.campaignId)).status).toBe('done'), 60_000)
    const p = (await campaign(third.campaignId)).progress
    expect(p).toMatchObject({ sent: 0, suppressed: { cap: 6 } })
    const recipients = await call('GET', `/v1/admin/campaigns/${third.campaignId}/recipients?limit=100`, { token: marketer })
    expect(recipients.body.items.every((r: { outcome: string }) => r.outcome === 'cap')).toBe(true)
  })

  it('reports the campaign against its control group, and says when it is too small to tell', async () => {
    const member = members[0]!
    const code = (await call('GET', '/v1/me/code', { token: member.token })).body.code
    await call('POST', '/v1/staff/purchases', {
      token: admin,
      body: { memberCode: code, storeId: 'S001', orderId: `CB${uniqueName('o').slice(2)}`, amountFen: 12_300 },
    })
    await eventually(async () => {
      const r = CampaignReport.parse((await call('GET', `/v1/admin/campaigns/${first.campaignId}/report`, { token: marketer })).body)
      expect(r.treatment).toMatchObject({ members: 6, delivered: 6, couponsIssued: 6, purchasers: 1, revenueFen: 12_300 })
      expect(r.control.members).toBe(0)
      expect(r.verdictText).toBe('样本不足，无法判断效果')
    }, 30_000)
  })
})

describe('who may do what, and bad requests', () => {
  it('refuses a bad draft in place, another state change, and staff who are not marketers', async () => {
    const bad = await call('POST', '/v1/admin/campaigns', {
      token: marketer,
      body: { name: '', goal: 'x', segmentId, message: { title: '这是一个超过二十个字符长度限制的微信订阅消息标题', body: '' } },
    })
    expect(bad.status).toBe(400)
    const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field)
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.goal', 'body.message.title', 'body.message.body']))
    const unknown = await call('POST', '/v1/admin/campaigns', {
      token: marketer,
      body: { name: '无此人群', goal: 'other', segmentId: 'NOPE', message: { title: '标题', body: '内容' } },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.fields[0].field).toBe('body.segmentId')
    const c = await draft('取消测试')
    expect((await call('POST', `/v1/admin/campaigns/${c.campaignId}/pause`, { token: marketer })).body.error.code).toBe('CAMPAIGN_STATE')
    expect((await call('POST', `/v1/admin/campaigns/${c.campaignId}/cancel`, { token: marketer })).body.status).toBe('cancelled')
    expect((await call('POST', `/v1/admin/campaigns/${c.campaignId}/launch`, { token: marketer })).status).toBe(409)
    expect((await call('GET', '/v1/admin/campaigns', { token: cashier })).status).toBe(403)
  })
})
