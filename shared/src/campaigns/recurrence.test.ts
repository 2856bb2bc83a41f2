import { nextRun as nextOccurrence } from './recurrence'

describe('recurring schedules', () => {
  const tz = 'Asia/Shanghai'
  // 2026-11-26 is a Thursday; 10:00 in Shanghai is 02:00Z.
  const thursday9 = new Date('2026-11-26T01:00:00Z')
  it('runs every day at the time, the next one after now', () => {
    expect(nextOccurrence({ every: 'day', time: '10:00', until: null }, thursday9, tz)?.toISOString()).toBe('2026-11-26T02:00:00.000Z')
    expect(nextOccurrence({ every: 'day', time: '10:00', until: null }, new Date('2026-11-26T02:00:00Z'), tz)?.toISOString()).toBe(
      '2026-11-27T02:00:00.000Z',
    )
  })
  it('runs every week on its weekday and every month on its day', () => {
    expect(nextOccurrence({ every: 'week', weekday: 1, time: '09:30', until: null }, thursday9, tz)?.toISOString()).toBe(
      '2026-11-30T01:30:00.000Z',
    )
    expect(nextOccurrence({ every: 'month', dayOfMonth: 8, time: '10:00', until: null }, thursday9, tz)?.toISOString()).toBe(
      '2026-12-08T02:00:00.000Z',
    )
  })
  it('ends after its last day', () => {
    expect(nextOccurrence({ every: 'day', time: '10:00', until: '2026-11-26' }, thursday9, tz)?.toISOString()).toBe(
      '2026-11-26T02:00:00.000Z',
    )
    expect(nextOccurrence({ every: 'day', time: '10:00', until: '2026-11-26' }, new Date('2026-11-26T03:00:00Z'), tz)).toBeNull()
  })
})
