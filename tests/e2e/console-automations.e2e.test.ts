/**
 * The console's 自动化 area in Chromium at 1440×900, clicked like a marketer: 自动化 from the
 * menu, right after 营销活动, shows the automations (服务通知 or 营销, each trigger in
 * words); 升级祝贺 opens, its control group and message change (a placeholder inserted by
 * clicking its tag, the preview filling it with an example), saved and still there after a
 * reload; a save on a version someone else replaced is refused in words and the latest
 * settings load; 沉睡会员唤醒 is turned on (asked first) and off (关闭后将不再自动发送); a
 * member who joins over the API makes 入会欢迎's 已触发 grow, and its 发送记录 lists them;
 * 效果报表 opens.
 *
 * Other tests rely on the defaults (welcome and the rest on, win-back off, no control group
 * but the win-back's): afterAll puts every automation back as it was found, over the API.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomUUID } from 'node:crypto'
import {
  AUTOMATION_KINDS,
  AUTOMATION_LABELS,
  type Automation,
  type AutomationKind,
  type AutomationSettings,
} from '@huiyuan/shared/campaigns/automations'
import type { Locator, Page } from 'playwright-core'
import { call, newMember, signIn } from '../api/client'
import { CONSOLE_URL, type Desk, devSignIn, openDesk, shot } from './console'
import { eventually } from './h5'

jest.setTimeout(300_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const suffix = randomUUID().slice(0, 6)

let desk: Desk
let page: Page
let marketer: string
/** Each automation's settings as found, put back after. */
const original = new Map<AutomationKind, AutomationSettings>()

const settingsOf = (a: Automation): AutomationSettings => ({
  enabled: a.enabled,
  days: a.days,
  offer: { templateIds: a.offer.templateIds },
  message: a.message,
  holdoutPct: a.holdoutPct,
  attributionDays: a.attributionDays,
})

const readAll = async (): Promise<Automation[]> => {
  const r = await call('GET', '/v1/admin/automations', { token: marketer })
  expect(r.status).toBe(200)
  return r.body.items
}
const read = async (kind: AutomationKind): Promise<Automation> => (await readAll()).find((a) => a.kind === kind) as Automation

beforeAll(async () => {
  marketer = await signIn('marketer')
  for (const a of await readAll()) original.set(a.kind, settingsOf(a))
  expect(original.size).toBe(AUTOMATION_KINDS.length)
  desk = await openDesk()
  page = desk.page
  await devSignIn(page, 'marketer')
})

