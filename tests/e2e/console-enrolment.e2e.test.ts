/**
 * The console's 团体办理 in Chromium at 1440×900, as an admin would: from the menu, 新建团体码
 * for an organisation (银卡, a store, 2 places, typed dates); the new code's QR opens at once,
 * its link the store's H5 join link with the code's scene; the table shows 0/2 and 生效中. A
 * member joins with the code through the API; after a reload the table shows 1/2. 停用 asks
 * first, then shows 已停用. An empty organisation is refused in place and nothing is created.
 * A marketer sees the list without 新建团体码 or 停用.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomUUID } from 'node:crypto'
import type { Locator, Page } from 'playwright-core'
import { call, joinBody, signIn } from '../api/client'
import { CONSOLE_URL, type Desk, devSignIn, openDesk, shot } from './console'

jest.setTimeout(300_000)

const organisation = `浦江电力工会${randomUUID().slice(0, 4)}`
const mobile = () => `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
/** A calendar day in the program's time zone (Shanghai), `days` from today. */
const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

interface Code {
  code: string
  organisation: string
  scene: string
  used: number
  maxUses: number
  status: string
  storeId: string
  tier: { code: string; name: string }
  validFrom: string
  validUntil: string
}

let desk: Desk
let page: Page
let admin: string

const listCodes = async (): Promise<Code[]> => {
  const r = await call('GET', '/v1/admin/enrolment-codes?limit=100', { token: admin })
  expect(r.status).toBe(200)
  return r.body.items
}

beforeAll(async () => {
  admin = await signIn('admin')
  desk = await openDesk()
  page = desk.page
  await devSignIn(page, 'admin')
})

afterAll(async () => {
  await desk?.browser.close()
})

/** Types into an antd input (number inputs commit on blur). */
const type = async (target: Locator, value: string) => {
  await target.click()
  await target.fill(value)
  await target.press('Tab')
}
/** A button by its text (antd spaces out two-character Chinese labels: 停 用). */
const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`^\\s*${text.split('').join('\\s*')}\\s*$`) })
const modal = () => page.locator('.ant-modal:visible').last()
const toast = (text: string) => page.locator('.ant-message').getByText(text).first()
const formItem = (label: string) => modal().locator('.ant-form-item').filter({ hasText: label })
/** Opens the antd Select under `label` and picks the option whose text contains `text`. */
const pick = async (label: string, text: string) => {
  await formItem(label).locator('.ant-select').click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click()
}
const row = (org: string) => page.getByTestId('enrolment-table').locator('tr.ant-table-row').filter({ hasText: org })

/** 团体办理, opened from the side menu. */
const openPage = async () => {
  await page.goto(`${CONSOLE_URL}/`)
  await page.getByTestId('signed-in').waitFor()
  await page.getByRole('menuitem', { name: /团体办理/ }).click()
  await page.waitForURL(/\/enrolment/)
  await page.getByTestId('enrolment-table').waitFor()
}

