/** Calendar quarters (2026-Q4) of the program's calendar dates, for the prepaid-funds filing. */
import { daysInMonth } from '../platform/clock'

const pad = (n: number) => String(n).padStart(2, '0')

/** The quarter a date (YYYY-MM-DD) falls in. */
export const quarterOf = (date: string): string => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`

/** A quarter's first and last days. */
export const quarterBounds = (quarter: string): { from: string; to: string } => {
  const year = quarter.slice(0, 4)
  const first = (Number(quarter.slice(6)) - 1) * 3 + 1
  const last = `${year}-${pad(first + 2)}`
  return { from: `${year}-${pad(first)}-01`, to: `${last}-${pad(daysInMonth(last))}` }
}
