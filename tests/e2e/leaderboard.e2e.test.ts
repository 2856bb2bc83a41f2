/**
 * 排行榜 in the H5 build: a member opens it from the home page and finds this month's 积分榜,
 * not taking part (未参与排名, what taking part shows of them), and takes part. A second
 * member takes part and checks in; once the event consumer has counted it, the board shows
 * both masked, the one who checked in above, the first member's row marked and their place
 * in 我的排名; 连签榜 counts days. The first member checks in on the 签到 page and shares the
 * place (equal scores). Leaving asks first: 再想想 keeps them on the board, 退出 takes them off.
 * On a long board 我的排名 stays at the foot of the screen. A failed load says so and 重试
 * loads the board.
 *
 * Needs process.env.H5_URL (the built H5 app served with /v1 proxied) and API_URL.
 */
import type { Page } from 'playwright-core'
import {
  answerSubscribeDialog,
  apiCall,
  eventually,
  expectText,
  H5_URL,
  joinAsNewMember,
  joinViaApi,
  Phones,
  subscribeDialog,
  textOf,
  visible,
} from './h5'

jest.setTimeout(180_000)

const HOME_URL = `${H5_URL}/#/pages/home/index`

const phones = new Phones('leaderboard')
const shot = (name: string) => phones.shot(page, name)
let page: Page

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
/** Two surnames no demo member has, so their rows are theirs. */
const ME = { name: '闫晓岚', masked: '闫*' }
const OTHER = { name: '訾东来', masked: '訾*' }
/** This month in the program's zone (Asia/Shanghai): "11月". */
const thisMonth = `${new Date(Date.now() + 8 * 3600_000).getUTCMonth() + 1}月`

interface Row {
  rank: number
  name: string
  score: string
  me: boolean
  medal: boolean
}

/** The list as the member sees it. */
const rowsShown = (): Promise<Row[]> =>
  visible(page, '.lb-row').evaluateAll((els) =>
    els.map((el) => ({
      rank: Number(el.querySelector('.lb-row__rank')?.textContent ?? ''),
      name: el.querySelector('.lb-row__name')?.textContent ?? '',
      score: el.querySelector('.lb-row__score')?.textContent ?? '',
      me: el.classList.contains('lb-row--me'),
      medal: el.querySelector('.lb-medal') !== null,
    })),
  )

/** How many take part, from the header ("共 N 人参与" / "还没有人参与"). */
const rankedShown = async () => Number(/共 ([\d,]+) 人参与/.exec(await textOf(page, '#leaderboard-ranked'))?.[1]?.replace(/,/g, '') ?? 0)

/** The board on `tab`, reloaded until `check` passes (scores follow the events, a moment later). */
async function boardUntil(tab: 'points' | 'streak', check: (rows: Row[]) => void, timeoutMs = 30_000) {
  await eventually(
    async () => {
      await page.reload()
      await visible(page, '#leaderboard-list').waitFor()
      if (tab === 'streak') {
        await visible(page, '#tab-streak').click()
        await expectText(page, '#leaderboard-title', `${thisMonth}连签榜`)
      }
      return rowsShown()
    },
    check,
    timeoutMs,
  )
}

const row = (rows: Row[], name: string) => rows.find((r) => r.name === name)

/** Taro's H5 modal with `title`. */
const modal = (title: string) => page.locator('.taro-modal__content').locator('visible=true').filter({ hasText: title })

beforeAll(async () => {
  page = await phones.open()
})

afterAll(() => phones.close())

