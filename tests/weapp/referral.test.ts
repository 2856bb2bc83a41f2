/**
 * 邀请有礼 in the real WeChat build (member subpackage), rendered in miniprogram-simulate
 * against the fake API (simulate.ts): the poster with WeChat's mini-program code, what
 * both sides get, the counts and the friends page by page with their tags; 分享给好友 shares
 * the join page with the invitation's scene; 保存海报 writes the code to a file and saves it
 * to the album, explaining a refused album permission with the way to the settings; the
 * program switched off, and a failed load with 重试. The home page's 邀请有礼 entry, and the
 * join page opened from an invitation says a friend invited you.
 *
 * Set WEAPP_PREBUILT=1 to reuse miniprogram/dist/weapp instead of building.
 */
import path from 'node:path'
import type { MyReferral } from '@huiyuan/shared/referrals/schemas'
import {
  type AnyFn,
  answers,
  buildWeapp,
  computed,
  DIST,
  fake,
  installAppAndPage,
  installDom,
  installWx,
  modals,
  memberCard,
  memberSession,
  policy,
  refusals,
  requests,
  type SimComponent,
  simulatedPages,
  storage,
  toasts,
} from './simulate'

jest.setTimeout(240_000)

const REFERRAL = '/v1/me/referral'
const SCENE = 's=S001&r=AB12CD34'
/** A 1×1 PNG: what WeChat's getwxacodeunlimit answers, base64. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const USER_DATA_PATH = 'wxfile://usr'

const friend = (name: string, day: number, f: Partial<MyReferral['items'][number]> = {}): MyReferral['items'][number] => ({
  name,
  joinedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00+08:00`,
  status: 'pending',
  points: 0,
  coupons: 0,
  overCap: false,
  ...f,
})

const firstPage: MyReferral = {
  enabled: true,
  programName: '汇元会员',
  token: 'AB12CD34',
  scene: SCENE,
  page: 'pages/join/index',
  kind: 'wxacode',
  pngBase64: PNG,
  rules: {
    rewardOn: 'first_purchase',
    minPurchaseFen: 0,
    referrer: { points: 200, coupons: [{ templateId: 'T-CASH20', name: '满100减20' }] },
    friend: { points: 100, coupons: [] },
    monthlyCap: 10,
    clawbackDays: 30,
  },
  stats: { joined: 5, rewarded: 2, pending: 2, pointsEarned: 400, couponsEarned: 2, rewardedThisMonth: 2, leftThisMonth: 8 },
  items: [
    friend('李*', 25),
    friend('王*', 24, { status: 'rewarded', points: 200, coupons: 1 }),
    friend('赵*', 23, { status: 'rewarded', overCap: true }),
  ],
  nextCursor: 'page-2',
}
const secondPage = {
  ...firstPage,
  items: [friend('钱*', 20, { status: 'clawed_back' }), friend('孙*', 19, { status: 'rewarded', points: 200, coupons: 1 })],
  nextCursor: null,
}

const card = memberCard({ name: '邀请测试', points: 400 })

/** What the fake WeChat did with files, the album and the settings page. */
const written: { filePath: string; data: string; encoding: string }[] = []
const saved: string[] = []
let albumAllowed = false
let settingsOpened = 0
const navigatedTo: string[] = []

