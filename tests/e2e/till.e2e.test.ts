/**
 * The till in the H5 build, with two browsers side by side (separate storage): a member
 * joins and shows their dynamic member code; they are given 2,000 points, ¥1,100 of stored
 * value (充1000送100) and a 满100减20 coupon over the API. A cashier of store S001 binds,
 * looks the member up by that code and checks out a ¥350.00 order with the coupon, 1,000
 * points and ¥200 from the card: the page quotes each pick, the summary shows what to
 * collect (¥120.00), one confirmation lists the breakdown, the result shows how it was paid.
 * The member's card, points page and benefits page show the new points and tier progress;
 * the cashier sees the sale in today's transactions, and the refund screen, prefilled from
 * the order, refunds half (coupon kept) and then the rest (every part back).
 *
 * Needs process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import type { Page } from 'playwright-core'
import { randomUUID } from 'node:crypto'
import { H5_URL, JOIN_LINK, Phones, apiCall, eventually, expectText, fillInput, textOf, visible } from './h5'

const TILL_URL = `${H5_URL}/#/staff/pages/index/index`

const AMOUNT = '350.00'
const AMOUNT_FEN = 35_000
/** The order: ¥350 − 满100减20 − 1,000 points (¥10) = ¥320 paid, of which ¥200 from the card and ¥120 in cash. */
const COUPON_FEN = 2_000
const POINTS_DEDUCTED = 1_000
const STORED_VALUE_FEN = 20_000
const PAID_FEN = AMOUNT_FEN - COUPON_FEN - POINTS_DEDUCTED
const CASH_FEN = PAID_FEN - STORED_VALUE_FEN
const GIVEN_POINTS = 2_000
/** 12000 → "120.00" (the till's amounts, under ¥1,000 here). */
const y2 = (fen: number) => (fen / 100).toFixed(2)
/** 1320 → "1,320": how the app prints points. */
const pts = (n: number) => n.toLocaleString('en-US')
const SILVER_THRESHOLD_FEN = 300_000 // the demo program's default (PRODUCT.md §4)

jest.setTimeout(180_000)

const phones = new Phones('till')
const shot = (page: Page, name: string) => phones.shot(page, name)
let member: Page
let cashier: Page

const numberIn = (s: string) => Number(s.replace(/[^\d]/g, ''))
const readCardPoints = async () => numberIn(await textOf(member, '#points'))

/**
 * The 18 digits under the member's QR code (it changes every minute: read it when needed),
 * with at least `minLeft` seconds to go (a checkout quotes with it until it is done).
 */
async function readMemberCode(minLeft = 15): Promise<string> {
  let code = ''
  await eventually(
    async () => (await textOf(member, '#member-code-digits')).replace(/\s/g, ''),
    (t) => {
      expect(t).toMatch(/^\d{18}$/)
      code = t
    },
  )
  // Avoid a code about to roll over: wait for the next one when under `minLeft` s are left.
  const left = numberIn(await textOf(member, '#member-code-countdown'))
  if (left > 0 && left < minLeft) {
    await eventually(
      async () => (await textOf(member, '#member-code-digits')).replace(/\s/g, ''),
      (t) => expect(t).not.toBe(code),
      70_000,
    )
    return readMemberCode(minLeft)
  }
  return code
}

/** Taro's H5 modal with this title: its text; then the button pressed. */
async function answerDialog(title: string, press: 'confirm' | 'cancel', screenshot?: string): Promise<string> {
  const dialog = cashier.locator('.taro-modal__content').locator('visible=true').filter({ hasText: title })
  await dialog.waitFor()
  const text = await dialog.locator('.taro-modal__text').innerText()
  if (screenshot) await shot(cashier, screenshot)
  await dialog.locator(press === 'confirm' ? '.taro-model__confirm' : '.taro-model__cancel').click()
  await dialog.waitFor({ state: 'hidden' })
  return text
}

/** The member as the H5 app keeps their session: their token. */
const memberToken = async (): Promise<string> =>
  member.evaluate(() => (JSON.parse(localStorage.getItem('huiyuan.session') ?? '{}') as { data?: { token?: string } }).data?.token ?? '')

