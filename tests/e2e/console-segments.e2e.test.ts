/**
 * The console's 人群 area in Chromium at 1440×900, clicked like a marketer: the RFM overview
 * (the groups and the pyramid drawn from GET /v1/admin/rfm, the thresholds changed and put
 * back to the medians); a segment built from conditions — 近12个月消费金额 in a band only
 * this run's members spend, 等级 银卡, 性别 女 — whose live count is exactly the members set
 * up for it, with its masked sample; saved, listed with its count, reopened, a stale save
 * caught, and deleted after the confirmation. An admin refreshes the RFM groups now.
 *
 * The local stack counts at once (a program under SEGMENT_INLINE_MAX_MEMBERS members) and
 * draws RFM live, so the job a large program's count runs as, and an overview never
 * refreshed, are the API's own answers reshaped in the browser (page.route); the refresh
 * job an admin starts is real.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomUUID } from 'node:crypto'
import type { RfmOverview, SegmentCountResult, SegmentGroup } from '@huiyuan/shared/segments/schemas'
import type { Locator, Page } from 'playwright-core'
import { call, newMember, signIn } from '../api/client'
import { CONSOLE_URL, chartSeries, type Desk, devSignIn, openDesk, shot } from './console'
import { eventually } from './h5'

jest.setTimeout(300_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const suffix = randomUUID().slice(0, 6)
const orderId = () => `G${randomUUID().replace(/-/g, '').slice(0, 16)}`
/** A 12-month spend only this run's members have: ¥3,500–¥8,999 and some cents (银卡 from ¥3,000). */
const X = 350_001 + Math.floor(Math.random() * 549_000)
const yuanText = (fen: number) => (fen / 100).toFixed(2)
const segmentName = `高消费银卡女性-${suffix}`

const DEFINITION: SegmentGroup = {
  op: 'and',
  conditions: [
    { field: 'spend12m', range: { min: X, max: X + 99 } },
    { field: 'tier', in: ['silver'] },
    { field: 'gender', in: ['female'] },
  ],
}

let desk: Desk
let page: Page
let marketer: string
let cashier: string
/** The members the segment is expected to hold (card numbers), and two it must not. */
let inside: string[] = []
let outside: string[] = []
let segmentId = ''

const memberCode = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const buy = async (token: string, amountFen: number) => {
  const r = await call('POST', '/v1/staff/purchases', {
    token: cashier,
    body: { memberCode: await memberCode(token), storeId: 'S001', orderId: orderId(), amountFen },
  })
  expect(r.status).toBe(201)
}

/** Counts conditions over the API, following the count job if it runs as one. */
const countOf = async (definition: SegmentGroup): Promise<SegmentCountResult> => {
  const r = await call('POST', '/v1/admin/segment-previews', { token: marketer, body: { definition } })
  expect(r.status).toBe(200)
  if (r.body.status === 'done') return r.body.count
  for (let i = 0; i < 120; i++) {
    await sleep(500)
    const j = await call('GET', `/v1/admin/jobs/${r.body.jobId}`, { token: marketer })
    expect(j.status).toBe(200)
    if (j.body.status === 'done') return j.body.count
    if (j.body.status === 'failed') throw new Error(`count job ${r.body.jobId} failed`)
  }
  throw new Error(`count job ${r.body.jobId} did not finish`)
}

const readRfm = async (): Promise<RfmOverview> => {
  const r = await call('GET', '/v1/admin/rfm', { token: marketer })
  expect(r.status).toBe(200)
  return r.body
}

