/**
 * WeChat subscription messages over HTTP, against the WeChat stub the stack runs: a member
 * records what they allowed (each accept one grant; retries with the same key count once; a
 * template the program no longer uses passed over);
 * a campaign with WeChat on sends to those holding a grant — one grant each, the rest get
 * the inbox only — and the stub receives the message with WeChat's field limits met; 43101
 * clears the grant; two campaigns launched at once on two API processes consume a single
 * grant once; the 发送记录 shows each message with WeChat's answer.
 */
import { createHash, randomInt } from 'node:crypto'
import { Campaign, CampaignEstimate } from '@huiyuan/shared/campaigns/schemas'
import { MySubscriptions, WechatMessageList } from '@huiyuan/shared/messaging/schemas'
import { ProgramView } from '@huiyuan/shared/program/schemas'
import { call, eventually, joinBody, signIn, uniqueName } from './client'

const STUB = process.env.WECHAT_STUB_URL ?? 'http://127.0.0.1:8103'
const API_URLS = (process.env.API_URLS ?? process.env.API_URL ?? '').split(',')
const ACTIVITY = 'local-member-activity'
const CACHE_MS = 1_200
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let admin: string
let marketer: string
let original: unknown

interface Member {
  token: string
  cardNo: string
  memberId: string
  openid: string
}

/** A spend no other test's members have: the segment of those who spent it is this test's members. */
const groupSpend = () => 700_000 + randomInt(0, 99_999) * 2 + 1

/** A member who joined with marketing consent and spent `spend`; their openid is the dev sign-in's. */
async function member(spend: number): Promise<Member> {
  const name = uniqueName('sub')
  const token = await signIn(name)
  const joined = await call('POST', '/v1/members', { token, body: joinBody() })
  expect(joined.status).toBe(201)
  const m = joined.body.member
  const memberToken = joined.body.session.token
  const code = (await call('GET', '/v1/me/code', { token: memberToken })).body.code
  const bought = await call('POST', '/v1/staff/purchases', {
    token: admin,
    body: { memberCode: code, storeId: 'S001', orderId: `SB${uniqueName('o').slice(2)}`, amountFen: spend },
  })
  expect(bought.status).toBe(201)
  return {
    token: memberToken,
    cardNo: m.cardNo,
    memberId: m.memberId,
    openid: `dev_${createHash('sha256').update(name).digest('hex').slice(0, 24)}`,
  }
}

const allow = (m: Member, key: string, results: Array<{ templateId: string; result: string }>) =>
  call('POST', '/v1/me/subscriptions', { token: m.token, body: { results }, headers: { 'Idempotency-Key': key } })

const held = async (m: Member, purpose = 'memberActivity') =>
  MySubscriptions.parse((await call('GET', '/v1/me/subscriptions', { token: m.token })).body).templates.find((t) => t.purpose === purpose)
    ?.held

const stubMessages = async (openid: string) =>
  (await (await fetch(`${STUB}/__stub/messages?touser=${openid}`)).json()).items as Array<{
    templateId: string
    data: Record<string, string>
  }>

/** A segment of the members who spent `spend`, counted (the features have caught up with the purchases). */
async function segmentOf(spend: number, size: number): Promise<string> {
  const seg = await call('POST', '/v1/admin/segments', {
    token: marketer,
    body: { name: `订阅 ${spend}`, definition: { op: 'and', conditions: [{ field: 'spend12m', range: { min: spend, max: spend } }] } },
  })
  expect(seg.status).toBe(201)
  await eventually(async () => {
    const p = await call('POST', `/v1/admin/segments/${seg.body.segmentId}/preview`, { token: marketer })
    expect(p.body.count?.size).toBe(size)
  }, 30_000)
  return seg.body.segmentId
}

const draft = async (segmentId: string, name: string, title = '冬季会员日') => {
  const r = await call('POST', '/v1/admin/campaigns', {
    token: marketer,
    body: {
      name,
      goal: 'retain',
      segmentId,
      offer: null,
      message: { title, body: '本周六全场会员价再享九折，积分双倍，欢迎到店选购。', wechat: true },
      holdoutPct: 0,
    },
  })
  expect(r.status).toBe(201)
  return Campaign.parse(r.body)
}

const campaign = async (id: string) => Campaign.parse((await call('GET', `/v1/admin/campaigns/${id}`, { token: marketer })).body)
const doneCampaign = async (id: string) => {
  await eventually(async () => expect((await campaign(id)).status).toBe('done'), 60_000)
  return campaign(id)
}

