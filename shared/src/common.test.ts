import { CalendarDate, IsoDateTime, isRealDate } from './common'
import { CreateCouponTemplateRequest, CreateOfferRequest } from './coupons/schemas'
import { StorePurchasesQuery } from './purchases/schemas'

describe('isRealDate', () => {
  it.each(['2026-01-31', '2026-02-28', '2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31', '0001-01-01'])('%s is a real date', (d) =>
    expect(isRealDate(d)).toBe(true),
  )
  it.each(['2026-02-29', '2026-02-30', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', 'tomorrow', ''])(
    '%s is not',
    (d) => expect(isRealDate(d)).toBe(false),
  )
})

describe('CalendarDate', () => {
  it('accepts a real YYYY-MM-DD', () => expect(CalendarDate.parse('2026-02-28')).toBe('2026-02-28'))
  it('refuses a date that does not exist, with one issue that says so', () => {
    const r = CalendarDate.safeParse('2026-02-30')
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.message)).toEqual(['must be a real calendar date'])
  })
  it('refuses other shapes with one issue about the format', () => {
    for (const v of ['2026/02/01', '20260201', '2026-02-01T00:00:00Z', '!not-a-date']) {
      expect(CalendarDate.safeParse(v).error?.issues.map((i) => i.message)).toEqual(['must be a date YYYY-MM-DD'])
    }
  })
  it('is what the till and audit day queries use', () => {
    expect(StorePurchasesQuery.safeParse({ storeId: 'S001', date: '2026-02-30' }).success).toBe(false)
    expect(StorePurchasesQuery.safeParse({ storeId: 'S001', date: '2024-02-29' }).success).toBe(true)
  })
})

describe('IsoDateTime', () => {
  it.each(['2026-11-25T10:00:00+08:00', '2026-11-25T02:00:00Z', '2026-11-25T02:00:00.123Z', '2024-02-29T23:59:59-05:30'])(
    'accepts %s',
    (v) => expect(IsoDateTime.safeParse(v).success).toBe(true),
  )
  it.each([
    '!not-a-date',
    '2026-11-25',
    '2026-11-25T10:00:00', // no offset
    '2026-11-25T10:00+08:00', // no seconds
    '2026-11-25T24:00:00Z',
    '2026-02-30T10:00:00+08:00',
    '2100-02-29T00:00:00Z',
    '2026-11-25T10:00:00+0800',
    'Wed Nov 25 2026',
  ])('refuses %s', (v) => {
    const r = IsoDateTime.safeParse(v)
    expect(r.success).toBe(false)
    expect(r.error?.issues).toHaveLength(1)
  })
})

describe('date-time inputs of the admin forms', () => {
  const offer = { templateId: 'T1', title: '满100减20', claimFrom: '2026-11-25T10:00:00+08:00', claimUntil: '2026-12-25T10:00:00+08:00' }
  it('an offer window must be real date-times', () => {
    const r = CreateOfferRequest.safeParse({ ...offer, claimFrom: '!not-a-date' })
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['claimFrom'])
  })
  it('compares the window as instants, whatever the offsets', () => {
    // 10:00 in Shanghai is 02:00 UTC: an end at 03:00Z is after it, though "03" < "10" as text.
    expect(CreateOfferRequest.safeParse({ ...offer, claimUntil: '2026-11-25T03:00:00Z' }).success).toBe(true)
    expect(CreateOfferRequest.safeParse({ ...offer, claimUntil: '2026-11-25T01:00:00Z' }).error?.issues[0]?.path).toEqual(['claimUntil'])
  })
  it('a fixed coupon validity must be real date-times, the end after the start', () => {
    const template = { name: '券', kind: 'gift', itemName: '帆布袋', totalStock: null }
    const fixed = (from: string, until: string) =>
      CreateCouponTemplateRequest.safeParse({ ...template, validity: { type: 'fixed', from, until } })
    expect(fixed('2026-11-25T10:00:00+08:00', '2026-11-30T10:00:00+08:00').success).toBe(true)
    expect(fixed('2026-11-31T10:00:00+08:00', '2026-12-30T10:00:00+08:00').error?.issues[0]?.path).toEqual(['validity', 'from'])
    expect(fixed('2026-11-25T10:00:00+08:00', '2026-11-25T01:00:00Z').error?.issues[0]?.path).toEqual(['validity', 'until'])
  })
})
