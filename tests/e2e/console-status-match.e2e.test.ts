/**
 * 身份匹配 and 待开卡 in the console, in headless Chromium at 1440×900, clicked like a person:
 * a store manager approves a member's partner VIP card (with a photo of it) over the API; a
 * marketer opens the member and sees the match with its photo thumbnail, and opens the photo
 * large; an admin sees who approved it by name and finds it in the audit log with readable
 * details. A shopper signed up 待开卡 shows a grey tag, is counted grey in the tier report, and
 * a match without a photo moves them from 待开卡 to the matched tier.
 *
 * Needs process.env.CONSOLE_URL (the console build served with /v1 proxied) and API_URL.
 */
import { randomInt } from 'node:crypto'
import { ProgramView, type ProgramRules } from '@huiyuan/shared/program/schemas'
import type { Page } from 'playwright-core'
import { call, eventually, newMember, signIn } from '../api/client'
import { CONSOLE_URL, chartSeries, deskSuite, devSignIn, shot as saveShot } from './console'

jest.setTimeout(180_000)

const { desk, scenario, settledShot: shot } = deskSuite()

const mobile = () => `136${String(randomInt(10_000_000, 99_999_999))}`
const codeOf = async (token: string) => (await call('GET', '/v1/me/code', { token })).body.code as string
const rowOf = (page: Page, table: string, text: string) => page.getByTestId(table).locator('tr.ant-table-row').filter({ hasText: text })

/** A photo of a partner card as the till sends it: a JPEG data URL drawn on a canvas in the browser. */
async function cardPhoto(page: Page): Promise<string> {
  const photo = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 320
    canvas.height = 200
    const g = canvas.getContext('2d')!
    const bg = g.createLinearGradient(0, 0, 320, 200)
    bg.addColorStop(0, '#1f1f1f')
    bg.addColorStop(1, '#595959')
    g.fillStyle = bg
    g.fillRect(0, 0, 320, 200)
    g.fillStyle = '#d4b106'
    g.fillRect(24, 64, 48, 36)
    g.fillStyle = '#ffffff'
    g.font = 'bold 24px sans-serif'
    g.fillText('WANDA VIP', 24, 44)
    g.font = '20px monospace'
    g.fillText('VIP-2026-5678', 24, 150)
    g.font = '16px sans-serif'
    g.fillText('DIAMOND', 220, 184)
    return canvas.toDataURL('image/jpeg', 0.7)
  })
  expect(photo).toMatch(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+={0,2}$/)
  expect(photo.length).toBeLessThanOrEqual(48_000)
  return photo
}

const approve = (token: string, body: Record<string, unknown>) => call('POST', '/v1/staff/status-matches', { token, body })

describe('身份匹配', () => {
  scenario(
    'a marketer sees the status match with the card photo and opens it large; an admin sees the approver by name and the audit entry',
    async () => {
      const name = `匹配${randomInt(1000, 9999)}`
      const { member, token } = await newMember({ name, mobile: mobile() })
      const page = await desk()
      const photo = await cardPhoto(page)
      const manager = await signIn('manager')
      const approved = await approve(manager, {
        memberCode: await codeOf(token),
        storeId: 'S002',
        partner: '万达广场',
        partnerTier: '钻石卡',
        partnerCardNo: 'VIP-2026-5678',
        tierCode: 'silver',
        photo,
      })
      expect(approved.status).toBe(201)

      // The marketer: the section, with the approver's id (only admins may list the staff).
      await devSignIn(page, 'marketer', `/members/${encodeURIComponent(member.memberId)}`)
      const section = page.getByTestId('member-status-match')
      await section.waitFor()
      await expect(page.getByTestId('member-tier').innerText()).resolves.toBe('银卡')
      // The store's name follows with the store list.
      await section.getByText('三里屯店', { exact: true }).waitFor()
      const text = await section.innerText()
      for (const part of ['身份匹配', '万达广场', '钻石卡', '*********5678', '三里屯店', '三里屯店长（STAFF-MANAGER-S002）'])
        expect(text).toContain(part)
      expect(text).toMatch(/办理时间\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
      const tiers = page.getByTestId('status-match-tiers')
      await expect(tiers.innerText()).resolves.toMatch(/普卡\s*银卡/)
      expect(await tiers.locator('.ant-tag-gold').count()).toBe(2)
      expect(text).not.toContain('未拍照')

      const thumb = page.getByTestId('status-match-photo').locator('img')
      await expect(thumb.getAttribute('src')).resolves.toBe(photo)
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid=status-match-photo] img')
        return Boolean(img?.complete && img.naturalWidth === 320)
      })
      const box = await thumb.boundingBox()
      expect(box?.width).toBeLessThanOrEqual(120)
      await page.getByTestId('member-points-ledger').locator('tr.ant-table-row, .ant-empty').first().waitFor()
      await shot(page, 'status-match-member')
      await page.setViewportSize({ width: 1280, height: 800 })
      await shot(page, 'status-match-member-1280')
      await page.setViewportSize({ width: 1440, height: 900 })

      await thumb.click()
      const preview = page.locator('.ant-image-preview-img')
      await preview.waitFor()
      await expect(preview.getAttribute('src')).resolves.toBe(photo)
      await page.waitForTimeout(400)
      const large = await preview.boundingBox()
      expect(large?.width).toBeGreaterThan(box?.width ?? 0)
      await saveShot(page, 'status-match-preview')
      await page.keyboard.press('Escape')
      await preview.waitFor({ state: 'hidden' })

      // The admin: the approver by name, and the audit entry.
      const admin = await desk()
      await devSignIn(admin, 'admin', `/members/${encodeURIComponent(member.memberId)}`)
      await admin.getByTestId('member-status-match').getByText('三里屯店长（STAFF-MANAGER-S002）').waitFor()

      await admin.goto(`${CONSOLE_URL}/audit`)
      await admin.getByTestId('audit-table').waitFor()
      const byMember = admin.getByPlaceholder('会员 ID')
      await byMember.fill(member.memberId)
      await byMember.press('Enter')
      // This member's entry (the log has other members' matches today until the filter applies).
      const entry = rowOf(admin, 'audit-table', '身份匹配').filter({
        has: admin.locator(`a[href$="/members/${encodeURIComponent(member.memberId)}"]`),
      })
      await entry.waitFor()
      await expect(entry.innerText()).resolves.toContain('三里屯店长（STAFF-MANAGER-S002）')
      await entry.locator('.ant-table-row-expand-icon').click()
      const details = admin.getByTestId('audit-table').locator('.ant-table-expanded-row .ant-descriptions')
      await details.waitFor()
      // Tier names come with the program, which loads on expanding.
      await details.getByText('银卡').waitFor()
      const shown = await details.innerText()
      for (const part of [
        '合作方',
        '万达广场',
        '合作方卡号',
        '*********5678',
        '原等级',
        '普卡',
        '匹配等级',
        '银卡',
        '办理门店',
        '三里屯店',
        '卡面照片',
        '已拍照',
      ])
        expect(shown).toContain(part)
      await shot(admin, 'status-match-audit')
    },
  )
})