/** HH:MM in Shanghai, `minutes` from now. */
const shanghaiClock = (minutes: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + minutes * 60_000),
  )

beforeAll(async () => {
  admin = await signIn('admin')
  const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '订阅消息', roles: ['marketer'], storeIds: [] } })
  const t = await signIn(uniqueName('staff'))
  marketer = (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token
  const p = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  original = p.rules
  // Quiet hours far from now, so sends go out at once.
  const rules = { ...p.rules, marketing: { ...p.rules.marketing, quietHours: { from: shanghaiClock(6 * 60), to: shanghaiClock(7 * 60) } } }
  expect((await call('PUT', '/v1/admin/program', { token: admin, body: { rules, version: p.version } })).status).toBe(200)
  await sleep(CACHE_MS)
}, 60_000)

afterAll(async () => {
  const p = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  await call('PUT', '/v1/admin/program', { token: admin, body: { rules: original, version: p.version } })
  await sleep(CACHE_MS)
})

describe('grants', () => {
  it('lists the templates set up, counts each accept once per key, clears on ban, and refuses bad reports', async () => {
    const m = await member(groupSpend())
    const view = MySubscriptions.parse((await call('GET', '/v1/me/subscriptions', { token: m.token })).body)
    expect(view.templates.map((t) => [t.purpose, t.title, t.held])).toEqual([
      ['memberActivity', '会员活动通知', 0],
      ['couponExpiry', '优惠券到期提醒', 0],
      ['checkinReminder', '签到提醒', 0],
    ])
    const results = [
      { templateId: ACTIVITY, result: 'accept' },
      { templateId: 'local-coupon-expiry', result: 'reject' },
    ]
    const first = await allow(m, 'tap-1', results)
    expect(first.status).toBe(200)
    expect(first.body.templates.find((t: { purpose: string }) => t.purpose === 'memberActivity').held).toBe(1)
    // A retry of the same tap: the first answer, nothing counted twice.
    expect((await allow(m, 'tap-1', results)).body).toEqual(first.body)
    expect((await allow(m, 'tap-1', [{ templateId: ACTIVITY, result: 'ban' }])).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    await allow(m, 'tap-2', [{ templateId: ACTIVITY, result: 'accept' }])
    expect(await held(m)).toBe(2)
    await allow(m, 'tap-3', [{ templateId: ACTIVITY, result: 'ban' }])
    expect(await held(m)).toBe(0)

    const noKey = await call('POST', '/v1/me/subscriptions', { token: m.token, body: { results } })
    expect(noKey.status).toBe(400)
    // A template the program no longer uses (an app with an old list): passed over, the current ones counted.
    const stale = await allow(m, 'tap-4', [
      { templateId: 'retired-template', result: 'accept' },
      { templateId: 'local-checkin-reminder', result: 'accept' },
    ])
    expect(stale.status).toBe(200)
    expect(stale.body.templates.map((t: { templateId: string }) => t.templateId)).not.toContain('retired-template')
    expect(await held(m, 'checkinReminder')).toBe(1)
    const six = await allow(
      m,
      'tap-5',
      Array.from({ length: 6 }, () => ({ templateId: ACTIVITY, result: 'accept' })),
    )
    expect(six.status).toBe(400)
    expect(await held(m)).toBe(0)
    expect((await call('GET', '/v1/me/subscriptions')).status).toBe(401)
  })
})

describe('a campaign with WeChat on', () => {
  it('sends to members holding a grant (one each), the inbox to the rest, and the stub gets it within the field limits', async () => {
    const tag = groupSpend()
    const [a, b] = [await member(tag), await member(tag)]
    await allow(a, 'allow-a', [{ templateId: ACTIVITY, result: 'accept' }])
    const segmentId = await segmentOf(tag, 2)
    const c = await draft(segmentId, '微信订阅消息', '冬季会员日·全场九折')
    await eventually(async () => {
      const e = CampaignEstimate.parse((await call('POST', `/v1/admin/campaigns/${c.campaignId}/estimate`, { token: marketer })).body)
      expect(e).toMatchObject({ audience: 2, reach: 2, wechatReach: 1 })
    }, 20_000)
    expect((await call('POST', `/v1/admin/campaigns/${c.campaignId}/launch`, { token: marketer })).status).toBe(200)
    const done = await doneCampaign(c.campaignId)
    expect(done.progress).toMatchObject({ planned: 2, sent: 2, wechat: 1, suppressed: { no_grant: 1 } })
    await eventually(async () => expect((await campaign(c.campaignId)).progress.wechatDelivered).toBe(1), 30_000)

    const got = await stubMessages(a.openid)
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject({
      templateId: ACTIVITY,
      // The body cut to WeChat's 20 characters for a `thing`.
      data: { thing1: '冬季会员日·全场九折', thing2: '本周六全场会员价再享九折，积分双倍，欢…' },
    })
    expect([...got[0]!.data.thing2!]).toHaveLength(20)
    expect(got[0]!.data.time3).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect(await stubMessages(b.openid)).toHaveLength(0)
    expect(await held(a)).toBe(0)
    // Both got the inbox notice.
    for (const m of [a, b]) {
      const inbox = await call('GET', '/v1/me/inbox', { token: m.token })
      expect(inbox.body.items.some((n: { title: string }) => n.title === '冬季会员日·全场九折')).toBe(true)
    }
    const recipients = await call('GET', `/v1/admin/campaigns/${c.campaignId}/recipients?limit=10`, { token: marketer })
    const byCard = Object.fromEntries(recipients.body.items.map((r: { cardNo: string; wechat: boolean }) => [r.cardNo, r.wechat]))
    expect(byCard).toEqual({ [a.cardNo]: true, [b.cardNo]: false })

    const log = WechatMessageList.parse((await call('GET', '/v1/admin/wechat-messages?limit=100', { token: marketer })).body)
    const mine = log.items.find((x) => x.cardNo === a.cardNo)
    expect(mine).toMatchObject({ status: 'sent', purpose: 'memberActivity', source: { kind: 'campaign', id: c.campaignId }, errcode: null })
    expect((await call('GET', '/v1/admin/wechat-messages', { token: a.token })).status).toBe(403)
  }, 120_000)

  it('records 43101 from WeChat and clears the grant', async () => {
    const tag = groupSpend()
    const m = await member(tag)
    await allow(m, 'allow-1', [{ templateId: ACTIVITY, result: 'accept' }])
    await allow(m, 'allow-2', [{ templateId: ACTIVITY, result: 'accept' }])
    expect(await held(m)).toBe(2)
    await fetch(`${STUB}/__stub/failures`, { method: 'POST', body: JSON.stringify({ touser: m.openid, errcode: 43101 }) })
    const c = await draft(await segmentOf(tag, 1), '授权失效')
    await call('POST', `/v1/admin/campaigns/${c.campaignId}/launch`, { token: marketer })
    await doneCampaign(c.campaignId)
    await eventually(async () => {
      const log = WechatMessageList.parse((await call('GET', '/v1/admin/wechat-messages?limit=100', { token: marketer })).body)
      expect(log.items.find((x) => x.cardNo === m.cardNo)).toMatchObject({ status: 'failed', errcode: 43101 })
    }, 30_000)
    expect(await held(m)).toBe(0)
    expect((await campaign(c.campaignId)).progress.wechatFailed).toBe(1)
  }, 120_000)

  it('consumes a single grant once when two campaigns are launched at once on two API processes', async () => {
    const tag = groupSpend()
    const m = await member(tag)
    await allow(m, 'allow-once', [{ templateId: ACTIVITY, result: 'accept' }])
    const segmentId = await segmentOf(tag, 1)
    const [c1, c2] = [await draft(segmentId, '并发一'), await draft(segmentId, '并发二')]
    const launch = (url: string, id: string) =>
      fetch(`${url}/v1/admin/campaigns/${id}/launch`, { method: 'POST', headers: { authorization: `Bearer ${marketer}` } })
    const answers = await Promise.all([launch(API_URLS[0]!, c1.campaignId), launch(API_URLS[1] ?? API_URLS[0]!, c2.campaignId)])
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    const [d1, d2] = [await doneCampaign(c1.campaignId), await doneCampaign(c2.campaignId)]
    expect(d1.progress.sent + d2.progress.sent).toBe(2)
    expect(d1.progress.wechat + d2.progress.wechat).toBe(1)
    await eventually(async () => expect(await stubMessages(m.openid)).toHaveLength(1), 30_000)
    expect(await held(m)).toBe(0)
  }, 120_000)
})
