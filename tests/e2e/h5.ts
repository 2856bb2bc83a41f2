/**
 * Helpers shared by the H5 browser tests: phones (one browser context each, so separate
 * storage), whole-page screenshots, and waiting for text on the visible page.
 *
 * The tests need process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../scripts/lib/chromium'

export const H5_URL = (process.env.H5_URL ?? 'http://127.0.0.1:10186').replace(/\/$/, '')
export const JOIN_LINK = `${H5_URL}/#/pages/join/index?scene=s%3DS001`
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots')
const PHONE = { width: 375, height: 812 }

/** Taro H5 keeps earlier pages of the stack in the DOM (hidden): look at visible ones only. */
export const visible = (page: Page, selector: string) => page.locator(selector).locator('visible=true')

/** NutUI/Taro inputs render a real <input> inside the element carrying the id. */
export const fillInput = async (page: Page, id: string, value: string) => {
  const input = visible(page, `#${id}`).locator('input').first()
  await input.click()
  await input.fill(value)
}

export const textOf = async (page: Page, selector: string) => {
  const el = visible(page, selector)
  return (await el.count()) > 0 ? el.first().innerText() : ''
}

/** Re-reads `read` until `check` passes or the time is up; then asserts the last value. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    try {
      check(value)
      return
    } catch (e) {
      if (Date.now() > deadline) throw e
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Through the app's own origin, as the H5 app calls the API; throws on a non-2xx answer. */
export async function apiCall(method: string, p: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${H5_URL}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as any
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** The privacy policy version members accept now, as the API publishes it. */
export const policyVersion = async (): Promise<string> => (await apiCall('GET', '/v1/privacy-policy')).version

/** Signs a dev identity in and joins it at S001 through the API; returns the join response. */
export async function joinViaApi(devName: string, profile: { name: string; mobile: string; birthday: string; gender: 'male' | 'female' }) {
  const signedIn = await apiCall('POST', '/v1/auth/wechat', { code: `dev:${devName}` })
  return apiCall(
    'POST',
    '/v1/members',
    { storeId: 'S001', ...profile, privacyConsentVersion: await policyVersion(), marketingConsent: false },
    signedIn.token,
  )
}

/**
 * Waits until the visible `selector` shows `text`. What joining gives (the welcome notice
 * and coupons) may be written a moment after the join, so a list can be empty when its
 * page first loads: the page is reloaded between tries.
 */
export async function waitForListed(page: Page, selector: string, text: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const listed = visible(page, selector).filter({ hasText: text }).first()
    if (
      await listed.waitFor({ timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      return
    if (Date.now() > deadline) throw new Error(`「${text}」 not shown in ${selector} within ${timeoutMs} ms`)
    await page.reload()
  }
}

/** The member's welcome coupon, once it is in the wallet (it may arrive a moment after joining). */
export async function welcomeCoupon(token: string, timeoutMs = 20_000): Promise<{ code: string; name: string }> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const wallet = await apiCall('GET', '/v1/me/coupons?status=usable', undefined, token)
    const coupon = (wallet.items as { code: string; name: string; source: string }[]).find((c) => c.source === 'welcome')
    if (coupon) return coupon
    if (Date.now() > deadline) throw new Error(`no welcome coupon within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * A fresh member: dev sign-in and join via the API, then the session and dev identity put
 * into the page's storage the way the app's tokenStore keeps them (Taro H5: {data: …}),
 * as the app would find them after a restart.
 */
export async function joinAsNewMember(
  page: Page,
  devName: string,
  profile: Parameters<typeof joinViaApi>[1] = { name: '券测试', mobile: '13900139000', birthday: '1992-03-08', gender: 'female' },
) {
  const joined = await joinViaApi(devName, profile)
  // Before the app's first script runs (else it signs in as a new dev identity of its own).
  await page.context().addInitScript(
    ([session, name]) => {
      if (localStorage.getItem('huiyuan.devName')) return
      localStorage.setItem('huiyuan.session', JSON.stringify({ data: session }))
      localStorage.setItem('huiyuan.devName', JSON.stringify({ data: name }))
    },
    [joined.session, devName] as const,
  )
  return { memberId: joined.member.memberId as string, token: joined.session.token as string }
}

/** Where WeChat would show its subscription message (订阅消息) dialog, the H5 build shows this one. */
export const SUBSCRIBE_DIALOG_TITLE = '「汇元会员」申请发送以下消息'

/** The subscription dialog on screen (Taro's H5 modal: its wrapper has no box of its own, so look at the dialog). */
export const subscribeDialog = (page: Page) =>
  page.locator('.taro-modal__content').locator('visible=true').filter({ hasText: SUBSCRIBE_DIALOG_TITLE })

/**
 * Waits for the subscription dialog a tap brings up, answers it as a member would (允许 or
 * 取消) and returns the messages it listed.
 */
export async function answerSubscribeDialog(page: Page, answer: '允许' | '取消'): Promise<string> {
  const dialog = subscribeDialog(page)
  await dialog.waitFor()
  const listed = await dialog.locator('.taro-modal__text').innerText()
  await dialog.locator(answer === '允许' ? '.taro-model__confirm' : '.taro-model__cancel').click()
  await dialog.waitFor({ state: 'hidden' })
  return listed
}

export const expectText = (page: Page, selector: string, expected: string | RegExp) =>
  eventually(
    () => textOf(page, selector),
    (t) => expect(t).toMatch(expected),
  )

/**
 * Headless Chromium (Debian's) and the phones a test opens in it. Page errors of every
 * phone are collected so a test can assert there were none. Screenshots are named
 * `<prefix>-<name>.png` under test-artifacts/screenshots.
 */
/** The page helpers above, bound to a test file's current page. */
export const onPage = (page: () => Page) => ({
  visible: (selector: string) => visible(page(), selector),
  fillInput: (id: string, value: string) => fillInput(page(), id, value),
  textOf: (selector: string) => textOf(page(), selector),
  expectText: (selector: string, expected: string | RegExp) => expectText(page(), selector, expected),
})

export class Phones {
  readonly pageErrors: string[] = []
  private browser: Browser | undefined
  private readonly contexts: BrowserContext[] = []

  /** chromiumArgs: extra switches, e.g. a fake camera for the scanner test. */
  constructor(
    private readonly prefix: string,
    private readonly chromiumArgs: string[] = [],
  ) {}

  async open(): Promise<Page> {
    this.browser ??= await launchChromium({ extraArgs: this.chromiumArgs })
    const context = await this.browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    this.contexts.push(context)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (e) => this.pageErrors.push(String(e)))
    return page
  }

  /**
   * The whole current page: waits for finite animations (page transitions) to end, then
   * grows the viewport to the page's scroll height (Taro pages scroll inside their own
   * container, so a plain fullPage screenshot would stop at the viewport).
   */
  async shot(page: Page, name: string): Promise<void> {
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    )
    const height = await page.evaluate((min) => {
      const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
        (p) => p.offsetParent !== null || p.style.display !== 'none',
      )
      return Math.max(min, ...pages.map((p) => p.scrollHeight))
    }, PHONE.height)
    fs.mkdirSync(SHOTS, { recursive: true })
    await page.setViewportSize({ width: PHONE.width, height: Math.min(height, 4000) })
    await page.screenshot({ path: path.join(SHOTS, `${this.prefix}-${name}.png`) })
    await page.setViewportSize(PHONE)
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close()
    await this.browser?.close()
  }
}
