import { PAGE, pageUrl } from './paths'

/** app.config.ts as Taro reads it (defineAppConfig is a global at build time). */
function appConfig(): { pages: string[]; subPackages: { root: string; pages: string[] }[] } {
  ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
  return require('./app.config').default
}

describe('page URLs', () => {
  test('every page in app.config.ts has its URL in PAGE, and every URL in PAGE is a page of the app', () => {
    const config = appConfig()
    const registered = [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))].map((p) => `/${p}`)
    expect([...Object.values(PAGE)].sort()).toEqual([...registered].sort())
  })

  test('the main package holds only home, join and check-in; home comes first', () => {
    expect(appConfig().pages).toEqual([PAGE.home, PAGE.join, PAGE.checkin].map((p) => p.slice(1)))
  })

  test('pageUrl adds the query, encoded, and leaves out empty values', () => {
    expect(pageUrl('coupon', { code: 'ABCD1234EFGH5678' })).toBe('/coupons/pages/coupon/index?code=ABCD1234EFGH5678')
    expect(pageUrl('refund', { store: 'S001', orderId: 'POS 1/2' })).toBe('/staff/pages/refund/index?store=S001&orderId=POS%201%2F2')
    expect(pageUrl('refund', { store: 'S001', orderId: undefined })).toBe('/staff/pages/refund/index?store=S001')
    expect(pageUrl('home')).toBe('/pages/home/index')
  })
})
