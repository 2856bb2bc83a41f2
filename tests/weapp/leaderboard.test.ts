/**
 * 排行榜 in the real WeChat build (member subpackage), rendered in miniprogram-simulate
 * against the fake API (simulate.ts): the points board with its month, how many take part,
 * the medals of the first three, masked names and scores, the member's own row and the
 * 我的排名 bar; 连签榜 in days, with the member's place outside the top list; leaving asks
 * first (再想想 keeps the member on the board), taking part again needs no confirmation; a
 * refused change is a toast; an empty board, a failed load with 重试, and a visitor who is
 * not a member yet. The home page's 排行榜 entry opens the page.
 *
 * Set WEAPP_PREBUILT=1 to reuse miniprogram/dist/weapp instead of building.
 */
import path from 'node:path'
import type { Leaderboard, LeaderboardEntry } from '@huiyuan/shared/leaderboard/schemas'
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

const BOARD = '/v1/leaderboard'
const OPT_IN = '/v1/me/leaderboard'

const entry = (rank: number, name: string, score: number, me = false): LeaderboardEntry => ({ rank, name, score, me })

/** What the fake API holds: whether the member takes part. */
let optedIn = true

const others: LeaderboardEntry[] = [entry(1, '李*', 1280), entry(3, '张*', 640), entry(3, '赵*', 640), entry(5, '钱*', 90)]
const pointsBoard = (): Leaderboard =>
  optedIn
    ? {
        board: 'points',
        month: '2026-11',
        optedIn: true,
        ranked: 12,
        items: [others[0]!, entry(2, '王*', 860, true), ...others.slice(1)],
        me: { score: 860, rank: 2 },
      }
    : {
        board: 'points',
        month: '2026-11',
        optedIn: false,
        ranked: 11,
        items: [others[0]!, ...others.slice(1).map((e) => ({ ...e, rank: e.rank - 1 }))],
        me: { score: 860, rank: null },
      }
/** The member's best streak puts them at 57th, outside the top list. */
const streakBoard = (): Leaderboard => ({
  board: 'streak',
  month: '2026-11',
  optedIn,
  ranked: optedIn ? 64 : 63,
  items: [entry(1, '孙*', 21), entry(2, '周*', 15), entry(3, '吴*', 12), entry(4, '郑*', 9)],
  me: { score: 3, rank: optedIn ? 57 : null },
})

const card = memberCard({ name: '王小明', points: 860 })

const navigatedTo: string[] = []

const sim = simulatedPages()
const { text, waitFor } = sim
let page: SimComponent
const byId = (id: string) => page.querySelector(`#${id}`)
const textOf = (id: string) => (byId(id)?.dom.textContent ?? '').replace(/\s+/g, ' ').trim()
/** 我的排名: the place and the score. */
const myRank = () => [textOf('my-rank-place'), textOf('my-rank-score')]
/** The list as shown: place, name, score and whether the row is marked as the member's. */
const rows = () =>
  page.querySelectorAll('.lb-row').map((r) => ({
    text: (r.dom.textContent ?? '').replace(/\s+/g, ''),
    me: r.dom.className.includes('lb-row--me'),
    medal: /lb-medal--(\w+)/.exec(r.dom.innerHTML)?.[1] ?? null,
  }))
const boardRequests = () => requests.filter((r) => new URL(r.url).pathname === BOARD).map((r) => new URL(r.url).searchParams.get('board'))
const optInRequests = () => requests.filter((r) => new URL(r.url).pathname === OPT_IN)

beforeAll(() => {
  buildWeapp()
  installDom()
  sim.start()
  installWx()
  const wx = (globalThis as any).wx
  wx.navigateTo = (o: { url: string; success?: AnyFn; complete?: AnyFn }) => {
    navigatedTo.push(o.url)
    setTimeout(() => {
      o.success?.({ errMsg: 'navigateTo:ok' })
      o.complete?.({ errMsg: 'navigateTo:ok' })
    }, 0)
  }
  answers['/v1/privacy-policy'] = policy
  answers['/v1/me'] = card
  computed[BOARD] = (_body, url) => (url.searchParams.get('board') === 'streak' ? streakBoard() : pointsBoard())
  computed[OPT_IN] = (body: { optIn: boolean }) => {
    optedIn = body.optIn
    return pointsBoard()
  }
  storage.set('huiyuan.session', memberSession)
  const shims = installAppAndPage(
    () => fake.currentRoute,
    () => ({}),
  )
  require(path.join(DIST, 'app.js'))
  shims.launch()
})

