/**
 * Demo members for `npm start`: a deterministic year of shoppers at the three demo stores —
 * regulars, big spenders, lapsed and brand-new members, some who never bought — joined and
 * buying through the real services at their own (past) times, so the ledgers, the events,
 * the report counters and each member's features are what the live system would have kept,
 * and the console's 人群 page has an RFM picture to show.
 */
import type { AuthContext } from '../../functions/src/platform/auth'
import { readConfig } from '../../functions/src/platform/config'
import { buildServices } from '../../functions/src/platform/container'
import type { Db } from '../../functions/src/platform/db'
import { issueMemberCode } from '../../functions/src/members/memberCode'

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平']
const CATALOGUE = [
  { sku: 'LATTE', name: '拿铁', category: '咖啡', unitPriceFen: 3_200 },
  { sku: 'AMER', name: '美式', category: '咖啡', unitPriceFen: 2_800 },
  { sku: 'CROIS', name: '可颂', category: '烘焙', unitPriceFen: 1_800 },
  { sku: 'CAKE', name: '芝士蛋糕', category: '烘焙', unitPriceFen: 3_800 },
  { sku: 'BEANS', name: '咖啡豆 250g', category: '咖啡豆', unitPriceFen: 9_800 },
  { sku: 'MUG', name: '马克杯', category: '周边', unitPriceFen: 12_800 },
  { sku: 'TEA', name: '柠檬茶', category: '饮品', unitPriceFen: 2_200 },
]
const STORES = ['S001', 'S002', 'S003']

/** A small deterministic generator (mulberry32): the same demo on every fresh clone. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** What kind of shopper a demo member is: how often and how much they buy, and since when they stopped. */
const PROFILES = [
  { share: 0.15, visits: [10, 24], basket: [2, 5], lastDaysAgo: [0, 20] }, // regulars
  { share: 0.1, visits: [2, 4], basket: [4, 8], lastDaysAgo: [0, 30] }, // big baskets, now and then
  { share: 0.2, visits: [4, 10], basket: [1, 2], lastDaysAgo: [0, 40] }, // frequent, small
  { share: 0.2, visits: [1, 3], basket: [1, 3], lastDaysAgo: [90, 300] }, // lapsed
  { share: 0.15, visits: [1, 2], basket: [1, 2], lastDaysAgo: [0, 25] }, // new
  { share: 0.2, visits: [0, 0], basket: [0, 0], lastDaysAgo: [0, 0] }, // never bought
]

export async function seedDemoMembers(db: Db, opts: { count?: number; now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date()
  const count = opts.count ?? 120
  const s = buildServices(db, { stage: 'local' })
  const rules = await s.program.getRules()
  const secret = readConfig({ STAGE: 'local' }).memberCodeSecret
  const till: AuthContext = { openid: 'demo-seed', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }
  const rnd = random(20261126)
  const between = ([lo, hi]: number[]) => Math.floor(lo! + rnd() * (hi! - lo! + 1))
  const day = 86_400_000
  let made = 0
  let previous: string | undefined
  for (let i = 0; i < count; i++) {
    const pick = rnd()
    const profile = PROFILES.find((_, k) => PROFILES.slice(0, k + 1).reduce((sum, p) => sum + p.share, 0) > pick) ?? PROFILES.at(-1)!
    const visits = between(profile.visits)
    const lastAgo = between(profile.lastDaysAgo)
    const joinedAgo = Math.max(lastAgo + visits * 7 + between([1, 20]), profile === PROFILES[4] ? between([3, 40]) : between([60, 400]))
    const joinedAt = new Date(now.getTime() - joinedAgo * day - between([0, 36_000]) * 1000)
    const homeStore = STORES[i % 3]!
    // Every ninth member was invited by the one before (推荐有礼: the friend listed, rewards by events).
    const invitedBy = i % 9 === 1 && previous ? (await s.referrals.mine(previous, { limit: 1 }, joinedAt)).token : undefined
    const card = await s.membersService.join(
      `demo-member-${i}`,
      {
        storeId: homeStore,
        name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
        mobile: `139${String(10_000_000 + i * 7919).slice(-8)}`,
        birthday: `${1970 + between([0, 36])}-${String(between([1, 12])).padStart(2, '0')}-${String(between([1, 28])).padStart(2, '0')}`,
        gender: rnd() < 0.6 ? 'female' : rnd() < 0.9 ? 'male' : 'undisclosed',
        privacyConsentVersion: rules.privacyPolicyVersion,
        marketingConsent: rnd() < 0.8,
        ...(invitedBy ? { referralCode: invitedBy } : {}),
      },
      joinedAt,
    )
    previous = card.memberId
    made += 1
    // Visits spread from joining to the last one, in order.
    const span = joinedAgo - lastAgo
    const days = Array.from({ length: visits }, (_, v) => (v === visits - 1 ? lastAgo : lastAgo + Math.floor(rnd() * span)))
      .sort((a, b) => b - a)
      .filter((d, k, all) => k === 0 || d !== all[k - 1])
    for (const [v, ago] of days.entries()) {
      const at = new Date(Math.max(joinedAt.getTime() + 3600_000, now.getTime() - ago * day - between([0, 30_000]) * 1000))
      const items = Array.from({ length: Math.max(1, between(profile.basket)) }, () => {
        const item = CATALOGUE[Math.floor(rnd() * CATALOGUE.length)]!
        return { ...item, qty: 1 }
      })
      const amountFen = items.reduce((sum, it) => sum + it.unitPriceFen * it.qty, 0)
      const storeId = rnd() < 0.75 ? homeStore : STORES[Math.floor(rnd() * 3)]!
      await s.purchases.record(
        till,
        {
          memberCode: issueMemberCode(card.cardNo, secret, at, rules.memberCode).code,
          storeId,
          orderId: `DEMO-${i}-${v}`,
          amountFen,
          items,
        },
        at,
      )
    }
  }
  return made
}
