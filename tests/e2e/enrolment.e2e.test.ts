/**
 * 集体办理 in the H5 build: an admin creates an enrolment code for an organisation (one use,
 * at the program's second tier). A person opens the code's join link, is told they join
 * with the group's code, joins, and the card shows the code's tier. A second person with
 * the same code is told its places are used up, and joins without it by the offered button,
 * the form still filled, at the entry tier. A third, at a plain store link, types a code:
 * one that is not 8 letters/digits is refused on the phone without calling the API; one
 * the API does not know is refused with the way to join without it.
 *
 * Needs process.env.H5_URL (the built H5 app served with /v1 proxied) and API_URL.
 */
import type { Page } from 'playwright-core'
import { call, signIn } from '../api/client'
import { H5_URL, JOIN_LINK, Phones, expectText, fillInput, visible } from './h5'

jest.setTimeout(180_000)

const phones = new Phones('enrolment')
const shot = (page: Page, name: string) => phones.shot(page, name)

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const mobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
/** A calendar day in the program's time zone (Shanghai), `days` from today. */
const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

const USED_UP = '该团体码的名额已用完，请联系组织方或不使用团体码加入'
const INVALID = '团体码无效或不在有效期内，请核对后重试，或不使用团体码加入'
const MALFORMED = '团体码为8位字母或数字，请核对后重新输入'

let code: { code: string; scene: string; tier: { code: string; name: string } }
let entryTier: { code: string; name: string }
let groupLink = ''

/** A fresh phone signed in as its own dev identity, on `url`'s join form. */
async function openJoin(url: string, who: string): Promise<Page> {
  const page = await phones.open()
  await page.goto(url)
  await visible(page, '#dev-signin').waitFor()
  await fillInput(page, 'dev-name', `enrol-${who}-${run}`)
  await visible(page, '#dev-signin-button').click()
  await expectText(page, '#dev-signin', `enrol-${who}-${run}`)
  await visible(page, '#join-form').waitFor()
  return page
}

/** The form filled as a person would (the code aside). */
async function fillForm(page: Page, name: string) {
  await fillInput(page, 'field-name', name)
  await fillInput(page, 'field-mobile', mobile())
  await visible(page, '#field-birthday').click()
  await visible(page, '.nut-picker-confirm-btn').first().click()
  await visible(page, '.gender-female').click()
  await visible(page, '#privacy-consent .nut-checkbox').click()
}

/** Counts the join requests the page sends. */
function joinRequests(page: Page): { count: number } {
  const seen = { count: 0 }
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/members') seen.count++
  })
  return seen
}

beforeAll(async () => {
  const admin = await signIn('admin')
  const tiers = await call('GET', '/v1/tiers', { token: admin })
  expect(tiers.status).toBe(200)
  const [entry, second] = tiers.body.tiers as { code: string; name: string }[]
  if (!entry || !second) throw new Error('the program needs two tiers')
  entryTier = entry
  const created = await call('POST', '/v1/admin/enrolment-codes', {
    token: admin,
    body: {
      organisation: `测试单位工会${run}`.slice(0, 40),
      tierCode: second.code,
      storeId: 'S001',
      maxUses: 1,
      validFrom: shanghaiDay(),
      validUntil: shanghaiDay(30),
    },
  })
  expect(created.status).toBe(201)
  code = created.body
  expect(code.scene).toBe(`s=S001&g=${code.code}`)
  expect(code.tier.name).toBe(second.name)
  expect(second.code).not.toBe(entry.code)
  groupLink = `${H5_URL}/#/pages/join/index?scene=${encodeURIComponent(code.scene)}`
})

afterAll(() => phones.close())

