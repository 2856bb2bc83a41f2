/**
 * The console's marketing pages in Chromium at 1440×900, clicked like a marketer or an
 * admin would: the overview's figures; the program rules (a tier threshold below the one
 * before it is refused in place; the earning rate changed to ¥0.5 a point, previewed before
 * saving, then earned at the till exactly as previewed; a stale save caught; the default
 * put back); a coupon template and an offer created in the console that a member then
 * claims; the points mall; and every report drawing its charts from the data.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
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
const suffix = randomUUID().slice(0, 6)
const orderId = () => `C${randomUUID().replace(/-/g, '').slice(0, 16)}`
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())

let desk: Desk
let page: Page
let admin: string
let cashier: string
let original: ProgramRules

const readProgram = async () => ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)

beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
  original = (await readProgram()).rules
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

/** Opens an antd Select and picks the option whose text contains `text`. */
const pick = async (select: Locator, text: string) => {
  await select.click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click()
}

/** Types a date into an antd DatePicker. */
const typeDate = async (picker: Locator, ymd: string) => {
  await picker.click()
  await picker.fill(ymd)
  await picker.press('Enter')
}

const tab = (name: string) => page.getByRole('tab', { name, exact: true })
/** A button by its text (antd spaces out two-character Chinese labels: 保 存). */
const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`^\\s*${text.split('').join('\\s*')}\\s*$`) })
const modal = () => page.locator('.ant-modal:visible').last()
/** The save's confirmation: its list of changes on screen, then 保存; it closes once the save answered. */
const confirmSave = async () => {
  await page.getByTestId('save-confirm').waitFor()
  await button(modal(), '保存').click()
  await page.getByTestId('save-confirm').waitFor({ state: 'hidden', timeout: 45_000 })
}
const toast = (text: string) => page.locator('.ant-message').getByText(text).first()
const memberCode = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string

describe('概览', () => {
  test('figure cards for today and this month, each with 30 days of sparkline, and the member growth line', async () => {
    // A member joins and buys, so the day has figures (the aggregates follow the events).
    const m = await newMember()
    const bought = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await memberCode(m.token), storeId: 'S001', orderId: orderId(), amountFen: 9_900 },
    })
    expect(bought.status).toBe(201)
    await go('/')
    await eventually(
      async () => {
        await page.reload()
        await page.getByTestId('figure-purchases-today').waitFor()
        return page.getByTestId('figure-purchases-today').innerText()
      },
      (t) => expect(Number(t.replace(/,/g, ''))).toBeGreaterThan(0),
      20_000,
    )
    for (const key of [
      'new-members',
      'active-members',
      'purchases',
      'sales',
      'points-issued',
      'points-redeemed',
      'checkins',
      'coupons-redeemed',
    ]) {
      await expect(page.getByTestId(`figure-${key}-today`).innerText()).resolves.toMatch(/^¥?[\d,.]+$/)
      const [spark] = await chartSeries(page, `spark-${key}`)
      expect(spark?.data).toHaveLength(30)
    }
    const growth = await chartSeries(page, 'chart-member-growth')
    const total = growth.find((s) => s.name === '会员总数')
    expect(total?.data).toHaveLength(30)
    // The line ends at today's member count, which is the one in the header.
    const header = (await page.getByTestId('member-total').innerText()).match(/会员总数 ([\d,]+)/)?.[1]?.replace(/,/g, '')
    expect(Number(total?.data.at(-1))).toBe(Number(header))
    expect(Number(header)).toBeGreaterThan(0)
    await expect(page.getByTestId('figure-sales-today').innerText()).resolves.toMatch(/^¥[\d,]+/)
    await shot(page, 'overview')
  })
})