afterAll(async () => {
  if (marketer && original.size > 0)
    for (const a of await readAll()) {
      const was = original.get(a.kind)
      if (!was || JSON.stringify(settingsOf(a)) === JSON.stringify(was)) continue
      const r = await call('PUT', `/v1/admin/automations/${a.kind}`, { token: marketer, body: { ...was, version: a.version } })
      expect(r.status).toBe(200)
    }
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
const card = (kind: AutomationKind) => page.getByTestId(`automation-${kind}`)
const figure = async (kind: AutomationKind, testId: string) => Number((await card(kind).getByTestId(testId).innerText()).replace(/,/g, ''))
/** The toast antd shows after an action. */
const toast = (text: string) => page.locator('.ant-message').getByText(text).waitFor()

/** Types into an antd input (number inputs commit on blur). */
const type = async (target: Locator, value: string) => {
  await target.click()
  await target.fill(value)
  await target.press('Tab')
}

describe('自动化', () => {
  test('from the menu, right after 营销活动: every automation, each with its trigger and 服务通知 or 营销', async () => {
    await go('/')
    const menu = await page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts()
    const at = menu.findIndex((t) => t.includes('营销活动'))
    expect(menu[at + 1]).toContain('自动化')
    await page.getByRole('menuitem', { name: /自动化/ }).click()
    await page.waitForURL(/\/automations$/)
    await breadcrumb(/首页\s*\/\s*自动化/)
    await card('win_back').waitFor()
    for (const kind of AUTOMATION_KINDS) {
      const c = card(kind)
      await expect(c.getByTestId('automation-name').innerText()).resolves.toBe(AUTOMATION_LABELS[kind])
      await expect(c.getByTestId('automation-kind').innerText()).resolves.toBe(kind === 'win_back' ? '营销' : '服务通知')
      for (const f of ['figure-planned', 'figure-sent', 'figure-holdout', 'figure-coupons']) await c.getByTestId(f).waitFor()
    }
    // N is the automation's days where it has them.
    const days = original.get('coupon_expiry')?.days
    await expect(card('coupon_expiry').getByTestId('automation-trigger').innerText()).resolves.toBe(`优惠券到期前 ${days} 天`)
    await expect(card('win_back').getByTestId('automation-trigger').innerText()).resolves.toContain(
      `最后一次消费后满 ${original.get('win_back')?.days} 天`,
    )
    await expect(card('welcome').getByTestId('automation-trigger').innerText()).resolves.toBe('会员入会时')
    // The points reminder's N is the program's.
    const program = await call('GET', '/v1/admin/program', { token: marketer })
    expect(program.status).toBe(200)
    await eventually(
      () => card('points_expiry').getByTestId('automation-trigger').innerText(),
      (t) => expect(t).toBe(`积分到期前 ${program.body.rules.points.reminderDays} 天`),
    )
    await expect(card('win_back').getByTestId('automation-switch').getAttribute('aria-checked')).resolves.toBe(
      String(original.get('win_back')?.enabled),
    )
    await sleep(300)
    await shot(page, 'automations-list')
  })

  test('升级祝贺: the control group and the message (a placeholder clicked in) saved, still there after a reload', async () => {
    await card('tier_up').getByTestId('automation-open').click()
    await page.waitForURL(/\/automations\/tier_up$/)
    await breadcrumb(/首页\s*\/\s*自动化\s*\/\s*自动化详情/)
    await expect(page.getByTestId('automation-title-name').innerText()).resolves.toBe('升级祝贺')
    await expect(page.getByRole('tab', { name: '设置', selected: true }).count()).resolves.toBe(1)
    // The placeholders tier_up may use, as tags.
    await page.getByTestId('placeholder-tier').waitFor()
    await page.getByTestId('placeholder-benefits').waitFor()

    await type(page.locator('#automation_holdoutPct'), '15')
    const body = page.getByTestId('automation-body')
    await body.click()
    await body.fill('恭喜您成为')
    await page.getByTestId('placeholder-tier').click()
    // The cursor stays after the placeholder: typing goes on from there.
    await page.keyboard.type(`，会员日积分加倍-${suffix}`)
    const expected = `恭喜您成为{tier}，会员日积分加倍-${suffix}`
    await expect(body.inputValue()).resolves.toBe(expected)
    // The preview fills it with an example.
    await eventually(
      () => page.getByTestId('automation-preview').getByTestId('preview-inbox').innerText(),
      (t) => expect(t).toContain(`恭喜您成为金卡会员，会员日积分加倍-${suffix}`),
    )
    await page.getByTestId('automation-dirty').waitFor()
    await page.getByTestId('settings-enabled').scrollIntoViewIfNeeded()
    await shot(page, 'automation-tier-up-edit')

    const before = await read('tier_up')
    await page.getByTestId('automation-save').click()
    await toast('已保存「升级祝贺」的设置')
    const after = await read('tier_up')
    expect(after).toMatchObject({ holdoutPct: 15, message: { body: expected }, version: before.version + 1 })

    await page.reload()
    await page.getByTestId('automation-body').waitFor()
    await expect(page.getByTestId('automation-body').inputValue()).resolves.toBe(expected)
    await expect(page.locator('#automation_holdoutPct').inputValue()).resolves.toBe('15')
    await expect(page.getByTestId('automation-trigger').innerText()).resolves.toContain(`第 ${after.version} 版`)
    await expect(page.getByTestId('automation-dirty').count()).resolves.toBe(0)
  })

  test('a save on a version someone else replaced: said plainly, the latest settings loaded', async () => {
    await page.getByTestId('automation-body').waitFor()
    // Meanwhile, someone else saves.
    const now = await read('tier_up')
    const other = await call('PUT', '/v1/admin/automations/tier_up', {
      token: marketer,
      body: { ...settingsOf(now), attributionDays: 21, version: now.version },
    })
    expect(other.status).toBe(200)

    await type(page.locator('#automation_holdoutPct'), '20')
    await page.getByTestId('automation-save').click()
    await page.getByTestId('version-conflict').waitFor()
    await expect(page.getByTestId('version-conflict').innerText()).resolves.toContain('设置已被他人修改')
    // The form shows what the other saved; this page's change was not.
    await eventually(
      () => page.locator('#automation_attributionDays, [aria-label="归因天数"]').first().inputValue(),
      (v) => expect(v).toBe('21'),
    )
    await expect(page.locator('#automation_holdoutPct').inputValue()).resolves.toBe('15')
    expect(await read('tier_up')).toMatchObject({ holdoutPct: 15, attributionDays: 21 })
    await shot(page, 'automation-version-conflict')
  })

  test('沉睡会员唤醒 turned on after its confirmation, and off (关闭后将不再自动发送)', async () => {
    await go('/automations')
    const sw = card('win_back').getByTestId('automation-switch')
    await sw.waitFor()
    if ((await sw.getAttribute('aria-checked')) === 'true') {
      // Found on: off first (asked).
      await sw.click()
      await page.locator('#automation-off-ok').click()
      await eventually(
        () => sw.getAttribute('aria-checked'),
        (v) => expect(v).toBe('false'),
      )
    }
    await sw.click()
    const confirm = page.locator('.ant-modal-confirm:visible')
    await confirm.waitFor()
    await expect(confirm.innerText()).resolves.toMatch(/开启「沉睡会员唤醒」？[\s\S]*同意接收营销信息/)
    await shot(page, 'automation-win-back-confirm')
    await page.locator('#automation-on-ok').click()
    await toast('已开启「沉睡会员唤醒」')
    await eventually(
      () => sw.getAttribute('aria-checked'),
      (v) => expect(v).toBe('true'),
    )
    expect((await read('win_back')).enabled).toBe(true)
    await expect(card('win_back').getByTestId('automation-off').count()).resolves.toBe(0)
    await shot(page, 'automation-win-back-on')

    await sw.click()
    await expect(page.locator('.ant-modal-confirm:visible').innerText()).resolves.toContain('关闭后将不再自动发送')
    await page.locator('#automation-off-ok').click()
    await toast('已关闭「沉睡会员唤醒」')
    await card('win_back').getByTestId('automation-off').waitFor()
    expect((await read('win_back')).enabled).toBe(false)
  })

  test('a member joins: 入会欢迎 has fired once more, and its 发送记录 lists the member', async () => {
    await go('/automations')
    await card('welcome').getByTestId('figure-planned').waitFor()
    const firedBefore = (await read('welcome')).progress.planned
    const joined = await newMember({ name: '林悦' })
    const cardNo = joined.member.cardNo as string

    // The list reads again every 10 s: the figure grows without a reload.
    await eventually(
      () => figure('welcome', 'figure-planned'),
      (n) => expect(n).toBeGreaterThan(firedBefore),
      60_000,
    )
    await shot(page, 'automations-welcome-fired')

    await card('welcome').getByTestId('automation-name').click()
    await page.waitForURL(/\/automations\/welcome$/)
    await page.getByRole('tab', { name: '发送记录' }).click()
    await page.waitForURL(/tab=recipients/)
    const table = page.getByTestId('campaign-recipients')
    // Records come shard after shard, not newest first: turn pages until the member's row.
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: cardNo })
    await eventually(
      async () => {
        for (let i = 0; i < 50; i++) {
          await table.locator('tbody tr.ant-table-row, .ant-empty').first().waitFor()
          if ((await row.count()) > 0) return 1
          const next = table.getByRole('button', { name: /下一页/ })
          if (!(await next.isEnabled())) break
          await next.click()
          await sleep(300)
        }
        await page.reload()
        return 0
      },
      (found) => expect(found).toBe(1),
      60_000,
    )
    const text = await row.innerText()
    expect(text).toContain('实验组')
    expect(text).toContain('已发送')
    await shot(page, 'automation-welcome-recipients')

    await page.getByRole('tab', { name: '效果报表' }).click()
    await page.waitForURL(/tab=report/)
    await page.getByTestId('campaign-report').waitFor({ timeout: 30_000 })
    await expect(page.getByTestId('report-compare').innerText()).resolves.toContain('触达人次')
    await page.getByTestId('report-verdict').waitFor()
    await sleep(500)
    await shot(page, 'automation-welcome-report')
  })
})