describe('排行榜 (H5)', () => {
  let rankedBefore = 0
  let otherToken = ''
  let otherPoints = 0
  let myPoints = 0

  test('from the home page: this month’s 积分榜, the member not taking part yet and told what taking part shows', async () => {
    await joinAsNewMember(page, `lb-me-${run}`, { name: ME.name, mobile: mobile(), birthday: '1993-06-18', gender: 'female' })
    await page.goto(HOME_URL)
    await visible(page, '#member-card').waitFor()
    await expectText(page, '#leaderboard-entry', /排行榜[\s\S]*本月积分榜，看看你排第几/)
    await shot('00-home')
    await visible(page, '#leaderboard-entry').click()

    await visible(page, '#leaderboard-head').waitFor()
    await expectText(page, '#leaderboard-title', `${thisMonth}积分榜`)
    await expectText(page, '#leaderboard-head', '按本月获得的积分排名')
    await expectText(page, '#leaderboard-optin', '开启后，你的姓氏和本月积分将展示在排行榜上（如 李*）')
    await expectText(page, '#optin-button', '参与排名')
    await expectText(page, '#my-rank-place', '未参与排名')
    await expectText(page, '#my-rank-score', '本月暂无积分')
    expect(row(await rowsShown(), ME.masked)).toBeUndefined()
    rankedBefore = await rankedShown()
    await shot('01-not-taking-part')
  })

  test('参与排名: the switch to leave, the member listed (0 积分, marked) and counted, their place in 我的排名', async () => {
    await visible(page, '#optin-button').click()
    await visible(page, '#optin-switch').waitFor()
    await expectText(page, '#leaderboard-optin', '已参与排名')
    await expectText(page, '#my-rank-place', /^第 \d+ 名$/)
    await expectText(page, '#my-rank-score', '本月暂无积分')
    expect(await rankedShown()).toBe(rankedBefore + 1)
    const mine = (await rowsShown()).filter((r) => r.me)
    expect(mine).toEqual([expect.objectContaining({ name: ME.masked, score: '0 积分' })])
    expect(await textOf(page, '#my-rank-place')).toBe(`第 ${mine[0]!.rank} 名`)
    await shot('02-taking-part')
  })

  test('another member takes part and checks in: both shown masked, the one with points above, my row marked, 我的排名', async () => {
    const joined = await joinViaApi(`lb-other-${run}`, { name: OTHER.name, mobile: mobile(), birthday: '1988-02-09', gender: 'male' })
    otherToken = joined.session.token
    const optedIn = await apiCall('PUT', '/v1/me/leaderboard', { optIn: true }, otherToken)
    expect(optedIn).toMatchObject({ board: 'points', optedIn: true })
    const checkin = await apiCall('POST', '/v1/me/checkins', undefined, otherToken)
    otherPoints = checkin.pointsAwarded
    expect(otherPoints).toBeGreaterThan(0)

    await boardUntil('points', (rows) => expect(row(rows, OTHER.masked)?.score).toBe(`${otherPoints} 积分`))
    const rows = await rowsShown()
    const other = row(rows, OTHER.masked)!
    const me = row(rows, ME.masked)!
    expect(other.me).toBe(false)
    expect(me).toMatchObject({ me: true, score: '0 积分' })
    expect(other.rank).toBeLessThan(me.rank)
    expect(rows.indexOf(other)).toBeLessThan(rows.indexOf(me))
    // Places go up the list, equal scores sharing one; medals for 1–3 only.
    expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((a, b) => a - b))
    for (const r of rows) expect(r.medal).toBe(r.rank <= 3)
    expect(rows.filter((r) => r.me)).toHaveLength(1)
    await expectText(page, '#my-rank-place', `第 ${me.rank} 名`)
    await expectText(page, '#my-rank-score', '本月暂无积分')
    expect(await rankedShown()).toBe(rankedBefore + 2)
    await shot('03-points-board')
  })

  test('连签榜 counts days: the other member 1 天, mine 0 天', async () => {
    await visible(page, '#tab-streak').click()
    await expectText(page, '#leaderboard-title', `${thisMonth}连签榜`)
    await expectText(page, '#leaderboard-head', '按本月最长连续签到天数排名')
    await boardUntil('streak', (rows) => expect(row(rows, OTHER.masked)?.score).toBe('1 天'))
    expect(row(await rowsShown(), ME.masked)).toMatchObject({ me: true, score: '0 天' })
    await expectText(page, '#my-rank-score', '本月暂无签到')
    await shot('04-streak-board')
  })

  test('checking in on the 签到 page puts my points on the board: the same as the other’s, the same place', async () => {
    await page.goto(HOME_URL)
    await visible(page, '#checkin-entry').click()
    await visible(page, '#checkin-calendar').waitFor()
    await visible(page, '#checkin-button').click()
    // The tap may first ask for 签到提醒 (the H5 stand-in for WeChat's dialog): not now.
    if (
      await subscribeDialog(page)
        .waitFor({ timeout: 3_000 })
        .then(
          () => true,
          () => false,
        )
    )
      await answerSubscribeDialog(page, '取消')
    await expectText(page, '#checkin-result', /\+\d+ 积分/)
    myPoints = Number(/\+(\d+)/.exec(await textOf(page, '#checkin-result'))?.[1])
    expect(myPoints).toBe(otherPoints)

    await page.goBack()
    await visible(page, '#leaderboard-entry').click()
    await visible(page, '#leaderboard-head').waitFor()
    await boardUntil('points', (rows) => expect(row(rows, ME.masked)?.score).toBe(`${myPoints} 积分`))
    const rows = await rowsShown()
    expect(row(rows, ME.masked)!.rank).toBe(row(rows, OTHER.masked)!.rank)
    await expectText(page, '#my-rank-place', `第 ${row(rows, ME.masked)!.rank} 名`)
    await expectText(page, '#my-rank-score', `${myPoints} 积分`)
    await shot('05-equal-scores')
  })

  test('leaving asks first: 再想想 keeps me on the board; 退出 takes me off, my points stay mine', async () => {
    await visible(page, '#optin-switch').click()
    const confirm = modal('退出排行榜？')
    await confirm.waitFor()
    await expect(confirm.innerText()).resolves.toContain('退出后你将不再出现在排行榜上')
    await shot('06-leave-confirm')
    await confirm.locator('.taro-model__cancel').click()
    await confirm.waitFor({ state: 'hidden' })
    await expectText(page, '#leaderboard-optin', '已参与排名')
    expect(row(await rowsShown(), ME.masked)?.me).toBe(true)

    await visible(page, '#optin-switch').click()
    await confirm.waitFor()
    await confirm.locator('.taro-model__confirm').click()
    await visible(page, '#optin-button').waitFor()
    await expectText(page, '#leaderboard-optin', '开启后，你的姓氏和本月积分将展示在排行榜上')
    await expectText(page, '#my-rank-place', '未参与排名')
    await expectText(page, '#my-rank-score', `${myPoints} 积分`)
    const rows = await rowsShown()
    expect(row(rows, ME.masked)).toBeUndefined()
    expect(rows.some((r) => r.me)).toBe(false)
    expect(row(rows, OTHER.masked)?.score).toBe(`${otherPoints} 积分`)
    expect(await rankedShown()).toBe(rankedBefore + 1)
    // The other member no longer sees me either.
    const theirs = await apiCall('GET', '/v1/leaderboard?board=points', undefined, otherToken)
    expect((theirs.items as { name: string }[]).map((i) => i.name)).not.toContain(ME.masked)
    await shot('07-left')
  })

  test('a long board: 我的排名 stays at the foot of the screen while the list scrolls, my place outside the top list', async () => {
    // 30 places and the member 87th: the API's answer reshaped in the browser.
    await page.route('**/v1/leaderboard*', async (route) => {
      const res = await route.fetch()
      const items = Array.from({ length: 30 }, (_, i) => ({
        rank: i + 1,
        name: `${'赵钱孙李周吴郑王冯陈'[i % 10]}*`,
        score: 3000 - i * 90,
        me: false,
      }))
      await route.fulfill({
        response: res,
        json: { ...(await res.json()), optedIn: true, ranked: 120, items, me: { score: 15, rank: 87 } },
      })
    })
    await page.reload()
    await eventually(
      () => visible(page, '.lb-row').count(),
      (n) => expect(n).toBe(30),
    )
    await expectText(page, '#my-rank-place', '第 87 名')
    await expectText(page, '#my-rank-score', '15 积分')
    expect((await rowsShown()).some((r) => r.me)).toBe(false)
    const viewport = page.viewportSize()!
    const bar = async () => (await visible(page, '#my-rank').boundingBox())!
    expect(Math.abs((await bar()).y + (await bar()).height - viewport.height)).toBeLessThan(2)
    // Scrolled to the end, the last place shows above the bar, not under it.
    await visible(page, '.lb-row').last().scrollIntoViewIfNeeded()
    await eventually(
      async () => ({ last: (await visible(page, '.lb-row').last().boundingBox())!, bar: await bar() }),
      ({ last, bar }) => {
        expect(Math.abs(bar.y + bar.height - viewport.height)).toBeLessThan(2)
        expect(last.y + last.height).toBeLessThanOrEqual(bar.y + 1)
      },
    )
    await shot('08-long-board')
    await page.unroute('**/v1/leaderboard*')
  })

  test('a failed load says so, and 重试 loads the board', async () => {
    await page.route('**/v1/leaderboard*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'down' } }),
      }),
    )
    await page.reload()
    await visible(page, '#state-error').waitFor()
    await expectText(page, '#state-error', '加载失败')
    await shot('09-error')
    await page.unroute('**/v1/leaderboard*')
    await visible(page, '#state-error .hy-state__action').click()
    await visible(page, '#leaderboard-head').waitFor()
    await expectText(page, '#leaderboard-title', `${thisMonth}积分榜`)
    expect(phones.pageErrors).toEqual([])
  })
})
