/**
 * 身份匹配 (status match) and 待开卡 in the H5 build, phones side by side (separate storage):
 * - a member joins (普卡); the store manager of S002 opens the till, finds 身份匹配 (a cashier
 *   does not), identifies the member by the code on their phone, enters the partner's card,
 *   picks 银卡 among the tiers above 普卡, attaches a photo of the card (a noisy one is refused
 *   as too large, a card-like one is downsized to fit), confirms in a dialog and sees the
 *   result; a second match for the same member is refused with the first one shown; the
 *   member's card shows 银卡;
 * - with the program in qualify mode, a new shopper's home shows 待开卡 with what opens the
 *   card and how far they are; the till offers every tier for them; after a ¥120 purchase
 *   the card opens at 普卡.
 *
 * Needs process.env.H5_URL: the built H5 app served with /v1 proxied to the API.
 */
import type { Page } from 'playwright-core'
import { H5_URL, Phones, apiCall, eventually, expectText, fillInput, joinAsNewMember, textOf, visible } from './h5'

const TILL_URL = `${H5_URL}/#/staff/pages/index/index`
const STATUS_MATCH_URL = `${H5_URL}/#/staff/pages/status-match/index`
const HOME_URL = `${H5_URL}/#/pages/home/index`
/** The rules cache of the API in tests is 1.2 s. */
const RULES_CACHE_MS = 1_500
const PHOTO_MAX_CHARS = 48_000

jest.setTimeout(240_000)

const phones = new Phones('status-match')
const shot = (page: Page, name: string) => phones.shot(page, name)
let member: Page
let manager: Page

const numberIn = (s: string) => Number(s.replace(/[^\d]/g, ''))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/** The 18 digits under the QR code on `phone`, with at least 15 s to go. */
async function readMemberCode(phone: Page): Promise<string> {
  let code = ''
  await eventually(
    async () => (await textOf(phone, '#member-code-digits')).replace(/\s/g, ''),
    (t) => {
      expect(t).toMatch(/^\d{18}$/)
      code = t
    },
  )
  const left = numberIn(await textOf(phone, '#member-code-countdown'))
  if (left > 0 && left < 15) {
    await eventually(
      async () => (await textOf(phone, '#member-code-digits')).replace(/\s/g, ''),
      (t) => expect(t).not.toBe(code),
      30_000,
    )
    return readMemberCode(phone)
  }
  return code
}

/** The manager identifies the member shown on `phone` by typing the code under its QR code. */
async function identify(phone: Page) {
  await visible(manager, '#identify-member').waitFor()
  await fillInput(manager, 'member-code-input', await readMemberCode(phone))
  await visible(manager, '#lookup-button').click()
  await visible(manager, '#member-summary').waitFor()
}

/** Taro's H5 modal with this title: its text (a screenshot while it is up), then the button pressed. */
async function answerDialog(title: string, press: 'confirm' | 'cancel', screenshot?: string): Promise<string> {
  const dialog = manager.locator('.taro-modal__content').locator('visible=true').filter({ hasText: title })
  await dialog.waitFor()
  const text = await dialog.locator('.taro-modal__text').innerText()
  if (screenshot) await shot(manager, screenshot)
  await dialog.locator(press === 'confirm' ? '.taro-model__confirm' : '.taro-model__cancel').click()
  await dialog.waitFor({ state: 'hidden' })
  return text
}

/**
 * A JPEG drawn in the browser: a partner card on a table (smooth colours and print, as a
 * card photo is), or random noise (which no JPEG setting squeezes small).
 */
