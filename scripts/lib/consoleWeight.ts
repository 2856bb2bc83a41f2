/**
 * The console's JS over the wire, as its static server sends it (gzip), in headless
 * Chromium at 1440×900: the first load of the sign-in page, the first load of the signed-in
 * console (the frame and 概览), and every area opened in one visit (each page's chunk and
 * the charts load when first needed).
 */
import { launchChromium } from './chromium'
import { recordJs } from './h5Weight'

export interface ConsoleWeight {
  loginJs: number
  firstLoadJs: number
  firstLoadFiles: string[]
  allAreasJs: number
  areas: string[]
}

const AREAS = ['/', '/members', '/stores', '/staff', '/program', '/coupons', '/rewards', '/reports', '/audit']

export async function measureConsoleWeight(consoleUrl: string, opts: { chromiumPath?: string } = {}): Promise<ConsoleWeight> {
  const res = await fetch(`${consoleUrl}/v1/auth/wechat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'dev:admin', audience: 'console' }),
  })
  const s = (await res.json()) as { token?: string; expiresAt?: string }
  if (!res.ok || !s.token) throw new Error(`console sign-in failed: ${res.status} ${JSON.stringify(s)}`)

  const browser = await launchChromium({ executablePath: opts.chromiumPath })
  try {
    const fresh = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
      const page = await context.newPage()
      return { context, page, js: recordJs(page) }
    }
    const login = await fresh()
    await login.page.goto(`${consoleUrl}/login`)
    await login.page.getByTestId('login').waitFor({ timeout: 20_000 })
    await login.js.settle()
    const loginJs = login.js.total()
    await login.context.close()

    const desk = await fresh()
    await desk.context.addInitScript((session) => localStorage.setItem('huiyuan.console.session', session), JSON.stringify(s))
    await desk.page.goto(`${consoleUrl}/`)
    await desk.page.getByTestId('signed-in').waitFor({ timeout: 20_000 })
    await desk.js.settle()
    const firstLoadJs = desk.js.total()
    const firstLoadFiles = desk.js.files()
    for (const area of AREAS.slice(1)) {
      await desk.page.goto(`${consoleUrl}${area}`)
      desk.js.touch()
      await desk.page.getByTestId('signed-in').waitFor({ timeout: 20_000 })
      await desk.js.settle()
    }
    return { loginJs, firstLoadJs, firstLoadFiles, allAreasJs: desk.js.total(), areas: AREAS }
  } finally {
    await browser.close()
  }
}
