/**
 * The weapp build in miniprogram-simulate (WeChat's component test tool, official wxml
 * compiler), shared by the weapp tests: the build, a jsdom window, a fake WeChat (login,
 * storage, a tiny in-test API answering by path, subscription messages, modals), WeChat's
 * App/Page shims, and one compiled page at a time.
 *
 * Each test file gets its own copy of this module (jest's module registry), so the fake
 * API's answers and the requests it saw belong to one file.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const MINIPROGRAM = path.resolve(__dirname, '../../miniprogram')
export const DIST = path.join(MINIPROGRAM, 'dist/weapp')

/** Marks a build made by this jest process, so the next weapp test file of the run reuses it. */
const BUILT_BY = path.join(DIST, '.built-by-jest')
const thisRun = `${process.pid}@${Math.round(Date.now() / 1000 - process.uptime())}`

/**
 * `taro build --type weapp` (production), once per jest run: a later test file of the same
 * run reuses it (Taro empties dist/weapp on every build, and the mark with it). Set
 * WEAPP_PREBUILT=1 to reuse miniprogram/dist/weapp as it is.
 */
export function buildWeapp(): void {
  const built = fs.existsSync(path.join(DIST, 'app.json'))
  if (built && process.env.WEAPP_PREBUILT === '1') return
  if (built && fs.existsSync(BUILT_BY) && fs.readFileSync(BUILT_BY, 'utf8') === thisRun) return
  execFileSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
    cwd: MINIPROGRAM,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 200_000,
  })
  fs.writeFileSync(BUILT_BY, thisRun)
}

export type AnyFn = (...args: any[]) => any
export interface SimComponent {
  attach(parent: Element): void
  detach(): void
  dom: Element
  instance: Record<string, any>
  querySelector(selector: string): SimComponent | undefined
  querySelectorAll(selector: string): SimComponent[]
  dispatchEvent(name: string, options?: Record<string, unknown>): void
  triggerLifeTime(name: string, ...args: unknown[]): void
  triggerPageLifeTime(name: string, ...args: unknown[]): void
}
interface Simulate {
  load(componentPath: string, tagName?: string, options?: Record<string, unknown>): string
  render(id: string, props?: Record<string, unknown>): SimComponent
  sleep(ms?: number): Promise<void>
}

export const requests: { url: string; method: string; data: unknown; header?: Record<string, string> }[] = []
/** The template ids of each `wx.requestSubscribeMessage` call, and whether it came while a tap was being handled. */
export const subscribeCalls: { tmplIds: string[]; duringTap: boolean }[] = []
/** What the fake WeChat answers for every template asked. */
const subscribeAnswer = 'accept'
/** The privacy policy the fake API publishes (not the program's default version). */
export const policy = { version: '2031-04', sections: [{ title: '一、我们收集哪些信息', body: '姓名、手机号、生日和性别。' }] }
/** What the fake API answers (200) by path; anything else is 404 NOT_FOUND. */
/** A signed-in member and their card, as the member pages' tests answer them (`over` for what a test needs). */
export const memberSession = {
  token: 't-member',
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  memberId: 'M1',
  roles: [],
  storeIds: [],
}
export const memberCard = (over: Record<string, unknown> = {}) => ({
  memberId: 'M1',
  cardNo: '880000000017',
  name: '王小明',
  mobile: '13912345678',
  birthday: '1990-05-17',
  gender: 'male',
  tier: { code: 'basic', name: '普卡' },
  tierProgress: { current: { code: 'basic', name: '普卡' }, next: null, spendFen: 0, remainingFen: 0, percent: 0 },
  qualification: null,
  points: 860,
  storedValueFen: 0,
  expiringPoints: null,
  checkedInToday: false,
  joinStoreId: 'S001',
  joinedAt: '2026-11-01T10:00:00+08:00',
  marketingConsent: false,
  privacyConsentVersion: policy.version,
  promotionsToday: [],
  nextMemberDay: null,
  ...over,
})