beforeAll(async () => {
  ;[marketer, cashier] = await Promise.all([signIn('marketer'), signIn('cashier')])
  // Two women who spent exactly X (one in two purchases), one a fen short, and a man who spent X.
  const [a, b, c, d] = await Promise.all([
    newMember({ gender: 'female', name: '王芳' }),
    newMember({ gender: 'female', name: '李娜' }),
    newMember({ gender: 'female', name: '赵敏' }),
    newMember({ gender: 'male', name: '张伟' }),
  ])
  await buy(a.token, X)
  await buy(b.token, X - 50_000)
  await buy(b.token, 50_000)
  await buy(c.token, X - 1)
  await buy(d.token, X)
  inside = [a.member.cardNo, b.member.cardNo]
  outside = [c.member.cardNo, d.member.cardNo]
  // The features records follow the purchases' events (and the tier changes they bring).
  await eventually(
    () => countOf(DEFINITION),
    (count) => expect(count.size).toBe(2),
    90_000,
  )
  desk = await openDesk()
  page = desk.page
  await devSignIn(page, 'marketer')
})

afterAll(async () => {
  // The thresholds as the other test files expect them (the medians).
  await call('PUT', '/v1/admin/rfm/thresholds', { token: marketer, body: { thresholds: null } })
  if (segmentId) await call('DELETE', `/v1/admin/segments/${segmentId}`, { token: marketer })
  await desk?.browser.close()
})

const go = async (path: string) => {
  await page.goto(`${CONSOLE_URL}${path}`)
  await page.getByTestId('signed-in').waitFor()
}

/** Types into an antd input (number inputs commit on blur). */
const type = async (target: Locator, value: string) => {
  await target.click()
  await target.fill(value)
  await target.press('Tab')
}

/** Opens an antd Select, types to find the option (long lists draw only what is in view) and picks it. */
const pick = async (select: Locator, text: string) => {
  await select.click()
  await page.keyboard.type(text)
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first()
    .click()
}

