/**
 * The H5 till's camera scanner, with Chromium's fake camera showing a QR code: the cashier
 * taps 扫描会员码 and the member is found from the member's live code; on 券核销, 扫描券码
 * fills in the coupon code. (On weapp the till uses WeChat's own scanner instead.)
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { H5_URL, Phones, apiCall, eventually, expectText, fillInput, joinViaApi, visible, welcomeCoupon } from './h5'
import { fakeCameraShowing } from './fakeCamera'

const VIDEOS = path.resolve(__dirname, '../../test-artifacts/camera')
const opened: Phones[] = []

jest.setTimeout(120_000)

/** A cashier of S001 on a phone whose camera sees a QR code of `text`. */
async function cashierSeeing(text: string, name: string, url: string): Promise<{ phones: Phones; page: Page }> {
  const phones = new Phones('camera', fakeCameraShowing(text, path.join(VIDEOS, `${name}.y4m`)))
  opened.push(phones)
  const page = await phones.open()
  await page.goto(url)
  await visible(page, '#dev-signin').waitFor()
  await fillInput(page, 'dev-name', 'cashier')
  await visible(page, '#dev-signin-button').click()
  await expectText(page, '#till-role', '收银员')
  return { phones, page }
}

let member: { token: string; memberId: string }

beforeAll(async () => {
  const joined = await joinViaApi(`cam-${Date.now().toString(36)}`, {
    name: '扫码测试',
    mobile: '13700137000',
    birthday: '1991-04-02',
    gender: 'male',
  })
  member = { token: joined.session.token, memberId: joined.member.memberId }
})

afterAll(async () => {
  for (const p of opened) await p.close()
})

describe('scanning with the camera at the H5 till', () => {
  test("扫描会员码 reads the member's live code and finds the member", async () => {
    const { code } = await apiCall('GET', '/v1/me/code', undefined, member.token)
    const { phones, page } = await cashierSeeing(code, 'member-code', `${H5_URL}/#/staff/pages/index/index`)
    await visible(page, '#scan-button').click()
    await visible(page, '#member-summary').waitFor()
    await expectText(page, '#member-name', /^扫\*+试$/)
    await expectText(page, '#member-mobile', '137****7000')
    expect(await visible(page, '#camera-scanner').count()).toBe(0) // closed after reading
    await phones.shot(page, '01-member-found')
    expect(phones.pageErrors).toEqual([])
  })

  test('扫描券码 on 券核销 fills in the coupon code (the welcome coupon)', async () => {
    const coupon = await welcomeCoupon(member.token)
    const { phones, page } = await cashierSeeing(coupon.code, 'coupon-code', `${H5_URL}/#/staff/pages/redeem/index`)
    await visible(page, '#scan-coupon').click()
    await eventually(
      () => visible(page, '#coupon-code-input input').inputValue(),
      (v) => expect(v.replace(/-/g, '')).toBe(coupon.code),
      15_000,
    )
    await expectText(page, '#redeem-submit', '核销')
    await phones.shot(page, '02-coupon-scanned')
    expect(phones.pageErrors).toEqual([])
  })
})
