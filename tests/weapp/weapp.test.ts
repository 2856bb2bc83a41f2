/**
 * The real WeChat build (`taro build --type weapp`):
 *  1. the main package (everything outside the subpackage roots) stays under budget;
 *  2. the compiled join page renders in miniprogram-simulate (WeChat's component test tool,
 *     official wxml compiler) and responds to taps.
 *
 * Set WEAPP_PREBUILT=1 to reuse miniprogram/dist/weapp instead of building.
 * Runs in the node environment: a jsdom window is installed by hand (see installDom in
 * simulate.ts, which holds the fake WeChat and API these tests share).
 */
import fs from 'node:fs'
import path from 'node:path'
import { weappPackageSizes } from '../../scripts/lib/h5'
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
  policy,
  refusals,
  requests,
  scannedCode,
  type SimComponent,
  simulatedPages,
  STORES,
  storage,
  subscribeCalls,
  tap,
} from './simulate'

const SUBPACKAGE_ROOTS = ['member', 'coupons', 'staff', 'admin']
const MAIN_PACKAGE_BUDGET = 600 * 1024 // WeChat's hard limit is 2 MB; ~530 KB today
const SUBPACKAGE_BUDGET = 2 * 1024 * 1024

jest.setTimeout(240_000)

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

beforeAll(buildWeapp)

describe('weapp package size', () => {
  test('the main package is under budget', () => {
    const { main, subpackages } = weappPackageSizes(DIST)
    console.log(`weapp main package: ${kb(main)}${subpackages.map((p) => `; subpackage ${p.root}: ${kb(p.size)}`).join('')}`)
    const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages: { root: string }[]
    }
    expect(appJson.pages[0]).toBe('pages/home/index')
    expect(appJson.subPackages.map((s) => s.root.replace(/\/$/, ''))).toEqual(SUBPACKAGE_ROOTS)
    expect(main).toBeGreaterThan(100 * 1024) // sanity: the runtime is in there
    expect(main).toBeLessThan(MAIN_PACKAGE_BUDGET)
    for (const p of subpackages) expect(p.size).toBeLessThan(SUBPACKAGE_BUDGET)
  })

  test("no package ships zod's classic API (responses are checked with zod/mini)", () => {
    const withClassicZod: string[] = []
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (e.name.endsWith('.js') && fs.readFileSync(p, 'utf8').includes('"ZodString"')) withClassicZod.push(path.relative(DIST, p))
      }
    }
    walk(DIST)
    expect(withClassicZod).toEqual([])
    expect(fs.readFileSync(path.join(DIST, 'vendors.js'), 'utf8')).toContain('"ZodMiniObject"')
  })
})

describe('weapp join page in miniprogram-simulate', () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  let page: SimComponent

  beforeAll(() => {
    installDom()
    sim.start()
    installWx()
    answers['/v1/privacy-policy'] = policy
    const shims = installAppAndPage(
      () => fake.currentRoute,
      (): Record<string, string> => (fake.currentRoute === 'pages/join/index' ? { scene: encodeURIComponent('s=S001') } : {}),
    )
    // app.js pulls in the webpack runtime, the Taro runtime and React, then calls App().
    require(path.join(DIST, 'app.js'))
    shims.launch()
  })

  afterAll(() => sim.stop())

  const byId = (id: string) => page.querySelector(`#${id}`)

  test('renders the join form for the store in the scene after signing in with wx.login', async () => {
    page = sim.render('pages/join/index')
    await waitFor(() => text().includes('立即加入'), 'the join form')
    expect(text()).toContain('加入门店：S001')
    expect(text()).toContain('微信手机号快捷填写') // weapp-only getPhoneNumber button
    expect(text()).not.toContain('开发登录') // H5-only dev sign-in is compiled out
    const signIn = requests.find((r) => r.url.endsWith('/v1/auth/wechat'))
    expect(signIn?.url).toBe('http://127.0.0.1:3000/v1/auth/wechat')
    expect(JSON.parse(String(signIn?.data))).toEqual({ code: 'weapp-test-code' })
  })

  test('shows the privacy policy version the API publishes (the one joining sends)', async () => {
    await waitFor(() => text().includes(`版本 ${policy.version}`), 'the policy version')
    expect(requests.some((r) => r.url.endsWith('/v1/privacy-policy'))).toBe(true)
  })

  test('tapping 立即加入 on the empty form shows the Chinese validation messages', async () => {
    expect(text()).not.toContain('请输入正确的手机号')
    const submit = byId('join-submit')
    expect(submit).toBeDefined()
    submit!.dispatchEvent('tap')
    await waitFor(() => text().includes('请输入正确的手机号'), 'validation messages')
    expect(text()).toContain('请输入姓名')
    expect(text()).toContain('请选择生日')
    expect(text()).toContain('请先阅读并同意隐私政策')
    expect(requests.filter((r) => r.url.endsWith('/v1/members'))).toHaveLength(0)
  })

  test('tapping the consent row ticks the checkbox and clears its message', async () => {
    byId('privacy-consent')!.dispatchEvent('tap')
    await waitFor(() => !text().includes('请先阅读并同意隐私政策'), 'the consent message to clear')
    expect(page.querySelector('.hy-tick--on')).toBeDefined()
  })

  test('every node the page rendered has a WeChat template (nothing silently dropped)', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})