describe('待开卡', () => {
  let admin: string
  let original: ProgramRules['tierPolicy']['entryMode']
  const setEntryMode = async (entryMode: ProgramRules['tierPolicy']['entryMode']) => {
    const now = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
    const r = await call('PUT', '/v1/admin/program', {
      token: admin,
      body: { rules: { ...now.rules, tierPolicy: { ...now.rules.tierPolicy, entryMode } }, version: now.version },
    })
    expect(r.status).toBe(200)
    // The API caches the rules for a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_200))
  }

  beforeAll(async () => {
    admin = await signIn('admin')
    original = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body).rules.tierPolicy.entryMode
  })

  scenario(
    'a shopper signed up 待开卡 shows grey on the member page and in the tier report; a match without a photo gives the card',
    async () => {
      await setEntryMode('qualify')
      let joined: Awaited<ReturnType<typeof newMember>>
      try {
        joined = await newMember({ name: `待开${randomInt(1000, 9999)}`, mobile: mobile() })
      } finally {
        await setEntryMode(original)
      }
      const { member, token } = joined
      expect(member.tier).toEqual({ code: '', name: '待开卡' })

      const page = await desk()
      await devSignIn(page, 'marketer', `/members/${encodeURIComponent(member.memberId)}`)
      const tag = page.getByTestId('member-tier')
      await expect(tag.innerText()).resolves.toBe('待开卡')
      expect(await tag.getAttribute('class')).not.toMatch(/ant-tag-(gold|blue|green|red|orange|purple)/)
      await expect(page.getByTestId('member-balances').innerText()).resolves.toContain('已注册，尚未完成开卡消费')
      expect(await page.getByTestId('member-status-match').count()).toBe(0)
      await page.getByTestId('member-points-ledger').locator('tr.ant-table-row, .ant-empty').first().waitFor()
      await shot(page, 'pending-member')

      // The tier report lists 待开卡 in grey (its counters follow the join a moment later).
      await eventually(async () => {
        await page.goto(`${CONSOLE_URL}/reports?tab=tiers`)
        await rowOf(page, 'table-tier-distribution', '待开卡').waitFor({ timeout: 3_000 })
      }, 45_000)
      const [pie] = await chartSeries(page, 'chart-tier-distribution')
      const slices = (pie?.data ?? []) as { name: string; itemStyle?: { color?: string } }[]
      const pending = slices.find((d) => d.name === '待开卡')
      expect(pending?.itemStyle?.color).toBe('#bfbfbf')
      await shot(page, 'pending-tier-report')

      // An admin approves a match without a photo or the card's own level, at S001.
      const approved = await approve(admin, {
        memberCode: await codeOf(token),
        storeId: 'S001',
        partner: '东方航空',
        partnerCardNo: 'MU12345678',
        tierCode: 'silver',
      })
      expect(approved.status).toBe(201)
      await page.goto(`${CONSOLE_URL}/members/${encodeURIComponent(member.memberId)}`)
      const section = page.getByTestId('member-status-match')
      await section.waitFor()
      await expect(page.getByTestId('member-tier').innerText()).resolves.toBe('银卡')
      await section.getByText('南京西路旗舰店').waitFor()
      const text = await section.innerText()
      for (const part of ['东方航空', '******5678', '南京西路旗舰店', '总部管理员（STAFF-ADMIN）', '未拍照']) expect(text).toContain(part)
      expect(await page.getByTestId('status-match-photo').locator('img').count()).toBe(0)
      const tiers = page.getByTestId('status-match-tiers')
      await expect(tiers.innerText()).resolves.toMatch(/待开卡\s*银卡/)
      expect(await tiers.locator('.ant-tag-gold').count()).toBe(1)
      await page.getByTestId('member-points-ledger').locator('tr.ant-table-row, .ant-empty').first().waitFor()
      await shot(page, 'pending-member-matched')
    },
  )
})
