/**
 * A recurring campaign in the console, in Chromium at 1440×900: one member (with marketing
 * consent) who alone spent an exact amount this run and a segment of them, made over the
 * API; then the wizard — 周期发送 每天 at a time two minutes ahead (Asia/Shanghai), its next
 * three runs in words, 确认 with the schedule in the summary — launched after the
 * confirmation; the campaign 已排期 with its 下次发送; the backend's first run (due
 * campaigns are launched every 15 s locally) listed under 历次发送, opened, linking back;
 * the list's 周期 tag; and 取消活动, which stops further runs.
 *
 * The program's quiet hours are moved away from now (and put back), so the run is sent at
 * once rather than deferred.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomUUID } from 'node:crypto'
import { ProgramView } from '@huiyuan/shared/program/schemas'
import type { SegmentGroup } from '@huiyuan/shared/segments/schemas'
import type { Locator, Page } from 'playwright-core'
import { call, newMember, signIn } from '../api/client'
import { CONSOLE_URL, type Desk, devSignIn, openDesk, shot } from './console'
import { eventually } from './h5'
import { segmentSize, readCampaign as readCampaignOf, setQuietHours as setQuietHoursOf } from '../api/marketing'

jest.setTimeout(420_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const suffix = randomUUID().slice(0, 6)
const orderId = () => `R${randomUUID().replace(/-/g, '').slice(0, 16)}`
/** A 12-month spend only this run's member has: ¥18,000–¥26,999 and some cents. */
const X = 1_800_001 + Math.floor(Math.random() * 899_000)
const segmentName = `周期测试人群-${suffix}`
const campaignName = `每日提醒-${suffix}`
const messageTitle = `今日好物-${suffix}`
const DEFINITION: SegmentGroup = { op: 'and', conditions: [{ field: 'spend12m', range: { min: X, max: X } }] }
/** Program rules reach the other functions within PROGRAM_CACHE_SECONDS (1 s on stage local). */
const CACHE_MS = 1_200

let desk: Desk
let page: Page
let marketer: string
let admin: string
let original: unknown
let segmentId = ''
let campaignId = ''
let runId = ''
/** The first run's moment (whole minute), chosen in the wizard. */
let firstRun = new Date(0)

/** The wall clock in Asia/Shanghai: { date: YYYY-MM-DD, time: HH:mm, month, day }. */
const shanghai = (at: Date) => {
  const s = new Date(at.getTime() + 8 * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    date: s.toISOString().slice(0, 10),
    time: `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`,
    month: s.getUTCMonth() + 1,
    day: s.getUTCDate(),
  }
}
const runText = (at: Date) => `${shanghai(at).month}月${shanghai(at).day}日 ${shanghai(at).time}`

const setQuietHours = (from: string, to: string) => setQuietHoursOf(admin, from, to)

/** The segment's size over the API, following the count job if it runs as one. */
const sizeOf = (id: string) => segmentSize(marketer, id)

const readCampaign = (id: string) => readCampaignOf(marketer, id)

beforeAll(async () => {
  let cashier: string
  ;[marketer, admin, cashier] = await Promise.all([signIn('marketer'), signIn('admin'), signIn('cashier')])
  original = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules
  // Quiet hours six hours away, so the run goes out at once.
  const later = (h: number) => shanghai(new Date(Date.now() + h * 3_600_000)).time.replace(/:\d\d$/, ':00')
  await setQuietHours(later(6), later(7))

  const m = await newMember({ name: '孙悦' })
  const code = (await call('GET', '/v1/me/code', { token: m.token })).body.code
  const bought = await call('POST', '/v1/staff/purchases', {
    token: cashier,
    body: { memberCode: code, storeId: 'S001', orderId: orderId(), amountFen: X },
  })
  expect(bought.status).toBe(201)

  const s = await call('POST', '/v1/admin/segments', {
    token: marketer,
    body: { name: segmentName, description: '近12个月消费恰为本次测试金额的会员', definition: DEFINITION },
  })
  expect(s.status).toBe(201)
  segmentId = s.body.segmentId
  await eventually(
    () => sizeOf(segmentId),
    (n) => expect(n).toBe(1),
    90_000,
  )

  desk = await openDesk()
  page = desk.page
  await devSignIn(page, 'marketer')
})

