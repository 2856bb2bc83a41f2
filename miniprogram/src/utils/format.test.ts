import { chineseDate, shanghaiDateTime, shiftDate, yuan, yuanGrouped } from './format'

describe('calendar and money formatting', () => {
  it('moves across month, year and leap-day boundaries', () => {
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28')
    expect(shiftDate('2028-03-01', -1)).toBe('2028-02-29')
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01')
    expect(shiftDate('2026-11-25', 0)).toBe('2026-11-25')
  })

  it('prints dates and yuan the Chinese way', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日')
    expect(yuan(12_345)).toBe('123.45')
    expect(yuan(2_000)).toBe('20')
    expect(yuan(-550)).toBe('-5.50')
    expect(yuanGrouped(500_000)).toBe('5,000')
    expect(yuanGrouped(12_345_678)).toBe('123,456.78')
    expect(yuanGrouped(-123_456_700)).toBe('-1,234,567')
    expect(yuanGrouped(99)).toBe('0.99')
  })

  it('prints an instant as Shanghai wall time, whatever offset it was written with', () => {
    expect(shanghaiDateTime('2026-11-25T10:05:00+08:00')).toBe('2026年11月25日 10:05')
    expect(shanghaiDateTime('2026-11-24T18:30:00Z')).toBe('2026年11月25日 02:30')
    expect(shanghaiDateTime('not a time')).toBe('not a time')
  })
})
