/**
 * The console's stored value in Chromium at 1440×900, as an admin would: 储值设置 (the program
 * page's 储值 tab) refuses a bonus above what is paid and a package past the balance cap in
 * place, then saves an edited package and a new one (fen on the wire); a member tops up
 * with the new package at one new store and pays at another; 储值报表 then draws the daily
 * balance with the top-up, shows the quarter's prepaid funds, and settles the month per
 * store in words — the first store owes HQ what it collected, HQ owes the second what it
 * redeemed — and exports the settlement as CSV with a BOM.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { ProgramView, type ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Locator, Page } from 'playwright-core'
import { call, newMember, signIn } from '../api/client'
import { CONSOLE_URL, chartSeries, type Desk, devSignIn, openDesk, shot } from './console'
import { eventually } from './h5'

jest.setTimeout(300_000)

/** Program rules reach every API container within PROGRAM_CACHE_SECONDS (1 s on stage local). */
const CACHE_MS = 1_200
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const suffix = randomUUID().slice(0, 4)
const newStoreId = () =>
  `W${randomUUID()
    .replace(/[^0-9]/g, '')
    .slice(0, 9)}`
const receipt = (p: string) => `${p}${randomUUID().replace(/-/g, '').slice(0, 16)}`
const yuanText = (s: string) => Number(s.replace(/[¥,\s]/g, ''))

let desk: Desk
let page: Page
let admin: string
let original: ProgramRules
const collecting = { storeId: newStoreId(), name: `收款店${suffix}` }
const redeeming = { storeId: newStoreId(), name: `消费店${suffix}` }

const readProgram = async () => ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)

beforeAll(async () => {
  admin = await signIn('admin')
  original = (await readProgram()).rules
  for (const s of [collecting, redeeming]) {
    const r = await call('POST', '/v1/admin/stores', { token: admin, body: { ...s, city: '上海', address: '储值路 8 号' } })
    expect(r.status).toBe(201)
  }
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
const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`^\\s*${text.split('').join('\\s*')}\\s*$`) })
const modal = () => page.locator('.ant-modal:visible').last()
const toast = (text: string) => page.locator('.ant-message').getByText(text).first()
/** One part of the page, as seen (test-artifacts/console/<name>.png). */
const partShot = async (part: Locator, name: string) =>
  part.screenshot({ path: path.resolve(__dirname, `../../test-artifacts/console/${name}.png`) })
const memberCode = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string