export const answers: Record<string, unknown> = {}
/** Answers (200) computed from the request's JSON body and its URL (a GET's query), by path (checked after `refusals`, before `answers`). */
export const computed: Record<string, (body: any, url: URL) => unknown> = {}
/** Refusals the fake API answers by path (checked before `answers`). */
export const refusals: Record<string, { statusCode: number; error: { code: string; message: string; details?: unknown } }> = {}
/** The calls the fake WeChat's wx.showModal got. */
export const modals: { title?: string; content?: string }[] = []
/** The titles of the toasts shown (wx.showToast). */
export const toasts: string[] = []
/** The program's stores as GET /v1/stores lists them. */
export const STORES = { items: [{ storeId: 'S001', name: '南京西路旗舰店', city: '上海', address: '南京西路 1266 号' }] }
export const storage = new Map<string, unknown>()
/** What the fake camera reads when the till taps 扫描会员码. */
export const scannedCode = '123456789012345678'
/** What the fake WeChat does that a test changes as it goes. */
export const fake = {
  /** What wx.showModal answers: a tap on 确认 (true) or 取消. */
  modalAnswer: true,
  /** True while a test dispatches a tap (WeChat refuses requestSubscribeMessage outside one). */
  tapping: false,
  /** The page miniprogram-simulate renders next (the Page shim reads it). */
  currentRoute: 'pages/join/index',
}

/** jsdom globals for miniprogram-simulate / j-component (they expect a browser-like global). */
export function installDom() {
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, o: object) => { window: any } }
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
    url: 'https://servicewechat.com/',
  })
  const g = globalThis as any
  g.window = window
  for (const key of [
    'document',
    'navigator',
    'Element',
    'HTMLElement',
    'Node',
    'Event',
    'CustomEvent',
    'DocumentFragment',
    'getComputedStyle',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'MutationObserver',
  ]) {
    if (!(key in g) || key === 'Event' || key === 'CustomEvent')
      g[key] = typeof window[key] === 'function' && /^[a-z]/.test(key) ? window[key].bind(window) : window[key]
  }
}

/** Fake WeChat APIs the app touches: login, request (a tiny in-test API), storage. */
export function installWx() {
  const wx = (globalThis as any).wx
  wx.login = (o: { success?: AnyFn; complete?: AnyFn }) => {
    const res = { code: 'weapp-test-code', errMsg: 'login:ok' }
    setTimeout(() => {
      o.success?.(res)
      o.complete?.(res)
    }, 0)
  }
  wx.getStorageSync = (k: string) => (storage.has(k) ? storage.get(k) : '')
  wx.setStorageSync = (k: string, v: unknown) => void storage.set(k, v)
  wx.removeStorageSync = (k: string) => void storage.delete(k)
  wx.request = (o: { url: string; method: string; data: unknown; header?: Record<string, string>; success?: AnyFn; complete?: AnyFn }) => {
    requests.push({ url: o.url, method: o.method, data: o.data, header: o.header })
    const ok = (statusCode: number, data: unknown) => {
      const res = { statusCode, data, header: {}, errMsg: 'request:ok' }
      setTimeout(() => {
        o.success?.(res)
        o.complete?.(res)
      }, 0)
    }
    const path = new URL(o.url).pathname
    if (path === '/v1/auth/wechat')
      ok(200, { token: 't', expiresAt: new Date(Date.now() + 3600_000).toISOString(), memberId: null, roles: [], storeIds: [] })
    else if (refusals[path]) ok(refusals[path].statusCode, { error: refusals[path].error })
    else if (computed[path]) ok(200, computed[path](o.data ? JSON.parse(String(o.data)) : undefined, new URL(o.url)))
    else if (answers[path]) ok(200, answers[path])
    else ok(404, { error: { code: 'NOT_FOUND', message: 'not in this test' } })
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }
  wx.scanCode = (o: { success?: AnyFn; complete?: AnyFn }) => {
    const res = { result: scannedCode, scanType: 'QR_CODE', errMsg: 'scanCode:ok' }
    setTimeout(() => {
      o.success?.(res)
      o.complete?.(res)
    }, 0)
  }
  wx.requestSubscribeMessage = (o: { tmplIds: string[]; success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) => {
    subscribeCalls.push({ tmplIds: o.tmplIds, duringTap: fake.tapping })
    if (!fake.tapping) {
      const res = { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 10005 }
      setTimeout(() => {
        o.fail?.(res)
        o.complete?.(res)
      }, 0)
      return
    }
    const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' }
    for (const id of o.tmplIds) res[id] = subscribeAnswer
    setTimeout(() => {
      o.success?.(res)
      o.complete?.(res)
    }, 0)
  }
  wx.showModal = (o: { title?: string; content?: string; success?: AnyFn; complete?: AnyFn }) => {
    modals.push({ title: o.title, content: o.content })
    const res = { confirm: fake.modalAnswer, cancel: !fake.modalAnswer, errMsg: 'showModal:ok' }
    setTimeout(() => {
      o.success?.(res)
      o.complete?.(res)
    }, 0)
  }
  for (const name of ['showToast', 'showLoading', 'hideLoading', 'hideToast']) {
    wx[name] = (o: { title?: string; success?: AnyFn } = {}) => {
      if (name === 'showToast' && o.title) toasts.push(o.title)
      setTimeout(() => o.success?.({ errMsg: `${name}:ok` }), 0)
    }
  }
}

/**
 * WeChat's `App`, `getApp`, `getCurrentPages` and `Page`, which miniprogram-simulate lacks:
 * `Page(options)` becomes `Component` with the page hooks called from component lifetimes.
 */
export function installAppAndPage(route: () => string, query: () => Record<string, string>) {
  const g = globalThis as any
  let app: Record<string, any> | null = null
  const pages: any[] = []
  g.App = (options: Record<string, any>) => {
    app = options
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages
  g.Page = (options: Record<string, any>) => {
    const methods: Record<string, AnyFn> = {}
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v
    g.Component({
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = route()
          this.__route__ = this.route
          pages.push(this)
          this.onLoad?.(query())
          this.onShow?.()
        },
        ready(this: any) {
          this.onReady?.()
        },
        detached(this: any) {
          pages.splice(pages.indexOf(this), 1)
          this.onUnload?.()
        },
      },
    })
  }
  return {
    launch: () => {
      app?.onLaunch?.({ path: route(), query: query(), scene: 1047 })
      app?.onShow?.({ path: route(), query: query(), scene: 1047 })
    },
  }
}