async function drawJpeg(page: Page, kind: 'card' | 'noise'): Promise<Buffer> {
  const dataUrl = await page.evaluate((k) => {
    const canvas = document.createElement('canvas')
    // Noise at the size it is sent at (downsizing would smooth it).
    canvas.width = k === 'noise' ? 800 : 2000
    canvas.height = k === 'noise' ? 560 : 1400
    const ctx = canvas.getContext('2d')!
    if (k === 'noise') {
      const img = ctx.createImageData(canvas.width, canvas.height)
      for (let i = 0; i < img.data.length; i++) img.data[i] = (i + 1) % 4 === 0 ? 255 : Math.floor(Math.random() * 256)
      ctx.putImageData(img, 0, 0)
    } else {
      ctx.fillStyle = '#8a7f72'
      ctx.fillRect(0, 0, canvas.width, canvas.height)
      const g = ctx.createLinearGradient(200, 200, 1800, 1200)
      g.addColorStop(0, '#f3d08a')
      g.addColorStop(1, '#ad6800')
      ctx.fillStyle = g
      ctx.beginPath()
      ctx.roundRect(200, 200, 1600, 1000, 60)
      ctx.fill()
      ctx.fillStyle = '#fff'
      ctx.font = 'bold 110px sans-serif'
      ctx.fillText('万达广场 VIP', 300, 400)
      ctx.font = '90px sans-serif'
      ctx.fillText('金卡 GOLD', 300, 560)
      ctx.font = '100px monospace'
      ctx.fillText('VIP-2024-8812', 300, 1050)
    }
    return canvas.toDataURL('image/jpeg', 0.92)
  }, kind)
  return Buffer.from(dataUrl.replace(/^data:image\/jpeg;base64,/, ''), 'base64')
}

/** 拍摄卡面 / 重拍: the file input Taro's chooseImage opens on H5 gets this picture. */
async function attachPhoto(button: string, jpeg: Buffer) {
  const [chooser] = await Promise.all([manager.waitForEvent('filechooser'), visible(manager, button).click()])
  await chooser.setFiles({ name: 'card.jpg', mimeType: 'image/jpeg', buffer: jpeg })
}

/** A staff member signs in on a fresh phone with the H5 dev sign-in and lands on the till. */
async function signInAtTill(phone: Page, devName: string) {
  await phone.goto(TILL_URL)
  await visible(phone, '#dev-signin').waitFor()
  await fillInput(phone, 'dev-name', devName)
  await visible(phone, '#dev-signin-button').click()
  await visible(phone, '#identify-member').waitFor()
}

beforeAll(async () => {
  member = await phones.open()
  manager = await phones.open()
})

afterAll(() => phones.close())