describe('储值设置', () => {
  test('a bonus above what is paid and a package past the cap are refused in place; an edited and a new package are saved in fen', async () => {
    await go('/program?tab=storedValue')
    const table = page.getByTestId('package-table')
    await table.locator('tbody tr.ant-table-row').first().waitFor()
    const rows = table.locator('tbody tr.ant-table-row')
    const before = original.storedValue.packages.length
    await expect(rows.count()).resolves.toBe(before)
    const p1000 = original.storedValue.packages.findIndex((p) => p.packageId === 'P1000')
    expect(p1000).toBeGreaterThanOrEqual(0)

    // 送 more than 充: refused before anything is sent.
    await type(page.locator(`#rules_storedValue_packages_${p1000}_bonusYuan`), '1200')
    await page.getByTestId('save-rules').click()
    const bonusError = table.locator('.ant-form-item-explain-error').filter({ hasText: '赠送金额不能超过充值金额' })
    await bonusError.waitFor()
    await expect(page.locator('[data-testid="save-confirm"]').count()).resolves.toBe(0)

    // Edit: 充1000送150.
    await type(page.locator(`#rules_storedValue_packages_${p1000}_bonusYuan`), '150')
    await bonusError.waitFor({ state: 'detached' })
    await type(page.locator(`#rules_storedValue_packages_${p1000}_name`), '充1000送150')

    // A new package past the ¥5,000 cap (with its bonus): the shared rules refuse it, in Chinese, on the field.
    await page.getByTestId('add-package').click()
    await expect(rows.count()).resolves.toBe(before + 1)
    await type(page.locator(`#rules_storedValue_packages_${before}_name`), `充2000送300-${suffix}`)
    await type(page.locator(`#rules_storedValue_packages_${before}_payYuan`), '4800')
    await type(page.locator(`#rules_storedValue_packages_${before}_bonusYuan`), '300')
    await page.getByTestId('save-rules').click()
    const capError = table.locator('.ant-form-item-explain-error').filter({ hasText: '充值加赠送超过余额上限（¥5,000）' })
    await capError.waitFor()
    await expect(page.locator('[data-testid="save-confirm"]').count()).resolves.toBe(0)
    await shot(page, 'stored-value-settings-error')
    await type(page.locator(`#rules_storedValue_packages_${before}_payYuan`), '2000')
    await capError.waitFor({ state: 'detached' })
    await expect(table.innerText()).resolves.toContain('¥2,300（赠 15%）')
    // Only the new package is marked unsaved.
    await expect(table.getByText('未保存').count()).resolves.toBe(1)
    await shot(page, 'stored-value-settings')
    await partShot(page.getByTestId('stored-value-rules'), 'stored-value-settings-section')

    const version = (await readProgram()).version
    await page.getByTestId('save-rules').click()
    const confirm = page.getByTestId('save-confirm')
    await confirm.waitFor()
    await expect(confirm.innerText()).resolves.toContain('充值套餐「充1000送100」 · 赠送金额：¥100 → ¥150')
    await button(modal(), '保存').click()
    await toast(`规则已保存（第 ${version + 1} 版）`).waitFor()
    const saved = (await readProgram()).rules.storedValue
    expect(saved.packages.find((p) => p.packageId === 'P1000')).toEqual({
      packageId: 'P1000',
      name: '充1000送150',
      payFen: 100_000,
      bonusFen: 15_000,
    })
    expect(saved.packages.at(-1)).toMatchObject({ name: `充2000送300-${suffix}`, payFen: 200_000, bonusFen: 30_000 })
    expect(saved.packages.at(-1)!.packageId).toMatch(/^P[A-Z0-9]+$/)
    expect(saved).toMatchObject({ enabled: true, balanceCapFen: 500_000, realNameFromFen: 1_000_000 })
    // 修改记录 names the package.
    await page.getByTestId('program-versions').getByText('充值套餐「充1000送150」 · 赠送金额：¥100 → ¥150').first().waitFor()
  })
})

