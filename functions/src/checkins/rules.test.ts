import { checkinAward, currentStreak, nextBonus } from './rules'
import { calendarDate } from '../platform/clock'

const rules = { basePoints: 5, streakBonuses: [{ day: 7, points: 20 }] }

describe('check-in award', () => {
  it('starts a streak at 1 with the base points', () => {
    expect(checkinAward({}, '2026-11-25', rules)).toEqual({ streak: 1, basePoints: 5, bonusPoints: 0 })
  })

  it('continues the streak from yesterday and pays the bonus on the 7th day', () => {
    expect(checkinAward({ lastCheckinDate: '2026-11-24', checkinStreak: 6 }, '2026-11-25', rules)).toEqual({
      streak: 7,
      basePoints: 5,
      bonusPoints: 20,
    })
    expect(checkinAward({ lastCheckinDate: '2026-11-24', checkinStreak: 13 }, '2026-11-25', rules).bonusPoints).toBe(20)
  })

  it('resets the streak after a missed day', () => {
    expect(checkinAward({ lastCheckinDate: '2026-11-23', checkinStreak: 6 }, '2026-11-25', rules).streak).toBe(1)
  })

  it('continues across month and year boundaries', () => {
    expect(checkinAward({ lastCheckinDate: '2026-11-30', checkinStreak: 3 }, '2026-12-01', rules).streak).toBe(4)
    expect(checkinAward({ lastCheckinDate: '2026-12-31', checkinStreak: 9 }, '2027-01-01', rules).streak).toBe(10)
    expect(checkinAward({ lastCheckinDate: '2028-02-28', checkinStreak: 1 }, '2028-02-29', rules).streak).toBe(2)
    expect(checkinAward({ lastCheckinDate: '2027-02-28', checkinStreak: 1 }, '2027-03-01', rules).streak).toBe(2)
  })

  it('refuses a second check-in on the same day', () => {
    expect(() => checkinAward({ lastCheckinDate: '2026-11-25', checkinStreak: 1 }, '2026-11-25', rules)).toThrow(
      expect.objectContaining({ code: 'ALREADY_CHECKED_IN' }),
    )
  })

  it('reports the live streak and the next bonus', () => {
    expect(currentStreak({ lastCheckinDate: '2026-11-24', checkinStreak: 4 }, '2026-11-25')).toBe(4)
    expect(currentStreak({ lastCheckinDate: '2026-11-22', checkinStreak: 4 }, '2026-11-25')).toBe(0)
    expect(nextBonus({ lastCheckinDate: '2026-11-25', checkinStreak: 5 }, '2026-11-25', rules)).toEqual({ inDays: 2, points: 20 })
    expect(nextBonus({}, '2026-11-25', { basePoints: 5, streakBonuses: [] })).toBeNull()
  })
})

describe('calendar day in Asia/Shanghai', () => {
  it('is the Shanghai date, not the UTC date', () => {
    // 23:30 UTC on Nov 24 is 07:30 on Nov 25 in Shanghai.
    expect(calendarDate(new Date('2026-11-24T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-25')
    // 15:59:59 UTC is 23:59:59 the same day; one second later it is tomorrow.
    expect(calendarDate(new Date('2026-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-12-31')
    expect(calendarDate(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01')
  })

  it('makes two check-ins eight hours apart on different Shanghai days a streak', () => {
    const first = calendarDate(new Date('2026-11-25T15:00:00Z'), 'Asia/Shanghai') // 23:00 local
    const second = calendarDate(new Date('2026-11-25T16:30:00Z'), 'Asia/Shanghai') // 00:30 next day
    const a = checkinAward({}, first, rules)
    expect(checkinAward({ lastCheckinDate: first, checkinStreak: a.streak }, second, rules).streak).toBe(2)
  })
})