describe('身份匹配 at the till (H5)', () => {
  const memberDev = unique('sm')

  test('a new member joins at 普卡', async () => {
    await joinAsNewMember(member, memberDev, { name: '匹配会员', mobile: '13600136000', birthday: '1991-04-12', gender: 'female' })
    await member.goto(HOME_URL)
    await visible(member, '#member-card').waitFor()
    await expectText(member, '#tier-name', '普卡')
    await readMemberCode(member)
  })

  test('the store manager of S002 finds 身份匹配 on the till and opens it', async () => {
    await signInAtTill(manager, 'manager')
    await expectText(manager, '#till-store', '三里屯店')
    await expectText(manager, '#till-role', '店长')
    await expectText(manager, '#go-status-match', '身份匹配')
    await shot(manager, '01-till-home')
    await visible(manager, '#go-status-match').click()
    await expectText(manager, '#till-header', '身份匹配')
    await expectText(manager, '#till-store', '三里屯店')
    await expectText(manager, '#sm-intro', '每位会员仅可办理一次')
    await shot(manager, '02-identify')
    await identify(member)
    await expectText(manager, '#member-name', /^匹\*+员$/)
    await expectText(manager, '#member-tier', '普卡')
  })

  test('the form is checked before sending; the tiers offered are those above 普卡', async () => {
    await expectText(manager, '#sm-tier-hint', '会员当前为普卡，可匹配更高等级')
    await visible(manager, '#sm-tier-silver').waitFor()
    expect(await visible(manager, '#sm-tier-normal').count()).toBe(0)
    await expectText(manager, '#sm-tier-gold', '金卡')
    await expectText(manager, '#sm-submit', '确认匹配')
    await visible(manager, '#sm-submit').click()
    await expectText(manager, '#sm-partner-input-error', '请输入合作方名称')
    await expectText(manager, '#sm-card-no-input-error', '4–32 位字母、数字或短横线')
    await expectText(manager, '#sm-tier-error', '请选择匹配等级')
    // Nothing was asked, nothing was sent.
    expect(await manager.locator('.taro-modal__content').locator('visible=true').count()).toBe(0)
    await shot(manager, '03-errors')

    await fillInput(manager, 'sm-partner-input', '万达广场VIP')
    await fillInput(manager, 'sm-card-no-input', 'VIP-2024-8812')
    await fillInput(manager, 'sm-partner-tier-input', '金卡')
    await visible(manager, '#sm-tier-silver').click()
    await expectText(manager, '#sm-submit', '确认匹配为银卡')
    expect(await visible(manager, '#sm-partner-input-error').count()).toBe(0)
    expect(await visible(manager, '#sm-tier-error').count()).toBe(0)
  })

  test('a photo of the card: a noisy one is refused as too large, a card photo is downsized to fit', async () => {
    await attachPhoto('#sm-photo-take', await drawJpeg(manager, 'noise'))
    await expectText(manager, '#sm-photo-error', '照片过大，请靠近卡面重拍')
    expect(await visible(manager, '#sm-photo-thumb').count()).toBe(0)
    await shot(manager, '04-photo-too-large')

    await attachPhoto('#sm-photo-take', await drawJpeg(manager, 'card'))
    await visible(manager, '#sm-photo-thumb').waitFor()
    expect(await visible(manager, '#sm-photo-error').count()).toBe(0)
    const src = await visible(manager, '#sm-photo-thumb img').first().getAttribute('src')
    expect(src).toMatch(/^data:image\/jpeg;base64,/)
    expect(src!.length).toBeLessThanOrEqual(PHOTO_MAX_CHARS)
    // Drawn at most 800 px on its longest side.
    const size = await manager.evaluate(
      (s) =>
        new Promise<{ w: number; h: number }>((resolve) => {
          const img = new Image()
          img.onload = () => resolve({ w: img.naturalWidth, h: img.naturalHeight })
          img.src = s
        }),
      src!,
    )
    expect(Math.max(size.w, size.h)).toBeLessThanOrEqual(800)
    expect(size.w / size.h).toBeCloseTo(2000 / 1400, 1)
    await expectText(manager, '#sm-photo', /重拍[\s\S]*删除/)
    await shot(manager, '05-form-filled')
  })

  test('confirmed in a dialog naming the member, the partner and the tier; then the result', async () => {
    await visible(manager, '#sm-submit').click()
    const asked = await answerDialog('确认身份匹配', 'confirm', '06-confirm')
    expect(asked).toMatch(/确认将会员 匹\*+员 匹配为 银卡？/)
    expect(asked).toContain('万达广场VIP（金卡）')
    expect(asked).toContain('VIP-2024-8812')
    expect(asked).toContain('此操作每位会员仅可办理一次')

    await visible(manager, '#sm-result').waitFor()
    await expectText(manager, '#sm-result-tier', '已匹配为银卡')
    await expectText(manager, '#sm-result-partner', '万达广场VIP · 金卡')
    await expectText(manager, '#sm-result-card-no', '*********8812')
    await expectText(manager, '#sm-result-move', '普卡 → 银卡')
    await expectText(manager, '#sm-result-photo', '已留存')
    expect(await visible(manager, '#sm-replayed').count()).toBe(0)
    await shot(manager, '07-result')
  })

  test('the same member again: the till shows 银卡, offers only 金卡, and the API refuses with the first match', async () => {
    await visible(manager, '#sm-next').click()
    await identify(member)
    await expectText(manager, '#member-tier', '银卡')
    await visible(manager, '#sm-tier-gold').waitFor()
    expect(await visible(manager, '#sm-tier-silver').count()).toBe(0)
    await fillInput(manager, 'sm-partner-input', '国航知音')
    await fillInput(manager, 'sm-card-no-input', 'CA 1234 5678')
    await visible(manager, '#sm-tier-gold').click()
    await visible(manager, '#sm-submit').click()
    const asked = await answerDialog('确认身份匹配', 'confirm')
    expect(asked).toContain('匹配为 金卡')
    expect(asked).toContain('CA12345678') // typed with spaces, sent without
    await visible(manager, '#sm-refused').waitFor()
    await expectText(manager, '#sm-refused', '该会员已办理过身份匹配')
    await expectText(manager, '#sm-refused-text', /凭「万达广场VIP · 金卡」（卡号尾号 8812）匹配为银卡。每位会员仅可办理一次。/)
    expect(await visible(manager, '#sm-submit').count()).toBe(0)
    await shot(manager, '08-already-matched')
    await visible(manager, '#sm-next').click()
    await visible(manager, '#identify-member').waitFor()
  })

  test("the member's card shows 银卡", async () => {
    await member.reload()
    await visible(member, '#member-card').waitFor()
    await expectText(member, '#tier-name', '银卡')
    await expect(visible(member, '#member-card').getAttribute('class')).resolves.toContain('hy-card--tier-1')
    await shot(member, '09-member-silver')
  })

  test('a cashier does not see 身份匹配, and the page itself says only a store manager may do it', async () => {
    const cashier = await phones.open()
    await signInAtTill(cashier, 'cashier')
    await visible(cashier, '#go-top-up').waitFor()
    expect(await visible(cashier, '#go-status-match').count()).toBe(0)
    await shot(cashier, '10-cashier-till')
    await cashier.goto(STATUS_MATCH_URL)
    await expectText(cashier, '#state-empty', '仅店长可办理')
    expect(await visible(cashier, '#identify-member').count()).toBe(0)
    await shot(cashier, '11-cashier-refused')
  })
})

