/**
 * Subscription messages (订阅消息) in the H5 build, where a dialog stands in for WeChat's
 * `requestSubscribeMessage`: a new member taps 签到, is asked for 签到提醒, allows it and
 * holds one grant (the API agrees); the inbox's 消息订阅 card shows it, and its 订阅 asks
 * for one more; once 3 are held, a tap no longer asks.
 * The seeded local program has all three templates set up.
 *
 * Needs process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import type { Page } from 'playwright-core'
import { H5_URL, Phones, answerSubscribeDialog, apiCall, eventually, expectText, joinAsNewMember, subscribeDialog, visible } from './h5'

jest.setTimeout(120_000)

const HOME = `${H5_URL}/#/pages/home/index`

const phones = new Phones('subscriptions')
const shot = (name: string) => phones.shot(page, name)
let page: Page
let token = ''

type MySubscription = { purpose: string; title: string; templateId: string; held: number }
const mySubscriptions = async (): Promise<MySubscription[]> => (await apiCall('GET', '/v1/me/subscriptions', undefined, token)).templates
const held = async (purpose: string) => (await mySubscriptions()).find((t) => t.purpose === purpose)?.held

/** Opens the app afresh on the home page and waits until it has loaded the member's templates (a tap can ask only then). */
async function openHome() {
  await page.goto(HOME) // later calls: only a hash change inside the running app
  const loaded = page.waitForResponse((r) => r.url().endsWith('/v1/me/subscriptions') && r.request().method() === 'GET')
  await page.reload()
  await visible(page, '#member-card').waitFor()
  await loaded
}

beforeAll(async () => {
  page = await phones.open()
})

afterAll(() => phones.close())

describe('subscription messages (H5)', () => {
  const devName = `sub-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

  test('the local program has the three templates set up, and a new member holds none', async () => {
    token = (await joinAsNewMember(page, devName, { name: '订阅测试', mobile: '13700137000', birthday: '1995-06-18', gender: 'male' }))
      .token
    const templates = await mySubscriptions()
    expect(templates.map((t) => [t.purpose, t.title, t.held]).sort()).toEqual([
      ['checkinReminder', '签到提醒', 0],
      ['couponExpiry', '优惠券到期提醒', 0],
      ['memberActivity', '会员活动通知', 0],
    ])
    expect(templates.every((t) => t.templateId !== '')).toBe(true)
  })

  test('tapping 签到 asks for 签到提醒; after 允许 the member checks in and holds one', async () => {
    await openHome()
    await visible(page, '#checkin-entry').click()
    await visible(page, '#checkin-button').waitFor()
    await expectText(page, '#checkin-button', '签到')
    await visible(page, '#checkin-button').click()

    const dialog = subscribeDialog(page)
    await dialog.waitFor()
    await expect(dialog.locator('.taro-modal__text').innerText()).resolves.toBe('签到提醒')
    await expect(dialog.locator('.taro-model__confirm').innerText()).resolves.toBe('允许')
    await expect(dialog.locator('.taro-model__cancel').innerText()).resolves.toBe('取消')
    // Nothing is checked in while the member decides.
    expect(await visible(page, '#checkin-result').count()).toBe(0)
    await shot('01-checkin-dialog')

    await answerSubscribeDialog(page, '允许')
    await expectText(page, '#checkin-result', /\+\d+ 积分/)
    await expectText(page, '#checkin-button', '今日已签到')
    await eventually(
      () => held('checkinReminder'),
      (n) => expect(n).toBe(1),
    )
    expect(await held('memberActivity')).toBe(0)
    expect(await held('couponExpiry')).toBe(0)
    await shot('02-checked-in')
  })

  test('the inbox entry asks for 会员活动通知; after 取消 the inbox opens and its 消息订阅 card shows what is held', async () => {
    await page.goBack()
    await visible(page, '#member-card').waitFor()
    await visible(page, '#inbox-entry').click()
    await expect(answerSubscribeDialog(page, '取消')).resolves.toBe('会员活动通知')

    await visible(page, '#subscriptions').waitFor()
    await expectText(page, '#subscriptions', '消息订阅')
    await expectText(page, '#subscription-checkin-reminder', '签到提醒')
    await expectText(page, '#subscription-checkin-reminder-held', '可接收 1 条')
    await expectText(page, '#subscription-member-activity-held', '可接收 0 条')
    await expectText(page, '#subscription-coupon-expiry-held', '可接收 0 条')
    await visible(page, '#inbox').waitFor() // the notices below the card
    expect(await held('memberActivity')).toBe(0)
    await shot('03-inbox-card')
  })

  test('订阅 on the card asks for that message alone; after 允许 the card and the API show one more', async () => {
    await visible(page, '#subscribe-coupon-expiry').click()
    await expect(answerSubscribeDialog(page, '允许')).resolves.toBe('优惠券到期提醒')
    await expectText(page, '#subscription-coupon-expiry-held', '可接收 1 条')
    await expect(held('couponExpiry')).resolves.toBe(1)

    // Asked again from the card (the member asked for it), one more each time.
    await visible(page, '#subscribe-checkin-reminder').click()
    await answerSubscribeDialog(page, '允许')
    await expectText(page, '#subscription-checkin-reminder-held', '可接收 2 条')
    await expect(held('checkinReminder')).resolves.toBe(2)
    await shot('04-card-subscribed')
  })

  test('a member holding 3 会员活动通知 is not asked again when opening the inbox', async () => {
    const memberActivity = (await mySubscriptions()).find((t) => t.purpose === 'memberActivity')!
    for (let i = 0; i < 3; i++) {
      await apiCall('POST', '/v1/me/subscriptions', { results: [{ templateId: memberActivity.templateId, result: 'accept' }] }, token, {
        'idempotency-key': `sub-e2e-${devName}-${i}`,
      })
    }
    await expect(held('memberActivity')).resolves.toBe(3)

    await openHome()
    await visible(page, '#inbox-entry').click()
    await visible(page, '#subscriptions').waitFor()
    await expectText(page, '#subscription-member-activity-held', '可接收 3 条')
    expect(await subscribeDialog(page).count()).toBe(0)
    // slid into place (Taro's H5 page transition) before the screenshot
    await eventually(
      async () => (await visible(page, '#subscriptions').boundingBox())?.x ?? -1,
      (x) => expect(x).toBeLessThan(20),
    )
    await shot('05-inbox-no-ask')
    expect(phones.pageErrors).toEqual([])
  })
})
