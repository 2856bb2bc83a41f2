/**
 * Coupons in the H5 build, two phones side by side (separate storage): a new member claims
 * 满100减20 in the offer centre, opens it in the wallet and shows its code; the cashier of
 * store S001 redeems that code against a ¥120 order; the member finds it under 已使用.
 * The member signs in and joins through the API (the join form has its own journey test)
 * and the app picks the session up from storage, as it would after a restart.
 *
 * Needs process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import type { Page } from 'playwright-core'
import {
  H5_URL,
  Phones,
  answerSubscribeDialog,
  apiCall,
  eventually,
  expectText,
  fillInput,
  joinAsNewMember,
  textOf,
  visible,
  waitForListed,
  welcomeCoupon,
} from './h5'

const REDEEM_URL = `${H5_URL}/#/staff/pages/redeem/index`
const FLASH_OFFER = '满100减20 限量抢'
const SILVER_OFFER = '银卡会员 8.5 折'
const COUPON_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/

jest.setTimeout(180_000)

const phones = new Phones('coupons')
const shot = (page: Page, name: string) => phones.shot(page, name)
let member: Page
let cashier: Page

/** The visible coupon card (offer or wallet) whose text contains `text`. */
const card = (page: Page, text: string) => visible(page, '.hy-coupon').filter({ hasText: text }).first()

beforeAll(async () => {
  member = await phones.open()
  cashier = await phones.open()
})

afterAll(() => phones.close())

