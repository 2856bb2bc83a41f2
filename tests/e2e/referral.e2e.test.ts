/**
 * 邀请有礼 in the H5 build, two phones side by side: a member opens 邀请有礼 from the home
 * page and finds the poster (the invite link drawn as a QR code, what both get: by default
 * 好友首次消费后，你得 200 积分，好友得 100 积分), no friends yet, and copies the link. A
 * friend opens the link, is told a friend invited them, and joins through the form; the
 * member sees the friend listed, masked, as 待首单. After the friend's first purchase at the
 * till both are rewarded: the member sees 已奖励 +200 积分 and the counts move.
 *
 * Needs process.env.H5_URL (the built H5 app served with /v1 proxied) and API_URL.
 */
import type { Page } from 'playwright-core'
import { call, signIn } from '../api/client'
import { H5_URL, Phones, eventually, expectText, fillInput, joinAsNewMember, textOf, visible, waitForListed } from './h5'

jest.setTimeout(180_000)

const HOME_URL = `${H5_URL}/#/pages/home/index`
const REFERRAL_URL = `${H5_URL}/#/member/pages/referral/index`

const phones = new Phones('referral')
const shot = (page: Page, name: string) => phones.shot(page, name)
let member: Page
let friend: Page

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
/** Two different phones: the API refuses an invitation to the inviter's own number. */
const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const friendDevName = `ref-friend-${run}`

beforeAll(async () => {
  member = await phones.open()
  friend = await phones.open()
})

afterAll(() => phones.close())