describe('集体办理 (H5)', () => {
  test("the code's join link says it is a group's enrolment; joining gives the code's tier", async () => {
    const page = await openJoin(groupLink, 'first')
    const sent = joinRequests(page)
    await expectText(page, '#join-group', '团体办理')
    await expectText(page, '#join-group', `使用团体码 ${code.code} 加入，开卡即享团体等级`)
    await expectText(page, '#join-store', '加入门店：南京西路旗舰店')
    // The code comes with the link: nothing to type.
    expect(await visible(page, '#enrolment-code-toggle').count()).toBe(0)
    expect(await visible(page, '#field-enrolment-code').count()).toBe(0)

    await fillForm(page, '孙团体')
    await shot(page, '01-join-with-code')
    const request = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/v1/members')
    await visible(page, '#join-submit').click()
    expect((await request).postDataJSON()).toMatchObject({ storeId: 'S001', enrolmentCode: code.code, name: '孙团体' })
    await visible(page, '#member-card').waitFor({ timeout: 15_000 })
    await expectText(page, '#tier-name', code.tier.name)
    expect(sent.count).toBe(1)
    await shot(page, '02-card-at-group-tier')
  })

  test('a second person with the used-up code is told so, and joins without it by the offered button', async () => {
    const page = await openJoin(groupLink, 'second')
    const sent = joinRequests(page)
    await expectText(page, '#join-group', code.code)
    await fillForm(page, '周未满')
    await visible(page, '#join-submit').click()

    await expectText(page, '#join-group #error-enrolment-code', USED_UP)
    await expectText(page, '#join-without-code', '不使用团体码加入')
    expect(await visible(page, '#error-form').count()).toBe(0)
    // The rest of the form stays as it was filled.
    await expect(visible(page, '#field-name input').first().inputValue()).resolves.toBe('周未满')
    await expect(visible(page, '#field-mobile input').first().inputValue()).resolves.toMatch(/^137\d{8}$/)
    await shot(page, '03-code-used-up')

    const request = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/v1/members')
    await visible(page, '#join-without-code').click()
    const body = (await request).postDataJSON()
    expect(body).toMatchObject({ storeId: 'S001', name: '周未满' })
    expect(body).not.toHaveProperty('enrolmentCode')
    await visible(page, '#member-card').waitFor({ timeout: 15_000 })
    await expectText(page, '#tier-name', entryTier.name)
    expect(sent.count).toBe(2)
    await shot(page, '04-card-without-code')
  })

  test('a typed code: upper-cased, checked for 8 letters/digits before sending; one the API does not know is refused', async () => {
    const page = await openJoin(JOIN_LINK, 'typed')
    const sent = joinRequests(page)
    expect(await visible(page, '#join-group').count()).toBe(0)
    await fillForm(page, '吴自填')
    await expectText(page, '#enrolment-code-toggle', '有团体码？')
    expect(await visible(page, '#field-enrolment-code').count()).toBe(0)
    await visible(page, '#enrolment-code-toggle').click()
    await expectText(page, '#enrolment-code', '团体码（选填）')

    await fillInput(page, 'field-enrolment-code', 'ab-12')
    await expect(visible(page, '#field-enrolment-code input').first().inputValue()).resolves.toBe('AB-12')
    await visible(page, '#join-submit').click()
    await expectText(page, '#enrolment-code #error-enrolment-code', MALFORMED)
    // Its shape is wrong: fixed by typing, not by joining without it; nothing was sent.
    expect(await visible(page, '#join-without-code').count()).toBe(0)
    expect(sent.count).toBe(0)
    await shot(page, '05-code-malformed')

    // Typing again clears the message; a well-formed code the API does not know is refused there.
    await fillInput(page, 'field-enrolment-code', 'zzzz2222')
    expect(await visible(page, '#error-enrolment-code').count()).toBe(0)
    await expect(visible(page, '#field-enrolment-code input').first().inputValue()).resolves.toBe('ZZZZ2222')
    await visible(page, '#join-submit').click()
    await expectText(page, '#enrolment-code #error-enrolment-code', INVALID)
    await expectText(page, '#join-without-code', '不使用团体码加入')
    expect(sent.count).toBe(1)
    await shot(page, '06-code-unknown')
    expect(phones.pageErrors).toEqual([])
  })
})
