/**
 * Helpers shared by the console's browser tests: a desktop window (1440×900), the
 * development sign-in, page screenshots (test-artifacts/console/) and reading what a chart
 * draws. The tests need process.env.CONSOLE_URL: the console build served with /v1 proxied.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../scripts/lib/chromium'

export const CONSOLE_URL = (process.env.CONSOLE_URL ?? 'http://127.0.0.1:10187').replace(/\/$/, '')
const SHOTS = path.resolve(__dirname, '../../test-artifacts/console')
export const DESKTOP = { width: 1440, height: 900 }

export interface Desk {
  browser: Browser
  context: BrowserContext
  page: Page
}

/** A fresh browser window at desktop size (own storage: signed out). */
export async function openDesk(browser?: Browser): Promise<Desk> {
  const b = browser ?? (await launchChromium())
  const context = await b.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
  const page = await context.newPage()
  return { browser: b, context, page }
}

/** Signs in with the local development sign-in as `admin`, `marketer` or `manager`, and waits for the frame. */
export async function devSignIn(page: Page, who: 'admin' | 'marketer' | 'manager', at = '/'): Promise<void> {
  await page.goto(`${CONSOLE_URL}/login?next=${encodeURIComponent(at)}`)
  await page.getByTestId(`dev-${who}`).click()
  await page.getByTestId('signed-in').waitFor()
}

/** A whole-page screenshot under test-artifacts/console/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true })
  const file = path.join(SHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** The series a chart draws (`data-testid` of the chart), read from its ECharts instance. */
export async function chartSeries(page: Page, testId: string): Promise<{ name?: string; type?: string; data: unknown[] }[]> {
  await page.getByTestId(testId).first().waitFor()
  return page
    .getByTestId(testId)
    .first()
    .evaluate((el) => {
      const chart = (
        el as HTMLElement & { __chart?: { getOption: () => { series?: { name?: string; type?: string; data?: unknown[] }[] } } }
      ).__chart
      return (chart?.getOption().series ?? []).map((s) => ({ name: s.name, type: s.type, data: s.data ?? [] }))
    })
}

/**
 * The windows of one test file: a browser for the file, windows closed after each test,
 * `scenario` (a test whose windows are saved as failed-<title>-<n>.png when it fails) and
 * `settledShot` (a screenshot once the page has its data: no spinner left).
 */
export function deskSuite() {
  let browser: Browser
  const desks: Desk[] = []
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterEach(async () => {
    for (const d of desks.splice(0)) await d.context.close().catch(() => undefined)
  })
  afterAll(async () => {
    await browser?.close()
  })
  return {
    desk: async (): Promise<Page> => {
      const d = await openDesk(browser)
      desks.push(d)
      return d.page
    },
    scenario: (title: string, body: () => Promise<void>) =>
      it(title, async () => {
        try {
          await body()
        } catch (e) {
          const slug = title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)
          for (const [i, d] of desks.entries()) await shot(d.page, `failed-${slug}-${i}`).catch(() => undefined)
          throw e
        }
      }),
    settledShot: async (page: Page, name: string) => {
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'))
      await page.waitForTimeout(300)
      return shot(page, name)
    },
  }
}
