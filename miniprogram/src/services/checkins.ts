import * as z from 'zod/mini'
import { api } from './request'
import { withSession } from './session'

const CheckinResultCheck = z.object({
  date: z.string(),
  streak: z.number(),
  basePoints: z.number(),
  bonusPoints: z.number(),
  pointsAwarded: z.number(),
  pointsBalance: z.number(),
})

const CheckinCalendarCheck = z.object({
  month: z.string(),
  today: z.string(),
  checkedInToday: z.boolean(),
  streak: z.number(),
  days: z.array(z.object({ date: z.string(), points: z.number() })),
  basePoints: z.number(),
  nextBonus: z.nullable(z.object({ inDays: z.number(), points: z.number() })),
})

export const checkIn = () => withSession(() => api('checkIn', { loading: '签到中', check: CheckinResultCheck }))

/** month: YYYY-MM; omitted → the current month (Asia/Shanghai). */
export const getCheckinCalendar = (month?: string) =>
  withSession(() => api('getCheckins', { query: month ? { month } : {}, check: CheckinCalendarCheck }))