describe('积分与等级', () => {
  test('a tier threshold below the tier before it is refused in place, before anything is sent', async () => {
    await go('/program')
    await tab('等级').click()
    const gold = page.locator('#rules_tiers_2_thresholdYuan')
    await type(gold, '1000')
    await page.getByTestId('save-rules').click()
    const error = page.locator('[data-testid="tier-table"] .ant-form-item-explain-error').filter({ hasText: '须高于上一等级的门槛' })
    await error.waitFor()
    await expect(error.innerText()).resolves.toContain('¥3,000')
    await expect(page.locator('[data-testid="save-confirm"]').count()).resolves.toBe(0)
    await shot(page, 'program-error')
    await button(page, '撤销修改').click()
    await expect(gold.inputValue()).resolves.toBe('10000.00')
    await expect(error.count()).resolves.toBe(0)
  })

  let previewed = 0

  test('¥0.5 a point: the preview earns it before saving; saved, the till earns exactly that', async () => {
    await go('/program')
    const before = await readProgram()
    await tab('积分规则').click()
    // The preview: ¥128, 普卡, S001, today, a member born in May (not this month's promotion).
    const preview = page.getByTestId('earning-preview')
    await type(preview.locator('#preview-amount'), '128')
    await pick(preview.locator('#preview-tier'), '普卡')
    await typeDate(preview.locator('#preview-birthday'), '1990-05-17')
    const points = preview.getByTestId('preview-points')
    const sentence = preview.getByTestId('preview-sentence')
    await eventually(
      () => sentence.innerText(),
      (t) => expect(t).toMatch(/一笔 ¥128 的消费，普卡会员，.*积 \d+ 分/),
    )
    const old = Number((await points.innerText()).match(/(\d+)/)?.[1])

    await type(page.locator('#rules_yuanPerPoint'), '0.5')
    await eventually(
      () => points.innerText(),
      (t) => expect(t).toBe(`积 ${old * 2} 分`),
    )
    await expect(preview.getByTestId('preview-sentence').innerText()).resolves.toMatch(/一笔 ¥128 的消费，普卡会员，.*在 南京西路旗舰店/)
    await expect(preview.innerText()).resolves.toContain('256 分（¥128 ÷ ¥0.50）')
    previewed = old * 2
    await expect(page.getByTestId('unsaved').innerText()).resolves.toBe('未保存 1 项修改')
    await shot(page, 'program')

    await page.getByTestId('save-rules').click()
    await expect(page.getByTestId('save-confirm').innerText()).resolves.toContain('积分比例：每消费 ¥1 积 1 分 → 每消费 ¥0.50 积 1 分')
    await button(modal(), '保存').click()
    await toast(`规则已保存（第 ${before.version + 1} 版）`).waitFor()
    const after = await readProgram()
    expect(after.version).toBe(before.version + 1)
    expect(after.rules.earning.fenPerPoint).toBe(50)
    expect(after.updatedBy?.name).toBe('总部管理员')

    // 修改记录 lists who changed what.
    const versions = page.getByTestId('program-versions')
    await versions.getByText('积分比例：每消费 ¥1 积 1 分 → 每消费 ¥0.50 积 1 分').first().waitFor()
    await expect(versions.locator('tbody tr.ant-table-row').first().innerText()).resolves.toContain('总部管理员')

    // A purchase at the till (cashier of S001, the member's dynamic code) earns by the new rule.
    await sleep(CACHE_MS)
    const m = await newMember({ birthday: '1990-05-17' })
    const r = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await memberCode(m.token), storeId: 'S001', orderId: orderId(), amountFen: 12_800 },
    })
    expect(r.status).toBe(201)
    expect(r.body.points.basePoints).toBe(256)
    expect(r.body.points.totalPoints).toBe(previewed)
  })

  test('a save over rules someone else changed meanwhile: 规则已被他人修改, 重新加载', async () => {
    await go('/program')
    await tab('营销频控').click()
    const cap = page.getByLabel('7 天营销消息上限')
    await expect(cap.inputValue()).resolves.toBe('2')
    // Someone else saves first.
    const now = await readProgram()
    const other = JSON.parse(JSON.stringify(now.rules)) as ProgramRules
    other.checkin.basePoints += 1
    expect((await call('PUT', '/v1/admin/program', { token: admin, body: { rules: other, version: now.version } })).status).toBe(200)

    await type(cap, '3')
    await page.getByTestId('save-rules').click()
    await confirmSave()
    const conflict = page.getByTestId('version-conflict')
    await conflict.waitFor()
    await expect(conflict.innerText()).resolves.toContain('规则已被他人修改')
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' })
    await shot(page, 'program-conflict')
    await button(conflict, '重新加载').click()
    await conflict.waitFor({ state: 'detached' })
    await tab('签到').click()
    await expect(page.getByLabel('签到基础积分').inputValue()).resolves.toBe(String(other.checkin.basePoints))
    await tab('营销频控').click()
    await expect(page.getByLabel('7 天营销消息上限').inputValue()).resolves.toBe('2')
  })

  test('the default is put back through the form: ¥1 a point, check-in as before', async () => {
    await tab('积分规则').click()
    await type(page.locator('#rules_yuanPerPoint'), (original.earning.fenPerPoint / 100).toFixed(2))
    await tab('签到').click()
    await type(page.getByLabel('签到基础积分'), String(original.checkin.basePoints))
    await page.getByTestId('save-rules').click()
    await confirmSave()
    await toast('规则已保存').waitFor()
    await expect(readProgram().then((p) => p.rules)).resolves.toEqual(original)
    await sleep(CACHE_MS)
  })

  test('at 1280 wide every section of the rules and every list fits (nothing runs off the page)', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await go('/program')
      const sections: [string, string][] = [
        ['积分规则', 'earning'],
        ['等级', 'tiers'],
        ['积分加倍活动', 'promotions'],
        ['签到', 'checkin'],
        ['营销频控', 'marketing'],
        ['入会方式', 'entry'],
      ]
      for (const [label, key] of sections) {
        await tab(label).click()
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(1280)
        await shot(page, `program-${key}-1280`)
      }
      // The lists show every column without scrolling sideways.
      const fits = async (table: string, name: string) => {
        await page.getByTestId(table).locator('tbody tr.ant-table-row').first().waitFor()
        const [scroll, client] = await page
          .getByTestId(table)
          .locator('.ant-table-content, .ant-table-body')
          .first()
          .evaluate((el) => [el.scrollWidth, el.clientWidth])
        expect(scroll).toBeLessThanOrEqual(client!)
        await shot(page, name)
      }
      await go('/coupons')
      await fits('template-table', 'coupons-1280')
      await tab('领券中心').click()
      await fits('offer-table', 'offers-1280')
      await go('/rewards')
      await fits('reward-table', 'rewards-1280')
      await go('/reports?tab=stores')
      await page.getByTestId('chart-stores').waitFor()
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(1280)
      await shot(page, 'reports-stores-1280')
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })

  test('a marketer reads the rules and previews, but cannot save', async () => {
    const other = await openDesk(desk.browser)
    try {
      await devSignIn(other.page, 'marketer', '/program')
      await other.page.getByText('只有管理员可以修改积分与等级规则').waitFor()
      await expect(other.page.getByTestId('save-rules').count()).resolves.toBe(0)
      await expect(other.page.locator('#rules_yuanPerPoint').isDisabled()).resolves.toBe(true)
      await other.page.getByTestId('preview-points').waitFor()
      await shot(other.page, 'program-marketer')
    } finally {
      await other.context.close()
    }
  })
})

