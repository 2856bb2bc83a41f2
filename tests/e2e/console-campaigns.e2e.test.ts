/**
 * The console's 营销活动 area in Chromium at 1440×900, clicked like a marketer: three members
 * (with marketing consent, as joinBody gives) who alone spent an exact amount this run, a
 * segment of them and a coupon template made over the API; then the wizard — goal, the
 * segment and its count, the coupon and the message with their preview, send now, no
 * control group, the estimate on 确认 — launched after the confirmation; the progress until
 * every member has gone through; each member's inbox and wallet; the list's progress bar;
 * the report (its funnel, and the verdict a campaign of three cannot give: 样本不足); the
 * send records. A draft made over the API opens in the wizard prefilled and is cancelled.
 *
 * Quiet hours (21:00–09:00 Asia/Shanghai) hold a campaign's messages until they end: run
 * then, the members show as deferred rather than sent, so the test counts sent + deferred
 * and checks the inbox and wallet only when nothing was deferred.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomUUID } from 'node:crypto'
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import type { SegmentGroup } from '@huiyuan/shared/segments/schemas'
import type { Locator, Page } from 'playwright-core'
import { call, newMember, signIn } from '../api/client'
import { CONSOLE_URL, chartSeries, type Desk, devSignIn, openDesk, shot } from './console'
import { eventually } from './h5'
import { segmentSize, readCampaign as readCampaignOf } from '../api/marketing'

jest.setTimeout(300_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const suffix = randomUUID().slice(0, 6)
const orderId = () => `K${randomUUID().replace(/-/g, '').slice(0, 16)}`
/** A 12-month spend only this run's members have: ¥9,000–¥17,999 and some cents. */
const X = 900_001 + Math.floor(Math.random() * 899_000)
const segmentName = `活动测试人群-${suffix}`
const templateName = `回店礼券-${suffix}`
const campaignName = `唤醒测试-${suffix}`
const messageTitle = `好久不见-${suffix}`
const messageBody = '满100减20券已放入券包，7 天内到店使用。'
const DEFINITION: SegmentGroup = { op: 'and', conditions: [{ field: 'spend12m', range: { min: X, max: X } }] }

let desk: Desk
let page: Page
let marketer: string
let admin: string
let cashier: string
let members: { token: string; cardNo: string }[] = []
let segmentId = ''
let templateId = ''
let campaignId = ''

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

beforeAll(async () => {
  ;[marketer, admin, cashier] = await Promise.all([signIn('marketer'), signIn('admin'), signIn('cashier')])
  const joined = await Promise.all([newMember({ name: '陈静' }), newMember({ name: '刘洋' }), newMember({ name: '周杰' })])
  for (const m of joined) await buy(m.token, X)
  members = joined.map((m) => ({ token: m.token, cardNo: m.member.cardNo as string }))

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

  const t = await call('POST', '/v1/admin/coupon-templates', {
    token: admin,
    body: {
      name: templateName,
      kind: 'cash_off',
      valueFen: 2_000,
      thresholdFen: 10_000,
      validity: { type: 'relative', days: 7 },
      totalStock: 100,
      perMemberLimit: 1,
    },
  })
  expect(t.status).toBe(201)
  templateId = t.body.templateId

  desk = await openDesk()
  page = desk.page
  await devSignIn(page, 'marketer')
})

afterAll(async () => {
  if (segmentId) await call('DELETE', `/v1/admin/segments/${segmentId}`, { token: marketer })
  await desk?.browser.close()
})

const go = async (path: string) => {
  await page.goto(`${CONSOLE_URL}${path}`)
  await page.getByTestId('signed-in').waitFor()
}

/** Types into an antd input (number inputs commit on blur). */
const type = async (target: Locator, value: string) => {
  await target.click()
  await target.fill(value)
  await target.press('Tab')
}

/** Opens an antd Select, types to find the option and picks the one that starts with `text`. */
const pick = async (select: Locator, search: string, text: string | RegExp = search) => {
  await select.click()
  await page.keyboard.type(search)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click()
}

