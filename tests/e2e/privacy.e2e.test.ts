/**
 * The member's 隐私中心 in the H5 build, in headless Chromium, on a phone-sized viewport:
 * join (with the policy version the API publishes) → 隐私中心 from the home page → a copy
 * of their data (full phone, consent records, counts, JSON to the clipboard) → marketing
 * consent off → the policy → 注销会员 after confirming → a signed-out visitor, and the old
 * token is refused.
 *
 * Needs process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import type { Page } from 'playwright-core'
import * as h5 from './h5'
import { H5_URL, JOIN_LINK, apiCall, eventually } from './h5'

jest.setTimeout(120_000)

const phones = new h5.Phones('privacy')
let page: Page
const shot = (name: string) => phones.shot(page, name)
const { visible, fillInput, textOf, expectText } = h5.onPage(() => page)

const MOBILE = '13912345678'

/** The app's stored session (Taro H5 keeps storage values as {data}). */
const storedSession = () =>
  page.evaluate(() => {
    const raw = localStorage.getItem('huiyuan.session')
    return raw ? (JSON.parse(raw).data as { token: string; memberId: string | null }) : null
  })

/**
 * Taro's H5 toast and modal: their wrappers hold only fixed-position children (no box of
 * their own, so never "visible"): look at the toast's text and the modal's dialog.
 */
const toast = (text: string) => page.locator('.taro__toast p').filter({ hasText: text }).locator('visible=true').first()
const modal = () => page.locator('.taro-modal__content').locator('visible=true')

/** Waits until the page holding `selector` has slid into place (Taro's H5 page transition), for a screenshot. */
const inPlace = (selector: string) =>
  eventually(
    async () => (await visible(selector).first().boundingBox())?.x ?? -1,
    (x) => expect(Math.abs(x)).toBeLessThan(1),
  )

const switchIsOn = async (selector: string) => !(await visible(selector).first().getAttribute('class'))?.includes('nut-switch-close')

beforeAll(async () => {
  page = await phones.open()
})

afterAll(() => phones.close())

