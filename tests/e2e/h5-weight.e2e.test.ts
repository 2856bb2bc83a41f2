/**
 * What the H5 app costs a member over the wire (scripts/lib/h5Weight.ts, also printed by
 * `npm run bench`): the home page's first load and every member page opened in one visit,
 * counting the JS bytes as sent (brotli or gzip from the static server).
 */
import { measureH5Weight } from '../../scripts/lib/h5Weight'
import { H5_URL } from './h5'

const HOME_FIRST_LOAD_BUDGET = 200 * 1024
const ALL_MEMBER_PAGES_BUDGET = 400 * 1024

jest.setTimeout(180_000)

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

test('the home page loads at most 200 KB of JS over the wire, and all member pages together at most 400 KB', async () => {
  const w = await measureH5Weight(H5_URL)
  console.log(
    `H5 JS over the wire: home first load ${kb(w.homeJs)} (${w.homeFiles.length} files); ` +
      `${w.pages.length} member pages in one visit ${kb(w.allPagesJs)} (${w.allFiles.length} files)`,
  )
  expect(w.pages).toEqual(expect.arrayContaining(['pages/home/index', 'member/pages/inbox/index', 'coupons/pages/wallet/index']))
  expect(w.homeFiles.length).toBeGreaterThan(1) // sanity: the app and the home page were measured
  expect(w.allPagesJs).toBeGreaterThan(w.homeJs)
  expect(w.homeJs).toBeLessThanOrEqual(HOME_FIRST_LOAD_BUDGET)
  expect(w.allPagesJs).toBeLessThanOrEqual(ALL_MEMBER_PAGES_BUDGET)
})
