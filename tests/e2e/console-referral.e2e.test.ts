/**
 * The console's 推荐有礼 settings in Chromium at 1440×900, as an admin would: from the menu
 * to 积分与等级 → 推荐有礼; rewarding when the friend joins, with more points, a coupon for
 * the friend and a lower monthly cap, saved after the confirmation lists each change and
 * kept after a reload; back to the first purchase with its minimum in yuan (fen on the
 * wire) and the clawback period; an emptied points input refused in place, from another
 * tab too, with nothing sent; the tab at 1280 wide.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomUUID } from 'node:crypto'
import { ProgramView, type ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Locator, Page } from 'playwright-core'
import { call, signIn } from '../api/client'
import { CONSOLE_URL, type Desk, devSignIn, openDesk, shot } from './console'

jest.setTimeout(300_000)

/** Program rules reach every API container within PROGRAM_CACHE_SECONDS (1 s on stage local). */
const CACHE_MS = 1_200
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const couponName = `好友见面礼${randomUUID().slice(0, 4)}`

let desk: Desk
let page: Page
let admin: string
let original: ProgramRules
let templateId: string

const readProgram = async () => ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)

beforeAll(async () => {
  admin = await signIn('admin')
  original = (await readProgram()).rules
  const t = await call('POST', '/v1/admin/coupon-templates', {
    token: admin,
    body: {
      name: couponName,
      kind: 'cash_off',
      valueFen: 1_500,
      thresholdFen: 6_000,
      validity: { type: 'relative', days: 30 },
      totalStock: null,
      perMemberLimit: 1,
    },
  })
  expect(t.status).toBe(201)
  templateId = t.body.templateId
  desk = await openDesk()
  page = desk.page
  await devSignIn(page, 'admin')
})

/** The rules as found, whatever happened: the other test files expect the seeded program. */
afterAll(async () => {
  const now = await readProgram()
  if (JSON.stringify(now.rules) !== JSON.stringify(original)) {
    const r = await call('PUT', '/v1/admin/program', { token: admin, body: { rules: original, version: now.version } })
    expect(r.status).toBe(200)
    await sleep(CACHE_MS)
  }
  await desk?.browser.close()
})

/** Types into an antd input (number inputs commit on blur). */
const type = async (target: Locator, value: string) => {
  await target.click()
  await target.fill(value)
  await target.press('Tab')
}
const tab = (name: string) => page.getByRole('tab', { name, exact: true })
/** A button by its text (antd spaces out two-character Chinese labels: 保 存). */
const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`^\\s*${text.split('').join('\\s*')}\\s*$`) })
const modal = () => page.locator('.ant-modal:visible').last()
const toast = (text: string) => page.locator('.ant-message').getByText(text).first()
const field = (name: string) => page.locator(`#rules_referral_${name}`)
const rewardOn = (label: string) => page.getByTestId('referral-reward-on').locator('label').filter({ hasText: label })
const section = () => page.getByTestId('referral-rules')

/** The referral tab, opened from the side menu. */
const openReferralTab = async () => {
  await page.goto(`${CONSOLE_URL}/`)
  await page.getByTestId('signed-in').waitFor()
  await page.getByRole('menuitem', { name: /积分与等级/ }).click()
  await page.waitForURL(/\/program/)
  await tab('推荐有礼').click()
  await page.waitForURL(/tab=referral/)
  await section().waitFor()
}