/**
 * One compiled page at a time in miniprogram-simulate, for a describe block: renders a
 * route (setting the current route the shims report), reads its text, waits on it, and
 * collects the wxml runtime warnings (e.g. a node type without a template, which would not
 * render in WeChat).
 */
/**
 * Each page's component, loaded once for the whole file (a page's script runs `Page()` only
 * the first time it is required), so several describe blocks may render the same page.
 */
const componentIds = new Map<string, string>()

export function simulatedPages() {
  let simulate: Simulate
  let page: SimComponent | undefined
  const warnings: string[] = []
  const text = () => (page?.dom.textContent ?? '').replace(/\s+/g, ' ')
  return {
    warnings,
    text,
    /** Call in beforeAll, after installDom (miniprogram-simulate needs the window). */
    start() {
      jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')))
      simulate = require('miniprogram-simulate') as Simulate
    },
    render(route: string): SimComponent {
      page?.detach()
      fake.currentRoute = route
      let id = componentIds.get(route)
      if (!id) {
        id = simulate.load(path.join(DIST, route), `${route.replace(/\W+/g, '-')}-page`, { rootPath: DIST, compiler: 'official' })
        componentIds.set(route, id)
      }
      page = simulate.render(id)
      const container = document.createElement('div')
      document.body.appendChild(container)
      page.attach(container)
      return page
    },
    async waitFor(check: () => boolean, what: string, ms = 5000) {
      const end = Date.now() + ms
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page text: ${text().slice(0, 400)}`)
        await simulate.sleep(20)
      }
    },
    stop: () => page?.detach(),
  }
}

/**
 * A tap as WeChat delivers it: `fake.tapping` is true while its handlers run. miniprogram-simulate
 * dispatches a tap in a microtask; the one queued after it ends the tap, so whatever a
 * handler does after an await comes after the tap, as in WeChat (where requestSubscribeMessage
 * then fails).
 */
export function tap(target: SimComponent): void {
  fake.tapping = true
  target.dispatchEvent('tap')
  void Promise.resolve().then(() => {
    fake.tapping = false
  })
}