describe('claim a coupon, show it, redeem it at the till (H5)', () => {
  const devName = `cpn-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  let code = ''
  let memberId = ''

  test('a new member opens the offer centre from the home page', async () => {
    memberId = (await joinAsNewMember(member, devName)).memberId
    await member.goto(`${H5_URL}/#/pages/home/index`)
    await visible(member, '#member-card').waitFor()
    await visible(member, '#coupon-entries').waitFor()
    await shot(member, '01-home')

    await visible(member, '#offers-entry').click()
    await card(member, FLASH_OFFER).waitFor()
    const flash = card(member, FLASH_OFFER)
    await expect(flash.locator('.hy-coupon__figure').innerText()).resolves.toBe('20')
    await expect(flash.locator('.hy-coupon__note').innerText()).resolves.toBe('满100可用')
    await expect(flash.locator('.hy-pill').innerText()).resolves.toBe('立即领取')
    await expect(flash.innerText()).resolves.toMatch(/限量 100 张|已抢 \d+% · 仅剩 \d+ 张/)
    // The silver offer is shown but cannot be claimed by a new (普卡) member.
    await expect(card(member, SILVER_OFFER).locator('.hy-pill').innerText()).resolves.toBe('仅限银卡及以上')
    await shot(member, '02-offers')
  })

  test('claiming 满100减20 asks for 优惠券到期提醒 first; after 允许 it says 领取成功 and the button turns to 已领取', async () => {
    const flash = card(member, FLASH_OFFER)
    await flash.locator('.hy-pill').click()
    await expect(answerSubscribeDialog(member, '允许')).resolves.toBe('优惠券到期提醒')
    await eventually(
      () => flash.locator('.hy-pill').innerText(),
      (t) => expect(t).toBe('已领取'),
    )
    await expect(flash.innerText()).resolves.toContain('去使用')
    await shot(member, '03-claimed')

    // A fresh look at the offer centre agrees: the limit of 1 per member is reached.
    await member.reload()
    await eventually(
      () => card(member, FLASH_OFFER).locator('.hy-pill').innerText(),
      (t) => expect(t).toBe('已领取'),
    )
  })

  test('the wallet lists the coupon next to the welcome coupon; its page shows the code', async () => {
    await visible(member, '#go-wallet').click()
    await visible(member, '#wallet-list').waitFor()
    await card(member, '周末闪购券').waitFor()
    await waitForListed(member, '#wallet-list', '新人礼券')
    await expect(card(member, '新人礼券').innerText()).resolves.toContain('满50可用')
    await shot(member, '04-wallet')

    await card(member, '周末闪购券').click()
    await visible(member, '#coupon-code-panel').waitFor()
    await eventually(
      () => textOf(member, '#coupon-code'),
      (t) => expect(t).toMatch(COUPON_CODE),
    )
    code = (await textOf(member, '#coupon-code')).trim()
    await expectText(member, '#coupon-status', '可使用')
    const qr = await visible(member, '#coupon-qr').locator('img').first().getAttribute('src')
    expect(qr).toMatch(/^data:image\//)
    // The barcode carries the raw 16 characters, drawn as bars.
    await expect(visible(member, '#coupon-barcode').getAttribute('data-value')).resolves.toBe(code.replace(/-/g, ''))
    expect(await visible(member, '#coupon-barcode .hy-barcode__bar').count()).toBeGreaterThan(50)
    await expect(visible(member, '.cp-rules').innerText()).resolves.toMatch(/订单满 ¥100 可用[\s\S]*全部门店/)
    await shot(member, '05-coupon')
  })

  test('the cashier of S001 redeems the code against a ¥120 order: 核销成功, 抵扣 ¥20', async () => {
    await cashier.goto(REDEEM_URL)
    await visible(cashier, '#dev-signin').waitFor()
    await fillInput(cashier, 'dev-name', 'cashier')
    await visible(cashier, '#dev-signin-button').click()
    await visible(cashier, '#redeem-code').waitFor()
    // The till names the store (南京西路旗舰店 is S001), never its id.
    await expectText(cashier, '#till-store', '南京西路旗舰店')
    expect(await textOf(cashier, '#till-store')).not.toContain('S001')
    await expect(visible(cashier, '#redeem-order-id input').inputValue()).resolves.toMatch(/^POS\d+/)

    // A mistyped code (its check character no longer fits) is refused at the till, in Chinese.
    await fillInput(cashier, 'coupon-code-input', `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`)
    await fillInput(cashier, 'order-amount-input', '120')
    await visible(cashier, '#redeem-submit').click()
    await expectText(cashier, '#coupon-code-error', '请核对')
    await shot(cashier, '06-redeem-typo')

    // Typed in lower case without dashes: the server ignores both.
    await fillInput(cashier, 'coupon-code-input', code.replace(/-/g, '').toLowerCase())
    await shot(cashier, '07-redeem-form')
    await visible(cashier, '#redeem-submit').click()
    await expectText(cashier, '#redeem-status', '核销成功')
    await expectText(cashier, '#redeem-discount', '抵扣 ¥20.00')
    await shot(cashier, '08-redeemed')

    // The same coupon again is refused.
    await visible(cashier, '#redeem-next').click()
    await fillInput(cashier, 'coupon-code-input', code)
    await fillInput(cashier, 'order-amount-input', '120')
    await visible(cashier, '#redeem-submit').click()
    await expectText(cashier, '#redeem-error', '已经核销过')
  })

  test('the member finds the coupon under 已使用, stamped', async () => {
    await member.goto(`${H5_URL}/#/coupons/pages/wallet/index`)
    await visible(member, '#wallet-list').waitFor()
    // The wallet refetches when shown: wait for the fresh list rather than the one on screen from before.
    await eventually(
      () => visible(member, '#wallet-list').innerText(),
      (t) => expect(t).not.toContain('周末闪购券'),
    )
    await visible(member, '#tab-used').click()
    await card(member, '周末闪购券').waitFor()
    await expect(card(member, '周末闪购券').innerText()).resolves.toMatch(/已使用 · 南京西路旗舰店/)
    await shot(member, '09-wallet-used')

    await card(member, '周末闪购券').click()
    await expectText(member, '#coupon-status', '已使用')
    await visible(member, '#coupon-stamp').waitFor()
    await expectText(member, '#coupon-redeemed', /于南京西路旗舰店使用$/)
    await shot(member, '10-coupon-used')
  })

  test('the points mall: not enough points, then 600 points from the admin buy a 满100减20券 after a confirm', async () => {
    await member.goto(`${H5_URL}/#/coupons/pages/mall/index`)
    await visible(member, '#reward-list').waitFor()
    await expectText(member, '#mall-points', /^\d[\d,]*$/)
    const tile = (name: string) => visible(member, '.mall-item').filter({ hasText: name }).first()
    const before = Number((await textOf(member, '#mall-points')).replace(/,/g, ''))
    expect(before).toBeLessThan(500)
    await expect(tile('满100减20券').locator('.hy-pill').innerText()).resolves.toBe('积分不足')
    await shot(member, '11-mall-short')

    const admin = await apiCall('POST', '/v1/auth/wechat', { code: 'dev:admin' })
    await apiCall(
      'POST',
      `/v1/admin/members/${memberId}/adjustments`,
      { points: 600, reason: '券测试补偿', idempotencyKey: `e2e-${memberId}` },
      admin.token,
    )
    await member.reload()
    await expectText(member, '#mall-points', String(before + 600))
    await eventually(
      () => tile('满100减20券').locator('.hy-pill').innerText(),
      (t) => expect(t).toBe('立即兑换'),
    )
    await expect(tile('品牌帆布袋').locator('.hy-pill').innerText()).resolves.toBe('积分不足')

    await tile('满100减20券').locator('.hy-pill').click()
    await expect(member.locator('.taro-modal__text').innerText()).resolves.toBe('消耗 500 积分兑换「满100减20券」？')
    await shot(member, '12-mall-confirm')
    await member.locator('.taro-model__confirm').click()
    await expectText(member, '#exchange-result', '券已放入券包')
    await expectText(member, '#mall-points', String(before + 100))
    await shot(member, '13-mall-exchanged')
    expect(phones.pageErrors).toEqual([])
  })
})