describe('推荐有礼', () => {
  test('rewarding on joining, with more points, a coupon for the friend and a lower cap: confirmed, saved, kept after a reload', async () => {
    expect(original.referral).toMatchObject({ enabled: true, rewardOn: 'first_purchase' })
    await openReferralTab()
    await expect(page.getByRole('switch', { name: '开启推荐有礼' }).getAttribute('aria-checked')).resolves.toBe('true')
    // The first purchase's minimum and the clawback period belong to rewarding on the first purchase.
    await field('minPurchaseYuan').waitFor()
    await field('clawbackDays').waitFor()
    await rewardOn('好友注册后').click()
    await field('minPurchaseYuan').waitFor({ state: 'detached' })
    await expect(field('clawbackDays').count()).resolves.toBe(0)

    await type(field('referrer_points'), '300')
    await type(field('friend_points'), '150')
    await page.getByTestId('referral-friend-coupons').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: couponName }).first().click()
    await page.keyboard.press('Escape')
    await type(field('monthlyCap'), '5')
    await expect(page.getByTestId('unsaved').innerText()).resolves.toBe('未保存 5 项修改')
    // The rules in one sentence, as the form has them.
    await expect(page.getByTestId('referral-summary').innerText()).resolves.toBe(
      `好友通过邀请入会后，邀请人获得 300 积分，好友获得 150 积分和「${couponName}」1 张；每位邀请人每月最多因 5 位好友获奖，超出后只奖励好友。`,
    )

    const version = (await readProgram()).version
    await page.getByTestId('save-rules').click()
    const confirm = page.getByTestId('save-confirm')
    await confirm.waitFor()
    const listed = await confirm.innerText()
    for (const line of [
      '共修改 5 项',
      '推荐有礼 · 奖励时机：好友首次消费后 → 好友注册后',
      `邀请人奖励 · 积分：${original.referral.referrer.points} → 300`,
      `好友奖励 · 积分：${original.referral.friend.points} → 150`,
      `好友奖励 · 优惠券：不发券 → ${couponName}`,
      `推荐有礼 · 每月奖励上限（位好友）：${original.referral.monthlyCap} → 5`,
    ])
      expect(listed).toContain(line)
    await button(modal(), '保存').click()
    await toast(`规则已保存（第 ${version + 1} 版）`).waitFor()
    const saved = await readProgram()
    expect(saved.version).toBe(version + 1)
    expect(saved.rules.referral).toEqual({
      ...original.referral,
      rewardOn: 'join',
      referrer: { points: 300, templateIds: original.referral.referrer.templateIds },
      friend: { points: 150, templateIds: [templateId] },
      monthlyCap: 5,
    })
    // 修改记录: the new version first; opened, each change, the coupon by its name.
    const versions = page.getByTestId('program-versions')
    const latest = versions.locator('tbody tr.ant-table-row').first()
    await latest.filter({ hasText: `v${version + 1}` }).waitFor()
    await expect(latest.innerText()).resolves.toContain('推荐有礼 · 奖励时机：好友首次消费后 → 好友注册后')
    await latest.locator('.ant-table-row-expand-icon').click()
    const coupons = versions.locator('.ant-table-expanded-row tr').filter({ hasText: '好友奖励 · 优惠券' })
    await expect(coupons.innerText()).resolves.toMatch(new RegExp(`不发券\\s+${couponName}`))

    // A reload: the tab from the address, the saved values in place.
    await page.reload()
    await section().waitFor()
    await expect(tab('推荐有礼').getAttribute('aria-selected')).resolves.toBe('true')
    await expect(rewardOn('好友注册后').locator('input').isChecked()).resolves.toBe(true)
    await expect(field('referrer_points').inputValue()).resolves.toBe('300')
    await expect(field('friend_points').inputValue()).resolves.toBe('150')
    await expect(field('monthlyCap').inputValue()).resolves.toBe('5')
    await expect(page.getByTestId('referral-friend-coupons').innerText()).resolves.toContain(couponName)
    await expect(page.getByTestId('unsaved').count()).resolves.toBe(0)
  })

  test('back to the first purchase: its minimum in yuan is saved in fen, with the clawback period', async () => {
    await openReferralTab()
    await rewardOn('好友首次消费后').click()
    // Shown again with the saved values.
    await expect(field('minPurchaseYuan').inputValue()).resolves.toBe((original.referral.minPurchaseFen / 100).toFixed(2))
    await expect(field('clawbackDays').inputValue()).resolves.toBe(String(original.referral.clawbackDays))
    await type(field('minPurchaseYuan'), '58.5')
    await type(field('clawbackDays'), '14')
    await expect(page.getByTestId('referral-summary').innerText()).resolves.toContain(
      '好友通过邀请入会、首次消费实付满 ¥58.50 后，邀请人获得 300 积分',
    )
    await expect(page.getByTestId('referral-summary').innerText()).resolves.toContain('首单 14 天内全额退款的，收回双方奖励。')
    await shot(page, 'referral-settings')
    await page.screenshot({ path: '/tmp/console-referral.png', fullPage: true })

    const version = (await readProgram()).version
    await page.getByTestId('save-rules').click()
    const confirm = page.getByTestId('save-confirm')
    await confirm.waitFor()
    await expect(confirm.innerText()).resolves.toMatch(/推荐有礼 · 首单最低实付：¥[\d,.]+ → ¥58\.50/)
    await expect(confirm.innerText()).resolves.toContain(`推荐有礼 · 退款追回期（天）：${original.referral.clawbackDays} → 14`)
    await button(modal(), '保存').click()
    await toast(`规则已保存（第 ${version + 1} 版）`).waitFor()
    const saved = (await readProgram()).rules.referral
    expect(saved).toMatchObject({ rewardOn: 'first_purchase', minPurchaseFen: 5_850, clawbackDays: 14, monthlyCap: 5 })

    await page.reload()
    await section().waitFor()
    await expect(field('minPurchaseYuan').inputValue()).resolves.toBe('58.50')
    await expect(field('clawbackDays').inputValue()).resolves.toBe('14')
  })

  test('emptied points are refused in place, from another tab too, and nothing is sent', async () => {
    await openReferralTab()
    const before = await readProgram()
    await field('referrer_points').click()
    await field('referrer_points').fill('')
    await field('referrer_points').press('Tab')
    // Saved from another tab: the form goes back to the referral tab and shows why.
    await tab('储值').click()
    await page.getByTestId('save-rules').click()
    const error = section().locator('.ant-form-item-explain-error').filter({ hasText: '请填写邀请人奖励积分（不奖励积分填 0）' })
    await error.waitFor()
    await expect(tab('推荐有礼').getAttribute('aria-selected')).resolves.toBe('true')
    await expect(tab('推荐有礼').locator('.ant-badge-dot').count()).resolves.toBe(1)
    await expect(page.locator('[data-testid="save-confirm"]').count()).resolves.toBe(0)
    await expect(page.getByTestId('referral-summary').count()).resolves.toBe(0)
    await shot(page, 'referral-settings-error')
    expect((await readProgram()).version).toBe(before.version)

    // Filled again, the message goes; 撤销修改 puts the saved value back.
    await type(field('referrer_points'), '0')
    await error.waitFor({ state: 'detached' })
    await button(page, '撤销修改').click()
    await expect(field('referrer_points').inputValue()).resolves.toBe(String(before.rules.referral.referrer.points))
    await expect(page.getByTestId('unsaved').count()).resolves.toBe(0)
  })

  test('at 1280 wide the tab fits: both rewards side by side, nothing runs off the page', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await openReferralTab()
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(1280)
      const [referrer, friend] = await Promise.all(
        ['referral-referrer', 'referral-friend'].map(async (id) => (await page.getByTestId(id).boundingBox())!),
      )
      expect(friend!.x).toBeGreaterThan(referrer!.x + referrer!.width)
      expect(friend!.y).toBe(referrer!.y)
      await shot(page, 'referral-settings-1280')
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })
})