describe('邀请有礼 (H5)', () => {
  let link = ''
  let friendToken = ''

  test('the member opens 邀请有礼 from the home page: the poster with the QR code and what both get, no friends yet', async () => {
    await joinAsNewMember(member, `ref-member-${run}`, { name: '邀请人', mobile: mobile(), birthday: '1991-04-12', gender: 'female' })
    await member.goto(HOME_URL)
    await visible(member, '#member-card').waitFor()
    await expectText(member, '#referral-entry', '邀请有礼')
    await shot(member, '00-home')
    await visible(member, '#referral-entry').click()

    await visible(member, '#referral-poster').waitFor()
    await expectText(member, '#referral-program', '汇元会员 · 邀请有礼')
    await expectText(member, '#referral-poster', '邀请好友加入会员')
    await expectText(member, '#referral-summary', '好友首次消费后，你得 200 积分，好友得 100 积分')
    const qr = visible(member, '#referral-code img').first()
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/)
    // A QR code a phone can scan: square, not tiny, and whole on the poster (not cut off by its
    // frame). Both measured at once: the page may still be sliding in.
    const fit = await qr.evaluate((img) => {
      const i = img.getBoundingClientRect()
      const f = (img.closest('#referral-code') ?? img).getBoundingClientRect()
      return { width: i.width, height: i.height, left: i.left - f.left, right: f.right - i.right }
    })
    expect(fit.width).toBeGreaterThanOrEqual(150)
    expect(Math.abs(fit.width - fit.height)).toBeLessThan(2)
    expect(fit.left).toBeGreaterThanOrEqual(-1)
    expect(fit.right).toBeGreaterThanOrEqual(-1)

    link = await textOf(member, '#referral-link')
    expect(link).toMatch(/#\/pages\/join\/index\?scene=s%3DS001%26r%3D[A-Z2-9]{8}$/)
    // H5: copy the link; WeChat's share and album are for the mini-program.
    expect(await visible(member, '#save-poster').count()).toBe(0)

    await expectText(member, '#stat-joined', /0\s*已邀请/)
    await expectText(member, '#stat-pending', /0\s*待首单/)
    await expectText(member, '#stat-earned', /累计获得\s*0 积分 · 0 张券/)
    await expectText(member, '#stat-month', '本月还可获奖 10 位')
    await expectText(member, '#referral-rules', '每月最多因 10 位好友获得奖励')
    await expectText(member, '#referral-friends', '还没有好友通过你的邀请加入')
    await shot(member, '01-poster')
  })

  test('复制链接 puts the invite link on the clipboard', async () => {
    await visible(member, '#copy-link').click()
    await member.getByText('内容已复制').locator('visible=true').waitFor()
    // Taro's H5 clipboard keeps what it copied in storage ({data: …}), as the system clipboard is not readable headless.
    const copied = await member.evaluate(() => JSON.parse(localStorage.getItem('taro_clipboard') ?? '{}').data)
    expect(copied).toBe(link)
  })

  test('the friend opens the link: told a friend invited them, and joins through the form', async () => {
    // The link names the stack's configured H5 origin; the test's H5 app serves the same page.
    const scene = new URL(link.replace('/#/', '/')).searchParams.get('scene') ?? ''
    expect(scene).toMatch(/^s=S001&r=[A-Z2-9]{8}$/)
    await friend.goto(`${H5_URL}/#/pages/join/index?scene=${encodeURIComponent(scene)}`)
    await visible(friend, '#dev-signin').waitFor()
    await fillInput(friend, 'dev-name', friendDevName)
    await visible(friend, '#dev-signin-button').click()
    await expectText(friend, '#dev-signin', friendDevName)
    await visible(friend, '#join-form').waitFor()
    await expectText(friend, '#join-invited', '好友邀请你加入')
    await expectText(friend, '#join-store', '加入门店：南京西路旗舰店')

    await fillInput(friend, 'field-name', '钱多多')
    await fillInput(friend, 'field-mobile', mobile())
    await visible(friend, '#field-birthday').click()
    await visible(friend, '.nut-picker-confirm-btn').first().click()
    await visible(friend, '.gender-male').click()
    await visible(friend, '#privacy-consent .nut-checkbox').click()
    await shot(friend, '02-join-invited')
    await visible(friend, '#join-submit').click()
    await visible(friend, '#member-card').waitFor({ timeout: 15_000 })
    friendToken = await friend.evaluate(() => JSON.parse(localStorage.getItem('huiyuan.session') ?? '{}').data?.token ?? '')
    expect(friendToken).not.toBe('')
  })

  test('the member sees the friend listed, masked, as 待首单', async () => {
    await member.goto(REFERRAL_URL)
    await waitForListed(member, '.ref-friend', '钱*')
    const row = visible(member, '.ref-friend').first()
    await expect(row.innerText()).resolves.toMatch(/钱\*[\s\S]*\d{4}年\d{1,2}月\d{1,2}日 加入[\s\S]*待首单/)
    expect(await row.innerText()).not.toContain('钱多多')
    await expectText(member, '#stat-joined', /1\s*已邀请/)
    await expectText(member, '#stat-pending', /1\s*待首单/)
    await expectText(member, '#stat-rewarded', /0\s*已获奖励/)
    await expectText(member, '#referral-end', '没有更多了')
    await shot(member, '03-friend-pending')
  })

  test("after the friend's first purchase both are rewarded: 已奖励 +200 积分, and the counts move", async () => {
    const cashier = await signIn('cashier')
    const code = await call('GET', '/v1/me/code', { token: friendToken })
    expect(code.status).toBe(200)
    const bought = await call('POST', '/v1/staff/purchases', {
      token: cashier,
      body: { memberCode: code.body.code, storeId: 'S001', orderId: `RF${run.toUpperCase()}`.slice(0, 20), amountFen: 8_800 },
    })
    expect(bought.status).toBe(201)

    // The rewards follow the purchase's event: reload until the friend shows 已奖励.
    await waitForListed(member, '.ref-friend', '已奖励', 30_000)
    await expectText(member, '.ref-friend', /钱\*[\s\S]*已奖励[\s\S]*\+200 积分/)
    await expectText(member, '#stat-rewarded', /1\s*已获奖励/)
    await expectText(member, '#stat-pending', /0\s*待首单/)
    await expectText(member, '#stat-earned', /累计获得\s*200 积分 · 0 张券/)
    await expectText(member, '#stat-month', '本月还可获奖 9 位')
    await shot(member, '04-friend-rewarded')

    // The friend got theirs: 100 points on top of what the purchase earned.
    await eventually(
      async () => (await call('GET', '/v1/me/points', { token: friendToken })).body.items as { type: string; delta: number }[],
      (items) => expect(items.filter((e) => e.type === 'referral').map((e) => e.delta)).toEqual([100]),
    )
  })

  test('a failed load says so, and 重试 loads the page', async () => {
    await member.route('**/v1/me/referral*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'down' } }),
      }),
    )
    await member.goto(REFERRAL_URL)
    await member.reload()
    await visible(member, '#state-error').waitFor()
    await expectText(member, '#state-error', '加载失败')
    await shot(member, '05-error')
    await member.unroute('**/v1/me/referral*')
    await visible(member, '#state-error .hy-state__action').click()
    await visible(member, '#referral-poster').waitFor()
    await expectText(member, '.ref-friend', '已奖励')
  })

  test('switched off by the program: a notice instead of the poster; what the invitations earned stays', async () => {
    // The program's switch is the console's (another test's); here the API's answer is reshaped in the browser.
    await member.route('**/v1/me/referral*', async (route) => {
      const res = await route.fetch()
      await route.fulfill({ response: res, json: { ...(await res.json()), enabled: false } })
    })
    await member.reload()
    await visible(member, '#referral-off').waitFor()
    await expectText(member, '#referral-off', '邀请有礼活动暂未开放')
    expect(await visible(member, '#referral-poster').count()).toBe(0)
    expect(await visible(member, '#copy-link').count()).toBe(0)
    await expectText(member, '#stat-rewarded', /1\s*已获奖励/)
    await expectText(member, '.ref-friend', '已奖励')
    await shot(member, '06-switched-off')
    await member.unroute('**/v1/me/referral*')
    expect(phones.pageErrors).toEqual([])
  })
})
