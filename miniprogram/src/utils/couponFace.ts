import type { CouponTerms } from '@huiyuan/shared/coupons/schemas'
import { yuan } from './format'

export interface CouponFace {
  /** The big figure: "20", "8.5", "赠". */
  value: string
  /** Small mark before it ("¥") or after it ("折"). */
  prefix?: string
  suffix?: string
  /** The condition under it: 满100可用 / 无门槛 / 最高减50元. */
  note: string
}

/** 85 → "8.5", 80 → "8" (折 counts tenths of the price paid). */
const zhe = (percentPaid: number) => String(percentPaid / 10)

/** The face of a coupon from its terms: 满100减20 → ¥20 · 满100可用; 85% → 8.5折; gift → 赠品. */
export function couponFace(c: CouponTerms & { summary: string }): CouponFace {
  const threshold = c.thresholdFen > 0 ? `满${yuan(c.thresholdFen)}可用` : ''
  if (c.kind === 'cash_off' && c.valueFen !== undefined) return { value: yuan(c.valueFen), prefix: '¥', note: threshold || '无门槛' }
  if (c.kind === 'percent_off' && c.percentPaid !== undefined)
    return { value: zhe(c.percentPaid), suffix: '折', note: threshold || (c.capFen ? `最高减${yuan(c.capFen)}元` : '全场可用') }
  if (c.kind === 'gift') return { value: '赠品', note: c.itemName ?? threshold }
  if (c.kind === 'service') return { value: '服务', note: c.itemName ?? '' }
  return { value: c.summary, note: threshold }
}