describe('a wallet longer than a page (H5)', () => {
  test('shows the first 20 coupons, then 加载更多 brings the rest and the list ends with 没有更多了', async () => {
    const pager = await phones.open()
    const { token } = await joinAsNewMember(pager, `pg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`)
    const admin = await apiCall('POST', '/v1/auth/wechat', { code: 'dev:admin' })
    const template = await apiCall(
      'POST',
      '/v1/admin/coupon-templates',
      {
        name: '翻页小样券',
        kind: 'gift',
        itemName: '小样',
        validity: { type: 'relative', days: 30 },
        totalStock: null,
        perMemberLimit: 25,
      },
      admin.token,
    )
    const day = 86_400_000
    // ends far in the future: listed after every other offer of the offer centre
    const offer = await apiCall(
      'POST',
      '/v1/admin/offers',
      {
        templateId: template.templateId,
        title: '翻页小样券',
        claimFrom: new Date(Date.now() - day).toISOString(),
        claimUntil: new Date(Date.now() + 4000 * day).toISOString(),
      },
      admin.token,
    )
    for (let i = 0; i < 21; i++) {
      await apiCall('POST', `/v1/offers/${offer.offerId}/claims`, undefined, token, { 'idempotency-key': `wallet-${i}-${Date.now()}` })
    }
    await welcomeCoupon(token) // the welcome pack may land a moment after joining: 21 + 1 in the wallet

    await pager.goto(`${H5_URL}/#/pages/home/index`)
    await visible(pager, '#wallet-entry').click()
    await visible(pager, '#wallet-list').waitFor()
    const shown = () => visible(pager, '#wallet-list .hy-coupon').count()
    // 21 claimed + the welcome coupon: a page of 20, then 2 more
    await eventually(shown, (n) => expect(n).toBe(20))
    await expectText(pager, '.wallet-tabs__count', '20+')
    await visible(pager, '#wallet-more').click()
    await eventually(shown, (n) => expect(n).toBe(22))
    await expectText(pager, '#wallet-end', '没有更多了')
    await expectText(pager, '.wallet-tabs__count', '22')
    await shot(pager, '14-wallet-more')
    expect(phones.pageErrors).toEqual([])
  })
})
