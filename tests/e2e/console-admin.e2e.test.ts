/**
 * The console's admin pages in headless Chromium at 1440×900, clicked like a person: the
 * sign-in (development and scan-to-login approved from the mini-program), 员工 (a new
 * cashier's binding code; disabling it refuses its next till request), 会员 (search, the
 * audited phone reveal, a points adjustment), 门店 (a new store, its join QR as a PNG, a POS
 * key shown once and revoked), and the audit log listing what was done.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { call, newMember, signedCall, signIn, uniqueName } from '../api/client'
import { CONSOLE_URL, deskSuite, devSignIn } from './console'

jest.setTimeout(180_000)

const { desk, scenario, settledShot: shot } = deskSuite()

/** antd puts a space between the two characters of a two-character button ("停 用"). */
const label = (text: string) => new RegExp(`^\\s*${text.split('').join('\\s*')}\\s*$`)
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) })
/** The open dialog whose text includes `text`. */
const dialog = (page: Page, text: string) => page.locator('.ant-modal-wrap:visible .ant-modal').filter({ hasText: text })
const rowOf = (page: Page, table: string, text: string) => page.getByTestId(table).locator('tr.ant-table-row').filter({ hasText: text })
/** The input or textarea a test id names: antd puts the id on the control itself or on a wrapper around it. */
const inputOf = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('xpath=descendant-or-self::*[self::input or self::textarea]').first()
const menuItems = (page: Page) => page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts()

/** A fresh WeChat identity bound to a staff account with its binding code; returns its mini-program token. */
async function bindStaff(code: string): Promise<{ identity: string; token: string }> {
  const identity = uniqueName('staff')
  const user = await signIn(identity)
  const bound = await call('POST', '/v1/staff/bind', { token: user, body: { code } })
  expect(bound.status).toBe(200)
  return { identity, token: bound.body.token }
}

const tillRequest = (token: string, storeId = 'S001') => call('GET', `/v1/staff/purchases?storeId=${storeId}`, { token })

describe('signing in', () => {
  scenario('signs in with the development sign-in as admin: the frame names the staff member and shows every area', async () => {
    const page = await desk()
    await devSignIn(page, 'admin')
    const header = page.getByTestId('signed-in')
    await expect(header.innerText()).resolves.toContain('总部管理员')
    await expect(header.innerText()).resolves.toContain('管理员')
    await expect(header.innerText()).resolves.toContain('全部门店')
    const menu = await menuItems(page)
    for (const area of ['会员', '门店', '员工', '审计日志']) expect(menu).toContain(area)
    await shot(page, 'admin-frame')
  })

  scenario('enters the console by itself once a store manager approves the QR in the mini-program; a cashier is refused', async () => {
    const page = await desk()
    await page.goto(`${CONSOLE_URL}/login`)
    const ticketEl = page.getByTestId('login-ticket')
    await ticketEl.waitFor({ state: 'attached' })
    const ticket = await ticketEl.getAttribute('data-ticket')
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{32}$/)
    await page.locator('[data-testid=login-qr] canvas, [data-testid=login-qr] svg').first().waitFor()
    await shot(page, 'login')

    const cashier = await call('POST', '/v1/auth/wechat', { body: { code: 'dev:cashier' } })
    const refused = await call('POST', `/v1/console/sessions/${ticket}/approve`, { token: cashier.body.token })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('CONSOLE_NOT_ALLOWED')
    await page.waitForTimeout(2_000)
    expect(new URL(page.url()).pathname).toBe('/login')

    const manager = await call('POST', '/v1/auth/wechat', { body: { code: 'dev:manager' } })
    const approved = await call('POST', `/v1/console/sessions/${ticket}/approve`, { token: manager.body.token })
    expect(approved.status).toBe(200)
    await page.getByTestId('signed-in').waitFor({ timeout: 15_000 })
    expect(new URL(page.url()).pathname).toBe('/')
    await expect(page.getByTestId('signed-in').innerText()).resolves.toContain('三里屯店长')
  })
})

describe('a store manager', () => {
  scenario('sees only their own store under 门店, no 员工 menu and no store administration', async () => {
    const page = await desk()
    await devSignIn(page, 'manager', '/stores')
    await page.getByTestId('stores-table').locator('tr.ant-table-row').first().waitFor()
    const rows = page.getByTestId('stores-table').locator('tr.ant-table-row')
    expect(await rows.count()).toBe(1)
    await expect(rows.first().innerText()).resolves.toContain('S002')
    const menu = await menuItems(page)
    expect(menu).toContain('门店')
    expect(menu).not.toContain('员工')
    expect(menu).not.toContain('审计日志')
    expect(await button(page, '新建门店').count()).toBe(0)
    expect(await button(rows.first(), '关闭门店').count()).toBe(0)
    await shot(page, 'stores-manager')

    await page.goto(`${CONSOLE_URL}/staff`)
    await page.getByText('没有权限访问此页面').waitFor()
  })
})