afterAll(() => sim.stop())

describe('weapp 排行榜 (member subpackage) in miniprogram-simulate', () => {
  test('the home page has 排行榜, and it opens the leaderboard', async () => {
    page = sim.render('pages/home/index')
    await waitFor(() => text().includes('排行榜'), 'the 排行榜 entry')
    expect(textOf('leaderboard-entry')).toContain('本月积分榜，看看你排第几')
    byId('leaderboard-entry')!.dispatchEvent('tap')
    await waitFor(() => navigatedTo.length > 0, 'the navigation')
    expect(navigatedTo).toEqual(['/member/pages/leaderboard/index'])
  })

  test("积分榜: the month, how many take part, medals for 1–3, masked names with points, the member's row marked, 我的排名", async () => {
    page = sim.render('member/pages/leaderboard/index')
    await waitFor(() => text().includes('11月积分榜'), 'the points board')
    expect(boardRequests()).toEqual(['points'])
    expect(textOf('leaderboard-head')).toContain('按本月获得的积分排名 · 共 12 人参与')
    expect(rows()).toEqual([
      { text: '1李李*1,280积分', me: false, medal: 'gold' },
      { text: '2王王*我860积分', me: true, medal: 'silver' },
      { text: '3张张*640积分', me: false, medal: 'bronze' },
      { text: '3赵赵*640积分', me: false, medal: 'bronze' },
      { text: '5钱钱*90积分', me: false, medal: null },
    ])
    expect(textOf('my-rank')).toContain('我的排名')
    expect(myRank()).toEqual(['第 2 名', '860 积分'])
    expect(textOf('leaderboard-optin')).toContain('已参与排名')
    expect(byId('optin-switch')).toBeDefined()
    expect(byId('optin-button')).toBeUndefined()
  })

  test('连签榜 in days, the member 57th: outside the top list, their place still in 我的排名; back on 积分榜 at once', async () => {
    byId('tab-streak')!.dispatchEvent('tap')
    await waitFor(() => text().includes('11月连签榜'), 'the streak board')
    expect(boardRequests()).toEqual(['points', 'streak'])
    expect(textOf('leaderboard-head')).toContain('按本月最长连续签到天数排名 · 共 64 人参与')
    expect(rows().map((r) => r.text)).toEqual(['1孙孙*21天', '2周周*15天', '3吴吴*12天', '4郑郑*9天'])
    expect(rows().some((r) => r.me)).toBe(false)
    expect(myRank()).toEqual(['第 57 名', '3 天'])

    // A tab seen before shows what it read while it reads again.
    byId('tab-points')!.dispatchEvent('tap')
    await waitFor(() => text().includes('11月积分榜'), 'the points board again')
    expect(myRank()).toEqual(['第 2 名', '860 积分'])
    await waitFor(() => boardRequests().length === 3, 'the points board read again')
  })

  test('leaving asks first: 再想想 keeps the member on the board, nothing sent', async () => {
    fake.modalAnswer = false
    byId('optin-switch')!.dispatchEvent('tap')
    await waitFor(() => modals.length === 1, 'the confirmation')
    expect(modals[0]).toMatchObject({ title: '退出排行榜？' })
    expect(modals[0]!.content).toContain('不再出现在排行榜上')
    await new Promise((r) => setTimeout(r, 100))
    expect(optInRequests()).toEqual([])
    expect(textOf('leaderboard-optin')).toContain('已参与排名')
  })

  test('leaving, confirmed: the member is taken off the list, 未参与排名, and the explanation with 参与排名 comes back', async () => {
    fake.modalAnswer = true
    byId('optin-switch')!.dispatchEvent('tap')
    await waitFor(() => toasts.includes('已退出排行榜'), 'the toast')
    expect(modals).toHaveLength(2)
    expect(optInRequests().map((r) => [r.method, JSON.parse(String(r.data))])).toEqual([['PUT', { optIn: false }]])
    await waitFor(() => byId('optin-button') !== undefined, 'the 参与排名 button')
    expect(textOf('leaderboard-optin')).toContain('开启后，你的姓氏和本月积分将展示在排行榜上（如 李*）')
    expect(textOf('leaderboard-head')).toContain('共 11 人参与')
    expect(rows().some((r) => r.me || r.text.includes('王*'))).toBe(false)
    expect(myRank()).toEqual(['未参与排名', '860 积分'])
  })

  test('taking part again needs no confirmation; on 连签榜 the board is read again after the change', async () => {
    byId('tab-streak')!.dispatchEvent('tap')
    await waitFor(() => myRank()[0] === '未参与排名' && text().includes('11月连签榜'), 'the streak board, not taking part')
    const readsBefore = boardRequests().length
    byId('optin-button')!.dispatchEvent('tap')
    await waitFor(() => toasts.includes('已参与排名'), 'the toast')
    expect(modals).toHaveLength(2)
    expect(optInRequests().map((r) => JSON.parse(String(r.data)))).toEqual([{ optIn: false }, { optIn: true }])
    await waitFor(() => myRank()[0] === '第 57 名', 'the place back on 连签榜')
    expect(myRank()).toEqual(['第 57 名', '3 天'])
    expect(boardRequests().slice(readsBefore)).toEqual(['streak'])
    expect(byId('optin-switch')).toBeDefined()
  })

  test('a refused change is a toast in Chinese; the member stays on the board', async () => {
    refusals[OPT_IN] = { statusCode: 500, error: { code: 'INTERNAL', message: 'internal error' } }
    fake.modalAnswer = true
    byId('optin-switch')!.dispatchEvent('tap')
    await waitFor(() => toasts.includes('服务开小差了，请稍后再试'), 'the error toast')
    delete refusals[OPT_IN]
    expect(textOf('leaderboard-optin')).toContain('已参与排名')
    expect(myRank()).toEqual(['第 57 名', '3 天'])
  })

  test('an empty board says how to get on it; 我的排名 says 本月暂无积分', async () => {
    const empty: Leaderboard = { board: 'points', month: '2026-11', optedIn: false, ranked: 0, items: [], me: { score: 0, rank: null } }
    computed[BOARD] = () => empty
    page = sim.render('member/pages/leaderboard/index')
    await waitFor(() => text().includes('本月还没有人上榜'), 'the empty board')
    expect(textOf('leaderboard-list')).toContain('签到或消费即可获得积分')
    expect(textOf('leaderboard-head')).toContain('还没有人参与')
    expect(myRank()).toEqual(['未参与排名', '本月暂无积分'])
    expect(byId('optin-button')).toBeDefined()
  })

  test('a failed load says so in Chinese and 重试 loads again', async () => {
    refusals[BOARD] = { statusCode: 500, error: { code: 'INTERNAL', message: 'internal error' } }
    page = sim.render('member/pages/leaderboard/index')
    await waitFor(() => text().includes('加载失败'), 'the error')
    expect(text()).toContain('服务开小差了，请稍后再试')
    delete refusals[BOARD]
    computed[BOARD] = (_body, url) => (url.searchParams.get('board') === 'streak' ? streakBoard() : pointsBoard())
    page.querySelector('.hy-state__action')!.dispatchEvent('tap')
    await waitFor(() => text().includes('11月积分榜'), 'the board after 重试')
    expect(rows()).toHaveLength(5)
  })

  test('not a member yet: asked to join', async () => {
    refusals[BOARD] = { statusCode: 403, error: { code: 'NOT_A_MEMBER', message: 'not a member' } }
    page = sim.render('member/pages/leaderboard/index')
    await waitFor(() => text().includes('加入会员后即可参与排行榜'), 'the join prompt')
    navigatedTo.length = 0
    page.querySelector('.hy-state__action')!.dispatchEvent('tap')
    await waitFor(() => navigatedTo.length > 0, 'the navigation')
    expect(navigatedTo).toEqual(['/pages/join/index'])
    delete refusals[BOARD]
  })

  test('every node these pages rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})
