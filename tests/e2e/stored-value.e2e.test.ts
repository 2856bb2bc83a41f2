/**
 * Stored value (储值) in the H5 build, two phones side by side: the cashier of S001 (the till
 * names the store: 南京西路旗舰店) tops a new member up with 充500送30 after a confirmation;
 * the member's 储值 page, opened from the card's 储值余额, shows the balance split into
 * principal and bonus, the cap and the statement line. A top-up over the cap is refused
 * with what still fits (还可充值); one of ¥10,000 first asks for the payer's real name. The
 * cashier, bound to a staff account, finds the till on the mini-program's home page.
 *
 * Needs process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import type { Page } from 'playwright-core'
import { H5_URL, Phones, eventually, expectText, fillInput, joinAsNewMember, textOf, visible } from './h5'

const TILL_URL = `${H5_URL}/#/staff/pages/index/index`
const HOME_URL = `${H5_URL}/#/pages/home/index`

jest.setTimeout(180_000)

const phones = new Phones('stored-value')
const shot = (page: Page, name: string) => phones.shot(page, name)
let member: Page
let cashier: Page

const numberIn = (s: string) => Number(s.replace(/[^\d]/g, ''))

/** The 18 digits under the member's QR code, not about to roll over. */
async function readMemberCode(): Promise<string> {
  let code = ''
  await eventually(
    async () => (await textOf(member, '#member-code-digits')).replace(/\s/g, ''),
    (t) => {
      expect(t).toMatch(/^\d{18}$/)
      code = t
    },
  )
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

/** The cashier identifies the member on the top-up page by the code on the member's phone. */
async function identifyMember() {
  await visible(cashier, '#identify-member').waitFor()
  await fillInput(cashier, 'member-code-input', await readMemberCode())
  await visible(cashier, '#lookup-button').click()
  await visible(cashier, '#member-summary').waitFor()
}

/** The confirmation dialog (Taro's H5 modal): its text, then 确认充值. */
async function confirmDialog(): Promise<string> {
  const dialog = cashier.locator('.taro-modal__content').locator('visible=true').filter({ hasText: '确认充值' })
  await dialog.waitFor()
  const text = await dialog.locator('.taro-modal__text').innerText()
  await dialog.locator('.taro-model__confirm').click()
  await dialog.waitFor({ state: 'hidden' })
  return text
}

beforeAll(async () => {
  member = await phones.open()
  cashier = await phones.open()
})

afterAll(() => phones.close())

describe('stored value at the till and on the card (H5)', () => {
  const devName = `sv-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const paymentRef = `WX${Date.now()}`

  test('a new member has ¥0 on the card; the 储值 page shows the packages to ask for at the till', async () => {
    await joinAsNewMember(member, devName, { name: '储值会员', mobile: '13700137000', birthday: '1990-06-15', gender: 'male' })
    await member.goto(HOME_URL)
    await visible(member, '#member-card').waitFor()
    await expectText(member, '#stored-value', '¥0')
    await expectText(member, '#stored-value-entry', '储值余额 · 明细')
    // A member who is not staff has no way to the till.
    expect(await visible(member, '#staff-entry').count()).toBe(0)
    await visible(member, '#stored-value-entry').click()
    await visible(member, '#sv-statement').waitFor()
    await expectText(member, '#sv-balance-value', '0.00')
    await expectText(member, '#sv-cap', '储值上限 ¥5,000 · 还可充值 ¥5,000')
    await expectText(member, '#package-P500', /充500送30\s*充 ¥500\s*到账 ¥530/)
    await expectText(member, '#sv-how', '到店出示会员码充值')
    await expectText(member, '#sv-statement', '还没有储值记录')
    await shot(member, '01-empty')
    await member.goBack()
    await visible(member, '#member-code-digits').waitFor()
  })

  test('the cashier of S001 sees the store by its name and opens 储值充值 from the till', async () => {
    await cashier.goto(TILL_URL)
    await visible(cashier, '#dev-signin').waitFor()
    await fillInput(cashier, 'dev-name', 'cashier')
    await visible(cashier, '#dev-signin-button').click()
    await visible(cashier, '#identify-member').waitFor()
    await expectText(cashier, '#till-store', '南京西路旗舰店')
    expect(await textOf(cashier, '#till-store')).not.toContain('S001')
    await visible(cashier, '#go-top-up').click()
    await expectText(cashier, '#till-header', '储值充值')
    await expectText(cashier, '#till-store', '南京西路旗舰店')
    await identifyMember()
    await expectText(cashier, '#member-stored-value', '¥0.00')
  })

  test('充500送30: checked before sending, confirmed in a dialog, then the result with the new balance', async () => {
    await visible(cashier, '#top-up-submit').click()
    await expectText(cashier, '#top-up-choice-error', '请选择充值套餐或输入金额')
    await expectText(cashier, '#payment-ref-error', '请输入支付流水号')
    await visible(cashier, '#package-P500').click()
    await fillInput(cashier, 'payment-ref-input', paymentRef)
    await expectText(cashier, '#top-up-submit', '确认充值 ¥500.00（到账 ¥530.00）')
    await expect(textOf(cashier, '#top-up-id')).resolves.toMatch(/^TU\d{17}$/)
    await shot(cashier, '02-top-up-form')
    await visible(cashier, '#top-up-submit').click()
    const asked = await confirmDialog()
    expect(asked).toContain('充值 ¥500.00')
    expect(asked).toContain('赠送 ¥30.00，到账 ¥530.00')
    expect(asked).toContain(paymentRef)
    expect(asked).toContain('不能撤销')

    await visible(cashier, '#top-up-result').waitFor()
    await expectText(cashier, '#top-up-status', '充值成功')
    await expectText(cashier, '#top-up-credited', '+¥530.00')
    await expectText(cashier, '#top-up-paid', '¥500.00')
    await expectText(cashier, '#top-up-bonus', '¥30.00')
    await expectText(cashier, '#top-up-balance', '¥530.00')
    await expectText(cashier, '#top-up-split', '其中本金 ¥500.00 · 赠送 ¥30.00')
    expect(await visible(cashier, '#top-up-replayed').count()).toBe(0)
    await shot(cashier, '03-top-up-result')
  })

  test("the member's 储值 page shows the balance, principal and bonus, the room under the cap and the line", async () => {
    await visible(member, '#stored-value-entry').click()
    await visible(member, '#sv-statement').waitFor()
    await expectText(member, '#sv-balance-value', '530.00')
    await expectText(member, '#sv-principal', '¥500.00')
    await expectText(member, '#sv-bonus', '¥30.00')
    await expectText(member, '#sv-cap', '还可充值 ¥4,470')
    const line = visible(member, '.sv-move').first()
    await expect(line.innerText()).resolves.toMatch(
      /充值[\s\S]*南京西路旗舰店[\s\S]*本金 ¥500.00 \+ 赠送 ¥30.00[\s\S]*\+¥530.00[\s\S]*余额 ¥530.00/,
    )
    await expectText(member, '#stored-value-end', '没有更多了')
    await shot(member, '04-after-top-up')
    await member.goBack()
    await visible(member, '#member-card').waitFor()
    await expectText(member, '#stored-value', '¥530')
  })

  test('over the cap: refused, with 还可充值; ¥10,000 first asks for the real name, then is refused by the cap', async () => {
    await visible(cashier, '#top-up-next').click()
    await identifyMember()
    await expectText(cashier, '#member-stored-value', '¥530.00')
    await visible(cashier, '#package-custom').click()
    await fillInput(cashier, 'top-up-amount-input', '4480')
    await fillInput(cashier, 'payment-ref-input', `${paymentRef}B`)
    await expectText(cashier, '#top-up-submit', '确认充值 ¥4,480.00')
    await visible(cashier, '#top-up-submit').click()
    await confirmDialog()
    await visible(cashier, '#top-up-refused').waitFor()
    await expectText(cashier, '#top-up-refused', '超出储值上限')
    await expectText(cashier, '#top-up-room', '还可充值 ¥4,470.00')
    await shot(cashier, '05-cap-refused')

    // A corporate top-up of ¥10,000: the payer's real name first (then sent again, same receipt).
    const receipt = await textOf(cashier, '#top-up-id')
    await fillInput(cashier, 'top-up-amount-input', '10000')
    expect(await visible(cashier, '#top-up-refused').count()).toBe(0) // the old refusal no longer stands
    await visible(cashier, '#top-up-submit').click()
    await confirmDialog()
    await visible(cashier, '#real-name').waitFor()
    await expectText(cashier, '#top-up-error', '实名信息')
    await expectText(cashier, '#top-up-submit', '补充实名信息后确认充值 ¥10,000.00')
    await visible(cashier, '#top-up-submit').click()
    await expectText(cashier, '#payer-name-error', '请输入付款人姓名')
    await fillInput(cashier, 'payer-name-input', '上海某某贸易有限公司')
    await fillInput(cashier, 'payer-id-input', '91310000MA1FL0000X')
    await fillInput(cashier, 'payer-bank-ref-input', 'BANK20261125001')
    await shot(cashier, '06-real-name')
    await visible(cashier, '#top-up-submit').click()
    await confirmDialog()
    await expectText(cashier, '#top-up-room', '还可充值 ¥4,470.00')
    await expect(textOf(cashier, '#top-up-id')).resolves.toBe(receipt)
    await shot(cashier, '07-real-name-then-cap')

    // Nothing was added.
    await visible(member, '#stored-value-entry').click()
    await expectText(member, '#sv-balance-value', '530.00')
    await member.goBack()
  })

  test('the cashier, bound to a staff account, finds 门店收银台 on the home page and it opens the till', async () => {
    await cashier.goto(HOME_URL)
    await visible(cashier, '#staff-entry').waitFor()
    await expectText(cashier, '#staff-entry', '门店收银台')
    await shot(cashier, '08-home-staff-entry')
    await visible(cashier, '#staff-entry').click()
    await visible(cashier, '#identify-member').waitFor()
    await expectText(cashier, '#till-store', '南京西路旗舰店')
    expect(phones.pageErrors).toEqual([])
  })
})