describe('员工', () => {
  scenario(
    'creates a cashier with a one-time binding code; disabling it refuses its next till request; enabling lets it back',
    async () => {
      const page = await desk()
      await devSignIn(page, 'admin', '/staff')
      await page.getByTestId('staff-table').locator('tr.ant-table-row').first().waitFor()
      await shot(page, 'staff')

      const name = `收银${randomInt(1000, 9999)}`
      await page.getByTestId('staff-create').click()
      const form = dialog(page, '新建员工')
      await form.waitFor()
      await button(form, '创建并生成绑定码').click()
      await form.getByText('请输入员工姓名').waitFor()
      await form.getByText('收银员和店长至少需要一个门店').waitFor()
      await inputOf(page, 'staff-name').fill(name)
      await form.locator('.ant-form-item').filter({ hasText: '门店' }).locator('.ant-select').click()
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'S001' }).click()
      await page.keyboard.press('Escape')
      await shot(page, 'staff-new')
      await button(form, '创建并生成绑定码').click()

      const code = (await page.getByTestId('binding-code').innerText()).trim()
      expect(code.length).toBeGreaterThanOrEqual(6)
      const result = page.getByTestId('binding-result')
      await expect(result.innerText()).resolves.toContain('在小程序「员工入口」输入绑定码')
      expect(await result.locator('canvas, svg').count()).toBeGreaterThan(0)
      await shot(page, 'staff-binding-code')
      await button(dialog(page, '员工已创建'), '完成').click()

      const cashier = await bindStaff(code)
      expect((await tillRequest(cashier.token)).status).toBe(200)

      await page.reload()
      const row = rowOf(page, 'staff-table', name)
      await row.waitFor()
      await expect(row.innerText()).resolves.toContain('已绑定')
      await button(row, '停用').click()
      const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '停用后该员工下一次操作即被拒绝' })
      await confirm.waitFor()
      await shot(page, 'staff-disable-confirm')
      await button(confirm, '停用').click()
      await row.getByText('已停用').waitFor()

      const refused = await tillRequest(cashier.token)
      expect(refused.status).toBe(401)

      await button(row, '启用').click()
      await row.getByText('正常').waitFor()
      const again = await signIn(cashier.identity)
      expect((await tillRequest(again)).status).toBe(200)
    },
  )

  scenario("changes a staff member's roles and stores, and shows the API's refusal to lock the admin out", async () => {
    const page = await desk()
    const admin = await signIn('admin')
    const created = await call('POST', '/v1/admin/staff', {
      token: admin,
      body: { name: `员工${randomInt(1000, 9999)}`, roles: ['cashier'], storeIds: ['S001'] },
    })
    expect(created.status).toBe(201)
    await devSignIn(page, 'admin', '/staff')
    const row = rowOf(page, 'staff-table', created.body.name)
    await row.waitFor()
    await button(row, '修改角色/门店').click()
    const edit = dialog(page, `修改角色和门店：${created.body.name}`)
    await edit.waitFor()
    await edit.getByTestId('role-store_manager').click()
    await shot(page, 'staff-edit')
    await button(edit, '保存').click()
    await row.locator('.ant-tag').filter({ hasText: '店长' }).waitFor()
    const staff = await call('GET', '/v1/admin/staff?limit=100', { token: admin })
    expect(staff.body.items.find((s: { staffId: string }) => s.staffId === created.body.staffId).roles).toEqual([
      'cashier',
      'store_manager',
    ])

    const self = rowOf(page, 'staff-table', 'STAFF-ADMIN')
    await button(self, '停用').click()
    await button(page.locator('.ant-modal-confirm'), '停用').click()
    await page.locator('.ant-message').getByText('不能停用自己的账号，也不能取消自己的管理员角色').waitFor()
    await expect(self.innerText()).resolves.toContain('正常')
  })
})