function installAlbumAndNavigation() {
  const wx = (globalThis as any).wx
  wx.env = { USER_DATA_PATH }
  const later = (o: { success?: AnyFn; fail?: AnyFn; complete?: AnyFn }, res: Record<string, unknown>, ok = true) =>
    setTimeout(() => {
      if (ok) o.success?.(res)
      else o.fail?.(res)
      o.complete?.(res)
    }, 0)
  wx.getFileSystemManager = () => ({
    writeFile: (o: { filePath: string; data: string; encoding: string; success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) => {
      written.push({ filePath: o.filePath, data: o.data, encoding: o.encoding })
      later(o, { errMsg: 'writeFile:ok' })
    },
  })
  // Refused until the member allows 添加到相册 in the settings.
  wx.saveImageToPhotosAlbum = (o: { filePath: string; success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) => {
    if (albumAllowed) saved.push(o.filePath)
    later(o, { errMsg: albumAllowed ? 'saveImageToPhotosAlbum:ok' : 'saveImageToPhotosAlbum:fail auth deny' }, albumAllowed)
  }
  wx.openSetting = (o: { success?: AnyFn; complete?: AnyFn }) => {
    settingsOpened++
    albumAllowed = true
    later(o, { errMsg: 'openSetting:ok', authSetting: { 'scope.writePhotosAlbum': true } })
  }
  wx.navigateTo = (o: { url: string; success?: AnyFn; complete?: AnyFn }) => {
    navigatedTo.push(o.url)
    later(o, { errMsg: 'navigateTo:ok' })
  }
}

const sim = simulatedPages()
const { text, waitFor } = sim
let page: SimComponent
const byId = (id: string) => page.querySelector(`#${id}`)
/** A node of Taro's render tree (the page's data) by its id: its attributes, under Taro's short keys. */
const taroNode = (id: string): Record<string, unknown> | undefined => {
  const find = (n: unknown): Record<string, unknown> | undefined => {
    if (!n || typeof n !== 'object') return undefined
    if ((n as Record<string, unknown>).uid === id) return n as Record<string, unknown>
    for (const v of Object.values(n)) {
      const found = find(v)
      if (found) return found
    }
    return undefined
  }
  return find(page.instance.data)
}
const referralRequests = () => requests.filter((r) => new URL(r.url).pathname === REFERRAL).map((r) => new URL(r.url).searchParams)

beforeAll(() => {
  buildWeapp()
  installDom()
  sim.start()
  installWx()
  installAlbumAndNavigation()
  answers['/v1/privacy-policy'] = policy
  answers['/v1/me'] = card
  computed[REFERRAL] = (_body, url) => (url.searchParams.get('cursor') === 'page-2' ? secondPage : firstPage)
  const shims = installAppAndPage(
    () => fake.currentRoute,
    (): Record<string, string> => (fake.currentRoute === 'pages/join/index' ? { scene: encodeURIComponent(SCENE) } : {}),
  )
  require(path.join(DIST, 'app.js'))
  shims.launch()
})

afterAll(() => sim.stop())

describe('weapp 邀请有礼 (member subpackage) in miniprogram-simulate', () => {
  test('the join page opened from an invitation says a friend invited you', async () => {
    page = sim.render('pages/join/index')
    await waitFor(() => text().includes('立即加入'), 'the join form')
    expect(text()).toContain('好友邀请你加入')
    expect(text()).toContain('加入门店：S001')
  })

  test('the home page has 邀请有礼, and it opens the invitation page', async () => {
    storage.set('huiyuan.session', memberSession)
    page = sim.render('pages/home/index')
    await waitFor(() => text().includes('邀请有礼'), 'the 邀请有礼 entry')
    byId('referral-entry')!.dispatchEvent('tap')
    await waitFor(() => navigatedTo.length > 0, 'the navigation')
    expect(navigatedTo).toEqual(['/member/pages/referral/index'])
  })

  test('the poster shows the mini-program code and what both get; the counts and the first friends with their tags', async () => {
    page = sim.render('member/pages/referral/index')
    await waitFor(() => text().includes('邀请的好友'), 'the invitation page')
    expect(text()).toContain('汇元会员 · 邀请有礼')
    expect(text()).toContain('邀请好友加入会员')
    expect(text()).toContain('好友首次消费后，你得 200 积分 + 满100减20券，好友得 100 积分')
    // The rendered <image> keeps no attributes in miniprogram-simulate: its src is in Taro's page data.
    expect(Object.values(taroNode('referral-code') ?? {})).toContain(`data:image/png;base64,${PNG}`)
    expect(text()).toContain('微信扫一扫，加入会员')
    // weapp: share and save; copying an H5 link is for H5 only.
    expect(text()).toContain('分享给好友')
    expect(text()).toContain('保存海报')
    expect(text()).not.toContain('复制链接')

    expect(text()).toContain('5已邀请2已获奖励2待首单')
    expect(text()).toContain('累计获得400 积分 · 2 张券')
    expect(text()).toContain('本月还可获奖 8 位')
    expect(text()).toContain('每月最多因 10 位好友获得奖励')
    expect(text()).toContain('30 天内全额退款的，双方奖励将被收回')

    expect(text()).toContain('李*2026年11月25日 加入待首单')
    expect(text()).toContain('王*2026年11月24日 加入已奖励+200 积分 · 1 张券')
    expect(text()).toContain('赵*2026年11月23日 加入本月已达上限')
    expect(text()).toContain('加载更多')
    expect(referralRequests().map((q) => q.get('cursor'))).toEqual([null])
  })

  test('scrolled to the bottom, the next page is asked for with the cursor; the list ends with 没有更多了', async () => {
    expect(byId('referral-more')).toBeDefined()
    page.instance.onReachBottom()
    await waitFor(() => text().includes('没有更多了'), 'the second page')
    expect(referralRequests().map((q) => q.get('cursor'))).toEqual([null, 'page-2'])
    expect(text()).toContain('钱*2026年11月20日 加入已追回')
    expect(text()).toContain('孙*2026年11月19日 加入已奖励+200 积分 · 1 张券')
    expect(page.querySelectorAll('.ref-friend')).toHaveLength(5)
  })

  test('分享给好友 shares the join page with the invitation in its scene', () => {
    const share = page.instance.onShareAppMessage as AnyFn | undefined
    expect(share).toBeDefined()
    const message = share!.call(page.instance, { from: 'button' })
    expect(message.path).toBe(`/pages/join/index?scene=${encodeURIComponent(SCENE)}`)
    expect(message.title).toContain('邀你一起加入会员')
  })

  test('保存海报: a refused album permission is explained with 去设置; allowed there, the code is saved', async () => {
    fake.modalAnswer = true
    byId('save-poster')!.dispatchEvent('tap')
    await waitFor(() => modals.length > 0, 'the explanation')
    expect(modals[0]).toMatchObject({ title: '无法保存到相册' })
    expect(modals[0]!.content).toContain('添加到相册')
    await waitFor(() => settingsOpened === 1, 'the settings page')
    await waitFor(() => byId('save-poster')?.dom.textContent?.trim() === '保存海报', 'the button back from 正在保存…')
    expect(written[0]).toEqual({ filePath: `${USER_DATA_PATH}/invite-AB12CD34.png`, data: PNG, encoding: 'base64' })
    expect(saved).toEqual([])

    byId('save-poster')!.dispatchEvent('tap')
    await waitFor(() => toasts.includes('已保存到相册'), 'the saved toast')
    expect(saved).toEqual([`${USER_DATA_PATH}/invite-AB12CD34.png`])
    expect(modals).toHaveLength(1)
  })

  test('switched off by the program: a notice and no poster, the earlier friends still listed', async () => {
    computed[REFERRAL] = () => ({ ...firstPage, enabled: false, nextCursor: null })
    page = sim.render('member/pages/referral/index')
    await waitFor(() => text().includes('邀请有礼活动暂未开放'), 'the notice')
    expect(byId('referral-poster')).toBeUndefined()
    expect(text()).not.toContain('保存海报')
    expect(text()).toContain('李*2026年11月25日 加入待首单')
    expect(text()).not.toContain('本月还可获奖')
  })

  test('no friends yet: the empty list says so', async () => {
    computed[REFERRAL] = () => ({
      ...firstPage,
      stats: { joined: 0, rewarded: 0, pending: 0, pointsEarned: 0, couponsEarned: 0, rewardedThisMonth: 0, leftThisMonth: 10 },
      items: [],
      nextCursor: null,
    })
    page = sim.render('member/pages/referral/index')
    await waitFor(() => text().includes('还没有好友通过你的邀请加入'), 'the empty list')
    expect(text()).toContain('邀请好友加入会员')
  })

  test('a failed load says so in Chinese and 重试 loads again', async () => {
    refusals[REFERRAL] = { statusCode: 500, error: { code: 'INTERNAL', message: 'internal error' } }
    page = sim.render('member/pages/referral/index')
    await waitFor(() => text().includes('加载失败'), 'the error')
    delete refusals[REFERRAL]
    computed[REFERRAL] = () => firstPage
    page.querySelector('.hy-state__action')!.dispatchEvent('tap')
    await waitFor(() => text().includes('邀请的好友'), 'the page after 重试')
    expect(text()).toContain('李*2026年11月25日 加入待首单')
  })

  test('every node these pages rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})
