/** Calendar helpers for a program time zone (Asia/Shanghai by default). */
export type Clock = () => Date
export const systemClock: Clock = () => new Date()

const dateFormatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = dateFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormatters.set(timeZone, f)
  }
  return f
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const calendarDate = (at: Date, timeZone: string): string => formatterFor(timeZone).format(at)

/** Adds whole days to a YYYY-MM-DD calendar date. */
export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Number of days in a YYYY-MM month. */
export const daysInMonth = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** An instant formatted as ISO-8601 with the zone's offset (e.g. 2026-11-25T10:00:00+08:00). */
export const isoInZone = (at: Date, timeZone: string): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00'
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`
}