describe('会员', () => {
  scenario('finds a member, shows the full phone only with a reason, adjusts points with a reason; the audit log lists both', async () => {
    const mobile = `137${String(randomInt(10_000_000, 99_999_999))}`
    const name = `控台${randomInt(1000, 9999)}`
    const { member, token } = await newMember({ name, mobile })
    const cashier = await signIn('cashier')
    const orderId = `CONSOLE-${Date.now()}`
    const memberCode = (await call('GET', '/v1/me/code', { token })).body.code
    const bought = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: {
        memberCode,
        storeId: 'S001',
        orderId,
        amountFen: 35_000,
        items: [
          { sku: 'TEA-001', name: '明前龙井 250g', brand: '西湖', category: '茶叶', unitPriceFen: 15_000, qty: 2 },
          { sku: 'CUP-002', name: '青瓷茶杯', category: '茶具', unitPriceFen: 5_000, qty: 1 },
        ],
      },
    })
    expect(bought.status).toBe(201)
    const refunded = await call('POST', '/v1/staff/refunds', {
      token: cashier,
      body: { storeId: 'S001', orderId, refundId: `${orderId}-R1`, amountFen: 5_000 },
    })
    expect(refunded.status).toBe(201)
    const page = await desk()
    await devSignIn(page, 'admin', '/members')
    await page.getByText('输入卡号、手机号或姓名开头，查找会员').waitFor()
    await shot(page, 'members-empty')

    const search = inputOf(page, 'member-search')
    await search.fill(member.cardNo)
    await search.press('Enter')
    const row = rowOf(page, 'members-table', member.cardNo)
    await row.waitFor()
    await expect(row.innerText()).resolves.toContain(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`)
    expect(await page.content()).not.toContain(mobile)
    await shot(page, 'members')
    await row.click()

    await page.getByTestId('member-name').waitFor()
    await expect(page.getByTestId('member-name').innerText()).resolves.toContain(name)
    await page.getByTestId('member-points-ledger').locator('tr.ant-table-row, .ant-empty').first().waitFor()
    const before = Number((await page.getByTestId('member-points').locator('.ant-statistic-content').innerText()).replace(/[^\d]/g, ''))
    await shot(page, 'member')

    await page.getByTestId('reveal-open').click()
    const reveal = dialog(page, '查看完整手机号')
    await reveal.waitFor()
    await expect(reveal.innerText()).resolves.toContain('审计日志')
    // The form is ready (the dialog's opening animation is over) before the empty submit.
    await inputOf(page, 'reveal-reason').waitFor()
    await page.waitForTimeout(300)
    await button(reveal, '查看').click()
    await reveal.getByText('请填写原因').waitFor()
    await inputOf(page, 'reveal-reason').fill('会员来电核对身份')
    await shot(page, 'member-reveal')
    await button(reveal, '查看').click()
    await page.getByTestId('member-mobile').filter({ hasText: mobile }).waitFor()
    await page.getByText('已记入审计日志').waitFor()

    await page.getByTestId('adjust-open').click()
    const adjust = dialog(page, '调整积分')
    await adjust.waitFor()
    await inputOf(page, 'adjust-points').fill('120')
    await inputOf(page, 'adjust-reason').fill('补录漏记消费积分')
    await button(adjust, '下一步').click()
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '确认为' })
    await confirm.waitFor()
    await expect(confirm.innerText()).resolves.toContain('增加 120 积分')
    await shot(page, 'member-adjust-confirm')
    await button(confirm, '确认调整').click()
    await page
      .getByTestId('member-points')
      .filter({ hasText: (before + 120).toLocaleString('zh-CN') })
      .waitFor()
    const adjusted = rowOf(page, 'member-points-ledger', '手工调整')
    await adjusted.waitFor()
    await expect(adjusted.innerText()).resolves.toContain('+120')
    await shot(page, 'member-adjusted')

    for (const [tab, testId] of [
      ['消费记录', 'member-purchases'],
      ['优惠券', 'member-coupons'],
      ['消息通知', 'member-inbox'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click()
      await page.getByTestId(testId).locator('tr.ant-table-row, .ant-empty').first().waitFor()
      if (testId === 'member-purchases') {
        const order = rowOf(page, 'member-purchases', orderId)
        await expect(order.innerText()).resolves.toContain('部分退款')
        await order.locator('.ant-table-row-expand-icon').click()
        await page.getByTestId('member-purchases').getByText('明前龙井 250g').waitFor()
        await page.getByTestId('member-purchases').getByText(`${orderId}-R1`, { exact: false }).waitFor()
      }
      await shot(page, testId)
    }
    await page.setViewportSize({ width: 1280, height: 800 })
    await shot(page, 'member-1280')
    await page.getByRole('tab', { name: '积分明细' }).click()
    await shot(page, 'member-points-1280')
    await page.setViewportSize({ width: 1440, height: 900 })

    await page.goto(`${CONSOLE_URL}/audit`)
    await page.getByTestId('audit-table').waitFor()
    const byMember = page.getByPlaceholder('会员 ID')
    await byMember.fill(member.memberId)
    await byMember.press('Enter')
    const audit = page.getByTestId('audit-table')
    await rowOf(page, 'audit-table', '查看完整手机号').waitFor()
    await rowOf(page, 'audit-table', '手工调整积分').waitFor()
    await expect(audit.innerText()).resolves.toContain('总部管理员（STAFF-ADMIN）')
    await rowOf(page, 'audit-table', '手工调整积分').locator('.ant-table-row-expand-icon').click()
    await audit.getByText('补录漏记消费积分').waitFor()
    await shot(page, 'audit')
  })
})

describe('门店', () => {
  scenario('creates a store, downloads its join QR as a PNG, and shows a POS key once, then revokes it', async () => {
    const page = await desk()
    await devSignIn(page, 'admin', '/stores')
    await page.getByTestId('stores-table').locator('tr.ant-table-row').first().waitFor()
    await shot(page, 'stores')

    const storeId = `A${Date.now().toString(36).toUpperCase().slice(-6)}`
    const name = `测试门店${storeId.slice(-3)}`
    await page.getByTestId('store-create').click()
    const form = dialog(page, '新建门店')
    await form.waitFor()
    await inputOf(page, 'store-id').fill('1bad')
    await button(form, '创建门店').click()
    await form.getByText('门店编号须以大写字母开头').waitFor()
    await inputOf(page, 'store-id').fill(storeId.toLowerCase())
    await inputOf(page, 'store-name').fill(name)
    await inputOf(page, 'store-city').fill('杭州')
    await inputOf(page, 'store-address').fill('杭州市西湖区文三路 100 号')
    await shot(page, 'store-new')
    await button(form, '创建门店').click()
    const row = rowOf(page, 'stores-table', storeId)
    await row.waitFor()
    await expect(row.innerText()).resolves.toContain('营业中')

    await button(row, '二维码与密钥').click()
    const drawer = page.locator('.ant-drawer')
    await drawer.getByTestId('join-qr').locator('canvas').waitFor()
    await expect(drawer.getByTestId('join-code').innerText()).resolves.toContain(name)
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('join-download').click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`${storeId}.*\\.png$`))
    const saved = path.resolve(__dirname, '../../test-artifacts/console/join-qr-download.png')
    await download.saveAs(saved)
    const png = fs.readFileSync(saved)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBe(1024)
    expect(png.readUInt32BE(20)).toBeGreaterThan(1024)
    await shot(page, 'store-drawer')

    await drawer.getByTestId('pos-key-create').click()
    const keyForm = dialog(page, '新建 POS 密钥')
    await keyForm.waitFor()
    await keyForm.getByPlaceholder('如 365').fill('30')
    await button(keyForm, '创建密钥').click()
    const secretModal = page.getByTestId('pos-secret-modal')
    await secretModal.waitFor()
    const secret = (await page.getByTestId('pos-secret').innerText()).trim()
    expect(secret).toMatch(/^hys_/)
    const keyId = (await secretModal.locator('.ant-descriptions-item-content').first().innerText()).trim()
    expect(keyId).toMatch(/^pk_/)
    await expect(secretModal.innerText()).resolves.toContain('密钥只显示这一次')
    await shot(page, 'pos-key-secret')
    await page.getByTestId('pos-secret-close').click()
    await secretModal.waitFor({ state: 'detached' })
    expect(await page.content()).not.toContain(secret)

    const key = { keyId, secret }
    expect((await signedCall(key, 'GET', `/v1/staff/purchases?storeId=${storeId}`)).status).toBe(200)
    const keyRow = rowOf(page, 'pos-keys', keyId)
    await keyRow.getByText('有效').waitFor()
    await button(keyRow, '吊销').click()
    const pop = page.locator('.ant-popover:visible').filter({ hasText: `吊销密钥 ${keyId}？` })
    await pop.waitFor()
    await button(pop, '吊销').click()
    await keyRow.getByText('已吊销').waitFor()
    expect((await signedCall(key, 'GET', `/v1/staff/purchases?storeId=${storeId}`)).status).toBe(401)
    await shot(page, 'store-key-revoked')

    await page.locator('.ant-drawer-close').click()
    await button(row, '关闭门店').click()
    const close = page.locator('.ant-modal-confirm').filter({ hasText: '会员的会员卡、积分和储值余额都不受影响' })
    await close.waitFor()
    await shot(page, 'store-close-confirm')
    await button(close, '关闭门店').click()
    await row.getByText('已关闭').waitFor()
  })
})
