import type { SegmentGroup } from '@huiyuan/shared/segments/schemas'
import { SegmentDefinition } from '@huiyuan/shared/segments/schemas'
import { matches } from './conditions'
import {
  ageBandOf,
  daysToBirthdayOf,
  derive,
  maskName,
  newFeatures,
  withCheckin,
  withCoupon,
  withPoints,
  withPurchase,
  withRefund,
} from './features'
import { DEFAULT_THRESHOLDS } from './rfm'

const base = () =>
  newFeatures(
    'M1',
    {
      cardNo: '8000000001',
      name: '李小龙',
      joinedAt: '2025-01-10T10:00:00+08:00',
      joinDate: '2025-01-10',
      joinStoreId: 'S001',
      gender: 'female',
      birthday: '1990-12-03',
      tags: ['vip'],
      marketingConsent: true,
    },
    'silver',
  )
const now = new Date('2026-11-26T04:00:00Z')
const today = '2026-11-26'
const ctx = { thresholds: DEFAULT_THRESHOLDS, quintiles: null }
const def = (g: unknown) => SegmentDefinition.parse(g) as SegmentGroup

describe('features', () => {
  it('masks the name to the first character', () => {
    expect(maskName('李小龙')).toBe('李*')
    expect(maskName('王')).toBe('*')
  })

  it('counts the last 12 months from monthly buckets, so the window moves without events', () => {
    let f = base()
    f = withPurchase(f, { date: '2025-11-30', storeId: 'S001', amountFen: 10_000 })
    f = withPurchase(f, {
      date: '2025-12-01',
      storeId: 'S002',
      amountFen: 20_000,
      items: [{ category: '饮品', unitPriceFen: 500, qty: 2 }],
    })
    f = withPurchase(f, { date: '2026-11-20', storeId: 'S002', amountFen: 30_000 })
    const d = derive(f, today, now)
    expect(d.purchases12m).toBe(2)
    expect(d.spend12mFen).toBe(50_000)
    expect(f.purchasesTotal).toBe(3)
    expect(d.recencyDays).toBe(6)
    expect(d.favouriteStoreId).toBe('S002')
    expect([...d.categories12m]).toEqual(['饮品'])
    expect(derive(f, '2027-11-01', now).purchases12m).toBe(0)
  })

  it('takes a whole-order refund off the count and the spend', () => {
    let f = withPurchase(base(), { date: '2026-11-01', storeId: 'S001', amountFen: 10_000 })
    f = withRefund(f, { date: '2026-11-02', amountFen: 4_000, wholeOrder: false })
    expect(derive(f, today, now)).toMatchObject({ purchases12m: 1, spend12mFen: 6_000 })
    f = withRefund(f, { date: '2026-11-03', amountFen: 6_000, wholeOrder: true })
    expect(derive(f, today, now)).toMatchObject({ purchases12m: 0, spend12mFen: 0 })
  })

  it('knows points expiring soon, unused coupons, age band and birthday from stored facts', () => {
    let f = withPoints(base(), 500, { a: { remaining: 200, expiresOn: '2026-12-10' }, b: { remaining: 300, expiresOn: '2027-06-30' } })
    f = withCoupon(f, 'C1', '2026-12-31T23:59:59+08:00')
    f = withCoupon(f, 'C2', '2026-11-01T23:59:59+08:00')
    const d = derive(f, today, now)
    expect(d.pointsExpiringWithin(30)).toBe(200)
    expect(d.unusedCoupons).toBe(1)
    expect(d.ageBand).toBe('35-44')
    expect(d.daysToBirthday).toBe(7)
    expect(ageBandOf(null, today)).toBe('unknown')
    expect(daysToBirthdayOf('2000-02-29', '2027-02-28')).toBe(1)
    expect(withCoupon(f, 'C1', null).coupons).toEqual({ C2: '2026-11-01T23:59:59+08:00' })
  })

  it('matches AND/OR groups of conditions', () => {
    let f = withPurchase(base(), { date: '2026-06-01', storeId: 'S001', amountFen: 80_000 })
    f = withCheckin(f, '2026-11-25')
    const d = derive(f, today, now)
    const yes = (g: unknown) => matches(def(g), d, ctx)
    expect(
      yes({
        op: 'and',
        conditions: [
          { field: 'sleeping', days: 90 },
          { field: 'active', days: 7 },
        ],
      }),
    ).toBe(true)
    expect(yes({ op: 'and', conditions: [{ field: 'rfmGroup', in: ['important_retain'] }] })).toBe(true)
    expect(yes({ op: 'and', conditions: [{ field: 'spend12m', range: { min: 80_001 } }] })).toBe(false)
    expect(
      yes({
        op: 'or',
        conditions: [
          { field: 'tier', in: ['gold'] },
          {
            op: 'and',
            conditions: [
              { field: 'birthday', thisMonth: true },
              { field: 'gender', in: ['female'] },
            ],
          },
          {
            op: 'and',
            conditions: [
              { field: 'birthday', withinDays: 10 },
              { field: 'tags', any: ['vip'] },
            ],
          },
        ],
      }),
    ).toBe(true)
    expect(yes({ op: 'and', conditions: [{ field: 'newMember', days: 30 }] })).toBe(false)
    expect(yes({ op: 'and', conditions: [{ field: 'rfmScore', dimension: 'r', min: 1, max: 5 }] })).toBe(false)
  })

  it('refuses groups nested deeper than 3 and empty groups', () => {
    const leaf = { field: 'marketingConsent', is: true }
    expect(SegmentDefinition.safeParse({ op: 'and', conditions: [] }).success).toBe(false)
    const deep = { op: 'and', conditions: [{ op: 'or', conditions: [{ op: 'and', conditions: [{ op: 'or', conditions: [leaf] }] }] }] }
    expect(SegmentDefinition.safeParse(deep).success).toBe(false)
    expect(SegmentDefinition.safeParse(deep.conditions[0]).success).toBe(true)
  })
})
