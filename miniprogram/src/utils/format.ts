/** 1234567890 → "1234 5678 90" */
export const groupDigits = (s: string, size = 4): string => s.replace(/\s+/g, '').replace(new RegExp(`(.{${size}})(?=.)`, 'g'), '$1 ')

/** 12345 fen → "123.45" (no float rounding: integer maths) */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const y = Math.floor(abs / 100)
  const f = abs % 100
  return f === 0 ? `${sign}${y}` : `${sign}${y}.${String(f).padStart(2, '0')}`
}

/** Like `yuan`, with thousands separators: 500000 → "5,000", 12345678 → "123,456.78" */
export function yuanGrouped(fen: number): string {
  const [whole, cents] = yuan(fen).split('.')
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents}` : ''}`
}

/** Thousands separators for points: 12345 → "12,345" */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** "2026-11-25" → "2026年11月25日" */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/** "2026-03-01", -1 → "2026-02-28": calendar arithmetic on YYYY-MM-DD, no time zones involved. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!) + days * 86_400_000).toISOString().slice(0, 10)
}

/** "2026-11" → "2026年11月" */
export function chineseMonth(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}

/** Shift a YYYY-MM month by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const idx = y * 12 + (m - 1) + n
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`
}

/** Today's date YYYY-MM-DD in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** An ISO-8601 instant (any offset) as Shanghai wall time: "2026-11-25T02:05:00Z" → "2026年11月25日 10:05" */
export function shanghaiDateTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const s = new Date(t + 8 * 3600_000).toISOString()
  return `${chineseDate(s.slice(0, 10))} ${s.slice(11, 16)}`
}
