import { z, Points, CalendarDate, MonthString } from '../common'

export const CheckinResult = z
  .object({
    date: CalendarDate,
    streak: z.number().int().min(1),
    basePoints: Points,
    bonusPoints: Points,
    pointsAwarded: Points,
    pointsBalance: Points,
  })
  .meta({ id: 'CheckinResult' })
export type CheckinResult = z.infer<typeof CheckinResult>

export const CheckinCalendarQuery = z.object({ month: MonthString.optional() })

export const CheckinCalendar = z
  .object({
    month: MonthString,
    today: CalendarDate,
    checkedInToday: z.boolean(),
    /** Current consecutive-day streak (0 when the streak is broken). */
    streak: z.number().int().min(0),
    days: z.array(z.object({ date: CalendarDate, points: Points })),
    basePoints: Points,
    nextBonus: z.object({ inDays: z.number().int().min(1), points: Points }).nullable(),
  })
  .meta({ id: 'CheckinCalendar' })
export type CheckinCalendar = z.infer<typeof CheckinCalendar>