/** Over the API: 2,000 points from the admin, 充1000送100 at S001, and a claimed 满100减20 coupon (its code). */
async function stockUpMember(): Promise<string> {
  const token = await memberToken()
  const me = await apiCall('GET', '/v1/me', undefined, token)
  const [admin, till] = await Promise.all([
    apiCall('POST', '/v1/auth/wechat', { code: 'dev:admin' }),
    apiCall('POST', '/v1/auth/wechat', { code: 'dev:cashier' }),
  ])
  await apiCall(
    'POST',
    `/v1/admin/members/${me.memberId}/adjustments`,
    { points: GIVEN_POINTS, reason: '收银测试', idempotencyKey: randomUUID() },
    admin.token,
  )
  const code = (await apiCall('GET', '/v1/me/code', undefined, token)).code as string
  await apiCall(
    'POST',
    '/v1/staff/stored-value/top-ups',
    { memberCode: code, storeId: 'S001', topUpId: `TU${Date.now()}`, packageId: 'P1000', paymentRef: 'WX-E2E' },
    till.token,
  )
  const template = await apiCall(
    'POST',
    '/v1/admin/coupon-templates',
    {
      name: '满100减20',
      kind: 'cash_off',
      valueFen: COUPON_FEN,
      thresholdFen: 10_000,
      validity: { type: 'relative', days: 7 },
      totalStock: null,
      perMemberLimit: 1,
    },
    admin.token,
  )
  const now = Date.now()
  const offer = await apiCall(
    'POST',
    '/v1/admin/offers',
    {
      templateId: template.templateId,
      title: '收银测试满减券',
      claimFrom: new Date(now - 60_000).toISOString(),
      claimUntil: new Date(now + 86_400_000).toISOString(),
    },
    admin.token,
  )
  const claimed = await apiCall('POST', `/v1/offers/${offer.offerId}/claims`, undefined, token, { 'idempotency-key': randomUUID() })
  return claimed.coupon.code as string
}

/** Pages through today's transactions (加载更多) until the order's row is there. */
async function showTransaction(id: string) {
  await visible(cashier, '#till-transactions').waitFor()
  const row = visible(cashier, '.till-tx').filter({ hasText: id })
  for (let pages = 0; (await row.count()) === 0; pages++) {
    const more = visible(cashier, '.till-list__more button')
    if (pages > 50 || (await more.count()) === 0) throw new Error(`order ${id} is not in today's transactions`)
    await more.click()
    await visible(cashier, '.till-list__more button:not([disabled]), .till-list__more .hy-muted').first().waitFor()
  }
}

