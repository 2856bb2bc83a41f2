/**
 * 集体办理 on the join page of the real WeChat build, rendered in miniprogram-simulate against
 * the fake API (simulate.ts): opened from a group's enrolment code (scene `s=<store>&g=<code>`)
 * it says so and asks for nothing more; opened from a store's code it offers 有团体码？, whose
 * field upper-cases what is typed and checks it before anything is sent.
 *
 * Set WEAPP_PREBUILT=1 to reuse miniprogram/dist/weapp instead of building.
 */
import path from 'node:path'
import {
  buildWeapp,
  DIST,
  fake,
  installAppAndPage,
  installDom,
  installWx,
  answers,
  policy,
  requests,
  type SimComponent,
  simulatedPages,
} from './simulate'

jest.setTimeout(240_000)

const sim = simulatedPages()
const { text, waitFor } = sim
let page: SimComponent
let scene = 's=S001&g=HD7K2M9P'

const byId = (id: string) => page.querySelector(`#${id}`)
const joins = () => requests.filter((r) => r.url.endsWith('/v1/members'))

beforeAll(() => {
  buildWeapp()
  installDom()
  sim.start()
  installWx()
  answers['/v1/privacy-policy'] = policy
  const shims = installAppAndPage(
    () => fake.currentRoute,
    (): Record<string, string> => (fake.currentRoute === 'pages/join/index' ? { scene: encodeURIComponent(scene) } : {}),
  )
  require(path.join(DIST, 'app.js'))
  shims.launch()
})

afterAll(() => sim.stop())

describe('weapp 集体办理 on the join page in miniprogram-simulate', () => {
  test("opened from a group's enrolment code: the banner names the code; nothing to type", async () => {
    page = sim.render('pages/join/index')
    await waitFor(() => text().includes('立即加入'), 'the join form')
    expect(text()).toContain('团体办理')
    expect(text()).toContain('使用团体码 HD7K2M9P 加入，开卡即享团体等级')
    expect(text()).not.toContain('有团体码？')
  })

  test("opened from a store's code: 有团体码？ opens the field, which upper-cases and checks the code before sending", async () => {
    scene = 's=S001'
    page = sim.render('pages/join/index')
    await waitFor(() => text().includes('有团体码？'), 'the 有团体码？ link')
    expect(text()).not.toContain('团体办理')
    byId('enrolment-code-toggle')!.dispatchEvent('tap')
    await waitFor(() => text().includes('团体码（选填）'), 'the code field')
    byId('field-enrolment-code')!.dispatchEvent('input', { detail: { value: 'ab12', cursor: 4 } })
    byId('join-submit')!.dispatchEvent('tap')
    await waitFor(() => text().includes('团体码为8位字母或数字'), 'the code message')
    expect(joins()).toHaveLength(0)
  })

  test('every node the page rendered has a WeChat template', () => {
    expect(sim.warnings.filter((w) => /not found/i.test(w))).toEqual([])
  })
})