describe('优惠券', () => {
  const templateName = `测试满减券-${suffix}`
  const offerTitle = `满200减30 限量抢 ${suffix}`

  test('a new template: every field, drawn as the member will see it, then listed with its stock', async () => {
    await go('/coupons')
    await page.getByTestId('template-table').locator('tbody tr.ant-table-row').first().waitFor()
    await page.getByTestId('new-template').click()
    const drawer = page.locator('.ant-drawer:visible')
    await drawer.locator('#template_name').fill(templateName)
    await type(drawer.locator('#template_valueYuan'), '30')
    await type(drawer.locator('#template_thresholdYuan'), '200')
    await type(drawer.locator('#template_days'), '14')
    await type(drawer.locator('#template_totalStock'), '50')
    const card = drawer.getByTestId('coupon-preview')
    await expect(card.locator('.hy-coupon__figure').innerText()).resolves.toBe('30')
    await expect(card.locator('.hy-coupon__note').innerText()).resolves.toBe('满200可用')
    await expect(card.locator('.hy-coupon__title').innerText()).resolves.toBe(templateName)
    await expect(card.innerText()).resolves.toContain('领取后 14 天内有效')

    // A discount above the threshold is refused in place by the shared schema.
    await type(drawer.locator('#template_valueYuan'), '300')
    await drawer.getByTestId('template-submit').click()
    await drawer.locator('.ant-form-item-explain-error').filter({ hasText: '减免金额不能超过使用门槛' }).waitFor()
    await type(drawer.locator('#template_valueYuan'), '30')
    await shot(page, 'coupons-new-template')
    await drawer.getByTestId('template-submit').click()
    await toast(`已创建券模板「${templateName}」`).waitFor()

    const row = page.getByTestId('template-table').locator('tbody tr.ant-table-row').filter({ hasText: templateName })
    await row.waitFor()
    await expect(row.innerText()).resolves.toMatch(/满200减30[\s\S]*领取后 14 天内有效[\s\S]*剩余 50 \/ 50/)
    await shot(page, 'coupons-templates')
  })

  test('put on offer in the 领券中心; a member sees it in the offer centre and claims it', async () => {
    await tab('领券中心').click()
    await page.getByTestId('new-offer').click()
    const dialog = modal()
    await pick(dialog.locator('#offer_templateId'), templateName)
    await expect(dialog.locator('#offer_title').inputValue()).resolves.toBe(templateName)
    await dialog.locator('#offer_title').fill(offerTitle)
    await dialog.locator('#offer_description').fill('限量 50 张，每人限领 1 张')
    await expect(dialog.getByTestId('offer-preview').locator('.hy-coupon__figure').innerText()).resolves.toBe('30')
    await dialog.locator('#offer-submit').click()
    await toast(`「${offerTitle}」已上架领券中心`).waitFor()
    const row = page.getByTestId('offer-table').locator('tbody tr.ant-table-row').filter({ hasText: offerTitle })
    await row.waitFor()
    await expect(row.innerText()).resolves.toContain('领取中')

    // The member's offer centre (the mini-program's API) lists it; the member claims it.
    const m = await newMember()
    const offers = await call('GET', '/v1/offers?limit=100', { token: m.token })
    expect(offers.status).toBe(200)
    const offer = offers.body.items.find((o: { title: string }) => o.title === offerTitle)
    expect(offer).toMatchObject({
      summary: '满200减30',
      availability: 'available',
      remainingStock: 50,
      totalStock: 50,
      valueFen: 3000,
      thresholdFen: 20_000,
    })
    const claim = await call('POST', `/v1/offers/${offer.offerId}/claims`, { token: m.token, headers: { 'Idempotency-Key': randomUUID() } })
    expect(claim.status).toBe(201)
    expect(claim.body.coupon).toMatchObject({ name: templateName, status: 'issued', valueFen: 3000 })

    // The console counts the claim.
    await eventually(
      async () => {
        await page.reload()
        return page.getByTestId('offer-table').locator('tbody tr.ant-table-row').filter({ hasText: offerTitle }).innerText()
      },
      (t) => expect(t).toMatch(/本活动已领 1/),
      15_000,
    )
    await shot(page, 'coupons')
  })

  test('pausing an offer asks first; paused, members cannot claim it; resumed, they can', async () => {
    const row = page.getByTestId('offer-table').locator('tbody tr.ant-table-row').filter({ hasText: offerTitle })
    await button(row, '暂停').click()
    await expect(modal().innerText()).resolves.toContain(`暂停领取「${offerTitle}」？`)
    await button(modal(), '暂停').click()
    await toast('已暂停领取').waitFor()
    await eventually(
      () => row.innerText(),
      (t) => expect(t).toContain('已暂停'),
    )
    const m = await newMember()
    const listed = (await call('GET', '/v1/offers?limit=100', { token: m.token })).body.items.find(
      (o: { title: string }) => o.title === offerTitle,
    )
    if (listed) {
      const refused = await call('POST', `/v1/offers/${listed.offerId}/claims`, {
        token: m.token,
        headers: { 'Idempotency-Key': randomUUID() },
      })
      expect(refused.status).toBeGreaterThanOrEqual(400)
    }
    await button(row, '恢复').click()
    await button(modal(), '恢复').click()
    await toast('已恢复领取').waitFor()
    await eventually(
      () => row.innerText(),
      (t) => expect(t).toContain('领取中'),
    )
  })

  test("补充库存 adds to a template's stock", async () => {
    await tab('券模板').click()
    const row = page.getByTestId('template-table').locator('tbody tr.ant-table-row').filter({ hasText: templateName })
    await button(row, '补充库存').click()
    await type(modal().locator('#template-edit_addStock'), '25')
    await button(modal(), '补充').click()
    await toast('已补充库存').waitFor()
    await eventually(
      () => row.innerText(),
      (t) => expect(t).toMatch(/剩余 74 \/ 75/),
    )
  })
})

