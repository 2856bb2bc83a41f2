/** How the console writes money, points, dates and times (Asia/Shanghai, Chinese conventions). */
import dayjs from 'dayjs'

/** ¥1,234.50 from integer fen. */
export const yuan = (fen: number): string =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: fen % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`

export const count = (n: number): string => n.toLocaleString('zh-CN')

export const percent = (ratio: number, digits = 1): string => `${(ratio * 100).toFixed(digits)}%`

export const dateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—')

export const date = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—')

export const ROLE_NAMES: Record<string, string> = {
  admin: '管理员',
  marketer: '市场运营',
  store_manager: '店长',
  cashier: '收银员',
}

/** The date (YYYY-MM-DD) on the clock in Asia/Shanghai (UTC+8, no DST), whatever the browser's time zone. */
export const shanghaiDate = (at: Date = new Date()): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** A moment as a WeChat time field writes it, on the clock in Asia/Shanghai: 2026年11月26日 10:00. */
export const wechatTime = (at: Date): string => {
  const s = new Date(at.getTime() + 8 * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日 ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`
}
