/**
 * A recurring campaign's schedule in words (每周一 10:00，至 2026年12月31日) and its next runs,
 * computed in the browser the way the API does (functions/src/campaigns/rules.ts
 * `nextOccurrence`): every day, week or month at a time of day on the program's clock
 * (Asia/Shanghai unless the program says otherwise), until the end of the `until` day.
 */
import type { CampaignSchedule } from '@huiyuan/shared/campaigns/schemas'

export type Recurring = Extract<CampaignSchedule, { type: 'recurring' }>
export type Every = Recurring['every']

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/** 1 = Monday … 7 = Sunday, as the API numbers them. */
export const WEEKDAY_NAMES: Record<number, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六', 7: '日' }

export const EVERY_LABELS: Record<Every, string> = { day: '每天', week: '每周', month: '每月' }

/** The wall clock of a zone at a moment: its date (YYYY-MM-DD) and time (HH:mm). */
const wallClock = (at: Date, timeZone: string): { date: string; time: string } => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

/** Minutes the zone's clock is ahead of UTC at a moment. */
const offsetMinutes = (at: Date, timeZone: string): number => {
  const { date, time } = wallClock(at, timeZone)
  return (Date.parse(`${date}T${time}:00Z`) - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000
}

/** The moment a date and time of day on a zone's clock is. */
const zonedInstant = (date: string, hhmm: string, timeZone: string): Date => {
  const guess = Date.parse(`${date}T${hhmm}:00Z`)
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000)
}

/** The first run strictly after `after`, or null when the schedule ends before it. */
export const nextRun = (r: Recurring, after: Date, timeZone = DEFAULT_TIME_ZONE): Date | null => {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(r.time)) return null
  if (r.every === 'week' && r.weekday === undefined) return null
  if (r.every === 'month' && r.dayOfMonth === undefined) return null
  const start = Date.parse(`${wallClock(after, timeZone).date}T00:00:00Z`)
  for (let d = 0; d <= 62; d++) {
    const day = new Date(start + d * 86_400_000)
    const date = day.toISOString().slice(0, 10)
    if (r.until && date > r.until) return null
    if (r.every === 'week' && ((day.getUTCDay() + 6) % 7) + 1 !== r.weekday) continue
    if (r.every === 'month' && day.getUTCDate() !== r.dayOfMonth) continue
    const at = zonedInstant(date, r.time, timeZone)
    if (at.getTime() > after.getTime()) return at
  }
  return null
}

/** The next `n` runs after `after` (fewer when the schedule ends first). */
export const upcomingRuns = (r: Recurring, after: Date, n = 3, timeZone = DEFAULT_TIME_ZONE): Date[] => {
  const runs: Date[] = []
  let from = after
  while (runs.length < n) {
    const next = nextRun(r, from, timeZone)
    if (!next) break
    runs.push(next)
    from = next
  }
  return runs
}

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
