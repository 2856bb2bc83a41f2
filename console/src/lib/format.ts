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