describe('积分商城', () => {
  const rewardName = `测试兑换券-${suffix}`

  test('a new item, listed with its stock; a top-up adds to it', async () => {
    await go('/rewards')
    await page.getByTestId('reward-table').locator('tbody tr.ant-table-row').first().waitFor()
    await page.getByTestId('new-reward').click()
    const dialog = modal()
    await dialog.locator('#reward_name').fill(rewardName)
    await dialog.locator('#reward_description').fill('300 积分兑换')
    await type(dialog.locator('#reward_pointsCost'), '300')
    await pick(dialog.locator('#reward_templateId'), '周末闪购券')
    await type(dialog.locator('#reward_stock'), '10')
    await dialog.locator('#reward-submit').click()
    await toast(`「${rewardName}」已上架积分商城`).waitFor()
    const row = page.getByTestId('reward-table').locator('tbody tr.ant-table-row').filter({ hasText: rewardName })
    await row.waitFor()
    await expect(row.innerText()).resolves.toMatch(/300 分[\s\S]*剩余 10 \/ 10[\s\S]*兑换中/)

    await button(row, '补充库存').click()
    await type(modal().locator('#reward_addStock'), '5')
    await modal().locator('#reward-submit').click()
    await toast('已补充库存').waitFor()
    await eventually(
      () => row.innerText(),
      (t) => expect(t).toContain('剩余 15 / 15'),
    )
    await shot(page, 'rewards')
  })
})