describe('储值报表', () => {
  test('a top-up with the new package at one store and a payment at another: the balance, the quarter and the settlement in words', async () => {
    const pkg = (await readProgram()).rules.storedValue.packages.at(-1)!
    expect(pkg.payFen).toBe(200_000)
    await sleep(CACHE_MS)
    const m = await newMember()
    const topUp = await call('POST', '/v1/staff/stored-value/top-ups', {
      token: admin,
      body: {
        memberCode: await memberCode(m.token),
        storeId: collecting.storeId,
        topUpId: receipt('TU'),
        packageId: pkg.packageId,
        paymentRef: 'WXPAY-E2E',
      },
    })
    expect(topUp.status).toBe(201)
    expect(topUp.body).toMatchObject({ paidFen: 200_000, bonusFen: 30_000 })
    const spend = await call('POST', '/v1/staff/stored-value/spends', {
      token: admin,
      body: { memberCode: await memberCode(m.token), storeId: redeeming.storeId, orderId: receipt('SO'), amountFen: 23_000 },
    })
    expect(spend.status).toBe(201)
    expect(spend.body).toMatchObject({ principalFen: 20_000, bonusFen: 3_000 })

    // From the menu, where the reports are.
    await go('/reports')
    await page.getByRole('menuitem', { name: /储值报表/ }).click()
    await page.waitForURL(/\/stored-value/)
    const settlement = page.getByTestId('settlement-table')
    const row = (name: string) => settlement.locator('tbody tr.ant-table-row').filter({ hasText: name })
    await eventually(
      async () => {
        await page.reload()
        await settlement.waitFor()
        return row(collecting.name).innerText()
      },
      (t) => expect(t).toContain('应付总部 ¥2,000'),
      30_000,
    )
    await expect(row(redeeming.name).innerText()).resolves.toContain('应收总部 ¥200')
    // Store names, not ids.
    await expect(settlement.innerText()).resolves.not.toContain(collecting.storeId)
    await expect(page.getByTestId('settlement-totals').innerText()).resolves.toMatch(/合计/)
    await expect(page.getByTestId('settlement-summary').innerText()).resolves.toMatch(
      /家门店应付总部 ¥[\d,.]+，\d+ 家门店应收总部 ¥[\d,.]+/,
    )

    // The balance: today's top-up drawn, and the line ends at the balance held now.
    const balance = yuanText(await page.getByTestId('report-figure-sv-balance').locator('.ant-statistic-content').innerText())
    const principal = yuanText(await page.getByTestId('report-figure-sv-principal').locator('.ant-statistic-content').innerText())
    expect(principal).toBeGreaterThanOrEqual(1_800)
    expect(
      yuanText(await page.getByTestId('report-figure-sv-topups').locator('.ant-statistic-content').innerText()),
    ).toBeGreaterThanOrEqual(2_000)
    const series = await chartSeries(page, 'chart-stored-value')
    const line = series.find((s) => s.name === '储值余额')
    expect(line?.data).toHaveLength(30)
    expect(Number(line?.data.at(-1))).toBeCloseTo(balance, 2)
    expect(Number(series.find((s) => s.name === '充值（实收）')?.data.at(-1))).toBeGreaterThanOrEqual(2_000)
    expect(Number(series.find((s) => s.name === '其中本金')?.data.at(-1))).toBeCloseTo(principal, 2)

    // The quarter so far: its closing principal is what cards hold now.
    const quarter = page.getByTestId('quarter-card')
    expect(yuanText(await quarter.getByTestId('quarter-closing-principal').locator('.ant-statistic-content').innerText())).toBe(principal)
    await expect(quarter.innerText()).resolves.toContain('本季度进行中')
    await expect(quarter.getByTestId('quarter-table').innerText()).resolves.toMatch(/期初余额[\s\S]*本季充值[\s\S]*期末余额/)
    await shot(page, 'stored-value-report')
    await partShot(page.getByTestId('chart-stored-value'), 'stored-value-chart')
    await partShot(quarter, 'stored-value-quarter')
    await partShot(page.getByTestId('settlement-card'), 'stored-value-settlement')

    // The settlement as CSV: UTF-8 with a BOM, the stores by name, the totals.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settlement-csv').click()])
    const csv = fs.readFileSync((await download.path())!, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(download.suggestedFilename()).toMatch(/^门店结算-\d{4}-\d{2}\.csv$/)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toContain('门店,充值笔数,收取充值款（元）')
    expect(lines.find((l) => l.includes(collecting.name))).toContain('2000.00')
    expect(lines.find((l) => l.includes(redeeming.name))).toContain('应收总部 ¥200')
    expect(lines.at(-1)).toContain('合计')
  })

  test('another quarter and a month without stored value: the quarter ended, the month quiet', async () => {
    const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    const year = Number(now.slice(0, 4))
    await go(`/stored-value?quarter=${year - 1}-Q4&month=${year - 1}-01`)
    const quarter = page.getByTestId('quarter-card')
    await quarter.getByText('已结束').waitFor()
    await expect(quarter.locator('.ant-picker input').inputValue()).resolves.toBe(`${year - 1} 年第 4 季度`)
    await expect(page.getByTestId('settlement-card').locator('.ant-picker input').inputValue()).resolves.toBe(`${year - 1} 年 1 月`)
    await page.getByTestId('settlement-quiet').waitFor()
    await expect(page.getByTestId('settlement-summary').innerText()).resolves.toContain('各门店没有储值往来，门店与总部无需结算')
    await shot(page, 'stored-value-report-past')
  })
})