/** "350.00" → "350", "2650.5" → "2650.50": how the member pages print yuan. */
const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`)

beforeAll(async () => {
  member = await phones.open()
  cashier = await phones.open()
})

afterAll(() => phones.close())

describe('the till and the member, side by side (H5)', () => {
  const devName = `till-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const orderId = `E2E-${Date.now()}`
  let pointsBefore = 0
  let awarded = 0
  let earnQuoted = 0
  let couponCode = ''
  let halfReversed = 0
  let refundsBefore = 0

  test('a new member joins and sees their member code', async () => {
    await member.goto(JOIN_LINK)
    await visible(member, '#dev-signin').waitFor()
    await fillInput(member, 'dev-name', devName)
    await visible(member, '#dev-signin-button').click()
    await expectText(member, '#dev-signin', devName)
    await fillInput(member, 'field-name', '测试会员')
    await fillInput(member, 'field-mobile', '13800138000')
    await visible(member, '#field-birthday').click()
    await visible(member, '.nut-picker-confirm-btn').first().click()
    await visible(member, '.gender-female').click()
    await visible(member, '#privacy-consent .nut-checkbox').click()
    await visible(member, '#join-submit').click()
    await visible(member, '#member-card').waitFor()
    await expectText(member, '#tier-progress-text', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN)} 升级银卡`)
    pointsBefore = await readCardPoints()
    await readMemberCode()
    await shot(member, '01-member-home')
  })

  test('a user without a staff role is asked for a binding code; a wrong one is refused in Chinese', async () => {
    await cashier.goto(TILL_URL)
    await visible(cashier, '#staff-bind').waitFor()
    await fillInput(cashier, 'bind-code', 'NOTACODE42')
    await visible(cashier, '#bind-submit').click()
    await expectText(cashier, '#bind-error', '绑定码无效或已过期')
    await shot(cashier, '02-bind')
  })

  test('the cashier of S001 signs in and sees the till for that store', async () => {
    await fillInput(cashier, 'dev-name', 'cashier')
    await visible(cashier, '#dev-signin-button').click()
    await visible(cashier, '#identify-member').waitFor()
    // The store by its name (the seeded cashier's store S001), never its id.
    await expectText(cashier, '#till-store', '南京西路旗舰店')
    expect(await textOf(cashier, '#till-store')).not.toContain('S001')
    await expectText(cashier, '#till-role', '收银员')
    expect(await visible(cashier, '#store-picker').count()).toBe(0) // one store only
    await fillInput(cashier, 'member-code-input', '12345')
    await visible(cashier, '#lookup-button').click()
    await expectText(cashier, '#lookup-error', '请输入 18 位会员码')
    await shot(cashier, '03-till')
  })

  test('the member code finds the member, shown masked, with their points and stored value', async () => {
    couponCode = await stockUpMember()
    await fillInput(cashier, 'member-code-input', await readMemberCode(45))
    await visible(cashier, '#lookup-button').click()
    await visible(cashier, '#member-summary').waitFor()
    await expectText(cashier, '#member-name', /^测\*+员$/)
    await expectText(cashier, '#member-mobile', '138****8000')
    await expectText(cashier, '#member-tier', '普卡')
    expect(numberIn(await textOf(cashier, '#member-points'))).toBe(pointsBefore + GIVEN_POINTS)
    await expectText(cashier, '#member-stored-value', '¥1,100.00')
    expect(await textOf(cashier, '#checkout-form')).not.toContain('13800138000')
    await expectText(cashier, '#checkout-form', '输入订单金额后')
    await expect(visible(cashier, '#order-id-input input').inputValue()).resolves.toMatch(/^POS\d{17}$/)
  })

  test("after the amount, the till lists the member's coupons and quotes each pick: coupon, points, stored value", async () => {
    await fillInput(cashier, 'amount-input', 'abc')
    await visible(cashier, '#checkout-submit').click()
    await expectText(cashier, '#amount-error', '请输入正确的金额')
    await fillInput(cashier, 'amount-input', AMOUNT)
    const coupon = visible(cashier, `#coupon-${couponCode}`)
    await coupon.waitFor()
    await expect(coupon.innerText()).resolves.toMatch(/满100减20[\s\S]*−¥20\.00/)
    await expectText(cashier, '#summary-cash', `¥${AMOUNT}`)
    await expectText(cashier, '#stored-value-balance', '储值余额 ¥1,100.00')
    await shot(cashier, '04-checkout-member-found')

    await coupon.click()
    await expectText(cashier, '#summary-coupons', '−¥20.00')
    await expectText(cashier, '#summary-cash', '¥330.00')
    await expectText(cashier, '#coupons-picked', '已选 1 张')
    await shot(cashier, '05-checkout-coupon-picked')

    await visible(cashier, '#points-switch').click()
    await visible(cashier, '#points-input').waitFor()
    await fillInput(cashier, 'points-input', String(POINTS_DEDUCTED))
    await expectText(cashier, '#points-worth', '抵 ¥10.00')
    await expectText(cashier, '#summary-points', '−¥10.00')
    await expectText(cashier, '#summary-cash', `¥${y2(PAID_FEN)}`)

    await visible(cashier, '#stored-value-switch').click()
    // As much as the card holds and is due: all ¥320.00 from the card, nothing in cash.
    await expectText(cashier, '#summary-stored-value', `¥${y2(PAID_FEN)}`)
    await expectText(cashier, '#summary-cash', '¥0.00')
    await fillInput(cashier, 'stored-value-input', '200')
    await expectText(cashier, '#summary-amount', `¥${AMOUNT}`)
    await expectText(cashier, '#summary-stored-value', '¥200.00')
    await expectText(cashier, '#summary-cash', `¥${y2(CASH_FEN)}`)
    earnQuoted = numberIn(await textOf(cashier, '#summary-earn'))
    expect(earnQuoted).toBeGreaterThanOrEqual(PAID_FEN / 100)
    await fillInput(cashier, 'order-id-input', orderId)
    await expectText(cashier, '#checkout-submit', `确认结账 · 收现金 ¥${y2(CASH_FEN)}`)
    await shot(cashier, '06-checkout-summary')
  })

  test('one confirmation with the breakdown, one checkout: the result shows how it was paid and the points', async () => {
    await visible(cashier, '#checkout-submit').click()
    const asked = await answerDialog('确认结账', 'confirm', '07-checkout-confirm')
    expect(asked).toContain(`订单金额 ¥${AMOUNT}`)
    expect(asked).toContain('优惠券 1 张 −¥20.00')
    expect(asked).toContain('积分抵现 1,000 积分 −¥10.00')
    expect(asked).toContain(`储值支付 ¥${y2(STORED_VALUE_FEN)}`)
    expect(asked).toContain(`应收现金 ¥${y2(CASH_FEN)}`)
    expect(asked).toContain('不能撤销')

    await visible(cashier, '#checkout-result').waitFor()
    await expectText(cashier, '#result-cash', `收现金 ¥${y2(CASH_FEN)}`)
    await expectText(cashier, '#checkout-paid', /订单金额\s*¥350\.00/)
    await expectText(cashier, '#checkout-paid', /优惠券 满100减20\s*−¥20\.00/)
    await expectText(cashier, '#paid-points', /积分抵现 1,000 积分\s*−¥10\.00/)
    await expectText(cashier, '#paid-stored-value', '¥200.00')
    await expectText(cashier, '#paid-cash', `¥${y2(CASH_FEN)}`)
    await expectText(cashier, '#points-base', String(PAID_FEN / 100))
    awarded = numberIn(await textOf(cashier, '#points-awarded'))
    // Earned on what was paid (¥320), ¥1 = 1 point at 普卡; promotions may multiply it.
    expect(awarded).toBe(earnQuoted)
    const total = (await textOf(cashier, '#points-total')) || String(awarded)
    expect(numberIn(total)).toBe(awarded)
    await expectText(cashier, '#points-balance-after', `积分余额 ${pts(pointsBefore + GIVEN_POINTS - POINTS_DEDUCTED + awarded)}`)
    await expectText(cashier, '#stored-value-after', '¥900.00')
    await expectText(cashier, '#result-tier-progress', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN - PAID_FEN)} 升级银卡`)
    expect(await visible(cashier, '#checkout-replayed').count()).toBe(0)
    await visible(cashier, '#refund-this-order').waitFor()
    await shot(cashier, '08-checkout-result')
  })

  test('the same order number with a different order is refused, charging nothing', async () => {
    await visible(cashier, '#next-customer').click()
    await visible(cashier, '#identify-member').waitFor()
    await fillInput(cashier, 'member-code-input', await readMemberCode())
    await visible(cashier, '#lookup-button').click()
    await visible(cashier, '#member-summary').waitFor()
    await expectText(cashier, '#member-points', pts(pointsBefore + GIVEN_POINTS - POINTS_DEDUCTED + awarded))
    await expectText(cashier, '#member-stored-value', '¥900.00')
    await fillInput(cashier, 'amount-input', AMOUNT)
    // The coupon is used: no longer offered.
    await visible(cashier, '#checkout-summary').waitFor()
    expect(await visible(cashier, `#coupon-${couponCode}`).count()).toBe(0)
    await fillInput(cashier, 'order-id-input', orderId)
    await expectText(cashier, '#checkout-submit', `确认结账 · 收现金 ¥${AMOUNT}`)
    await visible(cashier, '#checkout-submit').click()
    await answerDialog('确认结账', 'confirm')
    await expectText(cashier, '#order-id-error', '该订单号已用不同的内容结过账')
    await shot(cashier, '09-order-reused')
    await visible(cashier, '#member-change').click()
    await visible(cashier, '#identify-member').waitFor()
  })

  test('the member card shows the new points and tier progress', async () => {
    await member.reload()
    await visible(member, '#member-card').waitFor()
    await eventually(readCardPoints, (p) => expect(p).toBe(pointsBefore + GIVEN_POINTS - POINTS_DEDUCTED + awarded))
    await expectText(member, '#tier-progress-text', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN - PAID_FEN)} 升级银卡`)
    await shot(member, '08-member-home-after')
  })

  test('the points page lists the purchase with its points', async () => {
    await visible(member, '#points-entry').click()
    await visible(member, '#points-ledger').waitFor()
    await expectText(member, '#points-balance-value', pts(pointsBefore + GIVEN_POINTS - POINTS_DEDUCTED + awarded))
    await expectText(member, '#points-ledger', '消费')
    await expectText(member, '#points-ledger', `+${awarded}`)
    await expectText(member, '#points-ledger', orderId)
    await expectText(member, '#points-end', '没有更多了')
    await shot(member, '09-points')
    await member.goBack()
    await visible(member, '#member-card').waitFor()
  })

  test("the benefits page compares the tiers and highlights the member's own", async () => {
    await visible(member, '#tier-progress').click()
    await visible(member, '#benefits').waitFor()
    await expectText(member, '#tier-normal', '当前等级')
    await expectText(member, '#tier-silver', '累计消费满 ¥3000')
    await expectText(member, '#tier-silver', '积分 1.2 倍')
    await expectText(member, '#tier-gold', '积分 1.5 倍')
    expect(await textOf(member, '#tier-silver')).not.toContain('当前等级')
    await expectText(member, '#benefits-progress', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN - PAID_FEN)} 升级银卡`)
    await shot(member, '10-benefits')
  })

  test("today's transactions list the sale with the day's total", async () => {
    await visible(cashier, '#go-today').click()
    await visible(cashier, '#till-transactions').waitFor()
    // Newest first; other tests sell at S001 at the same time, so page on if they pushed it down.
    await showTransaction(orderId)
    await expectText(cashier, '#till-count-purchases', /消费 \d+ 笔/)
    expect(numberIn(await textOf(cashier, '#till-net'))).toBeGreaterThanOrEqual(PAID_FEN)
    await shot(cashier, '11-today')

    // The day before: another day's list (the test database starts empty, so nothing then).
    await expectText(cashier, '#day-current', '今天')
    await visible(cashier, '#day-prev').click()
    await expectText(cashier, '#day-current', /^\d{4}年\d{1,2}月\d{1,2}日$/)
    await expectText(cashier, '#till-header', '历史流水')
    await eventually(
      () => textOf(cashier, '#till-transactions'),
      (t) => expect(t).not.toContain(orderId),
    )
    await shot(cashier, '11b-day-before')
    await visible(cashier, '#day-next').click()
    await expectText(cashier, '#day-current', '今天')
    await showTransaction(orderId)
  })

  test('the refund screen, opened from the list, shows what the order paid how and prefills what can be refunded', async () => {
    refundsBefore = numberIn((await textOf(cashier, '#till-count-refunds')).split('·')[0] ?? '')
    await visible(cashier, '.till-tx').filter({ hasText: orderId }).first().click()
    await visible(cashier, '#refund-form').waitFor()
    await expect(visible(cashier, '#refund-order-input input').inputValue()).resolves.toBe(orderId)
    await expect(visible(cashier, '#refund-id-input input').inputValue()).resolves.toMatch(/^RF\d{17}$/)
    await expectText(cashier, '#order-paid', `¥${y2(PAID_FEN)}`)
    await expectText(cashier, '#order-stored-value', '¥200.00')
    await expectText(cashier, '#order-coupons', /优惠券 1 张\s*−¥20\.00/)
    await expectText(cashier, '#order-points', '1,000 积分')
    await expectText(cashier, '#order-refunded', '¥0.00')
    await expectText(cashier, '#refund-max', `最多可退 ¥${y2(PAID_FEN)}`)
    await expect(visible(cashier, '#refund-amount-input input').inputValue()).resolves.toBe(y2(PAID_FEN))
    await shot(cashier, '12-refund-prefill')
    await fillInput(cashier, 'refund-amount-input', '400')
    await visible(cashier, '#refund-submit').click()
    await expectText(cashier, '#refund-amount-error', `最多可退 ¥${y2(PAID_FEN)}`)
  })

  test('half back: half the stored value to the card, the rest in cash, half the points deducted back; the coupon stays used', async () => {
    await fillInput(cashier, 'refund-amount-input', '160.00')
    const refundId = await visible(cashier, '#refund-id-input input').inputValue()
    await visible(cashier, '#refund-submit').click()
    const asked = await answerDialog('确认退款', 'confirm')
    expect(asked).toContain(`订单 ${orderId} 退款 ¥160.00`)
    expect(asked).toContain('部分退款：1 张优惠券仍为已使用')
    await visible(cashier, '#refund-result').waitFor()
    await expectText(cashier, '#refund-stored-value', /退回储值（回到会员卡）\s*¥100\.00/)
    await expectText(cashier, '#refund-cash', '¥60.00')
    await expectText(cashier, '#refund-points-returned', '+500')
    const reversed = numberIn(await textOf(cashier, '#points-reversed'))
    expect(reversed).toBe(awarded - Math.floor(awarded / 2))
    halfReversed = reversed
    await expectText(cashier, '#refund-balance', pts(pointsBefore + GIVEN_POINTS - POINTS_DEDUCTED + awarded - reversed + 500))
    await expectText(cashier, '#refund-coupons', '部分退款不退回优惠券')
    await shot(cashier, '13-refund-half')

    // Back to today's list (opened from it): the refund is there at once, no manual reload.
    await visible(cashier, '#refund-back-today').click()
    await visible(cashier, '#till-transactions').waitFor()
    await visible(cashier, '.till-tx').filter({ hasText: refundId }).first().waitFor({ timeout: 10_000 })
    await expect(visible(cashier, '.till-tx').filter({ hasText: refundId }).first().innerText()).resolves.toContain('-¥160.00')
    await eventually(
      async () => numberIn((await textOf(cashier, '#till-count-refunds')).split('·')[0] ?? ''),
      (n) => expect(n).toBeGreaterThan(refundsBefore),
    )
  })

  test('the rest back: prefilled with what is left, every part returned and the coupon back in the wallet', async () => {
    await showTransaction(orderId)
    await visible(cashier, '.till-tx').filter({ hasText: orderId }).filter({ hasNotText: 'RF' }).first().click()
    await visible(cashier, '#refund-form').waitFor()
    await expectText(cashier, '#order-refunded', '¥160.00')
    await expectText(cashier, '#refund-max', '最多可退 ¥160.00')
    await expect(visible(cashier, '#refund-amount-input input').inputValue()).resolves.toBe('160.00')
    await visible(cashier, '#refund-submit').click()
    await answerDialog('确认退款', 'confirm')
    await visible(cashier, '#refund-result').waitFor()
    await expectText(cashier, '#refund-stored-value', '¥100.00')
    await expectText(cashier, '#refund-cash', '¥60.00')
    await expectText(cashier, '#refund-points-returned', '+500')
    await expectText(cashier, '#points-reversed', `-${awarded - halfReversed} 积分`)
    await expectText(cashier, '#refund-total', `¥${y2(PAID_FEN)}`)
    await expectText(cashier, '#refund-coupons', '1 张优惠券已退回会员券包')
    await expectText(cashier, '#refund-balance', pts(pointsBefore + GIVEN_POINTS))
    await shot(cashier, '14-refund-rest')

    await member.goto(`${H5_URL}/#/pages/home/index`)
    await visible(member, '#member-card').waitFor()
    await expectText(member, '#stored-value', /^¥1,?100$/)
    await visible(member, '#tier-progress').click()
    await visible(member, '#benefits').waitFor()
    await expectText(member, '#benefits-progress', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN)} 升级银卡`)
  })

  test('an admin may act for every store and picks one', async () => {
    await cashier.goto(TILL_URL)
    await cashier.reload()
    await visible(cashier, '#dev-signin').waitFor()
    await fillInput(cashier, 'dev-name', 'admin')
    await visible(cashier, '#dev-signin-button').click()
    await expectText(cashier, '#till-role', '管理员')
    await visible(cashier, '#store-picker').waitFor()
    await visible(cashier, '#store-S002').click()
    await expectText(cashier, '#till-store', '三里屯店')
    await visible(cashier, '#identify-member').waitFor()
    await shot(cashier, '15-admin-stores')
    expect(phones.pageErrors).toEqual([])
  })
})