describe('报表', () => {
  test("门店 draws each store's member sales, including a purchase just made at S001", async () => {
    const m = await newMember()
    const r = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: await memberCode(m.token), storeId: 'S001', orderId: orderId(), amountFen: 25_600 },
    })
    expect(r.status).toBe(201)
    const fromApi = async () => {
      const s = await call('GET', `/v1/admin/reports/stores?from=${today()}&to=${today()}`, { token: admin })
      expect(s.status).toBe(200)
      return s.body.stores.find((x: { storeId: string }) => x.storeId === 'S001') as { netSalesFen: number; name: string }
    }
    // The daily aggregates follow the purchase's event.
    await eventually(
      () => fromApi(),
      (s) => expect(s.netSalesFen).toBeGreaterThanOrEqual(25_600),
      20_000,
    )
    await go(`/reports?tab=stores&from=${today()}&to=${today()}`)
    await page.getByTestId('chart-stores').waitFor()
    const expected = await fromApi()
    const series = await chartSeries(page, 'chart-stores')
    const sales = series.find((s) => s.name === '会员净销售额（元）')
    expect(sales?.type).toBe('bar')
    const names = await page
      .getByTestId('chart-stores')
      .evaluate(
        (el) =>
          (el as HTMLElement & { __chart?: { getOption: () => { xAxis: { data: string[] }[] } } }).__chart?.getOption().xAxis[0]?.data ??
          [],
      )
    const i = names.indexOf(expected.name)
    expect(i).toBeGreaterThanOrEqual(0)
    expect(sales?.data[i]).toBeCloseTo(expected.netSalesFen / 100, 2)
    await expect(page.getByTestId('table-stores').innerText()).resolves.toContain('南京西路旗舰店（S001）')
    await shot(page, 'reports-stores')
  })

  test('经营概览 charts the days of the range, today with the sales just recorded', async () => {
    await go('/reports')
    await pick(page.getByTestId('report-store').locator('.ant-select'), '南京西路旗舰店')
    await page.getByTestId('chart-overview').waitFor()
    const series = await chartSeries(page, 'chart-overview')
    const sales = series.find((s) => s.name === '会员销售额（元）')
    expect(sales?.data).toHaveLength(30)
    expect(Number(sales?.data.at(-1))).toBeGreaterThanOrEqual(256)
    expect(page.url()).toContain('store=S001')
    await shot(page, 'reports-overview')
  })

  test('等级分布, 积分负债 and 优惠券 draw their charts from the reports', async () => {
    await go('/reports?tab=tiers')
    const pie = await chartSeries(page, 'chart-tier-distribution')
    const slices = pie[0]?.data as { name: string; value: number }[]
    expect(slices.map((s) => s.name)).toEqual(['普卡', '银卡', '金卡'])
    const total = (await call('GET', '/v1/admin/reports/tiers', { token: admin })).body.totalMembers as number
    expect(slices.reduce((n, s) => n + s.value, 0)).toBe(total)
    await page.getByTestId('chart-tier-movements').waitFor()
    await shot(page, 'reports-tiers')

    await tab('积分负债').click()
    const monthly = await chartSeries(page, 'chart-points-monthly')
    expect(monthly.map((s) => s.name)).toEqual(['发放', '使用', '过期', '退款冲回'])
    const issued = (monthly[0]?.data ?? []).reduce((n: number, v) => n + Number(v), 0)
    expect(issued).toBeGreaterThan(0)
    await expect(page.getByTestId('report-figure-liability').innerText()).resolves.toMatch(/¥/)
    await shot(page, 'reports-points-liability')

    // The template made above, with the one coupon claimed from it (the aggregates follow the claim's event).
    type CouponsReport = { templates: { name: string; issued: number; redeemed: number }[] }
    const couponsReport = async () => (await call('GET', '/v1/admin/reports/coupons', { token: admin })).body as CouponsReport
    await eventually(
      () => couponsReport(),
      (r) => expect(r.templates.find((t) => t.name === templateNameOfThisRun())).toMatchObject({ issued: 1, redeemed: 0 }),
      20_000,
    )
    const report = await couponsReport()
    await tab('优惠券').click()
    const drawn = page.getByTestId('chart-coupons').or(page.locator('.ant-tabs-tabpane-active .ant-result')).first()
    await drawn.waitFor()
    await shot(page, 'reports-coupons')
    const coupons = await chartSeries(page, 'chart-coupons')
    const top = report.templates.slice(0, 12)
    const names = await page
      .getByTestId('chart-coupons')
      .evaluate(
        (el) =>
          (el as HTMLElement & { __chart?: { getOption: () => { yAxis: { data: string[] }[] } } }).__chart?.getOption().yAxis[0]?.data ??
          [],
      )
    expect(names).toEqual(top.map((t) => t.name))
    expect(coupons.find((s) => s.name === '发放')?.data).toEqual(top.map((t) => t.issued))
    expect(coupons.find((s) => s.name === '核销')?.data).toEqual(top.map((t) => t.redeemed))
    await expect(page.getByTestId('table-coupons').innerText()).resolves.toContain(templateNameOfThisRun())
  })
})

