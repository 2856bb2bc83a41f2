/** A coupon template as its form holds it (yuan, 折, dates) and as the API takes it (CreateCouponTemplateRequest). */
import type { CouponKind, CreateCouponTemplateRequest } from '@huiyuan/shared/coupons/schemas'
import type { Dayjs } from 'dayjs'
import { date } from '../../lib/format'
import { fenOf, percentPaidOf } from '../../lib/money'

export const KINDS: Record<CouponKind, string> = {
  cash_off: '满减券',
  percent_off: '折扣券',
  gift: '礼品券',
  service: '服务券',
}

export const KIND_COLORS: Record<CouponKind, string> = { cash_off: 'red', percent_off: 'orange', gift: 'purple', service: 'cyan' }

export interface TemplateForm {
  name: string
  kind: CouponKind
  valueYuan?: number | null
  zhe?: number | null
  capYuan?: number | null
  thresholdYuan?: number | null
  itemName?: string
  validityType: 'relative' | 'fixed'
  days?: number | null
  window?: [Dayjs, Dayjs] | null
  storeIds: string[]
  tierCodes: string[]
  unlimited: boolean
  totalStock?: number | null
  perMemberLimit: number | null
}

export const EMPTY_TEMPLATE: TemplateForm = {
  name: '',
  kind: 'cash_off',
  valueYuan: 20,
  thresholdYuan: 100,
  validityType: 'relative',
  days: 7,
  storeIds: [],
  tierCodes: [],
  unlimited: false,
  totalStock: 100,
  perMemberLimit: 1,
}

const nan = (v: number | null | undefined): number => (v === null || v === undefined ? Number.NaN : v)

/** The request the form describes (the shared schema judges it). */
export const toTemplateRequest = (f: TemplateForm): CreateCouponTemplateRequest => {
  const [from, until] = f.window ?? [null, null]
  return {
    name: f.name ?? '',
    kind: f.kind,
    ...(f.kind === 'cash_off' ? { valueFen: nan(fenOf(f.valueYuan)) } : {}),
    ...(f.kind === 'percent_off' ? { percentPaid: nan(percentPaidOf(f.zhe)) } : {}),
    ...(f.kind === 'percent_off' && f.capYuan ? { capFen: nan(fenOf(f.capYuan)) } : {}),
    thresholdFen: fenOf(f.thresholdYuan) ?? 0,
    ...((f.kind === 'gift' || f.kind === 'service') && f.itemName?.trim() ? { itemName: f.itemName.trim() } : {}),
    validity:
      f.validityType === 'fixed'
        ? {
            type: 'fixed',
            from: from ? from.startOf('day').format('YYYY-MM-DDTHH:mm:ssZ') : '',
            until: until ? until.endOf('day').format('YYYY-MM-DDTHH:mm:ssZ') : '',
          }
        : { type: 'relative', days: nan(f.days) },
    storeIds: f.storeIds ?? [],
    tierCodes: f.tierCodes ?? [],
    totalStock: f.unlimited ? null : nan(f.totalStock),
    perMemberLimit: nan(f.perMemberLimit),
  }
}

/** A request field (`validity.until`) → the form's (`window`). */
export const templateFormPath = (field: string): string => {
  const map: Record<string, string> = {
    valueFen: 'valueYuan',
    percentPaid: 'zhe',
    capFen: 'capYuan',
    thresholdFen: 'thresholdYuan',
    'validity.from': 'window',
    'validity.until': 'window',
    'validity.days': 'days',
    validity: 'window',
  }
  return map[field] ?? field
}

/** 领取后 7 天内有效 / 2026-12-01 至 2026-12-31 */
export const validityText = (v: CreateCouponTemplateRequest['validity']): string =>
  v.type === 'relative'
    ? `领取后 ${Number.isNaN(v.days) ? '—' : v.days} 天内有效`
    : `${v.from ? date(v.from) : '—'} 至 ${v.until ? date(v.until) : '—'}`