describe('weapp till (staff subpackage) in miniprogram-simulate', () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  let page: SimComponent | undefined
  const render = () => {
    page = sim.render('staff/pages/index/index')
  }

  beforeAll(() => sim.start())
  afterAll(() => sim.stop())

  test('a WeChat user without a staff role is asked for a binding code (no dev sign-in on weapp)', async () => {
    render()
    await waitFor(() => text().includes('绑定员工账号'), 'the binding form')
    expect(text()).not.toContain('开发登录')
  })

  test('a cashier scans the member code with the camera and the till looks it up for their store', async () => {
    answers['/v1/stores'] = STORES
    const session = {
      token: 't-cashier',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      memberId: null,
      roles: ['cashier'],
      storeIds: ['S001'],
    }
    storage.set('huiyuan.session', session)
    render()
    await waitFor(() => text().includes('扫描会员码'), 'the scan button')
    // The store by its name, never its id.
    await waitFor(() => text().includes('南京西路旗舰店'), "the store's name")
    expect(text()).not.toContain('S001')
    expect(text()).toContain('收银员')
    expect(text()).toContain('储值充值')
    page!.querySelector('#scan-button')!.dispatchEvent('tap')
    await waitFor(() => requests.some((r) => r.url.endsWith('/v1/staff/lookup')), 'the lookup request')
    const lookup = requests.find((r) => r.url.endsWith('/v1/staff/lookup'))!
    expect(JSON.parse(String(lookup.data))).toEqual({ memberCode: scannedCode, storeId: 'S001' })
    // The fake API answers NOT_FOUND: the till explains it in Chinese.
    await waitFor(() => text().includes('没有找到该会员'), 'the lookup error')
    // A cashier cannot sign the console in, nor approve a status match: no entry for either.
    expect(text()).not.toContain('登录控制台')
    expect(text()).not.toContain('身份匹配')
  })

  test('a marketer (no till role) finds the console sign-in on the staff home page, not the binding form', async () => {
    storage.set('huiyuan.session', {
      token: 't-marketer',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      memberId: null,
      roles: ['marketer'],
      storeIds: [],
    })
    render()
    await waitFor(() => text().includes('扫码登录控制台'), 'the console entry')
    expect(text()).not.toContain('绑定员工账号')
  })

  test('every node the till rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})

describe("weapp till's checkout (staff subpackage) in miniprogram-simulate", () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  const QUOTE = '/v1/staff/checkouts/quote'
  const CHECKOUTS = '/v1/staff/checkouts'
  const member = {
    memberId: 'M9',
    cardNo: '******0042',
    name: '结*',
    mobile: '139****0042',
    tier: { code: 'basic', name: '普卡' },
    points: 2_000,
    storedValueFen: 110_000,
  }
  /** The member's coupons: 满100减20 and 九折券 usable, 满500减80 not (its threshold). */
  const wallet = [
    { couponCode: 'CASH20', name: '满100减20', summary: '满100减20', kind: 'cash', valueFen: 2_000, thresholdFen: 10_000 },
    { couponCode: 'PCT90', name: '九折券', summary: '9折', kind: 'percent', percentPaid: 90, thresholdFen: 0 },
    { couponCode: 'CASH80', name: '满500减80', summary: '满500减80', kind: 'cash', valueFen: 8_000, thresholdFen: 50_000 },
  ]
  const off = (c: (typeof wallet)[number], left: number) =>
    c.kind === 'cash' ? Math.min(c.valueFen ?? 0, left) : left - Math.floor((left * (c.percentPaid ?? 100)) / 100)
  /** The fake API plans like the real one: coupons in order, then points (100 = ¥1) within 50 % of what is left. */
  const quoteFor = (body: { amountFen: number; couponCodes: string[]; pointsToDeduct: number; storedValueFen: number }) => {
    let left = body.amountFen
    const applied = body.couponCodes.map((code) => {
      const c = wallet.find((w) => w.couponCode === code)!
      const discountFen = off(c, left)
      left -= discountFen
      return { couponCode: code, name: c.name, summary: c.summary, discountFen }
    })
    const maxPointsToDeduct = Math.min(member.points, Math.floor(left / 2))
    const due = left - body.pointsToDeduct
    return {
      member,
      plan: {
        amountFen: body.amountFen,
        coupons: applied,
        couponDiscountFen: body.amountFen - left,
        pointsDeducted: body.pointsToDeduct,
        pointsDeductionFen: body.pointsToDeduct,
        storedValueFen: body.storedValueFen,
        cashFen: due - body.storedValueFen,
        paidFen: due,
      },
      pointsToEarn: Math.floor(due / 100),
      coupons: wallet.map((c) => {
        const usable = body.amountFen >= c.thresholdFen
        return {
          couponCode: c.couponCode,
          name: c.name,
          summary: c.summary,
          validUntil: '2026-12-31T23:59:59+08:00',
          discountFen: usable ? off(c, body.amountFen) : 0,
          usable,
          reason: usable ? null : '未满足使用门槛',
        }
      }),
      limits: {
        pointsPerYuan: 100,
        maxPointsToDeduct,
        storedValue: { balanceFen: member.storedValueFen, principalFen: 100_000, bonusFen: 10_000 },
        storedValueEnabled: true,
      },
    }
  }
  const quotes = () => requests.filter((r) => r.url.endsWith(QUOTE)).map((r) => JSON.parse(String(r.data)))
  const checkouts = () => requests.filter((r) => r.url.endsWith(CHECKOUTS)).map((r) => JSON.parse(String(r.data)))
  /** The summary's figure by its id (`¥280.00`). */
  const figure = (id: string) => (page.querySelector(`#${id}`)?.dom.textContent ?? '').trim()
  let page: SimComponent

  const type = (id: string, value: string) => {
    const input = page.querySelector(`#${id}`)
    expect(input).toBeDefined()
    input!.dispatchEvent('input', { detail: { value, cursor: value.length } })
  }
  /** Waits until the last quote asked for this selection and the summary shows its cash. */
  const quoted = async (selection: Record<string, unknown>, cash: string) => {
    await waitFor(
      () => {
        const last = quotes().at(-1)
        return Boolean(last) && Object.entries(selection).every(([k, v]) => JSON.stringify(last[k]) === JSON.stringify(v))
      },
      `a quote for ${JSON.stringify(selection)}`,
    )
    await waitFor(() => figure('summary-cash') === cash && !text().includes('计算中'), `应收现金 ${cash}`)
  }

  beforeAll(() => {
    sim.start()
    answers['/v1/stores'] = STORES
    answers['/v1/staff/lookup'] = member
    computed[QUOTE] = quoteFor
    storage.set('huiyuan.session', {
      token: 't-cashier',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      memberId: null,
      roles: ['cashier'],
      storeIds: ['S001'],
    })
  })
  afterAll(() => {
    sim.stop()
    fake.modalAnswer = true
    delete computed[QUOTE]
    delete refusals[CHECKOUTS]
    delete answers[CHECKOUTS]
  })

  test('after the member and the amount, the till lists their coupons (usable with what each takes off, the others greyed with why)', async () => {
    page = sim.render('staff/pages/index/index')
    await waitFor(() => text().includes('扫描会员码'), 'the scan button')
    page.querySelector('#scan-button')!.dispatchEvent('tap')
    await waitFor(() => text().includes('结*') && text().includes('¥1,100.00'), "the member's card with its balance")
    expect(text()).toContain('输入订单金额后')
    expect(quotes()).toHaveLength(0)
    type('amount-input', '300')
    await quoted({ amountFen: 30_000, couponCodes: [], pointsToDeduct: 0, storedValueFen: 0 }, '¥300.00')
    expect(quotes().at(-1)).toEqual({
      memberCode: scannedCode,
      storeId: 'S001',
      amountFen: 30_000,
      couponCodes: [],
      pointsToDeduct: 0,
      storedValueFen: 0,
    })
    const row = (code: string) => (page.querySelector(`#coupon-${code}`)?.dom.textContent ?? '').replace(/\s+/g, ' ')
    expect(row('CASH20')).toContain('−¥20.00')
    expect(row('PCT90')).toContain('−¥30.00')
    expect(row('CASH80')).toContain('未满足使用门槛')
    expect(text()).toContain('本单最多抵 2,000 积分（¥20.00）')
    expect(text()).toContain('储值余额 ¥1,100.00')
    expect(figure('summary-earn')).toBe('+300')
  })

  test('picking coupons, then points at their most and stored value, quotes again each time; the summary follows', async () => {
    // A greyed coupon cannot be picked.
    page.querySelector('#coupon-CASH80')!.dispatchEvent('tap')
    page.querySelector('#coupon-CASH20')!.dispatchEvent('tap')
    await quoted({ couponCodes: ['CASH20'] }, '¥280.00')
    expect(figure('summary-coupons')).toBe('−¥20.00')
    expect(figure('coupons-picked')).toBe('已选 1 张')

    page.querySelector('#points-switch')!.dispatchEvent('tap')
    await quoted({ couponCodes: ['CASH20'], pointsToDeduct: 2_000 }, '¥260.00')
    expect(figure('summary-points')).toBe('−¥20.00')
    expect(figure('points-worth')).toBe('抵 ¥20.00')
    // Stepped down by ¥1 (100 points): whole fen only.
    page.querySelector('#points-minus')!.dispatchEvent('tap')
    await quoted({ pointsToDeduct: 1_900 }, '¥261.00')

    page.querySelector('#stored-value-switch')!.dispatchEvent('tap')
    // Stored value defaults to what is left (the card holds more): nothing left in cash.
    await waitFor(() => figure('summary-cash') === '¥0.00', 'stored value paying all that is left')
    expect(figure('summary-stored-value')).toBe('¥261.00')
    type('stored-value-input', '200')
    await waitFor(() => figure('summary-cash') === '¥61.00', 'cash after ¥200 from the card')
    expect(figure('summary-stored-value')).toBe('¥200.00')
    expect(figure('summary-earn')).toBe('+261')
    await waitFor(() => text().includes('确认结账 · 收现金 ¥61.00'), 'the amount on the button')
  })

  test('the confirmation lists the breakdown; cancelling it sends nothing', async () => {
    fake.modalAnswer = false
    const asked = modals.length
    page.querySelector('#checkout-submit')!.dispatchEvent('tap')
    await waitFor(() => modals.length > asked, 'the dialog')
    const dialog = modals.at(-1)!
    expect(dialog.title).toBe('确认结账')
    expect(dialog.content).toContain('订单金额 ¥300.00')
    expect(dialog.content).toContain('优惠券 1 张 −¥20.00')
    expect(dialog.content).toContain('积分抵现 1,900 积分 −¥19.00')
    expect(dialog.content).toContain('储值支付 ¥200.00')
    expect(dialog.content).toContain('应收现金 ¥61.00')
    expect(dialog.content).toContain('不能撤销')
    await new Promise((r) => setTimeout(r, 50))
    expect(checkouts()).toHaveLength(0)
    fake.modalAnswer = true
  })

  test('a coupon used at another till a moment ago is refused: it is unpicked and said so; the retry keeps the order number', async () => {
    refusals[CHECKOUTS] = {
      statusCode: 409,
      error: { code: 'COUPON_ALREADY_REDEEMED', message: 'redeemed', details: { couponCode: 'CASH20' } },
    }
    page.querySelector('#checkout-submit')!.dispatchEvent('tap')
    await waitFor(() => text().includes('「满100减20」这张券已经核销过了，已取消勾选'), 'the refusal')
    expect(checkouts()[0]).toEqual({
      memberCode: scannedCode,
      storeId: 'S001',
      orderId: expect.stringMatching(/^POS\d{17}$/),
      amountFen: 30_000,
      couponCodes: ['CASH20'],
      pointsToDeduct: 1_900,
      storedValueFen: 20_000,
    })
    // Quoted again without it: points stay as typed (within the new cap), stored value as typed.
    await quoted({ couponCodes: [], pointsToDeduct: 1_900 }, '¥81.00')
    expect(figure('summary-coupons')).toBe('−¥0.00')
  })

  test('checked out: the result shows how it was paid, the points earned and the new balance', async () => {
    delete refusals[CHECKOUTS]
    page.querySelector('#coupon-PCT90')!.dispatchEvent('tap')
    // 9折 of ¥300 = ¥30 off; 1,900 points ¥19; ¥200 from the card → ¥51 cash.
    await quoted({ couponCodes: ['PCT90'], pointsToDeduct: 1_900 }, '¥51.00')
    const orderId = checkouts()[0].orderId
    answers[CHECKOUTS] = {
      orderId,
      storeId: 'S001',
      createdAt: '2026-11-26T14:00:00+08:00',
      plan: {
        amountFen: 30_000,
        coupons: [{ couponCode: 'PCT90', name: '九折券', summary: '9折', discountFen: 3_000 }],
        couponDiscountFen: 3_000,
        pointsDeducted: 1_900,
        pointsDeductionFen: 1_900,
        storedValueFen: 20_000,
        cashFen: 5_100,
        paidFen: 25_100,
      },
      member: { ...member, points: 351, storedValueFen: 90_000 },
      points: { basePoints: 251, multipliers: [], totalPoints: 251, debtRepaid: 0, awarded: 251 },
      tier: { before: { code: 'basic', name: '普卡' }, after: { code: 'basic', name: '普卡' }, upgraded: false },
      tierProgress: null,
      storedValue: { balanceFen: 90_000, principalFen: 81_818, bonusFen: 8_182 },
      replayed: false,
    }
    page.querySelector('#checkout-submit')!.dispatchEvent('tap')
    await waitFor(() => text().includes('结账成功'), 'the result')
    const sent = checkouts()
    expect(sent).toHaveLength(2)
    expect(sent[1]).toEqual({ ...sent[0], couponCodes: ['PCT90'] })
    expect(sent[1].orderId).toBe(orderId)
    expect(figure('result-cash')).toBe('收现金 ¥51.00')
    expect(figure('points-awarded')).toBe('+251 积分')
    expect(figure('stored-value-after')).toBe('¥900.00')
    expect(text()).toContain('优惠券 九折券')
    expect(text()).toContain('积分抵现 1,900 积分')
    expect(text()).toContain('本单退货退款')
  })

  test('every node the checkout rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})

describe('weapp offer centre (coupons subpackage) in miniprogram-simulate', () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim

  /** Not the default program: its own tier codes and names. */
  const tierTable = {
    basis: 'spend',
    windowMonths: 12,
    tiers: [
      { code: 'bronze', name: '青铜会员', thresholdFen: 0, earnMultiplierBp: 10000, benefits: [] },
      { code: 'silver2', name: '白银会员', thresholdFen: 100000, earnMultiplierBp: 12000, benefits: [] },
      { code: 'black', name: '黑钻会员', thresholdFen: 1000000, earnMultiplierBp: 20000, benefits: [] },
    ],
  }
  const offer = (offerId: string, title: string, availability: string, audienceTiers: string[]) => ({
    offerId,
    templateId: `T-${offerId}`,
    title,
    description: '',
    claimFrom: '2026-11-01T00:00:00+08:00',
    claimUntil: '2099-12-31T23:59:59+08:00',
    audienceTiers,
    summary: '满100减20',
    kind: 'cash_off',
    createdAt: '2026-11-01T00:00:00+08:00',
    valueFen: 2000,
    thresholdFen: 10000,
    availability,
    remainingStock: null,
    totalStock: null,
    claimedByMe: 0,
    perMemberLimit: 1,
  })

  const subscriptionsOf = (held: number) => ({
    templates: [
      { purpose: 'couponExpiry', title: '优惠券到期提醒', templateId: 'tmpl-coupon-expiry', held },
      { purpose: 'checkinReminder', title: '签到提醒', templateId: 'tmpl-checkin-reminder', held },
    ],
  })
  const subscriptionRequests = (method: string) => requests.filter((r) => r.url.endsWith('/v1/me/subscriptions') && r.method === method)
  const claims = () => requests.filter((r) => r.url.endsWith('/v1/offers/O1/claims'))
  let page: SimComponent
  let realRequestSubscribeMessage: AnyFn

  beforeAll(() => {
    sim.start()
    realRequestSubscribeMessage = (globalThis as any).wx.requestSubscribeMessage
    answers['/v1/me/subscriptions'] = subscriptionsOf(0)
    answers['/v1/tiers'] = tierTable
    answers['/v1/offers'] = {
      items: [offer('O1', '全员好券', 'available', []), offer('O2', '白银专享券', 'not_eligible', ['silver2', 'black'])],
      nextCursor: null,
    }
  })
  afterAll(() => {
    sim.stop()
    ;(globalThis as any).wx.requestSubscribeMessage = realRequestSubscribeMessage
  })

  test('a subpackage page loads (its sub-vendors and sub-common files) and names tiers as the program does', async () => {
    page = sim.render('coupons/pages/offers/index')
    await waitFor(() => text().includes('白银专享券'), 'the offers')
    expect(text()).toContain('全员好券')
    expect(text()).toContain('立即领取')
    expect(text()).toContain('仅限白银会员及以上')
    expect(requests.some((r) => r.url.endsWith('/v1/tiers'))).toBe(true)
  })

  test('tapping 立即领取 asks WeChat for 优惠券到期提醒 within the tap, records the answer, then claims', async () => {
    await waitFor(() => subscriptionRequests('GET').length === 1, 'the templates to load when the page mounts')
    await new Promise((r) => setTimeout(r, 50)) // their answer handled
    answers['/v1/me/subscriptions'] = subscriptionsOf(1) // what recording the accept answers
    tap(page.querySelector('#claim-O1')!)
    await waitFor(() => subscribeCalls.length > 0, 'WeChat to be asked')
    // Asked while the tap was being handled (WeChat refuses it after an await), for the coupon template only.
    expect(subscribeCalls).toEqual([{ tmplIds: ['tmpl-coupon-expiry'], duringTap: true }])
    await waitFor(() => claims().length === 1 && subscriptionRequests('POST').length === 1, 'the answer recorded and the claim')
    const recorded = subscriptionRequests('POST')[0]!
    expect(JSON.parse(String(recorded.data))).toEqual({ results: [{ templateId: 'tmpl-coupon-expiry', result: 'accept' }] })
    expect(recorded.header?.['Idempotency-Key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(claims()[0]!.header?.['Idempotency-Key']).toBeDefined()
  })

  test('where WeChat lacks requestSubscribeMessage, a tap on 立即领取 still claims', async () => {
    ;(globalThis as any).wx.requestSubscribeMessage = undefined
    await waitFor(() => text().includes('立即领取'), 'the claim button again')
    // The list may still be re-rendering after the first claim (slow machines): a tap on the
    // button it replaces is lost, so tap the current one again if nothing was sent.
    tap(page.querySelector('#claim-O1')!)
    await waitFor(() => claims().length === 2, 'the second claim', 2_000).catch(() => tap(page.querySelector('#claim-O1')!))
    await waitFor(() => claims().length === 2, 'the second claim')
    expect(subscribeCalls).toHaveLength(1)
    expect(subscriptionRequests('POST')).toHaveLength(1)
  })

  test('every node the offer centre rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})

describe('weapp privacy centre (member subpackage) in miniprogram-simulate', () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  let page: SimComponent
  const at = '2026-11-25T10:05:00+08:00'
  const card = {
    memberId: 'M1',
    cardNo: '880000000017',
    name: '隐私测试',
    mobile: '13912345678',
    birthday: '1990-05-17',
    gender: 'male',
    tier: { code: 'basic', name: '普卡' },
    tierProgress: { current: { code: 'basic', name: '普卡' }, next: null, spendFen: 0, remainingFen: 0, percent: 0 },
    points: 120,
    storedValueFen: 0,
    expiringPoints: null,
    checkedInToday: false,
    joinStoreId: 'S001',
    joinedAt: at,
    marketingConsent: true,
    privacyConsentVersion: policy.version,
  }
  const exported = {
    exportedAt: at,
    profile: {
      memberId: 'M1',
      cardNo: card.cardNo,
      name: card.name,
      mobile: card.mobile,
      birthday: card.birthday,
      gender: 'male',
      joinStoreId: 'S001',
      joinChannel: 'store_qr',
      joinedAt: at,
      tier: card.tier,
      marketingConsent: true,
      privacyConsentVersion: policy.version,
    },
    consents: [
      { kind: 'privacy', granted: true, version: policy.version, source: 'join', at },
      { kind: 'marketing', granted: true, source: 'join', at },
    ],
    balances: { points: 120, storedValueFen: 0 },
    ledger: [{ at, kind: 'points', type: 'checkin', delta: 120, description: '签到' }],
    coupons: [],
    purchases: [],
    checkins: [{ date: '2026-11-25', points: 120, streak: 1 }],
    notices: [],
  }

  beforeAll(() => {
    sim.start()
    answers['/v1/me'] = card
    answers['/v1/me/export'] = exported
  })
  afterAll(() => sim.stop())

  test('renders the marketing switch, the policy version and the erasure warning', async () => {
    page = sim.render('member/pages/privacy-centre/index')
    await waitFor(() => text().includes('营销信息') && text().includes(`当前版本 ${policy.version}`), 'the privacy centre')
    expect(text()).toContain('服务通知不属于营销信息')
    expect(text()).toContain('无法恢复')
    expect(page.querySelector('.nut-switch-close')).toBeUndefined()
  })

  test('查看我的数据 shows the full phone, the consent records and the counts', async () => {
    page.querySelector('#export-button')!.dispatchEvent('tap')
    await waitFor(() => text().includes('13912345678'), 'the export')
    expect(text()).toContain(`隐私政策 · 同意 · 版本 ${policy.version}`)
    expect(text()).toContain('1 次签到')
    expect(text()).toContain('1 条积分流水')
    expect(requests.some((r) => r.url.endsWith('/v1/me/export'))).toBe(true)
  })

  test('switching marketing off sends the consent to the API and shows its answer', async () => {
    answers['/v1/me/consents'] = { ...card, marketingConsent: false }
    page.querySelector('#marketing-switch')!.dispatchEvent('tap')
    await waitFor(() => text().includes('已关闭'), 'the switch to turn off')
    // POST: WeChat's wx.request has no PATCH.
    const update = requests.find((r) => r.url.endsWith('/v1/me/consents') && r.method === 'POST')
    expect(JSON.parse(String(update?.data))).toEqual({ kind: 'marketing', granted: false })
  })

  test('every node the privacy centre rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})

describe('weapp console sign-in (staff subpackage) in miniprogram-simulate', () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  const ticket = 'AbCdEfGhIjKlMnOpQrStUvWxYz012_-5'
  const request = {
    status: 'pending',
    client: 'Chrome · macOS',
    createdAt: '2026-11-25T10:05:00+08:00',
    expiresAt: '2026-11-25T10:07:00+08:00',
  }
  const sessionOf = (roles: string[], storeIds: string[]) => ({
    token: `t-${roles.join('-')}`,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    memberId: null,
    roles,
    storeIds,
  })
  let realScanCode: AnyFn

  beforeAll(() => {
    sim.start()
    const wx = (globalThis as any).wx
    realScanCode = wx.scanCode
    // The console's login page shows `huiyuan-console:<ticket>` as its QR.
    wx.scanCode = (o: { success?: AnyFn; complete?: AnyFn }) => {
      const res = { result: `huiyuan-console:${ticket}`, scanType: 'QR_CODE', errMsg: 'scanCode:ok' }
      setTimeout(() => {
        o.success?.(res)
        o.complete?.(res)
      }, 0)
    }
    answers[`/v1/console/sessions/${ticket}`] = request
    answers[`/v1/console/sessions/${ticket}/approve`] = { ...request, status: 'approved' }
  })
  afterAll(() => {
    sim.stop()
    ;(globalThis as any).wx.scanCode = realScanCode
  })

  test('a store manager scans the console QR, sees which console asks and when, and confirms', async () => {
    storage.set('huiyuan.session', sessionOf(['store_manager'], ['S002']))
    const page = sim.render('staff/pages/console-login/index')
    await waitFor(() => text().includes('扫描控制台二维码'), 'the scan button')
    page.querySelector('#console-scan-button')!.dispatchEvent('tap')
    await waitFor(() => text().includes('请求于 10:05'), 'the console that asks')
    expect(text()).toContain('网页控制台 · Chrome · macOS')
    expect(requests.some((r) => r.url.endsWith(`/v1/console/sessions/${ticket}/approve`))).toBe(false)
    page.querySelector('#console-approve')!.dispatchEvent('tap')
    await waitFor(() => text().includes('已登录，可在电脑上继续操作'), 'the confirmation')
    const approve = requests.find((r) => r.url.endsWith(`/v1/console/sessions/${ticket}/approve`))
    expect(approve?.method).toBe('POST')
  })

  test('a cashier is told the console is not for them', async () => {
    storage.set('huiyuan.session', sessionOf(['cashier'], ['S001']))
    sim.render('staff/pages/console-login/index')
    await waitFor(() => text().includes('不能登录控制台'), 'the refusal')
    expect(text()).not.toContain('扫描控制台二维码')
  })

  test('every node the console sign-in rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})

describe('weapp stored-value top-up (staff subpackage) in miniprogram-simulate', () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  const TOP_UPS = '/v1/staff/stored-value/top-ups'
  const summary = {
    memberId: 'M1',
    cardNo: '******0017',
    name: '储*',
    mobile: '139****5678',
    tier: { code: 'basic', name: '普卡' },
    points: 120,
    storedValueFen: 480_000,
  }
  const topUps = () => requests.filter((r) => r.url.endsWith(TOP_UPS)).map((r) => JSON.parse(String(r.data)))
  let page: SimComponent

  /** Types into a NutUI input the way WeChat reports typing (an input event on the native input, which carries the id). */
  const type = (id: string, value: string) => {
    const input = page.querySelector(`#${id}`)
    expect(input).toBeDefined()
    input!.dispatchEvent('input', { detail: { value, cursor: value.length } })
  }

  beforeAll(() => {
    sim.start()
    answers['/v1/stores'] = STORES
    answers['/v1/staff/lookup'] = summary
    answers['/v1/staff/stored-value/rules'] = {
      enabled: true,
      packages: [{ packageId: 'P500', name: '充500送30', payFen: 50_000, bonusFen: 3_000 }],
      customAmounts: true,
      balanceCapFen: 500_000,
      realNameFromFen: 1_000_000,
    }
    storage.set('huiyuan.session', {
      token: 't-cashier',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      memberId: null,
      roles: ['cashier'],
      storeIds: ['S001'],
    })
  })
  afterAll(() => {
    sim.stop()
    delete refusals[TOP_UPS]
  })

  test('the cashier scans the member, picks 充500送30 and types the payment reference', async () => {
    page = sim.render('staff/pages/top-up/index')
    await waitFor(() => text().includes('扫描会员码'), 'the scan button')
    await waitFor(() => text().includes('南京西路旗舰店'), "the store's name")
    page.querySelector('#scan-button')!.dispatchEvent('tap')
    await waitFor(() => text().includes('储值余额') && text().includes('¥4,800.00'), "the member's card with its balance")
    expect(text()).toContain('充500送30')
    page.querySelector('#package-P500')!.dispatchEvent('tap')
    await waitFor(() => text().includes('确认充值 ¥500.00（到账 ¥530.00）'), 'the amount on the button')
    type('payment-ref-input', 'WX4200001234')
  })

  test('over the cap: confirmed in a dialog first, then refused with the room left (还可充值)', async () => {
    refusals[TOP_UPS] = {
      statusCode: 409,
      error: { code: 'BALANCE_CAP_EXCEEDED', message: 'cap', details: { capFen: 500_000, balanceFen: 480_000, roomFen: 20_000 } },
    }
    page.querySelector('#top-up-submit')!.dispatchEvent('tap')
    await waitFor(() => text().includes('还可充值 ¥200.00'), 'the cap refusal')
    expect(text()).toContain('超出储值上限')
    expect(modals.at(-1)?.title).toBe('确认充值')
    expect(modals.at(-1)?.content).toContain('赠送 ¥30.00，到账 ¥530.00')
    expect(modals.at(-1)?.content).toContain('WX4200001234')
    const [sent] = topUps()
    expect(sent).toEqual({
      memberCode: scannedCode,
      storeId: 'S001',
      topUpId: expect.stringMatching(/^TU\d{17}$/),
      packageId: 'P500',
      paymentRef: 'WX4200001234',
    })
  })

  test('cancelling the confirmation sends nothing', async () => {
    fake.modalAnswer = false
    const before = topUps().length
    page.querySelector('#top-up-submit')!.dispatchEvent('tap')
    await waitFor(() => modals.length >= 2, 'the dialog')
    await new Promise((r) => setTimeout(r, 50))
    expect(topUps()).toHaveLength(before)
    fake.modalAnswer = true
  })

  test('real name required: the payer fields appear, and the retry keeps the same receipt number', async () => {
    refusals[TOP_UPS] = { statusCode: 422, error: { code: 'REAL_NAME_REQUIRED', message: 'real name' } }
    page.querySelector('#top-up-submit')!.dispatchEvent('tap')
    await waitFor(() => text().includes('付款人姓名 / 单位名称'), 'the real-name fields')
    expect(text()).toContain('统一社会信用代码')
    expect(text()).toContain('银行转账流水号')
    type('payer-name-input', '上海某某贸易有限公司')
    type('payer-id-input', '91310000MA1FL0000X')
    type('payer-bank-ref-input', 'BANK20261125001')
    delete refusals[TOP_UPS]
    answers[TOP_UPS] = {
      topUpId: topUps()[0].topUpId,
      storeId: 'S001',
      paidFen: 50_000,
      bonusFen: 3_000,
      createdAt: '2026-11-25T10:05:00+08:00',
      member: { ...summary, storedValueFen: 533_000 },
      balance: { balanceFen: 533_000, principalFen: 500_000, bonusFen: 33_000 },
      replayed: false,
    }
    page.querySelector('#top-up-submit')!.dispatchEvent('tap')
    await waitFor(() => text().includes('充值成功'), 'the result')
    expect(text()).toContain('+¥530.00')
    expect(text()).toContain('其中本金 ¥5,000.00 · 赠送 ¥330.00')
    const sent = topUps()
    expect(new Set(sent.map((b) => b.topUpId)).size).toBe(1)
    expect(sent.at(-1).payer).toEqual({ name: '上海某某贸易有限公司', idNumber: '91310000MA1FL0000X', bankTransferRef: 'BANK20261125001' })
  })

  test('every node the top-up page rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})

describe("weapp till's day list (staff subpackage) in miniprogram-simulate", () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  const sale = {
    kind: 'purchase',
    orderId: 'POS-DAY-1',
    amountFen: 35_000,
    points: 350,
    memberCardNo: '******0017',
    createdAt: '2026-11-25T10:05:00+08:00',
  }
  const dayOf = (items: Record<string, unknown>[], refundsFen: number) => ({
    date: '2026-11-25',
    items,
    nextCursor: null,
    summary: {
      purchases: { count: 1, amountFen: 35_000 },
      refunds: { count: refundsFen ? 1 : 0, amountFen: refundsFen },
      netFen: 35_000 - refundsFen,
    },
    totalFen: 35_000 - refundsFen,
  })

  beforeAll(() => {
    sim.start()
    answers['/v1/stores'] = STORES
    answers['/v1/staff/purchases'] = dayOf([sale], 0)
    storage.set('huiyuan.session', {
      token: 't-cashier',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      memberId: null,
      roles: ['cashier'],
      storeIds: ['S001'],
    })
  })
  afterAll(() => sim.stop())

  test('back from the refund page (hidden, then shown), the list shows the refund without a manual reload', async () => {
    const page = sim.render('staff/pages/today/index')
    await waitFor(() => text().includes('POS-DAY-1'), 'the sale')
    expect(text()).not.toContain('退货 1 笔')
    // The cashier opens the refund page (this page hides) and refunds ¥175; then comes back.
    answers['/v1/staff/purchases'] = dayOf(
      [{ ...sale, kind: 'refund', refundId: 'RF-DAY-1', amountFen: 17_500, points: -175, createdAt: '2026-11-25T10:20:00+08:00' }, sale],
      17_500,
    )
    page.instance.onHide()
    page.instance.onShow()
    await waitFor(() => text().includes('RF-DAY-1'), 'the refund in the list')
    expect(text()).toContain('退货 1 笔 · ¥175.00')
  })
})

describe('weapp stored value (member subpackage) and the home page in miniprogram-simulate', () => {
  const sim = simulatedPages()
  const { text, waitFor } = sim
  const memberSession = (roles: string[]) => ({
    token: `t-member-${roles.join('-')}`,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    memberId: 'M1',
    roles,
    storeIds: roles.length ? ['S001'] : [],
  })

  beforeAll(() => {
    sim.start()
    answers['/v1/me/stored-value'] = {
      balance: { balanceFen: 45_000, principalFen: 42_453, bonusFen: 2_547 },
      capFen: 500_000,
      packages: [
        { packageId: 'P500', name: '充500送30', payFen: 50_000, bonusFen: 3_000 },
        { packageId: 'P1000', name: '充1000送100', payFen: 100_000, bonusFen: 10_000 },
      ],
      items: [
        {
          movementId: 'MV2',
          kind: 'spend',
          deltaFen: -8_000,
          principalFen: -7_547,
          bonusFen: -453,
          balanceAfterFen: 45_000,
          storeId: 'S002',
          storeName: '三里屯店',
          reference: 'POS1',
          at: '2026-11-25T12:30:00+08:00',
        },
        {
          movementId: 'MV1',
          kind: 'topUp',
          deltaFen: 53_000,
          principalFen: 50_000,
          bonusFen: 3_000,
          balanceAfterFen: 53_000,
          storeId: 'S001',
          storeName: '南京西路旗舰店',
          reference: 'TU1',
          at: '2026-11-25T10:05:00+08:00',
        },
      ],
      nextCursor: null,
    }
  })
  afterAll(() => sim.stop())

  test('the 储值 page shows the balance split, the cap, the packages to ask for at the till, and the statement', async () => {
    storage.set('huiyuan.session', memberSession([]))
    sim.render('member/pages/stored-value/index')
    await waitFor(() => text().includes('储值明细'), 'the stored-value page')
    expect(text()).toContain('450.00')
    expect(text()).toContain('本金¥424.53')
    expect(text()).toContain('赠送¥25.47')
    expect(text()).toContain('储值上限 ¥5,000 · 还可充值 ¥4,550')
    expect(text()).toContain('充500送30充 ¥500到账 ¥530')
    expect(text()).toContain('到店出示会员码充值')
    expect(text()).toContain('消费三里屯店2026-11-25 12:30本金 ¥75.47 + 赠送 ¥4.53-¥80.00余额 ¥450.00')
    expect(text()).toContain('充值南京西路旗舰店2026-11-25 10:05本金 ¥500.00 + 赠送 ¥30.00+¥530.00余额 ¥530.00')
    expect(text()).toContain('没有更多了')
  })

  test('the home page offers the till to a member whose WeChat is bound to a staff account, and to no one else', async () => {
    storage.set('huiyuan.session', memberSession(['cashier']))
    sim.render('pages/home/index')
    await waitFor(() => text().includes('门店收银台') && text().includes('储值余额 · 明细 ›'), 'the card and the till entry')
    storage.set('huiyuan.session', memberSession([]))
    sim.render('pages/home/index')
    await waitFor(() => text().includes('储值余额 · 明细 ›'), 'the card')
    expect(text()).not.toContain('门店收银台')
  })

  test('every node these pages rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})
