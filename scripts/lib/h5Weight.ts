/**
 * What the H5 app costs a member over the wire, measured in headless Chromium: the JS
 * bytes as received (the encoded body size, so gzip/brotli count as sent) of
 *  - the home page's first load (a fresh browser, a joined member), and
 *  - opening every member page in one visit (each file counted once, as a browser with
 *    its cache would fetch it).
 * Used by `npm run bench` and by the browser test that holds the home page to its budget.
 */
import path from 'node:path'
import type { Page, Response } from 'playwright-core'
import { launchChromium } from './chromium'
import { ROOT } from './stack'

export interface H5Weight {
  /** JS bytes over the wire for the home page's first load. */
  homeJs: number
  homeFiles: string[]
  /** JS bytes over the wire for every member page opened in one visit. */
  allPagesJs: number
  allFiles: string[]
  /** The member pages opened, in order. */
  pages: string[]
}

/** The member pages of the app (main package and member subpackages; not staff/admin), from app.config.ts. */
export function memberPages(): string[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  const had = g.defineAppConfig
  g.defineAppConfig = (c) => c
  try {
    const config = require(path.join(ROOT, 'miniprogram/src/app.config.ts')).default as {
      pages: string[]
      subPackages?: { root: string; pages: string[] }[]
    }
    const staffRoots = new Set(['staff', 'admin'])
    return [
      ...config.pages,
      ...(config.subPackages ?? [])
        .filter((s) => !staffRoots.has(s.root.replace(/\/$/, '')))
        .flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
    ]
  } finally {
    g.defineAppConfig = had
  }
}

async function post(h5Url: string, p: string, body: unknown, token?: string) {
  const res = await fetch(`${h5Url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`POST ${p} → ${res.status} ${await res.text()}`)
  return (await res.json()) as { token: string; session: { token: string } }
}

/** The new member's welcome coupon (for the coupon page), once the welcome pack is in the wallet. */
async function welcomeCouponCode(h5Url: string, token: string, timeoutMs = 20_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const res = await fetch(`${h5Url}/v1/me/coupons?status=usable`, { headers: { authorization: `Bearer ${token}` } })
    const wallet = (await res.json()) as { items?: { code: string }[] }
    const code = wallet.items?.[0]?.code
    if (code) return code
    await new Promise((r) => setTimeout(r, 250))
  }
  return undefined
}

/** Records every JS response of a page with its encoded body size (the first time a URL is seen). */
export function recordJs(page: Page) {
  const seen = new Map<string, number>()
  const pending = new Set<Promise<void>>()
  let inFlight = 0
  let lastActivity = Date.now()
  page.on('request', () => {
    inFlight++
    lastActivity = Date.now()
  })
  const done = () => {
    inFlight = Math.max(0, inFlight - 1)
    lastActivity = Date.now()
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  page.on('response', (response: Response) => {
    const url = response.url()
    const isJs = /\.js(\?|$)/.test(new URL(url).pathname) || (response.headers()['content-type'] ?? '').includes('javascript')
    if (!isJs || seen.has(url)) return
    seen.set(url, 0)
    const p = response
      .request()
      .sizes()
      .then((s) => void seen.set(url, s.responseBodySize))
      .catch(() => undefined)
    pending.add(p)
    void p.finally(() => pending.delete(p))
  })
  return {
    /** Counts from now: a navigation just started. */
    touch() {
      lastActivity = Date.now()
    },
    /** Waits until no request has been in flight for `quietMs`. */
    async settle(quietMs = 400, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs
      while (Date.now() < until && (inFlight > 0 || Date.now() - lastActivity < quietMs)) await page.waitForTimeout(50)
      await Promise.all([...pending])
    },
    total: () => [...seen.values()].reduce((a, b) => a + b, 0),
    files: () => [...seen.entries()].map(([url, size]) => `${new URL(url).pathname} ${(size / 1024).toFixed(1)} KB`),
  }
}

/**
 * Joins a fresh member through the API at `h5Url` (the H5 app with /v1 proxied), then
 * measures in a fresh headless Chromium.
 */
export async function measureH5Weight(h5Url: string, opts: { chromiumPath?: string } = {}): Promise<H5Weight> {
  const devName = `weight-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const signedIn = await post(h5Url, '/v1/auth/wechat', { code: `dev:${devName}` })
  const joined = await post(
    h5Url,
    '/v1/members',
    {
      storeId: 'S001',
      name: '体积测量',
      mobile: '13700137000',
      birthday: '1990-01-01',
      gender: 'undisclosed',
      privacyConsentVersion: '2026-11',
    },
    signedIn.token,
  )
  const couponCode = await welcomeCouponCode(h5Url, joined.session.token)

  const browser = await launchChromium({ executablePath: opts.chromiumPath })
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    await context.addInitScript(
      ([session, name]) => {
        if (localStorage.getItem('huiyuan.devName')) return
        localStorage.setItem('huiyuan.session', JSON.stringify({ data: session }))
        localStorage.setItem('huiyuan.devName', JSON.stringify({ data: name }))
      },
      [joined.session, devName] as const,
    )
    const page = await context.newPage()
    const js = recordJs(page)

    await page.goto(`${h5Url}/#/pages/home/index`)
    await page.locator('#member-card').waitFor({ timeout: 20_000 })
    await js.settle()
    const homeJs = js.total()
    const homeFiles = js.files()

    const pages = memberPages()
    for (const p of pages) {
      const query = p.endsWith('/coupon/index') && couponCode ? `?code=${couponCode}` : ''
      await page.goto(`${h5Url}/#/${p}${query}`)
      js.touch()
      // The page is on screen, or it sent the member on (the join page does, for a member).
      await page.waitForFunction(
        (route) => document.querySelector(`.taro_page[id^="/${route}"]`) !== null || !location.hash.startsWith(`#/${route}`),
        p,
        { timeout: 20_000 },
      )
      await js.settle()
    }
    return { homeJs, homeFiles, allPagesJs: js.total(), allFiles: js.files(), pages }
  } finally {
    await browser.close()
  }
}
