/**
 * 身份匹配 in the real WeChat build (staff subpackage), rendered in miniprogram-simulate
 * against the fake API (simulate.ts): a store manager scans the member, fills the partner's
 * card, picks 银卡 (only the tiers above the member's are offered), takes a photo of the card
 * (WeChat's compressImage at falling quality until it fits, read as base64), confirms in a
 * dialog; the request carries what was entered and the photo; the result shows the new tier.
 * A cashier is told the page is for store managers.
 *
 * Set WEAPP_PREBUILT=1 to reuse miniprogram/dist/weapp instead of building.
 */
import path from 'node:path'
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
  requests,
  scannedCode,
  type SimComponent,
  simulatedPages,
  STORES,
  storage,
} from './simulate'

jest.setTimeout(240_000)

const STATUS_MATCHES = '/v1/staff/status-matches'
const TIERS = ['normal', '普卡', 'silver', '银卡', 'gold', '金卡']
const tierTable = {
  basis: 'rolling_spend',
  windowMonths: 12,
  tiers: [0, 2, 4].map((i, n) => ({
    code: TIERS[i]!,
    name: TIERS[i + 1]!,
    thresholdFen: n * 300_000,
    earnMultiplierBp: 10_000,
    benefits: [],
  })),
}
const summary = {
  memberId: 'M1',
  cardNo: '******0017',
  name: '王*明',
  mobile: '139****5678',
  tier: { code: 'normal', name: '普卡' },
  points: 120,
  storedValueFen: 0,
}
const session = (roles: string[]) => ({
  token: `t-${roles[0]}`,
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  memberId: null,
  roles,
  storeIds: ['S001'],
})

/** What the fake WeChat was asked to compress, and the base64 it answers: long at high quality, short from 50 down. */
const compressed: { src: string; quality: number; compressedWidth?: number; compressedHeight?: number }[] = []
const SMALL_JPEG = `/9j/${'A'.repeat(30_000)}`
const BIG_JPEG = `/9j/${'A'.repeat(60_000)}`

function installCamera() {
  const wx = (globalThis as any).wx
  const later = (o: { success?: AnyFn; complete?: AnyFn }, res: Record<string, unknown>) =>
    setTimeout(() => {
      o.success?.(res)
      o.complete?.(res)
    }, 0)
  wx.chooseImage = (o: { success?: AnyFn; complete?: AnyFn }) =>
    later(o, { tempFilePaths: ['wxfile://tmp/card.jpg'], tempFiles: [{ path: 'wxfile://tmp/card.jpg', size: 3_000_000 }], errMsg: 'ok' })
  wx.getImageInfo = (o: { success?: AnyFn; complete?: AnyFn }) => later(o, { width: 3000, height: 2000, type: 'jpeg', errMsg: 'ok' })
  wx.compressImage = (o: {
    src: string
    quality: number
    compressedWidth?: number
    compressedHeight?: number
    success?: AnyFn
    complete?: AnyFn
  }) => {
    compressed.push({ src: o.src, quality: o.quality, compressedWidth: o.compressedWidth, compressedHeight: o.compressedHeight })
    later(o, { tempFilePath: `wxfile://tmp/compressed-${o.quality}.jpg`, errMsg: 'ok' })
  }
  wx.getFileSystemManager = () => ({
    readFileSync: (filePath: string, encoding: string) => {
      expect(encoding).toBe('base64')
      return Number(/compressed-(\d+)/.exec(filePath)?.[1]) <= 50 ? SMALL_JPEG : BIG_JPEG
    },
  })
}

const sim = simulatedPages()
const { text, waitFor } = sim
let page: SimComponent
const byId = (id: string) => page.querySelector(`#${id}`)
/** Types into a NutUI input the way WeChat reports typing. */
const type = (id: string, value: string) => {
  const input = byId(id)
  expect(input).toBeDefined()
  input!.dispatchEvent('input', { detail: { value, cursor: value.length } })
}
const sent = () => requests.filter((r) => r.url.endsWith(STATUS_MATCHES)).map((r) => JSON.parse(String(r.data)))