describe('待开卡 on the member home (qualify mode)', () => {
  let admin = ''
  let original: { rules: Record<string, any>; version: number } | null = null
  let shopper: Page
  const shopperDev = unique('qf')

  const putRules = async (rules: Record<string, any>) => {
    const now = await apiCall('GET', '/v1/admin/program', undefined, admin)
    await apiCall('PUT', '/v1/admin/program', { rules, version: now.version }, admin)
    await sleep(RULES_CACHE_MS)
  }

  beforeAll(async () => {
    admin = (await apiCall('POST', '/v1/auth/wechat', { code: 'dev:admin' })).token
    original = await apiCall('GET', '/v1/admin/program', undefined, admin)
    const rules = original!.rules
    await putRules({ ...rules, tierPolicy: { ...rules.tierPolicy, entryMode: 'qualify' } })
    shopper = await phones.open()
  })

  afterAll(async () => {
    if (original) await putRules(original.rules)
  })

  test('a shopper who signs up sees 待开卡, what opens the card and how far they are', async () => {
    await joinAsNewMember(shopper, shopperDev, { name: '待开卡顾客', mobile: '13500135000', birthday: '1993-09-09', gender: 'male' })
    await shopper.goto(HOME_URL)
    await visible(shopper, '#member-card').waitFor()
    await expectText(shopper, '#tier-name', '待开卡')
    await expect(visible(shopper, '#member-card').getAttribute('class')).resolves.toContain('hy-card--pending')
    await expectText(shopper, '#qualify-ways', '单笔消费满 ¥100 或累计消费满 ¥300，即可开卡')
    await expectText(shopper, '#qualify-text', '已累计消费 ¥0，再消费 ¥300 即可开卡')
    expect(await visible(shopper, '#tier-progress').count()).toBe(0)
    await readMemberCode(shopper)
    await shot(shopper, '12-pending-home')
  })

  test('at the till the shopper is 待开卡, and every tier is offered for a status match', async () => {
    await visible(manager, '#identify-member').waitFor()
    await identify(shopper)
    await expectText(manager, '#member-tier', '待开卡')
    await expect(visible(manager, '#member-summary').getAttribute('class')).resolves.toContain('till-member--pending')
    await expectText(manager, '#sm-tier-hint', '该顾客尚未开卡，可匹配任一等级')
    for (const code of ['normal', 'silver', 'gold']) await visible(manager, `#sm-tier-${code}`).waitFor()
    await shot(manager, '13-pending-at-till')
    await visible(manager, '#member-change').click()
    await visible(manager, '#identify-member').waitFor()
  })

  test('after a ¥120 purchase the card opens at 普卡', async () => {
    const cashier = (await apiCall('POST', '/v1/auth/wechat', { code: 'dev:cashier' })).token
    const token = await shopper.evaluate(
      () => (JSON.parse(localStorage.getItem('huiyuan.session') ?? '{}') as { data?: { token?: string } }).data?.token ?? '',
    )
    const { code } = await apiCall('GET', '/v1/me/code', undefined, token)
    await apiCall('POST', '/v1/staff/purchases', { memberCode: code, storeId: 'S001', orderId: unique('QF'), amountFen: 12_000 }, cashier)
    await eventually(
      async () => {
        await shopper.reload()
        await visible(shopper, '#member-card').waitFor()
        return textOf(shopper, '#tier-name')
      },
      (t) => expect(t).toBe('普卡'),
    )
    await expect(visible(shopper, '#member-card').getAttribute('class')).resolves.toContain('hy-card--tier-0')
    expect(await visible(shopper, '#qualify-progress').count()).toBe(0)
    await visible(shopper, '#tier-progress').waitFor()
    await shot(shopper, '14-card-opened')
    expect(phones.pageErrors).toEqual([])
  })
})