describe('privacy centre (H5)', () => {
  const devName = `e2e-privacy-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  let policyVersion = ''
  let token = ''

  test('the join form accepts the policy version the API publishes, and the member joins with marketing on', async () => {
    policyVersion = await h5.policyVersion()
    expect(policyVersion).toMatch(/\S/)
    await page.goto(JOIN_LINK)
    await visible('#dev-signin').waitFor()
    await fillInput('dev-name', devName)
    await visible('#dev-signin-button').click()
    await expectText('#dev-signin', devName)
    await visible('#join-form').waitFor()
    await expectText('#join-policy-version', `版本 ${policyVersion}`)
    await expectText('#join-submit', '立即加入')
    await shot('00-join')

    await fillInput('field-name', '隐私测试')
    await fillInput('field-mobile', MOBILE)
    await visible('#field-birthday').click()
    await visible('.nut-picker-confirm-btn').first().click()
    await visible('.gender-male').click()
    await visible('#privacy-consent .nut-checkbox').click()
    await visible('#marketing-consent').click()
    await eventually(
      () => switchIsOn('#marketing-consent'),
      (on) => expect(on).toBe(true),
    )
    await visible('#join-submit').click()
    await visible('#member-card').waitFor({ timeout: 15_000 })

    const session = await storedSession()
    expect(session?.memberId).toBeTruthy()
    token = session!.token
    const card = await apiCall('GET', '/v1/me', undefined, token)
    expect(card).toMatchObject({ marketingConsent: true, privacyConsentVersion: policyVersion })
  })

  test('隐私中心 opens from the home page, with marketing consent on', async () => {
    // What joining gives (the welcome coupon) arrives a moment later: wait, so the copy counts it.
    await h5.welcomeCoupon(token)
    await visible('#privacy-centre-entry').click()
    await visible('#privacy-centre').waitFor()
    await eventually(
      () => switchIsOn('#marketing-switch'),
      (on) => expect(on).toBe(true),
    )
    await expectText('#marketing-status', '已开启')
    await expectText('#pc-marketing', '服务通知不属于营销信息')
    await expectText('#pc-policy-version', `当前版本 ${policyVersion}`)
    await expectText('#pc-erase', '无法恢复')
    await inPlace('#privacy-centre')
    await shot('01-centre')
  })

  test('我的数据 shows what is held: the full phone, the consent records and how many records of each kind', async () => {
    await visible('#export-button').click()
    await visible('#my-data').waitFor()
    await expectText('#export-mobile', MOBILE)
    await expectText('#export-profile', '隐私测试')
    await expectText('#export-consents', `隐私政策 · 同意 · 版本 ${policyVersion}`)
    await expectText('#export-consents', '营销信息 · 同意')
    await expectText('#export-consents', '加入会员时')

    const held = await apiCall('GET', '/v1/me/export', undefined, token)
    const count = async (id: string) => Number((await textOf(`#${id} .pc-count__n`)).replace(/\D/g, ''))
    expect(await count('count-ledger')).toBe(held.ledger.length)
    expect(await count('count-coupons')).toBe(held.coupons.length)
    expect(held.coupons.length).toBeGreaterThan(0)
    expect(await count('count-purchases')).toBe(held.purchases.length)
    expect(await count('count-checkins')).toBe(held.checkins.length)
    expect(await count('count-notices')).toBe(held.notices.length)

    await visible('#export-copy').click()
    await expectText('#export-copied', '已复制到剪贴板')
    await toast('内容已复制').waitFor()
    const copied = await page.evaluate(() => JSON.parse(localStorage.getItem('taro_clipboard') ?? '{}').data as string)
    expect(JSON.parse(copied)).toMatchObject({ profile: { mobile: MOBILE, name: '隐私测试' } })
    await shot('02-my-data')
  })

  test('switching 营销信息 off withdraws consent on the server', async () => {
    await visible('#marketing-switch').click()
    await toast('已关闭营销信息').waitFor()
    await expectText('#marketing-status', '已关闭')
    expect(await switchIsOn('#marketing-switch')).toBe(false)
    const card = await apiCall('GET', '/v1/me', undefined, token)
    expect(card.marketingConsent).toBe(false)
    const held = await apiCall('GET', '/v1/me/export', undefined, token)
    expect(held.consents.at(-1)).toMatchObject({ kind: 'marketing', granted: false, source: 'profile' })
    // The copy on screen follows: the profile and the new consent record.
    await expectText('#export-marketing', '未同意')
    await expectText('#export-consents', '营销信息 · 撤回同意')
    await expectText('#export-consents', '在隐私中心')
    await shot('03-marketing-off')
  })

  test('the policy opens from the privacy centre with its version', async () => {
    await visible('#pc-policy').click()
    await visible('#privacy-policy').waitFor()
    await expectText('#privacy-version', `版本 ${policyVersion}`)
    await inPlace('#privacy-policy')
    await shot('04-policy')
    await page.goBack()
    await visible('#privacy-centre').waitFor()
  })

  test('注销会员 needs the acknowledgement and a confirmation; cancelling keeps the account', async () => {
    const button = visible('#erase-button')
    await expect(button.getAttribute('class')).resolves.toContain('nut-button-disabled')
    await button.click()
    expect(await modal().count()).toBe(0)

    await visible('#erase-ack .nut-checkbox').click()
    await eventually(
      () => button.getAttribute('class'),
      (c) => expect(c).not.toContain('nut-button-disabled'),
    )
    await button.click()
    await modal().waitFor()
    await expect(modal().innerText()).resolves.toContain('确认注销会员？')
    await shot('05-erase-confirm')
    await modal().locator('.taro-model__cancel').click()
    await modal().waitFor({ state: 'detached' })
    expect((await apiCall('GET', '/v1/me', undefined, token)).memberId).toBeTruthy()
  })

  test('confirming deletes the account: home shows a signed-out visitor, and the old token is refused', async () => {
    await visible('#erase-button').click()
    await modal().waitFor()
    await modal().locator('.taro-model__confirm').click()

    await visible('#join-prompt').waitFor({ timeout: 15_000 })
    await toast('已注销').waitFor()
    await expectText('#erased-notice', '会员已注销')
    await expectText('#erased-notice', '财务核算')
    expect(await visible('#member-card').count()).toBe(0)
    await shot('06-erased-home')

    const old = await fetch(`${H5_URL}/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(old.status).toBe(401)
    // The app signed the same identity in again: a user who is no member.
    await eventually(storedSession, (s) => {
      expect(s?.token).toBeTruthy()
      expect(s?.token).not.toBe(token)
      expect(s?.memberId).toBeNull()
    })
    expect(phones.pageErrors).toEqual([])
  })
})