/** A button by its text (antd spaces out two-character Chinese labels: 保 存). */
const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${text.split('').join('\\s*')}\\s*$`) })
const step = (i: number) => page.getByTestId(`campaign-step-${i}`)
const errorsOf = (scope: Locator) => scope.locator('.ant-form-item-explain-error').allInnerTexts()
const next = () => page.getByTestId('campaign-next').click()
const currentStep = () => page.locator('[data-testid="campaign-steps"] .ant-steps-item-process .ant-steps-item-title').innerText()
const figure = async (testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d]/g, ''))
const breadcrumb = (expected: RegExp) =>
  eventually(
    () => page.locator('.ant-breadcrumb').innerText(),
    (t) => expect(t).toMatch(expected),
  )
const campaignRow = () => page.getByTestId('campaign-table').locator('tbody tr.ant-table-row').filter({ hasText: campaignName })

describe('新建活动', () => {
  test('营销活动 in the menu opens the list; 新建活动 opens the wizard at its first step', async () => {
    await go('/')
    await page.getByRole('menuitem', { name: /营销活动/ }).click()
    await page.waitForURL(/\/campaigns$/)
    await page.getByTestId('campaign-table').waitFor()
    await page.getByTestId('new-campaign').click()
    await page.waitForURL(/\/campaigns\/new$/)
    await breadcrumb(/营销活动\s*\/\s*新建活动/)
    await expect(currentStep()).resolves.toBe('目标')
  })

  test('目标: nothing chosen is refused in place; a name and a goal card move on', async () => {
    await next()
    await eventually(
      () => errorsOf(step(0)),
      (e) => expect(e).toEqual(expect.arrayContaining(['请填写活动名称', '请选择活动目标'])),
    )
    await expect(currentStep()).resolves.toBe('目标')
    await page.locator('#campaign_name').fill(campaignName)
    await page.getByTestId('campaign-goal').getByText('唤醒沉睡会员').click()
    await next()
    await expect(currentStep()).resolves.toBe('人群')
  })

  test('人群: the saved segment, found by name, is counted: the three members set up', async () => {
    await next()
    await eventually(
      () => errorsOf(step(1)),
      (e) => expect(e).toContain('请选择人群'),
    )
    await expect(page.getByTestId('new-segment-link').getAttribute('href')).resolves.toBe('/segments/new')
    await pick(page.getByTestId('campaign-segment'), segmentName)
    await eventually(
      () =>
        page
          .getByTestId('count-size')
          .innerText()
          .catch(() => ''),
      (t) => expect(t).toBe('3'),
      60_000,
    )
    await expect(page.getByTestId('segment-info').innerText()).resolves.toContain('近12个月消费恰为本次测试金额的会员')
    await shot(page, 'campaigns-wizard-segment')
    await next()
    await expect(currentStep()).resolves.toBe('权益/消息')
  })

  test('权益/消息: the coupon and the message, previewed as the member sees them; WeChat explained', async () => {
    await next()
    await eventually(
      () => errorsOf(step(2)),
      (e) => expect(e).toEqual(expect.arrayContaining(['请填写消息标题', '请填写消息内容'])),
    )
    await pick(page.getByTestId('campaign-coupon'), templateName)
    await expect(page.getByTestId('preview-coupon').innerText()).resolves.toMatch(
      new RegExp(`20[\\s\\S]*满100可用[\\s\\S]*${templateName}`),
    )
    // The title is also the WeChat message's 标题 (thing, ≤ 20 characters): the input stops there.
    const title = page.locator('#campaign_title')
    await title.fill('一二三四五六七八九十一二三四五六七八九十多余')
    await expect(title.inputValue()).resolves.toHaveLength(20)
    await title.fill(messageTitle)
    await page.locator('#campaign_body').fill(messageBody)
    await expect(step(2).innerText()).resolves.toContain('也是微信订阅消息的「标题」字段')
    const inbox = page.getByTestId('preview-inbox')
    await expect(inbox.innerText()).resolves.toMatch(new RegExp(`惠[\\s\\S]*${messageTitle}[\\s\\S]*刚刚[\\s\\S]*满100减20券已放入券包`))
    await expect(page.getByTestId('preview-wechat').count()).resolves.toBe(0)
    await page.getByTestId('campaign-wechat').click()
    await expect(page.getByTestId('preview-wechat').innerText()).resolves.toContain(messageTitle)
    await expect(step(2).innerText()).resolves.toContain('只发给授权过订阅消息的会员')
    await shot(page, 'campaigns-wizard-message')
    // These members hold no WeChat grant: the campaign goes to the inbox only.
    await page.getByTestId('campaign-wechat').click()
    await next()
    await expect(currentStep()).resolves.toBe('时间与预算')
  })

  test('时间与预算: send now; a time in the past is refused; the quiet hours and the cap are the program’s', async () => {
    const rules = step(3).getByTestId('campaign-rules')
    await expect(rules.innerText()).resolves.toMatch(/免打扰时段 21:00–09:00[\s\S]*09:00 再发出[\s\S]*7 天内最多收到 2 条营销消息/)
    await step(3).getByText('定时发送').click()
    await next()
    await eventually(
      () => errorsOf(step(3)),
      (e) => expect(e).toContain('请选择发送时间'),
    )
    await step(3).getByText('立即发送').click()
    await expect(page.locator('#campaign_attributionDays').inputValue()).resolves.toBe('14')
    await type(page.locator('#campaign_maxCoupons'), '50')
    await shot(page, 'campaigns-wizard-schedule')
    await next()
    await expect(currentStep()).resolves.toBe('对照组')
  })

  test('对照组: 5 % by default, explained; set to 0 %', async () => {
    await expect(page.locator('#campaign_holdoutPct').inputValue()).resolves.toBe('5')
    await expect(step(4).innerText()).resolves.toContain('对照组会员不会收到任何内容，用来衡量活动带来的真实增量')
    // No control group: every member of the three is treated, so what they receive is certain.
    await type(page.locator('#campaign_holdoutPct'), '0')
    await page.getByTestId('no-holdout-warning').waitFor()
    await expect(page.getByTestId('holdout-split').innerText()).resolves.toMatch(/实验组约 3 人，对照组约 0 人/)
    await shot(page, 'campaigns-wizard-holdout')
  })

  test('确认: the settings, saved as a draft, and the estimate — all three reached', async () => {
    await next()
    // Entering 确认 saves the draft first; the estimate follows.
    await page.getByTestId('campaign-estimate').waitFor({ timeout: 30_000 })
    await expect(currentStep()).resolves.toBe('确认')
    const summary = await page.getByTestId('campaign-summary').innerText()
    for (const t of [
      campaignName,
      '唤醒沉睡会员',
      segmentName,
      templateName,
      messageTitle,
      messageBody,
      '立即发送',
      '50 张',
      '发送后 14 天',
    ])
      expect(summary).toContain(t)
    expect(summary).toMatch(/对照组[\s\S]*不设对照组/)
    await expect(figure('estimate-figure-audience')).resolves.toBe(3)
    await expect(figure('estimate-figure-control')).resolves.toBe(0)
    await expect(figure('estimate-figure-reach')).resolves.toBe(3)
    await expect(page.getByTestId('estimate-reach').innerText()).resolves.toContain('3 人')
    await expect(page.getByTestId('draft-state').innerText()).resolves.toBe('草稿已保存')
    await shot(page, 'campaigns-wizard-confirm')

    const list = await call('GET', '/v1/admin/campaigns?limit=100', { token: marketer })
    const draft = (list.body.items as Campaign[]).find((c) => c.name === campaignName)
    expect(draft).toMatchObject({
      status: 'draft',
      goal: 'reactivate',
      segmentId,
      offer: { templateId },
      message: { title: messageTitle, body: messageBody, wechat: false },
      schedule: { type: 'now' },
      maxCoupons: 50,
      attributionDays: 14,
      holdoutPct: 0,
    })
    campaignId = draft?.campaignId ?? ''
  })

  test('确认发送 asks first (发送后无法撤回), then opens the campaign as it sends', async () => {
    await page.getByTestId('campaign-launch').click()
    const confirm = page.locator('.ant-modal-confirm:visible')
    await confirm.waitFor()
    await expect(confirm.innerText()).resolves.toContain('发送后无法撤回，确定向约 3 位会员发送？')
    await button(confirm, '确认发送').click()
    await page.waitForURL(new RegExp(`/campaigns/${campaignId}$`))
    await breadcrumb(/营销活动\s*\/\s*活动详情/)
    await expect(page.getByTestId('campaign-name').innerText()).resolves.toBe(campaignName)
  })
})

/** Members whose messages quiet hours held back (at night the campaign is still sending). */
let deferred = 0

describe('活动详情', () => {
  test('the progress follows the send until every member has gone through (sent, or deferred by quiet hours)', async () => {
    let last: Campaign | null = null
    await eventually(
      async () => (last = await readCampaign(campaignId)),
      (c) => expect(c.progress.sent + c.progress.deferred).toBe(3),
      120_000,
    )
    const c = last as unknown as Campaign
    deferred = c.progress.deferred
    expect(c.progress.planned).toBe(3)
    expect(c.progress.suppressed.holdout).toBe(0)
    expect(c.progress.failed).toBe(0)
    if (deferred === 0) {
      await eventually(
        () => readCampaign(campaignId),
        (x) => expect(x.status).toBe('done'),
        60_000,
      )
      await eventually(
        () => page.getByTestId('campaign-status').innerText(),
        (t) => expect(t).toBe('已完成'),
        15_000,
      )
      await expect(figure('progress-coupons')).resolves.toBe(3)
    }
    // The page reads the campaign every 2 s: it shows what the API has.
    await eventually(
      async () => (await figure('progress-sent')) + (await figure('progress-deferred')),
      (n) => expect(n).toBe(3),
      15_000,
    )
    await expect(figure('progress-planned')).resolves.toBe(3)
    await expect(page.getByTestId('suppressed-holdout').innerText()).resolves.toMatch(/对照组\s*0/)
    if (deferred > 0) await page.getByTestId('campaign-deferred').waitFor()
    await sleep(500)
    await shot(page, 'campaigns-detail-progress')
  })

  test("each member's inbox has the campaign's message and their wallet its coupon", async () => {
    // Held back by quiet hours, the message and the coupon arrive when they end.
    if (deferred > 0) return
    for (const m of members) {
      const inbox = await call('GET', '/v1/me/inbox', { token: m.token })
      expect(inbox.status).toBe(200)
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'marketing', title: messageTitle, body: messageBody })]),
      )
      const wallet = await call('GET', '/v1/me/coupons?status=usable', { token: m.token })
      expect(wallet.status).toBe(200)
      expect(wallet.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ templateId, name: templateName, source: 'campaign' })]),
      )
    }
  })

  test('效果报表: a campaign of three cannot tell (样本不足), with its funnel and the two groups side by side', async () => {
    await page.getByRole('tab', { name: '效果报表' }).click()
    const verdict = page.getByTestId('report-verdict')
    await verdict.waitFor({ timeout: 30_000 })
    await expect(verdict.innerText()).resolves.toContain('样本不足')
    await expect(page.getByTestId('report-method').innerText()).resolves.toMatch(/^计算方法：.+/)
    // While quiet hours hold the campaign back it is still sending: its report is read again
    // every few seconds, so the chart and the API's answer are compared until they agree.
    let report = (await call('GET', `/v1/admin/campaigns/${campaignId}/report`, { token: marketer })).body
    await eventually(
      async () => {
        report = (await call('GET', `/v1/admin/campaigns/${campaignId}/report`, { token: marketer })).body
        return { report, funnel: await chartSeries(page, 'chart-campaign-funnel') }
      },
      ({ report, funnel }) => {
        expect(report.verdict).toBe('too_small')
        // The two groups' funnels (and between them the column of the steps' names).
        expect(funnel.slice(0, 2).map((s) => [s.name, s.type])).toEqual([
          ['实验组', 'funnel'],
          ['对照组', 'funnel'],
        ])
        expect(((funnel[0]?.data ?? []) as { value: number }[]).map((d) => d.value)).toEqual(
          (report.funnel as { treatment: number }[]).map((s) => s.treatment),
        )
        expect(((funnel[1]?.data ?? []) as { value: number }[]).map((d) => d.value)).toEqual(
          (report.funnel as { control: number }[]).map((s) => s.control),
        )
      },
      20_000,
    )
    const compare = await page.getByTestId('report-compare').innerText()
    expect(compare).toMatch(/会员数\s*3\s*0/)
    await page.getByTestId('report-incremental-revenue').waitFor()
    await page.getByTestId('report-incremental-profit').waitFor()
    if (report.daily.length > 0) {
      const daily = await chartSeries(page, 'chart-campaign-daily')
      expect(daily.map((s) => s.name)).toEqual(['实验组', '对照组'])
    }
    await sleep(1_200) // the charts' entry animation
    await shot(page, 'campaigns-report')
  })

  test('发送记录: each member, in the treatment group, sent (or waiting), with the coupon code', async () => {
    await page.getByRole('tab', { name: '发送记录' }).click()
    const table = page.getByTestId('campaign-recipients')
    await table.waitFor()
    if (deferred > 0) return
    await eventually(
      () => table.locator('tbody tr.ant-table-row').count(),
      (n) => expect(n).toBe(3),
      15_000,
    )
    const text = await table.innerText()
    for (const m of members) expect(text).toContain(m.cardNo)
    expect(text.match(/实验组/g)).toHaveLength(3)
    expect(text.match(/已发送/g)?.length).toBeGreaterThanOrEqual(3)
    expect(text).not.toContain('对照组')
    await shot(page, 'campaigns-recipients')
  })

  test('the list shows the campaign with its segment, status and a full progress bar', async () => {
    await page.getByRole('menuitem', { name: /营销活动/ }).click()
    await page.waitForURL(/\/campaigns$/)
    await campaignRow().waitFor()
    const row = await campaignRow().innerText()
    expect(row).toContain('唤醒沉睡会员')
    expect(row).toContain(segmentName)
    // Deferred members are sent when quiet hours end: by now it may have finished.
    expect(row).toMatch(deferred > 0 ? /发送中|已完成/ : /已完成/)
    expect(row).toMatch(/已处理 \d \/ 3/)
    if (deferred === 0) expect(row).toMatch(/已发送 3 · 未触达 0/)
    await expect(campaignRow().locator('.ant-progress').count()).resolves.toBe(1)
    await shot(page, 'campaigns-list')
  })
})

describe('发送中', () => {
  test('in quiet hours the deferred members are explained; 暂停 asks first, and a campaign done meanwhile refuses it in words', async () => {
    // The campaign has finished: its page is shown as it was while quiet hours held its
    // messages back (the API's own answer, reshaped in the browser); the pause is real.
    const path = `**/v1/admin/campaigns/${campaignId}`
    let paused = false
    await page.route(path, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback()
      const real = (await (await route.fetch()).json()) as Campaign
      await route.fulfill({
        json: {
          ...real,
          status: 'sending',
          finishedAt: null,
          progress: { ...real.progress, processed: 0, sent: 0, couponsIssued: 0, deferred: 3 },
        },
      })
    })
    try {
      await go(`/campaigns/${campaignId}`)
      await expect(page.getByTestId('campaign-status').innerText()).resolves.toBe('发送中')
      await expect(page.getByTestId('campaign-deferred').innerText()).resolves.toContain('3 位会员的消息因免打扰时段顺延')
      await expect(figure('progress-deferred')).resolves.toBe(3)
      await expect(page.getByTestId('campaign-live-progress').innerText()).resolves.toContain('每 2 秒自动刷新')
      await shot(page, 'campaigns-detail-deferred')
      await page.getByTestId('campaign-pause').click()
      const confirm = page.locator('.ant-modal-confirm:visible')
      await expect(confirm.innerText()).resolves.toContain('尚未发送的会员会等待')
      await button(confirm, '暂停').click()
      // While quiet hours really hold it back (at night), the pause is real and it is resumed
      // after; once it has finished (by day, or quiet hours set elsewhere have ended), the
      // pause is refused in words. Either way the page says what the server did.
      const said = page
        .locator('.ant-message')
        .getByText(/已暂停发送|活动的状态已变化，不能进行这个操作/)
        .first()
      await said.waitFor()
      paused = (await said.innerText()).includes('已暂停发送')
    } finally {
      await page.unroute(path)
    }
    if (paused) {
      expect((await readCampaign(campaignId)).status).toBe('paused')
      expect((await call('POST', `/v1/admin/campaigns/${campaignId}/resume`, { token: marketer })).status).toBe(200)
    } else expect((await readCampaign(campaignId)).status).toBe('done')
  })
})

describe('草稿', () => {
  let draftId = ''

  test('a draft opens in the wizard prefilled (编辑); 取消活动 asks first and cancels it', async () => {
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString()
    const r = await call('POST', '/v1/admin/campaigns', {
      token: marketer,
      body: {
        name: `定时草稿-${suffix}`,
        goal: 'birthday',
        segmentId,
        offer: null,
        message: { title: '生日快乐', body: '祝你生日快乐！', wechat: true },
        schedule: { type: 'at', at },
        attributionDays: 7,
        holdoutPct: 10,
      },
    })
    expect(r.status).toBe(201)
    draftId = r.body.campaignId
    await go(`/campaigns/${draftId}`)
    await expect(page.getByTestId('campaign-status').innerText()).resolves.toBe('草稿')
    await page.getByTestId('campaign-estimate').waitFor({ timeout: 30_000 })
    await shot(page, 'campaigns-draft')

    await page.getByTestId('campaign-edit').click()
    await page.waitForURL(new RegExp(`/campaigns/${draftId}/edit$`))
    await breadcrumb(/营销活动\s*\/\s*编辑活动/)
    await expect(page.locator('#campaign_name').inputValue()).resolves.toBe(`定时草稿-${suffix}`)
    await page.getByTestId('campaign-steps').getByText('权益/消息').click()
    await expect(page.locator('#campaign_title').inputValue()).resolves.toBe('生日快乐')
    await page.getByTestId('preview-wechat').waitFor()
    await page.getByTestId('campaign-steps').getByText('对照组').click()
    await expect(page.locator('#campaign_holdoutPct').inputValue()).resolves.toBe('10')
    await page.getByTestId('campaign-steps').getByText('确认').click()
    await expect(page.getByTestId('campaign-summary').innerText()).resolves.toContain('定时发送')
    await expect(page.getByTestId('campaign-launch').innerText()).resolves.toMatch(/确认排期/)

    await go(`/campaigns/${draftId}`)
    await page.getByTestId('campaign-cancel').click()
    const confirm = page.locator('.ant-modal-confirm:visible')
    await expect(confirm.innerText()).resolves.toContain('取消后活动不会发送，也不能恢复')
    await button(confirm, '取消活动').click()
    await eventually(
      () => page.getByTestId('campaign-status').innerText(),
      (t) => expect(t).toBe('已取消'),
    )
    expect((await readCampaign(draftId)).status).toBe('cancelled')
    await expect(page.getByTestId('campaign-actions').locator('button').count()).resolves.toBe(0)
  })
})
