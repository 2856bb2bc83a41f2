/**
 * A recurring campaign's runs (PRODUCT.md §9), pure, for the API (which makes each run when
 * it is due) and the console (which shows the next ones before launch): every day, every
 * week on a weekday (1 = Monday … 7 = Sunday) or every month on a day, at a time of day on
 * the program's clock, until the end of the `until` day.
 */
import type { CampaignSchedule } from './schemas'

export type Recurring = Extract<CampaignSchedule, { type: 'recurring' }>

/** The wall clock of a zone at a moment: its date (YYYY-MM-DD) and time (HH:mm). */
export const wallClock = (at: Date, timeZone: string): { date: string; time: string } => {
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
export const nextRun = (
  r: Pick<Recurring, 'every' | 'time' | 'weekday' | 'dayOfMonth' | 'until'>,
  after: Date,
  timeZone: string,
): Date | null => {
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
export const upcomingRuns = (r: Recurring, after: Date, n: number, timeZone: string): Date[] => {
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
