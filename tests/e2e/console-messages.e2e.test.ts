/**
 * The console's 发送记录 (WeChat subscription messages) in Chromium at 1440×900, read like a
 * marketer: three members (with marketing consent, as joinBody gives) who alone spent an
 * exact amount this run; two tapped 允许 on the 会员活动通知 template in the mini-program (one
 * grant each, recorded over the API), and WeChat (the local stub) is told to refuse the
 * second (43101). A segment of them and a campaign with the WeChat message, launched over
 * the API. Once it is done the first has one message, 已送达, its fields the campaign's
 * title, its body cut to 20 characters and the send time, from the campaign; the second's
 * failed, explained in Chinese; the third got the inbox only. 发送记录 from the menu shows
 * the rows; another day shows the empty state. The wizard's preview draws the same three
 * fields; the program's 订阅消息模板 tab shows the templates and refuses a field key used twice.
 *
 * Quiet hours (21:00–09:00 Asia/Shanghai) would hold the campaign back: the program's quiet
 * hours are moved away from now for this file and put back after.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied), API_URL and
 * WECHAT_STUB_URL.
 */
import { createHash, randomUUID } from 'node:crypto'
import { fitThing, type MySubscriptions, type WechatMessage } from '@huiyuan/shared/messaging/schemas'
import { ProgramView } from '@huiyuan/shared/program/schemas'
import type { SegmentGroup } from '@huiyuan/shared/segments/schemas'
import type { Page } from 'playwright-core'
import { call, joinBody, newMember, signIn, uniqueName } from '../api/client'
import { CONSOLE_URL, type Desk, devSignIn, openDesk, shot } from './console'
import { eventually } from './h5'
import { segmentSize, readCampaign as readCampaignOf } from '../api/marketing'

jest.setTimeout(300_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const suffix = randomUUID().slice(0, 6)
const orderId = () => `M${randomUUID().replace(/-/g, '').slice(0, 16)}`
/** A 12-month spend only this run's members have: ¥9,000–¥17,999 and some cents. */
const X = 900_001 + Math.floor(Math.random() * 899_000)
const TEMPLATE_ID = 'local-member-activity'
const segmentName = `订阅消息人群-${suffix}`
const campaignName = `订阅消息测试-${suffix}`
const messageTitle = `双十一回馈-${suffix}`
const messageBody = '双十一会员专享：全场满200减50，积分翻倍，仅限本周末到店使用。'
const DEFINITION: SegmentGroup = { op: 'and', conditions: [{ field: 'spend12m', range: { min: X, max: X } }] }
/** The local stack's WeChat stub: a failure can be arranged for an openid. */
const STUB = process.env.WECHAT_STUB_URL ?? 'http://127.0.0.1:8103'
/** The program's rules are read by the API through a short cache. */
const CACHE_MS = 1_200

let desk: Desk
let page: Page
let admin: string
let marketer: string
let cashier: string
let original: unknown
let granted: { token: string; memberId: string; cardNo: string }
let plain: { token: string; memberId: string; cardNo: string }
/** Holds a grant, but WeChat answers 43101 (the member withdrew it on WeChat's side). */
let refused: { token: string; memberId: string; cardNo: string; openid: string }
let segmentId = ''
let campaignId = ''
let draftId = ''

/** HH:MM in Shanghai, `minutes` from now. */
const shanghaiClock = (minutes: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + minutes * 60_000),
  )
/** YYYY-MM-DD in Shanghai, `days` from today. */
const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

async function putRules(change: (rules: ProgramView['rules']) => unknown) {
  const p = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  const r = await call('PUT', '/v1/admin/program', { token: admin, body: { rules: change(p.rules), version: p.version } })
  expect(r.status).toBe(200)
  await sleep(CACHE_MS)
}

const memberCode = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const buy = async (token: string, amountFen: number) => {
  const r = await call('POST', '/v1/staff/purchases', {
    token: cashier,
    body: { memberCode: await memberCode(token), storeId: 'S001', orderId: orderId(), amountFen },
  })
  expect(r.status).toBe(201)
}

/** The segment's size over the API, following the count job if it runs as one. */
const sizeOf = (id: string) => segmentSize(marketer, id)

const readCampaign = (id: string) => readCampaignOf(marketer, id)