afterAll(async () => {
  // Whatever happened, no further runs.
  if (campaignId) await call('POST', `/v1/admin/campaigns/${campaignId}/cancel`, { token: marketer })
  if (original) {
    const p = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
    await call('PUT', '/v1/admin/program', { token: admin, body: { rules: original, version: p.version } })
    await sleep(CACHE_MS)
  }
  if (segmentId) await call('DELETE', `/v1/admin/segments/${segmentId}`, { token: marketer })
  await desk?.browser.close()
})

const go = async (path: string) => {
  await page.goto(`${CONSOLE_URL}${path}`)
  await page.getByTestId('signed-in').waitFor()
}

/** Opens an antd Select, types to find the option and picks the one that starts with `text`. */
const pick = async (select: Locator, search: string) => {
  await select.click()
  await page.keyboard.type(search)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: search }).first().click()
}

/** A button by its text (antd spaces out two-character Chinese labels: 保 存). */
const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${text.split('').join('\\s*')}\\s*$`) })
const step = (i: number) => page.getByTestId(`campaign-step-${i}`)
const next = () => page.getByTestId('campaign-next').click()
const currentStep = () => page.locator('[data-testid="campaign-steps"] .ant-steps-item-process .ant-steps-item-title').innerText()
const runRows = () => page.getByTestId('campaign-runs').locator('tbody tr.ant-table-row')

describe('周期发送', () => {
  test('the wizard: goal, segment and message as for any campaign', async () => {
    await go('/campaigns/new')
    await page.locator('#campaign_name').fill(campaignName)
    await page.getByTestId('campaign-goal').getByText('老客留存').click()
    await next()
    await expect(currentStep()).resolves.toBe('人群')
    await pick(page.getByTestId('campaign-segment'), segmentName)
    await eventually(
      () =>
        page
          .getByTestId('count-size')
          .innerText()
          .catch(() => ''),
      (t) => expect(t).toBe('1'),
      60_000,
    )
    await next()
    await expect(currentStep()).resolves.toBe('权益/消息')
    await page.locator('#campaign_title').fill(messageTitle)
    await page.locator('#campaign_body').fill('今天到店有惊喜，欢迎来逛。')
    await next()
    await expect(currentStep()).resolves.toBe('时间与预算')
  })

  test('时间与预算: 周期发送 — 每周 reads 每周一; 每天 at a time two minutes ahead lists its next three runs', async () => {
    await step(3).getByText('周期发送').click()
    const preview = page.getByTestId('recurring-preview')
    // The defaults: every day at 10:00, for good.
    await expect(preview.innerText()).resolves.toMatch(/每天 10:00，不结束；下次：/)
    await page.getByTestId('campaign-every').getByText('每周').click()
    await expect(preview.innerText()).resolves.toMatch(/每周一 10:00，不结束；下次：\d+月\d+日 10:00、\d+月\d+日 10:00、\d+月\d+日 10:00/)
    await page.getByTestId('campaign-every').getByText('每月').click()
    await expect(preview.innerText()).resolves.toMatch(/每月 1 日 10:00/)
    await page.getByTestId('campaign-every').getByText('每天').click()
    await expect(preview.innerText()).resolves.toContain('每次发送都是一次单独的活动')
    await expect(preview.innerText()).resolves.toContain('7 天内的营销消息上限对每次发送同样适用')

    // Two minutes ahead, never at a minute's edge (the launch must come before the first run).
    if (new Date().getSeconds() > 40) await sleep((62 - new Date().getSeconds()) * 1_000)
    firstRun = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 2 * 60_000)
    const time = shanghai(firstRun).time
    const picker = page.locator('#campaign_time')
    await picker.click()
    await picker.fill(time)
    await picker.press('Enter')
    // Away from the picker, so its panel closes.
    await page.getByTestId('campaign-rules').click()
    const expected = [0, 1, 2].map((d) => runText(new Date(firstRun.getTime() + d * 86_400_000))).join('、')
    await eventually(
      () => preview.innerText(),
      (t) => expect(t).toContain(`每天 ${time}，不结束；下次：${expected}`),
    )
    await shot(page, 'recurring-wizard-schedule')
    await next()
    await expect(currentStep()).resolves.toBe('对照组')
    // One member: no control group, so the run certainly sends to them.
    const holdout = page.locator('#campaign_holdoutPct')
    await holdout.click()
    await holdout.fill('0')
    await holdout.press('Tab')
  })

  test('确认: the schedule in words with its next runs; 确认排期 asks first (首次 …) and opens the campaign 已排期 with 下次发送', async () => {
    await next()
    await page.getByTestId('campaign-estimate').waitFor({ timeout: 30_000 })
    const time = shanghai(firstRun).time
    const summary = await page.getByTestId('summary-schedule').innerText()
    expect(summary).toContain(`周期发送：每天 ${time}，不设结束日期`)
    expect(summary).toContain(`下次：${runText(firstRun)}、`)
    expect(summary).toContain('按发送当时人群中的会员冻结名单')
    await expect(page.getByTestId('campaign-launch').innerText()).resolves.toMatch(/确认排期/)
    await shot(page, 'recurring-wizard-confirm')

    await page.getByTestId('campaign-launch').click()
    const confirm = page.locator('.ant-modal-confirm:visible')
    await confirm.waitFor()
    await expect(confirm.innerText()).resolves.toContain(
      `将按「每天 ${time}」周期发送，首次 ${runText(firstRun)}；每次发送给当时人群中的会员`,
    )
    await button(confirm, '确认排期').click()
    await page.waitForURL(/\/campaigns\/C[0-9A-Z]+$/)
    campaignId = decodeURIComponent(page.url().split('/').pop() ?? '')
    await expect(page.getByTestId('campaign-name').innerText()).resolves.toBe(campaignName)
    await eventually(
      () => page.getByTestId('campaign-status').innerText(),
      (t) => expect(t).toBe('已排期'),
    )
    await expect(page.getByTestId('campaign-recurring-tag').innerText()).resolves.toBe('周期')
    const c = await readCampaign(campaignId)
    expect(c).toMatchObject({ status: 'scheduled', parentId: null, schedule: { type: 'recurring', every: 'day', time, until: null } })
    expect(new Date(c.nextRunAt ?? '').getTime()).toBe(firstRun.getTime())
    await expect(page.getByTestId('campaign-next-run').innerText()).resolves.toBe(`${shanghai(firstRun).date} ${time}`)
    await expect(page.getByRole('tab', { name: '历次发送' }).getAttribute('aria-selected')).resolves.toBe('true')
    await expect(page.getByRole('tab', { name: '效果报表' }).count()).resolves.toBe(0)
    await page.getByTestId('campaign-runs').waitFor()
    await shot(page, 'recurring-detail-scheduled')
  })

  test('at its time the backend makes the first run: 历次发送 lists it, and the next run moves to tomorrow', async () => {
    await eventually(
      () => runRows().count(),
      (n) => expect(n).toBe(1),
      Math.max(0, firstRun.getTime() - Date.now()) + 120_000,
    )
    const row = runRows().first()
    await expect(row.innerText()).resolves.toContain(`${campaignName}（`)
    const runs = await call('GET', `/v1/admin/campaigns/${campaignId}/runs`, { token: marketer })
    expect(runs.status).toBe(200)
    expect(runs.body.items).toHaveLength(1)
    runId = runs.body.items[0].campaignId
    expect(runs.body.items[0]).toMatchObject({ parentId: campaignId, schedule: { type: 'now' } })
    await eventually(
      () => readCampaign(campaignId),
      (c) => expect(new Date(c.nextRunAt ?? '').getTime()).toBe(firstRun.getTime() + 86_400_000),
    )
    // The page reads the campaign again every 15 s while it waits.
    await eventually(
      () => page.getByTestId('campaign-next-run').innerText(),
      (t) => expect(t).toBe(`${shanghai(new Date(firstRun.getTime() + 86_400_000)).date} ${shanghai(firstRun).time}`),
      30_000,
    )
    await eventually(
      () => row.innerText(),
      (t) => expect(t).toMatch(/已完成[\s\S]*已发送 1/),
      60_000,
    )
    await shot(page, 'recurring-detail-runs')
  })

  test('the run opens from 历次发送: a campaign of its own, 来自周期活动「…」 linking back', async () => {
    await runRows().first().getByTestId('campaign-run-link').click()
    await page.waitForURL(new RegExp(`/campaigns/${runId}$`))
    // The page follows the address: the run's own name once it has been read.
    await eventually(
      () => page.getByTestId('campaign-name').innerText(),
      (t) => expect(t).toMatch(new RegExp(`^${campaignName}（\\d+月\\d+日）$`)),
    )
    const parent = page.getByTestId('campaign-parent')
    await eventually(
      () => parent.innerText(),
      (t) => expect(t).toBe(`来自周期活动「${campaignName}」`),
    )
    await eventually(
      () => page.getByTestId('campaign-status').innerText(),
      (t) => expect(t).toBe('已完成'),
      60_000,
    )
    await expect(page.getByRole('tab', { name: '效果报表' }).count()).resolves.toBe(1)
    await page.getByTestId('progress-sent').waitFor()
    await shot(page, 'recurring-run')
    await parent.getByRole('link').click()
    await page.waitForURL(new RegExp(`/campaigns/${campaignId}$`))
    await eventually(
      () => page.getByTestId('campaign-name').innerText(),
      (t) => expect(t).toBe(campaignName),
    )
  })

  test('the list tags it 周期 with its next run; the run says where it came from', async () => {
    await page.getByRole('menuitem', { name: /营销活动/ }).click()
    await page.waitForURL(/\/campaigns$/)
    const rows = page.getByTestId('campaign-table').locator('tbody tr.ant-table-row')
    const recurring = rows.filter({ hasText: campaignName }).filter({ has: page.getByTestId('campaign-recurring-tag') })
    await recurring.waitFor()
    await expect(recurring.innerText()).resolves.toMatch(/已排期[\s\S]*下次发送 \d{4}-\d\d-\d\d \d\d:\d\d/)
    await expect(rows.filter({ hasText: `${campaignName}（` }).innerText()).resolves.toContain('周期活动的一次发送')
    await shot(page, 'recurring-list')
  })

  test('取消活动 says no further runs are sent, and cancels it', async () => {
    await go(`/campaigns/${campaignId}`)
    await page.getByTestId('campaign-cancel').click()
    const confirm = page.locator('.ant-modal-confirm:visible')
    await expect(confirm.innerText()).resolves.toContain('取消后不再发送后续批次')
    await button(confirm, '取消活动').click()
    await eventually(
      () => page.getByTestId('campaign-status').innerText(),
      (t) => expect(t).toBe('已取消'),
    )
    await expect(page.getByTestId('campaign-next-run').innerText()).resolves.toBe('已取消，不再发送')
    await expect(page.getByTestId('campaign-recurring-ended').innerText()).resolves.toContain('不再发送后续批次')
    expect((await readCampaign(campaignId)).status).toBe('cancelled')
    // The run already sent stays listed.
    await expect(runRows().count()).resolves.toBe(1)
    await shot(page, 'recurring-cancelled')
  })
})