beforeAll(() => {
  buildWeapp()
  installDom()
  sim.start()
  installWx()
  installCamera()
  answers['/v1/stores'] = STORES
  answers['/v1/tiers'] = tierTable
  answers['/v1/staff/lookup'] = summary
  computed[STATUS_MATCHES] = (body) => ({
    statusMatch: {
      partner: body.partner,
      partnerTier: body.partnerTier ?? null,
      partnerCardNo: `*********${body.partnerCardNo.slice(-4)}`,
      from: { code: 'normal', name: '普卡' },
      to: { code: 'silver', name: '银卡' },
      storeId: body.storeId,
      approvedBy: 'STAFF-MANAGER',
      approvedAt: '2026-11-25T10:05:00+08:00',
      hasPhoto: Boolean(body.photo),
    },
    member: { ...summary, tier: { code: 'silver', name: '银卡' } },
    replayed: false,
  })
  const shims = installAppAndPage(
    () => fake.currentRoute,
    () => ({}),
  )
  require(path.join(DIST, 'app.js'))
  shims.launch()
})

afterAll(() => sim.stop())

describe('weapp 身份匹配 (staff subpackage) in miniprogram-simulate', () => {
  test('a store manager scans the member; the tiers above 普卡 are offered', async () => {
    storage.set('huiyuan.session', session(['store_manager']))
    page = sim.render('staff/pages/status-match/index')
    await waitFor(() => text().includes('扫描会员码'), 'the scan button')
    await waitFor(() => text().includes('南京西路旗舰店'), "the store's name")
    expect(text()).toContain('身份匹配')
    byId('scan-button')!.dispatchEvent('tap')
    await waitFor(() => text().includes('合作方会员卡'), 'the form')
    expect(text()).toContain('王*明')
    await waitFor(() => byId('sm-tier-silver') !== undefined, 'the tier chips')
    expect(byId('sm-tier-gold')).toBeDefined()
    expect(byId('sm-tier-normal')).toBeUndefined()
  })

  test('the photo is compressed at falling quality, 800 px wide, until it fits', async () => {
    byId('sm-photo-take')!.dispatchEvent('tap')
    await waitFor(() => byId('sm-photo-thumb') !== undefined, 'the thumbnail')
    expect(compressed.map((c) => c.quality)).toEqual([80, 70, 60, 50])
    expect(compressed.every((c) => c.src === 'wxfile://tmp/card.jpg' && c.compressedWidth === 800 && c.compressedHeight === 533)).toBe(true)
    expect(text()).toContain('重拍')
    expect(text()).toContain('删除')
  })

  test('filled and confirmed, the request carries the card, the tier and the photo; the result shows 银卡', async () => {
    type('sm-partner-input', '万达广场VIP')
    type('sm-card-no-input', 'VIP 2024 8812')
    type('sm-partner-tier-input', '金卡')
    byId('sm-tier-silver')!.dispatchEvent('tap')
    await waitFor(() => text().includes('确认匹配为银卡'), 'the tier on the button')
    fake.modalAnswer = true
    byId('sm-submit')!.dispatchEvent('tap')
    await waitFor(() => text().includes('已匹配为银卡'), 'the result')
    expect(modals.at(-1)?.title).toBe('确认身份匹配')
    expect(modals.at(-1)?.content).toContain('确认将会员 王*明 匹配为 银卡？')
    expect(modals.at(-1)?.content).toContain('此操作每位会员仅可办理一次')
    expect(sent()).toEqual([
      {
        memberCode: scannedCode,
        storeId: 'S001',
        partner: '万达广场VIP',
        partnerTier: '金卡',
        partnerCardNo: 'VIP20248812',
        tierCode: 'silver',
        photo: `data:image/jpeg;base64,${SMALL_JPEG}`,
      },
    ])
    expect(text()).toContain('*********8812')
    expect(text()).toContain('普卡 → 银卡')
    expect(text()).toContain('继续办理下一位')
  })

  test('a cashier opening the page is told it is for store managers', async () => {
    storage.set('huiyuan.session', session(['cashier']))
    page = sim.render('staff/pages/status-match/index')
    await waitFor(() => text().includes('仅店长可办理'), 'the notice')
    expect(text()).not.toContain('扫描会员码')
  })

  test('every node the page rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})
