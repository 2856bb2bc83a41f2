/**
 * A recurring campaign's schedule in words (每周一 10:00，至 2026年12月31日) and its next runs,
 * computed in the browser by the API's own code (shared/src/campaigns/recurrence.ts): every day, week or month at a time of day on the program's clock
 * (Asia/Shanghai unless the program says otherwise), until the end of the `until` day.
 */
import { nextRun as nextRunIn, type Recurring, upcomingRuns as upcomingRunsIn, wallClock } from '@huiyuan/shared/campaigns/recurrence'

export type { Recurring }
export type Every = Recurring['every']

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/** The first run strictly after `after` (the API's own computation), or null when the schedule ends before it. */
export const nextRun = (r: Recurring, after: Date, timeZone = DEFAULT_TIME_ZONE): Date | null => nextRunIn(r, after, timeZone)

/** The next `n` runs after `after` (fewer when the schedule ends first). */
export const upcomingRuns = (r: Recurring, after: Date, n = 3, timeZone = DEFAULT_TIME_ZONE): Date[] =>
  upcomingRunsIn(r, after, n, timeZone)

/** 1 = Monday … 7 = Sunday, as the API numbers them. */
export const WEEKDAY_NAMES: Record<number, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六', 7: '日' }

export const EVERY_LABELS: Record<Every, string> = { day: '每天', week: '每周', month: '每月' }

/** A run's time on the program's clock: 12月1日 10:00 (with the year when it is not this year's). */
export const runTime = (at: Date, timeZone = DEFAULT_TIME_ZONE, now: Date = new Date()): string => {
  const { date, time } = wallClock(at, timeZone)
  const [y, m, d] = date.split('-').map(Number)
  const year = wallClock(now, timeZone).date.slice(0, 4) === date.slice(0, 4) ? '' : `${y}年`
  return `${year}${m}月${d}日 ${time}`
}

/** A calendar date in Chinese: 2026年12月31日. */
export const dateText = (ymd: string): string => {
  const [y, m, d] = ymd.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** When it sends: 每天 10:00 / 每周一 10:00 / 每月 15 日 10:00. */
export const cadenceText = (r: Recurring): string =>
  r.every === 'day'
    ? `每天 ${r.time}`
    : r.every === 'week'
      ? `每周${WEEKDAY_NAMES[r.weekday ?? 0] ?? '?'} ${r.time}`
      : `每月 ${r.dayOfMonth ?? '?'} 日 ${r.time}`

/** The whole rule: 每周一 10:00，至 2026年12月31日 / 每周一 10:00，不设结束日期. */
export const recurrenceText = (r: Recurring): string => `${cadenceText(r)}，${r.until ? `至 ${dateText(r.until)}` : '不设结束日期'}`
