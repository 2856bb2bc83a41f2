/**
 * Money typed by people, as exact integer fen: "88.5" → 8850, "88.50" → 8850, "1,200" →
 * 120000. Parses the string (never multiplies a float). null when it is not an amount with
 * at most 2 decimals.
 */
export function parseYuan(input: string): number | null {
  const s = input
    .trim()
    .replace(/^¥/, '')
    .replace(/[,，\s]/g, '')
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s) ?? /^()\.(\d{1,2})$/.exec(s)
  if (!m) return null
  const whole = m[1] ? Number(m[1]) : 0
  const cents = Number((m[2] ?? '').padEnd(2, '0'))
  return whole * 100 + cents
}

/** 35000 → "350.00" (always 2 decimals, thousands separated: 123456789 → "1,234,567.89"). */
export function yuan2(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** Multiplier in basis points → "1.2", "2", "1.25". */
export function multiplierText(bp: number): string {
  const whole = Math.floor(bp / 10000)
  const frac = String(bp % 10000)
    .padStart(4, '0')
    .replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : String(whole)
}

const pad = (n: number, len = 2) => String(n).padStart(len, '0')

/** Shanghai wall-clock stamp YYYYMMDDHHmmss. */
function stamp(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600_000)
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
}

/** A default order number for the till: POS + time + 3 random digits (letters/digits only). */
export const newOrderId = (now = new Date()): string => `POS${stamp(now)}${pad(Math.floor(Math.random() * 1000), 3)}`

/** A refund number: RF + time + 3 random digits. */
export const newRefundId = (now = new Date()): string => `RF${stamp(now)}${pad(Math.floor(Math.random() * 1000), 3)}`

/** A stored-value top-up's receipt number: TU + time + 3 random digits. */
export const newTopUpId = (now = new Date()): string => `TU${stamp(now)}${pad(Math.floor(Math.random() * 1000), 3)}`

/** What the API accepts as an order or refund number. */
export { ORDER_ID_PATTERN } from '@huiyuan/shared/purchases/orderId'