/** Every message of a day over the API (all pages). */
const messagesOn = async (date: string): Promise<WechatMessage[]> => {
  const items: WechatMessage[] = []
  let cursor: string | undefined
  do {
    const r = await call(
      'GET',
      `/v1/admin/wechat-messages?date=${date}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        token: marketer,
      },
    )
    expect(r.status).toBe(200)
    items.push(...r.body.items)
    cursor = r.body.nextCursor ?? undefined
  } while (cursor)
  return items
}

const held = (s: MySubscriptions) => s.templates.find((t) => t.purpose === 'memberActivity')?.held

beforeAll(async () => {
  ;[admin, marketer, cashier] = await Promise.all([signIn('admin'), signIn('marketer'), signIn('cashier')])
  original = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules
  // Quiet hours far from now, so the campaign goes out at once.
  await putRules((rules) => ({
    ...rules,
    marketing: { ...rules.marketing, quietHours: { from: shanghaiClock(6 * 60), to: shanghaiClock(7 * 60) } },
  }))

  const joined = await Promise.all([newMember({ name: '王芳' }), newMember({ name: '李雷' })])
  for (const m of joined) await buy(m.token, X)
  const [a, b] = joined.map((m) => ({ token: m.token, memberId: m.member.memberId as string, cardNo: m.member.cardNo as string }))
  granted = a as typeof granted
  plain = b as typeof plain
  // Signed in by a known dev name: its openid is the dev sign-in's, so the stub can be told to refuse it.
  const name = uniqueName('msg')
  const r = await call('POST', '/v1/members', { token: await signIn(name), body: joinBody({ name: '韩梅' }) })
  expect(r.status).toBe(201)
  refused = {
    token: r.body.session.token,
    memberId: r.body.member.memberId,
    cardNo: r.body.member.cardNo,
    openid: `dev_${createHash('sha256').update(name).digest('hex').slice(0, 24)}`,
  }
  await buy(refused.token, X)

  const s = await call('POST', '/v1/admin/segments', {
    token: marketer,
    body: { name: segmentName, description: '近12个月消费恰为本次测试金额的会员', definition: DEFINITION },
  })
  expect(s.status).toBe(201)
  segmentId = s.body.segmentId
  // The features records follow the purchases' events.
  await eventually(
    () => sizeOf(segmentId),
    (n) => expect(n).toBe(3),
    90_000,
  )

  desk = await openDesk()
  page = desk.page
  await devSignIn(page, 'marketer')
})

afterAll(async () => {
  if (draftId) await call('POST', `/v1/admin/campaigns/${draftId}/cancel`, { token: marketer })
  if (segmentId) await call('DELETE', `/v1/admin/segments/${segmentId}`, { token: marketer })
  if (original) await putRules(() => original)
  await desk?.browser.close()
})

const go = async (path: string) => {
  await page.goto(`${CONSOLE_URL}${path}`)
  await page.getByTestId('signed-in').waitFor()
}
const breadcrumb = (expected: RegExp) =>
  eventually(
    () => page.locator('.ant-breadcrumb').innerText(),
    (t) => expect(t).toMatch(expected),
  )
const table = () => page.getByTestId('wechat-messages')
const rowOf = (cardNo: string) => table().locator('tbody tr.ant-table-row').filter({ hasText: cardNo })

describe('a campaign with the WeChat message', () => {
  test('two members tap 允许 on 会员活动通知: one grant each of the local template', async () => {
    for (const m of [granted, refused]) {
      const before = await call('GET', '/v1/me/subscriptions', { token: m.token })
      expect(before.status).toBe(200)
      const template = (before.body as MySubscriptions).templates.find((t) => t.purpose === 'memberActivity')
      expect(template).toMatchObject({ templateId: TEMPLATE_ID, held: 0 })
      const r = await call('POST', '/v1/me/subscriptions', {
        token: m.token,
        headers: { 'idempotency-key': randomUUID() },
        body: { results: [{ templateId: TEMPLATE_ID, result: 'accept' }] },
      })
      expect(r.status).toBe(200)
      expect(held(r.body)).toBe(1)
    }
    // On WeChat's side the second member's grant is gone: the send will be refused.
    const arranged = await fetch(`${STUB}/__stub/failures`, {
      method: 'POST',
      body: JSON.stringify({ touser: refused.openid, errcode: 43101 }),
    })
    expect(arranged.ok).toBe(true)
  })

  test('launched, it goes to all three members; by WeChat to the two with a grant', async () => {
    const c = await call('POST', '/v1/admin/campaigns', {
      token: marketer,
      body: {
        name: campaignName,
        goal: 'retain',
        segmentId,
        offer: null,
        message: { title: messageTitle, body: messageBody, wechat: true },
        holdoutPct: 0,
      },
    })
    expect(c.status).toBe(201)
    campaignId = c.body.campaignId
    const launched = await call('POST', `/v1/admin/campaigns/${campaignId}/launch`, { token: marketer })
    expect(launched.status).toBe(200)
    await eventually(
      () => readCampaign(campaignId),
      (x) => expect(x.status).toBe('done'),
      120_000,
    )
    const done = await readCampaign(campaignId)
    expect(done.progress).toMatchObject({ planned: 3, sent: 3, wechat: 2, deferred: 0, failed: 0 })

    // The grants are used up (the refused one cleared); the member without one has the inbox message only.
    for (const m of [granted, refused]) expect(held((await call('GET', '/v1/me/subscriptions', { token: m.token })).body)).toBe(0)
    for (const m of [granted, plain, refused]) {
      const inbox = await call('GET', '/v1/me/inbox', { token: m.token })
      expect(inbox.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ title: messageTitle, body: messageBody })]))
    }
  })

  test('the 发送记录 over the API: 已送达 with the three fields; 43101 failed', async () => {
    let mine: WechatMessage[] = []
    await eventually(
      async () => (mine = (await messagesOn(shanghaiDay())).filter((m) => m.source.kind === 'campaign' && m.source.id === campaignId)),
      (list) => expect(list.map((m) => m.status).sort()).toEqual(['failed', 'sent']),
      60_000,
    )
    expect(mine.find((m) => m.status === 'failed')).toMatchObject({ memberId: refused.memberId, errcode: 43101, sentAt: null })
    const m = mine.find((x) => x.status === 'sent') as WechatMessage
    expect(m).toMatchObject({ memberId: granted.memberId, cardNo: granted.cardNo, purpose: 'memberActivity', templateId: TEMPLATE_ID })
    expect(m.errcode).toBeNull()
    expect(m.sentAt).not.toBeNull()
    // The local template's keys: title → thing1, content → thing2, time → time3.
    expect(m.data.thing1).toBe(messageTitle)
    expect(m.data.thing2).toBe(fitThing(messageBody))
    expect(m.data.thing2).toHaveLength(20)
    expect(m.data.time3).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
  })
})

describe('发送记录', () => {
  test('发送记录 in the menu, after 营销活动 and 自动化, opens the day’s messages: the member’s row, 已送达', async () => {
    await go('/')
    const menu = await page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts()
    const at = menu.findIndex((t) => t.includes('营销活动'))
    expect(menu.slice(at + 1, at + 3).join(' ')).toMatch(/自动化.*发送记录/)
    await page.getByRole('menuitem', { name: /发送记录/ }).click()
    await page.waitForURL(/\/messages$/)
    await breadcrumb(/首页\s*\/\s*发送记录/)
    await expect(page.getByTestId('messages-explained').innerText()).resolves.toContain(
      '每条订阅消息消耗会员在小程序中点「允许」时给出的一次授权；没有授权的会员只收到站内信',
    )
    await expect(page.locator('[data-testid="messages-date"] input').inputValue()).resolves.toBe(shanghaiDay())
    await rowOf(granted.cardNo).waitFor({ timeout: 30_000 })
    const row = rowOf(granted.cardNo)
    await expect(row.getByTestId('message-status').innerText()).resolves.toBe('已送达')
    const text = await row.innerText()
    expect(text).toContain('会员活动通知')
    expect(text).toContain(`活动名称：${messageTitle}`)
    expect(text).toContain(`活动内容：${fitThing(messageBody)}`)
    expect(text).toMatch(/时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
    // The source reads the campaign's name once it is loaded.
    await eventually(
      () => row.getByTestId('message-source').innerText(),
      (t) => expect(t).toBe(`营销活动：${campaignName}`),
    )
    await expect(row.getByTestId('message-source').getAttribute('href')).resolves.toBe(`/campaigns/${campaignId}`)
    await expect(rowOf(plain.cardNo).count()).resolves.toBe(0)
    // WeChat's refusal, in words.
    const failed = rowOf(refused.cardNo)
    await expect(failed.getByTestId('message-status').innerText()).resolves.toBe('失败')
    await expect(failed.getByTestId('message-error').innerText()).resolves.toBe('43101：用户未授权或授权已用完（已清除该授权）')
    await sleep(300)
    const file = await shot(page, 'messages-list')
    expect(file).toMatch(/messages-list\.png$/)
  })

  test('at 1280 wide every column shows without scrolling sideways', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await go('/messages')
      await rowOf(granted.cardNo).waitFor({ timeout: 30_000 })
      const [scroll, client] = await table()
        .locator('.ant-table-content, .ant-table-body')
        .first()
        .evaluate((el) => [el.scrollWidth, el.clientWidth])
      expect(scroll).toBeLessThanOrEqual(client!)
      await shot(page, 'messages-list-1280')
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })

  test('the card number opens the member; the source opens the campaign', async () => {
    await rowOf(granted.cardNo).getByRole('link', { name: granted.cardNo }).click()
    await page.waitForURL(new RegExp(`/members/${granted.memberId}$`))
    await page.goBack()
    await rowOf(granted.cardNo).getByTestId('message-source').click()
    await page.waitForURL(new RegExp(`/campaigns/${campaignId}$`))
    await expect(page.getByTestId('campaign-name').innerText()).resolves.toBe(campaignName)
  })

  test('another day without messages shows the empty state', async () => {
    await go('/messages')
    await rowOf(granted.cardNo).waitFor({ timeout: 30_000 })
    const input = page.locator('[data-testid="messages-date"] input')
    await input.click()
    await input.fill(shanghaiDay(-400))
    await input.press('Enter')
    await eventually(
      () => table().innerText(),
      (t) => expect(t).toContain('当天没有订阅消息'),
      15_000,
    )
    await shot(page, 'messages-empty')
  })
})

describe('the campaign wizard', () => {
  test('权益/消息 previews the WeChat message with its three fields and who receives it', async () => {
    const r = await call('POST', '/v1/admin/campaigns', {
      token: marketer,
      body: {
        name: `订阅消息草稿-${suffix}`,
        goal: 'retain',
        segmentId,
        offer: null,
        message: { title: messageTitle, body: messageBody, wechat: true },
        schedule: { type: 'at', at: '2030-11-26T10:00:00+08:00' },
        holdoutPct: 0,
      },
    })
    expect(r.status).toBe(201)
    draftId = r.body.campaignId
    await go(`/campaigns/${draftId}/edit`)
    await page.getByTestId('campaign-steps').getByText('权益/消息').click()
    const card = page.getByTestId('preview-wechat')
    await card.waitFor()
    await expect(card.getByTestId('preview-wechat-title').innerText()).resolves.toMatch(new RegExp(`活动名称\\s*${messageTitle}`))
    await expect(card.getByTestId('preview-wechat-content').innerText()).resolves.toMatch(
      new RegExp(`活动内容\\s*${fitThing(messageBody)}`),
    )
    await expect(card.getByTestId('preview-wechat-time').innerText()).resolves.toMatch(/时间\s*2030年11月26日 10:00/)
    await expect(page.getByTestId('preview-wechat-note').innerText()).resolves.toBe(
      '仅发给持有「会员活动通知」订阅授权的会员，其余会员只收到站内信。',
    )
    await shot(page, 'messages-wizard-preview')
  })
})

describe('订阅消息模板', () => {
  test('the program’s templates: ids and field keys; a key used twice is refused in place', async () => {
    const admins = await openDesk(desk.browser)
    const p = admins.page
    try {
      await devSignIn(p, 'admin', '/program')
      await p.getByRole('tab', { name: '订阅消息模板' }).click()
      const activity = p.getByTestId('template-memberActivity')
      await activity.waitFor()
      await expect(p.getByTestId('messaging-help').innerText()).resolves.toContain(
        '在微信公众平台「订阅消息」中选用模板，把模板 ID 和各字段的关键词（如 thing1）填在这里',
      )
      await expect(activity.innerText()).resolves.toMatch(/会员活动通知[\s\S]*已配置/)
      const id = (purpose: string, field: string) => p.locator(`#rules_messaging_templates_${purpose}_${field}`)
      await expect(id('memberActivity', 'templateId').inputValue()).resolves.toBe(TEMPLATE_ID)
      await expect(id('memberActivity', 'fields_title').inputValue()).resolves.toBe('thing1')
      await expect(id('memberActivity', 'fields_content').inputValue()).resolves.toBe('thing2')
      await expect(id('memberActivity', 'fields_time').inputValue()).resolves.toBe('time3')
      await expect(id('checkinReminder', 'fields_status').inputValue()).resolves.toBe('phrase2')
      await shot(p, 'program-messaging')

      // Not a WeChat key: refused as typed.
      await id('memberActivity', 'fields_time').fill('date')
      await p.getByText('请填写微信模板字段的关键词，如 thing1、time2、phrase3').first().waitFor()
      // A key carrying two values: the shared rules refuse it on 保存, under the field.
      await id('memberActivity', 'fields_time').fill('time3')
      await id('memberActivity', 'fields_content').fill('thing1')
      await p.getByTestId('save-rules').click()
      await p.getByText('thing1 被两个字段同时使用').first().waitFor()
      await expect(p.locator('.ant-modal-confirm:visible').count()).resolves.toBe(0)
      await shot(p, 'program-messaging-error')
      await p.getByRole('button', { name: /撤销修改/ }).click()
      await expect(id('memberActivity', 'fields_content').inputValue()).resolves.toBe('thing2')
    } finally {
      await admins.context.close()
    }
    // Nothing was saved.
    const rules = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules
    expect(rules.messaging.templates.memberActivity.fields).toMatchObject({ title: 'thing1', content: 'thing2', time: 'time3' })
  })
})