/** A button by its text, after its icon if any (antd spaces out two-character Chinese labels: 保 存). */
const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${text.split('').join('\\s*')}\\s*$`) })
const modal = () => page.locator('.ant-modal:visible').last()
const toast = (text: string) => page.locator('.ant-message').getByText(text).first()
const row = (i: number) => page.getByTestId('condition-row').nth(i)
const segmentRow = () => page.getByTestId('segment-table').locator('tbody tr.ant-table-row').filter({ hasText: segmentName })

describe('RFM 概览', () => {
  test('人群 in the menu opens the list with the RFM groups and the pyramid, as GET /v1/admin/rfm has them', async () => {
    await go('/')
    await page.getByRole('menuitem', { name: /人群/ }).click()
    await page.waitForURL(/\/segments$/)
    await page.getByTestId('chart-rfm-groups').waitFor()
    const rfm = await readRfm()

    const groups = await chartSeries(page, 'chart-rfm-groups')
    const members = groups.find((s) => s.name === '会员数')
    expect(members?.type).toBe('bar')
    expect(members?.data).toEqual(rfm.groups.map((g) => g.members))
    expect(groups.find((s) => s.name === '人均近12个月消费（元）')?.data).toEqual(
      rfm.groups.map((g) => (g.members > 0 ? g.avgSpend12mFen / 100 : null)),
    )
    const labels = await page
      .getByTestId('chart-rfm-groups')
      .evaluate(
        (el) =>
          (el as HTMLElement & { __chart?: { getOption: () => { xAxis: { data: string[] }[] } } }).__chart?.getOption().xAxis[0]?.data ??
          [],
      )
    expect(labels).toEqual(['重要价值', '重要保持', '重要发展', '重要挽留', '一般价值', '一般保持', '一般发展', '一般挽留', '新客/潜客'])
    // This run's four buyers are somewhere among the buyers' groups.
    expect(((members?.data ?? []) as number[]).slice(0, 8).reduce((n, v) => n + v, 0)).toBeGreaterThanOrEqual(4)

    const [pyramid] = await chartSeries(page, 'chart-rfm-pyramid')
    expect(pyramid?.type).toBe('funnel')
    const layers = pyramid?.data as { name: string; members: number }[]
    expect(layers.map((l) => l.name)).toEqual(['核心会员（高频高额）', '高额低频', '高频低额', '一般会员', '新客/潜客'])
    expect(layers.map((l) => l.members)).toEqual(rfm.pyramid.map((p) => p.members))

    const t = rfm.thresholds
    await expect(page.getByTestId('rfm-thresholds').innerText()).resolves.toBe(
      `阈值：R ≤ ${t.recencyDays} 天 · F ≥ ${t.frequency} 次 · M ≥ ¥${(t.monetaryFen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`,
    )
    await expect(page.getByTestId('rfm-source').innerText()).resolves.toBe(
      { merchant: '商家设定', median: '中位数', default: '默认' }[rfm.source],
    )
    // A marketer may not start the refresh (an admin job).
    await expect(page.getByTestId('rfm-refresh').count()).resolves.toBe(0)

    await page.getByRole('tab', { name: 'RFM 迁移' }).click()
    if (rfm.movement) await page.getByTestId('rfm-movement').waitFor()
    else await page.getByText('下月起可查看会员在各组之间的迁移').waitFor()
    await page.getByRole('tab', { name: 'RFM 分组' }).click()
  })

  test("修改阈值: R, F and M (yuan) are saved as the merchant's; 恢复中位数 puts the medians back", async () => {
    await page.getByTestId('rfm-edit-thresholds').click()
    const dialog = modal()
    await type(dialog.locator('#rfm_recencyDays'), '45')
    await type(dialog.locator('#rfm_frequency'), '3')
    await type(dialog.locator('#rfm_monetaryYuan'), '888.8')
    await shot(page, 'segments-rfm-thresholds')
    await button(dialog, '保存').click()
    await toast('已保存 RFM 阈值').waitFor()
    await expect(page.getByTestId('rfm-source').innerText()).resolves.toBe('商家设定')
    await expect(page.getByTestId('rfm-thresholds').innerText()).resolves.toBe('阈值：R ≤ 45 天 · F ≥ 3 次 · M ≥ ¥888.80')
    const saved = await readRfm()
    expect(saved.source).toBe('merchant')
    expect(saved.thresholds).toEqual({ recencyDays: 45, frequency: 3, monetaryFen: 88_880 })

    await page.getByTestId('rfm-edit-thresholds').click()
    await page.getByTestId('rfm-use-median').click()
    await toast('已恢复为中位数阈值').waitFor()
    const back = await readRfm()
    expect(back.source).not.toBe('merchant')
    await expect(page.getByTestId('rfm-source').innerText()).resolves.toBe(back.source === 'median' ? '中位数' : '默认')
  })
})

describe('条件', () => {
  test('every field has its inputs in Chinese; a nested 满足任一 group of them is a definition the API counts', async () => {
    await go('/segments/new')
    await page.getByTestId('segment-conditions').waitFor()
    await pick(row(0).locator('.ant-select').first(), '接受营销')
    await button(page, '添加条件组').click()
    const group = page.getByTestId('condition-group')
    const selectedOp = (scope: Locator) => scope.getByTestId('group-op').first().locator('.ant-segmented-item-selected').innerText()
    // A group inside 全部满足 starts as 满足任一 (and the other way round).
    await expect(selectedOp(group)).resolves.toBe('满足任一')
    // The group starts with an empty row (the second on the page); each next field gets a new one.
    let next = 1
    const add = async (field: string, fill?: (r: Locator) => Promise<void>) => {
      if (next > 1) await button(group, '添加条件').click()
      const r = row(next++)
      await pick(r.locator('.ant-select').first(), field)
      await fill?.(r)
      await page.keyboard.press('Escape')
    }
    await add('RFM 分组', (r) => pick(r.locator('.ant-select').nth(1), '重要价值'))
    await add('会员金字塔', (r) => pick(r.locator('.ant-select').nth(1), '核心会员（高频高额）'))
    await add('RFM 五分位评分')
    await add('沉睡（N 天未消费）')
    await add('新会员（N 天内入会）')
    await add('活跃（N 天内消费或签到）')
    await add('生日', async (r) => {
      await r.getByText('未来 N 天内').click()
      await type(r.getByLabel('天数'), '14')
    })
    await add('开卡门店', (r) => pick(r.locator('.ant-select').nth(1), '南京西路旗舰店（S001）'))
    await add('常去门店', (r) => pick(r.locator('.ant-select').nth(1), '三里屯店（S002）'))
    await add('购买品类', async (r) => {
      await r.locator('.ant-select').nth(1).click()
      await page.keyboard.type('咖啡')
      await page.keyboard.press('Enter')
    })
    await add('标签', async (r) => {
      await r.locator('.ant-select').nth(1).click()
      await page.keyboard.type('高潜')
      await page.keyboard.press('Enter')
    })
    await add('年龄段', (r) => pick(r.locator('.ant-select').nth(1), '25–34 岁'))
    await add('积分即将过期')
    await add('有未使用的券', (r) => r.getByText('否').click())
    await add('近12个月消费次数', (r) => type(r.getByLabel('最低值'), '1'))
    await add('积分余额', (r) => type(r.getByLabel('最高值'), '100000'))
    await add('等级', (r) => pick(r.locator('.ant-select').nth(1), '金卡'))
    await expect(page.getByTestId('condition-row').count()).resolves.toBe(18)
    // The builder can nest no deeper than 3 groups.
    await button(group, '添加条件组').click()
    const inner = group.getByTestId('condition-group')
    await inner.waitFor()
    await expect(button(inner, '添加条件组').count()).resolves.toBe(0)
    await pick(inner.getByTestId('condition-row').first().locator('.ant-select').first(), '性别')
    await pick(inner.getByTestId('condition-row').first().locator('.ant-select').nth(1), '未透露')
    await page.keyboard.press('Escape')
    await expect(selectedOp(inner)).resolves.toBe('全部满足')

    // The live count answers (the shared schema and the API both accept the definition).
    await eventually(
      () =>
        page
          .getByTestId('count-size')
          .innerText()
          .catch(() => ''),
      (t) => expect(t).toMatch(/^[\d,]+$/),
      30_000,
    )
    await expect(page.getByTestId('condition-error').count()).resolves.toBe(0)
    await expect(page.getByTestId('segment-count').innerText()).resolves.not.toContain('统计失败')
    await shot(page, 'segments-builder-all-fields')
  })
})

describe('RFM 迁移', () => {
  test("members by last month's group (rows) and this month's (columns), the diagonal those who stayed", async () => {
    // The local stack has no month before this one: a month's moves are put into the API's answer.
    const moves = [
      { from: 'important_value', to: 'important_value', members: 30 },
      { from: 'important_value', to: 'important_keep', members: 10 },
      { from: 'general_develop', to: 'important_develop', members: 5 },
      { from: 'prospect', to: 'general_develop', members: 12 },
    ]
    await page.route(
      '**/v1/admin/rfm',
      async (route) => {
        const real = await (await route.fetch()).json()
        await route.fulfill({ json: { ...real, movement: { from: '2026-10', to: '2026-11', moves } } })
      },
      { times: 1 },
    )
    await go('/segments')
    await page.getByRole('tab', { name: 'RFM 迁移' }).click()
    const table = page.getByTestId('rfm-movement')
    await table.waitFor()
    const header = await table.locator('thead th').allInnerTexts()
    expect(header.map((h) => h.trim())).toEqual([
      '2026-10 ＼ 2026-11',
      '重要价值',
      '重要保持',
      '重要发展',
      '重要挽留',
      '一般价值',
      '一般保持',
      '一般发展',
      '一般挽留',
      '新客/潜客',
      '上月合计',
    ])
    const cells = async (group: string) =>
      (await table.locator(`tbody tr.ant-table-row[data-row-key="${group}"] td`).allInnerTexts()).map((t) => t.trim())
    await expect(cells('important_value')).resolves.toEqual(['重要价值', '30', '10', '0', '0', '0', '0', '0', '0', '0', '40'])
    await expect(cells('prospect')).resolves.toEqual(['新客/潜客', '0', '0', '0', '0', '0', '0', '12', '0', '0', '12'])
    await shot(page, 'segments-rfm-movement')
  })
})

describe('人群', () => {
  test('the builder refuses what is incomplete in place; the live count is the two members set up, with their sample', async () => {
    await page.getByTestId('new-segment').click()
    await page.waitForURL(/\/segments\/new$/)
    await page.getByTestId('segment-count').getByText('条件填写完整后').waitFor()

    // Nothing filled in: the name and the condition row say what is missing, nothing is sent.
    await page.getByTestId('save-segment').click()
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '请填写人群名称' }).waitFor()
    await expect(row(0).getByTestId('condition-error').innerText()).resolves.toBe('请选择条件')
    await page.getByTestId('segment-incomplete').waitFor()

    await page.locator('#segment_name').fill(segmentName)
    await page.locator('#segment_description').fill('近12个月消费在测试区间内的银卡女性会员')
    await pick(row(0).locator('.ant-select').first(), '近12个月消费金额')
    await expect(row(0).getByTestId('condition-error').innerText()).resolves.toBe('请填写最低值或最高值')
    // A band upside down is refused by the shared schema, under its row.
    await type(row(0).getByLabel('最低金额'), yuanText(X))
    await type(row(0).getByLabel('最高金额'), yuanText(X - 100))
    await expect(row(0).getByTestId('condition-error').innerText()).resolves.toBe('最高值不能低于最低值')
    await type(row(0).getByLabel('最高金额'), yuanText(X + 99))
    await expect(row(0).getByTestId('condition-error').count()).resolves.toBe(0)
    await expect(page.getByTestId('segment-incomplete').count()).resolves.toBe(0)

    await button(page, '添加条件').click()
    await pick(row(1).locator('.ant-select').first(), '等级')
    await pick(row(1).locator('.ant-select').nth(1), '银卡')
    await page.keyboard.press('Escape')
    await button(page, '添加条件').click()
    await pick(row(2).locator('.ant-select').first(), '性别')
    await pick(row(2).locator('.ant-select').nth(1), '女')
    await page.keyboard.press('Escape')

    const size = page.getByTestId('count-size')
    await eventually(
      () => size.innerText().catch(() => ''),
      (t) => expect(t).toBe('2'),
      60_000,
    )
    const expected = await countOf(DEFINITION)
    await expect(page.getByTestId('count-share').innerText()).resolves.toBe(`占 ${(expected.share * 100).toFixed(1)}%`)
    const sample = page.getByTestId('segment-sample').locator('tbody tr.ant-table-row')
    await expect(sample.count()).resolves.toBe(2)
    const text = await page.getByTestId('segment-sample').innerText()
    for (const card of inside) expect(text).toContain(card)
    for (const card of outside) expect(text).not.toContain(card)
    expect(text).toContain('王*')
    expect(text).toContain('银卡')
    expect(text).toContain(`¥${(X / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`)
    const [byTier] = await chartSeries(page, 'chart-count-tier')
    expect(byTier?.data).toEqual([2])
    await shot(page, 'segments-builder')
  })

  test('saved: it opens at its own address, counted; the list shows it with its count', async () => {
    await page.getByTestId('save-segment').click()
    await toast(`已创建人群「${segmentName}」`).waitFor()
    await page.waitForURL(/\/segments\/[0-9A-Z]+$/)
    segmentId = page.url().split('/').pop() ?? ''
    await page.getByText(`编辑人群：${segmentName}`).waitFor()
    const saved = await call('GET', `/v1/admin/segments/${segmentId}`, { token: marketer })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ name: segmentName, version: 1, definition: DEFINITION })
    // The count of the saved segment is recorded for the list.
    await eventually(
      () =>
        page
          .getByTestId('last-count')
          .innerText()
          .catch(() => ''),
      (t) => expect(t).toMatch(/^上次统计：2 人/),
      60_000,
    )

    await page.getByRole('menuitem', { name: /人群/ }).click()
    await segmentRow().waitFor()
    await expect(segmentRow().innerText()).resolves.toMatch(/近12个月消费在测试区间内的银卡女性会员[\s\S]*2 人[\s\S]*占 /)
    await sleep(1_500) // the charts' entry animation
    await shot(page, 'segments-list')
  })

  test('reopened from the list: its conditions as saved, counted again', async () => {
    await segmentRow().click()
    await page.waitForURL(new RegExp(`/segments/${segmentId}$`))
    await expect(page.locator('#segment_name').inputValue()).resolves.toBe(segmentName)
    await expect(page.getByTestId('condition-row').count()).resolves.toBe(3)
    await expect(row(0).getByLabel('最低金额').inputValue()).resolves.toBe(yuanText(X))
    await expect(row(0).getByLabel('最高金额').inputValue()).resolves.toBe(yuanText(X + 99))
    await expect(row(1).innerText()).resolves.toContain('银卡')
    await expect(row(2).innerText()).resolves.toContain('女')
    await eventually(
      () =>
        page
          .getByTestId('count-size')
          .innerText()
          .catch(() => ''),
      (t) => expect(t).toBe('2'),
      60_000,
    )
    await expect(page.getByTestId('save-segment').isDisabled()).resolves.toBe(true)
  })

  test('a count that runs as a job: the progress follows the shards (polled every second) until the count is in', async () => {
    // The local stack counts at once (fewer than SEGMENT_INLINE_MAX_MEMBERS members), so the
    // preview's answer is turned into a job's here; the count itself is the API's.
    const JOB = 'JOB-E2E-FAKE'
    let real: SegmentCountResult | null = null
    let polls = 0
    await page.route('**/v1/admin/segment-previews', async (route) => {
      const answer = await (await route.fetch()).json()
      real = answer.count
      await route.fulfill({ json: { status: 'running', jobId: JOB, progress: { done: 0, total: 8 }, count: null } })
    })
    await page.route(`**/v1/admin/jobs/${JOB}`, async (route) => {
      polls += 1
      const done = Math.min(8, polls * 2)
      const at = real?.countedAt ?? new Date().toISOString()
      await route.fulfill({
        json: {
          jobId: JOB,
          kind: 'segment-count',
          status: done === 8 ? 'done' : 'running',
          progress: { done, total: 8 },
          processed: done * 500,
          startedAt: at,
          finishedAt: done === 8 ? at : null,
          count: done === 8 ? real : null,
        },
      })
    })
    try {
      // Still the same two members: both spent exactly X.
      await type(row(0).getByLabel('最高金额'), yuanText(X + 98))
      const progress = page.getByTestId('count-progress')
      await eventually(
        () => progress.innerText().catch(() => ''),
        (t) => expect(t).toMatch(/正在统计：已完成 [2-6] \/ 8 个分片，已处理 [\d,]+ 名会员/),
        15_000,
      )
      await expect(page.locator('[data-testid="count-progress"] .ant-progress').count()).resolves.toBe(1)
      await shot(page, 'segments-builder-progress')
      await progress.waitFor({ state: 'detached', timeout: 15_000 })
      await expect(page.getByTestId('count-size').innerText()).resolves.toBe('2')
      expect(polls).toBeGreaterThanOrEqual(4)
    } finally {
      await page.unroute('**/v1/admin/segment-previews')
      await page.unroute(`**/v1/admin/jobs/${JOB}`)
    }
  })

  test('a save over a change someone else saved meanwhile: 人群已被他人修改, 重新加载', async () => {
    const now = (await call('GET', `/v1/admin/segments/${segmentId}`, { token: marketer })).body
    const other = await call('PUT', `/v1/admin/segments/${segmentId}`, {
      token: marketer,
      body: { name: now.name, description: '他人修改的说明', definition: now.definition, version: now.version },
    })
    expect(other.status).toBe(200)

    await page.locator('#segment_description').fill('我的修改')
    await page.getByTestId('save-segment').click()
    const conflict = page.getByTestId('version-conflict')
    await conflict.waitFor()
    await expect(conflict.innerText()).resolves.toContain('人群已被他人修改')
    await button(conflict, '重新加载').click()
    await conflict.waitFor({ state: 'detached' })
    await expect(page.locator('#segment_description').inputValue()).resolves.toBe('他人修改的说明')
  })

  test('deleted from the list after the confirmation (删除后无法恢复)', async () => {
    await go('/segments')
    await segmentRow().waitFor()
    await button(segmentRow(), '删除').click()
    const confirm = page.locator('.ant-popover:visible, .ant-popconfirm:visible').last()
    await expect(confirm.innerText()).resolves.toContain('删除后无法恢复')
    await button(confirm, '删除').click()
    await toast(`已删除人群「${segmentName}」`).waitFor()
    await segmentRow().waitFor({ state: 'detached' })
    expect((await call('GET', `/v1/admin/segments/${segmentId}`, { token: marketer })).status).toBe(404)
    segmentId = ''
  })
})

describe('RFM 刷新', () => {
  /** The overview as a program whose nightly refresh never ran would have it (the local stack draws it live). */
  const neverRefreshed = (p: Page) =>
    p.route(
      '**/v1/admin/rfm',
      async (route) => {
        const real = await (await route.fetch()).json()
        await route.fulfill({ json: { ...real, computedAt: null } })
      },
      { times: 1 },
    )

  test('never refreshed: a marketer reads that the groups refresh nightly, and that an admin can refresh them now', async () => {
    await neverRefreshed(page)
    await go('/segments')
    const hint = page.getByTestId('rfm-not-computed')
    await hint.waitFor()
    await expect(hint.innerText()).resolves.toMatch(/RFM 分组每晚自动刷新[\s\S]*管理员可以立即刷新/)
    await expect(page.getByTestId('rfm-refresh').count()).resolves.toBe(0)
    await expect(page.getByTestId('rfm-computed-at').innerText()).resolves.toContain('分组尚未刷新')
  })

  test('an admin refreshes the RFM groups now: the progress shows until the job is done, then the groups are read again', async () => {
    const other = await openDesk(desk.browser)
    try {
      const p = other.page
      await neverRefreshed(p)
      await devSignIn(p, 'admin', '/segments')
      const hint = p.getByTestId('rfm-not-computed')
      await hint.waitFor()
      await hint.getByTestId('rfm-refresh').click()
      const progress = p.getByTestId('rfm-refresh-progress')
      const toastDone = p.locator('.ant-message').getByText('RFM 分组已刷新').first()
      await progress.or(toastDone).first().waitFor()
      if (await progress.isVisible()) {
        await expect(progress.innerText()).resolves.toMatch(/正在刷新 RFM 分组/)
        await shot(p, 'segments-rfm-refreshing')
      }
      await toastDone.waitFor({ timeout: 120_000 })
      await progress.waitFor({ state: 'detached' })
      await hint.waitFor({ state: 'detached' })
      const after = await readRfm()
      expect(after.computedAt).not.toBeNull()
      await expect(p.getByTestId('rfm-computed-at').innerText()).resolves.toMatch(/分组更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
      // Once refreshed, the admin's 立即刷新 stays in the card's header.
      await p.getByTestId('rfm-refresh').waitFor()
      await shot(p, 'segments-rfm-admin')
    } finally {
      await other.context.close()
    }
  })
})