describe('团体办理', () => {
  let created: Code

  test('an admin creates a code: its QR opens with the group join link, the table shows 0/2 and 生效中', async () => {
    await openPage()
    await page.getByTestId('enrolment-create').click()
    await page.getByTestId('enrolment-form').waitFor()
    await type(page.getByTestId('enrolment-organisation'), organisation)
    await pick('起始等级', '银卡')
    await pick('入会门店', 'S001')
    await type(page.getByTestId('enrolment-max-uses'), '2')
    const [from, until] = [shanghaiDay(-1), shanghaiDay(30)]
    const dates = formItem('有效期').locator('.ant-picker input')
    await dates.nth(0).click()
    await dates.nth(0).fill(from)
    await dates.nth(0).press('Enter')
    await dates.nth(1).fill(until)
    await dates.nth(1).press('Enter')
    await expect(dates.nth(0).inputValue()).resolves.toBe(from)
    await expect(dates.nth(1).inputValue()).resolves.toBe(until)
    await page.getByTestId('enrolment-submit').click()

    // The new code's QR at once, its link the store's join link with the code's scene.
    const qr = page.getByTestId('enrolment-qr')
    await qr.waitFor()
    const codes = (await listCodes()).filter((c) => c.organisation === organisation)
    expect(codes).toHaveLength(1)
    created = codes[0]!
    expect(created).toMatchObject({
      tier: { name: '银卡' },
      storeId: 'S001',
      maxUses: 2,
      used: 0,
      validFrom: from,
      validUntil: until,
      status: 'active',
      scene: `s=S001&g=${created.code}`,
    })
    await toast(`已为「${organisation}」创建团体码 ${created.code}`).waitFor()
    await expect(qr.locator('canvas').count()).resolves.toBeGreaterThan(0)
    const link = await page.getByTestId('enrolment-link').innerText()
    expect(link).toMatch(new RegExp(`/#/pages/join/index\\?scene=${encodeURIComponent(created.scene)}$`))
    await expect(qr.innerText()).resolves.toContain('团体入会（银卡）')
    // The printable PNG downloads.
    const download = page.waitForEvent('download')
    await page.getByTestId('enrolment-download').click()
    expect((await download).suggestedFilename()).toBe(`团体码-${created.code}-${organisation}.png`)
    await page.getByTestId('enrolment-qr-close').click()
    await qr.waitFor({ state: 'detached' })

    const r = row(organisation)
    await r.waitFor()
    const text = await r.innerText()
    for (const part of [created.code, '银卡', '南京西路旗舰店', from, `至 ${until}`, '生效中', '（我）']) expect(text).toContain(part)
    await expect(page.getByTestId(`enrolment-usage-${created.code}`).innerText()).resolves.toContain('0/2')
    await expect(page.getByTestId(`enrolment-status-${created.code}`).innerText()).resolves.toBe('生效中')

    // 二维码 from the row opens it again.
    await button(page.getByTestId(`enrolment-actions-${created.code}`), '二维码').click()
    await qr.waitFor()
    await expect(page.getByTestId('enrolment-link').innerText()).resolves.toBe(link)
    await page.waitForTimeout(500) // the dialog's opening animation, for the screenshot
    await shot(page, 'enrolment-qr')
    await page.screenshot({ path: '/tmp/console-enrolment-qr.png', fullPage: true })
    await page.getByTestId('enrolment-qr-close').click()
    await qr.waitFor({ state: 'detached' })
  })

  test('a member joins with the code: after a reload the table shows 1/2', async () => {
    const person = await signIn()
    const joined = await call('POST', '/v1/members', {
      token: person,
      body: joinBody({
        storeId: 'S001',
        mobile: `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        enrolmentCode: created.code,
      }),
    })
    expect(joined.status).toBe(201)
    expect(joined.body.member.tier).toMatchObject({ name: '银卡' })

    await page.reload()
    await page.getByTestId('enrolment-table').waitFor()
    await page.getByTestId(`enrolment-usage-${created.code}`).filter({ hasText: '1/2' }).waitFor()
    await expect(page.getByTestId(`enrolment-status-${created.code}`).innerText()).resolves.toBe('生效中')
    await shot(page, 'enrolment')
    await page.screenshot({ path: '/tmp/console-enrolment.png', fullPage: true })
  })

  test('停用 asks first; confirmed, the code shows 已停用 and the API refuses it', async () => {
    const actions = page.getByTestId(`enrolment-actions-${created.code}`)
    await button(actions, '停用').click()
    const confirm = page.locator('.ant-popconfirm:visible')
    await confirm.getByText(`停用「${organisation}」的团体码？`).waitFor()
    // Cancelled: nothing changes.
    await button(confirm, '取消').click()
    expect((await listCodes()).find((c) => c.code === created.code)?.status).toBe('active')

    await button(actions, '停用').click()
    await button(page.locator('.ant-popconfirm:visible'), '停用').click()
    await toast(`已停用「${organisation}」的团体码`).waitFor()
    await page.getByTestId(`enrolment-status-${created.code}`).filter({ hasText: '已停用' }).waitFor()
    await button(actions, '启用').waitFor()
    expect((await listCodes()).find((c) => c.code === created.code)).toMatchObject({ disabled: true, status: 'disabled' })
    const refused = await call('POST', '/v1/members', {
      token: await signIn(),
      body: joinBody({ storeId: 'S001', mobile: mobile(), enrolmentCode: created.code }),
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('ENROLMENT_CODE_INVALID')
    await page.screenshot({ path: '/tmp/console-enrolment-disabled.png', fullPage: true })
  })

  test('an empty organisation is refused in place and nothing is created', async () => {
    const before = (await listCodes()).length
    await openPage()
    await page.getByTestId('enrolment-create').click()
    await page.getByTestId('enrolment-form').waitFor()
    await pick('起始等级', '银卡')
    await pick('入会门店', 'S001')
    await type(page.getByTestId('enrolment-organisation'), '   ')
    await page.getByTestId('enrolment-submit').click()
    await formItem('组织名称').locator('.ant-form-item-explain-error').filter({ hasText: '请输入组织名称' }).waitFor()
    await expect(modal().getByTestId('enrolment-form').isVisible()).resolves.toBe(true)
    expect((await listCodes()).length).toBe(before)
    await button(modal(), '取消').click()
  })

  test('a marketer sees the list read-only: no 新建团体码, no 停用, the QR still there', async () => {
    const m = await openDesk(desk.browser)
    try {
      await devSignIn(m.page, 'marketer', '/enrolment')
      await m.page.getByTestId('enrolment-table').waitFor()
      const actions = m.page.getByTestId(`enrolment-actions-${created.code}`)
      await button(actions, '二维码').waitFor()
      await expect(m.page.getByTestId('enrolment-create').count()).resolves.toBe(0)
      await expect(actions.innerText()).resolves.not.toMatch(/停\s*用|启\s*用/)
    } finally {
      await m.context.close()
    }
  })
})