describe('门店范围', () => {
  test('a store manager sees their own store: the overview of 三里屯店, and only the per-store reports', async () => {
    const other = await openDesk(desk.browser)
    try {
      const p = other.page
      await devSignIn(p, 'manager', '/')
      await p.getByTestId('figure-new-members').waitFor()
      await expect(p.locator('.ant-select').filter({ hasText: '三里屯店' }).count()).resolves.toBe(1)
      await expect(p.getByRole('menuitem', { name: /积分与等级/ }).count()).resolves.toBe(0)
      await shot(p, 'overview-manager')
      await p.goto(`${CONSOLE_URL}/reports`)
      await p.getByTestId('chart-overview').waitFor()
      await expect(p.getByRole('tab').allInnerTexts()).resolves.toEqual(['经营概览', '门店'])
      await p.getByRole('tab', { name: '门店', exact: true }).click()
      const stores = await chartSeries(p, 'chart-stores')
      expect(stores[0]?.data).toHaveLength(1)
      await expect(p.getByTestId('table-stores').innerText()).resolves.toContain('三里屯店（S002）')
    } finally {
      await other.context.close()
    }
  })
})

/** The template the 优惠券 tests created (one coupon claimed from it). */
const templateNameOfThisRun = () => `测试满减券-${suffix}`
