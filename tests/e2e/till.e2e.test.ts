/**
 * The till in the H5 build, with two browsers side by side (separate storage): a member
 * joins and shows their dynamic member code; a cashier of store S001 binds, looks the
 * member up by that code and records a ¥350.00 purchase; the member's card, points page
 * and benefits page show the new points and tier progress; the cashier sees the sale in
 * today's transactions and refunds part of it.
 *
 * Needs process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import type { Page } from 'playwright-core'
import { H5_URL, JOIN_LINK, Phones, eventually, expectText, fillInput, textOf, visible } from './h5'

const TILL_URL = `${H5_URL}/#/staff/pages/index/index`

const AMOUNT = '350.00'
const AMOUNT_FEN = 35_000
const SILVER_THRESHOLD_FEN = 300_000 // the demo program's default (PRODUCT.md §4)

jest.setTimeout(180_000)

const phones = new Phones('till')
const shot = (page: Page, name: string) => phones.shot(page, name)
let member: Page
let cashier: Page

const numberIn = (s: string) => Number(s.replace(/[^\d]/g, ''))
const readCardPoints = async () => numberIn(await textOf(member, '#points'))

/** The 18 digits under the member's QR code (it changes every minute: read it when needed). */
async function readMemberCode(): Promise<string> {
  let code = ''
  await eventually(
    async () => (await textOf(member, '#member-code-digits')).replace(/\s/g, ''),
    (t) => {
      expect(t).toMatch(/^\d{18}$/)
      code = t
    },
  )
  // Avoid a code about to roll over: wait for the next one when under 15 s are left.
  const left = numberIn(await textOf(member, '#member-code-countdown'))
  if (left > 0 && left < 15) {
    await eventually(
      async () => (await textOf(member, '#member-code-digits')).replace(/\s/g, ''),
      (t) => expect(t).not.toBe(code),
      30_000,
    )
    return readMemberCode()
  }
  return code
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

  test('the member code finds the member, shown masked', async () => {
    await fillInput(cashier, 'member-code-input', await readMemberCode())
    await visible(cashier, '#lookup-button').click()
    await visible(cashier, '#member-summary').waitFor()
    await expectText(cashier, '#member-name', /^测\*+员$/)
    await expectText(cashier, '#member-mobile', '138****8000')
    await expectText(cashier, '#member-tier', '普卡')
    expect(numberIn(await textOf(cashier, '#member-points'))).toBe(pointsBefore)
    expect(await textOf(cashier, '#purchase-form')).not.toContain('13800138000')
    await expect(visible(cashier, '#order-id-input input').inputValue()).resolves.toMatch(/^POS\d{17}$/)
    await shot(cashier, '04-member-found')
  })

  test('recording a ¥350.00 purchase shows the points, explained', async () => {
    await fillInput(cashier, 'amount-input', 'abc')
    await visible(cashier, '#purchase-submit').click()
    await expectText(cashier, '#amount-error', '请输入正确的金额')
    await fillInput(cashier, 'amount-input', AMOUNT)
    await fillInput(cashier, 'order-id-input', orderId)
    await expectText(cashier, '#purchase-submit', `记录消费 ¥${AMOUNT}`)
    await shot(cashier, '05-purchase-form')
    await visible(cashier, '#purchase-submit').click()

    await visible(cashier, '#purchase-result').waitFor()
    await expectText(cashier, '#points-base', String(AMOUNT_FEN / 100))
    awarded = numberIn(await textOf(cashier, '#points-awarded'))
    // ¥1 = 1 point at 普卡; promotions (member day, birthday month) may multiply it.
    expect(awarded).toBeGreaterThanOrEqual(AMOUNT_FEN / 100)
    const total = (await textOf(cashier, '#points-total')) || String(awarded)
    expect(numberIn(total)).toBe(awarded)
    await expectText(cashier, '#points-balance-after', `积分余额 ${pointsBefore + awarded}`)
    await expectText(cashier, '#result-tier-progress', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN - AMOUNT_FEN)} 升级银卡`)
    expect(await visible(cashier, '#purchase-replayed').count()).toBe(0)
    await shot(cashier, '06-purchase-result')
  })

  test('sending the same order again is recognised: 该订单已记录, with the first result', async () => {
    await visible(cashier, '#next-customer').click()
    await visible(cashier, '#identify-member').waitFor()
    await fillInput(cashier, 'member-code-input', await readMemberCode())
    await visible(cashier, '#lookup-button').click()
    await visible(cashier, '#member-summary').waitFor()
    await expectText(cashier, '#member-points', String(pointsBefore + awarded))
    await fillInput(cashier, 'amount-input', AMOUNT)
    await fillInput(cashier, 'order-id-input', orderId)
    await visible(cashier, '#purchase-submit').click()
    await expectText(cashier, '#purchase-replayed', '该订单已记录')
    expect(numberIn(await textOf(cashier, '#points-awarded'))).toBe(awarded)
    await shot(cashier, '07-purchase-replayed')
    await visible(cashier, '#next-customer').click()
  })

  test('the member card shows the new points and tier progress', async () => {
    await member.reload()
    await visible(member, '#member-card').waitFor()
    await eventually(readCardPoints, (p) => expect(p).toBe(pointsBefore + awarded))
    await expectText(member, '#tier-progress-text', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN - AMOUNT_FEN)} 升级银卡`)
    await shot(member, '08-member-home-after')
  })

  test('the points page lists the purchase with its points', async () => {
    await visible(member, '#points-entry').click()
    await visible(member, '#points-ledger').waitFor()
    await expectText(member, '#points-balance-value', String(pointsBefore + awarded))
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
    await expectText(member, '#benefits-progress', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN - AMOUNT_FEN)} 升级银卡`)
    await shot(member, '10-benefits')
  })

  test("today's transactions list the sale with the day's total", async () => {
    await visible(cashier, '#go-today').click()
    await visible(cashier, '#till-transactions').waitFor()
    // Newest first; other tests sell at S001 at the same time, so page on if they pushed it down.
    await showTransaction(orderId)
    await expectText(cashier, '#till-count-purchases', /消费 \d+ 笔/)
    expect(numberIn(await textOf(cashier, '#till-net'))).toBeGreaterThanOrEqual(AMOUNT_FEN)
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

  test('a partial refund from the transaction list reverses points in proportion; back on the list, it is there', async () => {
    const refundsBefore = numberIn((await textOf(cashier, '#till-count-refunds')).split('·')[0] ?? '')
    await visible(cashier, '.till-tx').filter({ hasText: orderId }).first().click()
    await visible(cashier, '#refund-form').waitFor()
    await expect(visible(cashier, '#refund-order-input input').inputValue()).resolves.toBe(orderId)
    await expect(visible(cashier, '#refund-id-input input').inputValue()).resolves.toMatch(/^RF\d{17}$/)
    await fillInput(cashier, 'refund-amount-input', '400')
    await visible(cashier, '#refund-submit').click()
    await expectText(cashier, '#refund-amount-error', '退款金额超过了原订单金额')
    await fillInput(cashier, 'refund-amount-input', '175.00')
    const refundId = await visible(cashier, '#refund-id-input input').inputValue()
    await visible(cashier, '#refund-submit').click()
    await visible(cashier, '#refund-result').waitFor()
    const reversed = numberIn(await textOf(cashier, '#points-reversed'))
    expect(reversed).toBe(awarded - Math.floor(awarded / 2))
    await expectText(cashier, '#refund-balance', String(pointsBefore + awarded - reversed))
    await shot(cashier, '12-refund')

    // Back to today's list (opened from it): the refund is there at once, no manual reload.
    await visible(cashier, '#refund-back-today').click()
    await visible(cashier, '#till-transactions').waitFor()
    await visible(cashier, '.till-tx').filter({ hasText: refundId }).first().waitFor({ timeout: 10_000 })
    await expect(visible(cashier, '.till-tx').filter({ hasText: refundId }).first().innerText()).resolves.toContain('-¥175.00')
    await eventually(
      async () => numberIn((await textOf(cashier, '#till-count-refunds')).split('·')[0] ?? ''),
      (n) => expect(n).toBeGreaterThan(refundsBefore),
    )
    await shot(cashier, '12b-today-after-refund')

    await member.reload()
    await visible(member, '#benefits').waitFor()
    await expectText(member, '#benefits-progress', `再消费 ¥${yuan(SILVER_THRESHOLD_FEN - AMOUNT_FEN / 2)} 升级银卡`)
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
    await shot(cashier, '13-admin-stores')
    expect(phones.pageErrors).toEqual([])
  })
})
