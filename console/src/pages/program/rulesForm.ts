/**
 * The program rules as the form edits them: money in yuan, multipliers as ×, dates and
 * times as dayjs values; and back to the rules the API takes (integer fen, basis points,
 * YYYY-MM-DD / HH:mm); the subscription message templates as they are, a field key per slot;
 * stored value and referrals as storedValueForm.ts and referralForm.ts map them.
 * Whatever the form does not edit is carried over from the saved rules.
 */
import { type MessagingRules, PURPOSE_SLOTS, SUBSCRIPTION_PURPOSES, type SubscriptionPurpose } from '@huiyuan/shared/messaging/schemas'
import type { ProgramRules, Promotion, TierRule } from '@huiyuan/shared/program/schemas'
import dayjs, { type Dayjs } from 'dayjs'
import { bpOf, fenOf, multiplierOf, yuanOf } from '../../lib/money'
import { num } from './formValues'
import { type ReferralForm, referralFormPath, referralOf, referralToForm } from './referralForm'
import { type StoredValueForm, storedValueFormPath, storedValueOf, storedValueToForm } from './storedValueForm'

export interface TierForm {
  /** Saved already: members may hold it, so its code stays and it cannot be removed. */
  saved?: boolean
  code: string
  name: string
  thresholdYuan: number | null
  multiplier: number | null
  benefits: { icon: string; text: string }[]
}

export interface PromotionForm {
  id: string
  name: string
  kind: Promotion['kind']
  multiplier: number | null
  dayOfMonth?: number | null
  storeIds?: string[]
  categories?: string[]
  dates?: [Dayjs | null, Dayjs | null] | null
}

export interface RulesForm {
  yuanPerPoint: number | null
  points: { validityMonths: number | null; reminderDays: number | null; pointsPerYuan: number | null; deductionCapPct: number | null }
  tiers: TierForm[]
  promotions: PromotionForm[]
  checkin: { basePoints: number | null; streakBonuses: { day: number | null; points: number | null }[] }
  marketing: {
    maxMessagesPer7Days: number | null
    quietFrom: Dayjs | null
    quietTo: Dayjs | null
    grossMarginPct: number | null
    globalControlPct: number | null
  }
  tierPolicy: {
    basis: ProgramRules['tierPolicy']['basis']
    windowMonths: number | null
    entryMode: ProgramRules['tierPolicy']['entryMode']
    qualifySingleYuan: number | null
    qualifyCumulativeYuan: number | null
  }
  /** Each purpose's template id ('' = not set up) and the field key of each of its slots ('' where none). */
  messaging: { templates: Record<SubscriptionPurpose, { templateId: string; fields: Record<string, string> }> }
  /** 储值: packages and the prepaid-card rules, in yuan. */
  storedValue: StoredValueForm
  /** 推荐有礼: each side's reward, the timing and the limits, money in yuan. */
  referral: ReferralForm
}

/** Every slot of each purpose has an input, so a field error finds its place even for a slot the rules lack. */
const messagingForm = (m: MessagingRules): RulesForm['messaging'] => ({
  templates: Object.fromEntries(
    SUBSCRIPTION_PURPOSES.map((p) => [
      p,
      {
        templateId: m.templates[p].templateId,
        fields: {
          ...m.templates[p].fields,
          ...Object.fromEntries(PURPOSE_SLOTS[p].map((slot) => [slot, m.templates[p].fields[slot] ?? ''])),
        },
      },
    ]),
  ) as RulesForm['messaging']['templates'],
})

/** The templates the form describes: ids and keys trimmed, a slot left empty left out (the rules then name it as missing). */
const messagingOf = (f: RulesForm['messaging'] | undefined, base: MessagingRules): MessagingRules => ({
  templates: Object.fromEntries(
    SUBSCRIPTION_PURPOSES.map((p) => {
      const t = f?.templates?.[p]
      const fields = { ...base.templates[p].fields, ...(t?.fields ?? {}) }
      return [
        p,
        {
          templateId: (t ? (t.templateId ?? '') : base.templates[p].templateId).trim(),
          fields: Object.fromEntries(
            Object.entries(fields)
              .map(([slot, key]) => [slot, (key ?? '').trim()] as const)
              .filter(([, key]) => key !== ''),
          ),
        },
      ]
    }),
  ) as MessagingRules['templates'],
})

const time = (hhmm: string): Dayjs => dayjs(`2000-01-01T${hhmm}:00`)
const day = (ymd: string | undefined): Dayjs | null => (ymd ? dayjs(ymd) : null)

export const toForm = (rules: ProgramRules): RulesForm => ({
  yuanPerPoint: yuanOf(rules.earning.fenPerPoint),
  points: { ...rules.points },
  tiers: rules.tiers.map((t) => ({
    saved: true,
    code: t.code,
    name: t.name,
    thresholdYuan: yuanOf(t.thresholdFen),
    multiplier: multiplierOf(t.earnMultiplierBp),
    benefits: t.benefits.map((b) => ({ ...b })),
  })),
  promotions: rules.earning.promotions.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    multiplier: multiplierOf(p.multiplierBp),
    dayOfMonth: p.dayOfMonth ?? null,
    storeIds: p.storeIds ?? [],
    categories: p.categories ?? [],
    dates: p.from || p.to ? [day(p.from), day(p.to)] : null,
  })),
  checkin: { basePoints: rules.checkin.basePoints, streakBonuses: rules.checkin.streakBonuses.map((b) => ({ ...b })) },
  marketing: {
    maxMessagesPer7Days: rules.marketing.maxMessagesPer7Days,
    grossMarginPct: rules.marketing.grossMarginPct,
    globalControlPct: rules.marketing.globalControlPct,
    quietFrom: time(rules.marketing.quietHours.from),
    quietTo: time(rules.marketing.quietHours.to),
  },
  tierPolicy: {
    basis: rules.tierPolicy.basis,
    windowMonths: rules.tierPolicy.windowMonths,
    entryMode: rules.tierPolicy.entryMode,
    qualifySingleYuan: yuanOf(rules.tierPolicy.qualifySinglePurchaseFen),
    qualifyCumulativeYuan: yuanOf(rules.tierPolicy.qualifyCumulativeFen),
  },
  messaging: messagingForm(rules.messaging),
  storedValue: storedValueToForm(rules.storedValue),
  referral: referralToForm(rules.referral),
})

const promotionOf = (p: PromotionForm): Promotion => {
  const [from, to] = p.dates ?? [null, null]
  return {
    id: p.id,
    name: p.name ?? '',
    kind: p.kind,
    multiplierBp: num(bpOf(p.multiplier)),
    ...(p.kind === 'member_day' ? { dayOfMonth: p.dayOfMonth ?? undefined } : {}),
    ...(p.kind === 'store' ? { storeIds: p.storeIds ?? [] } : {}),
    ...(p.kind === 'category' ? { categories: (p.categories ?? []).map((c) => c.trim()).filter(Boolean) } : {}),
    ...(from ? { from: from.format('YYYY-MM-DD') } : {}),
    ...(to ? { to: to.format('YYYY-MM-DD') } : {}),
  }
}

const tierOf = (t: TierForm): TierRule => ({
  code: (t.code ?? '').trim(),
  name: (t.name ?? '').trim(),
  thresholdFen: num(fenOf(t.thresholdYuan)),
  earnMultiplierBp: num(bpOf(t.multiplier)),
  benefits: (t.benefits ?? []).filter((b) => b && (b.text ?? '').trim()).map((b) => ({ icon: b.icon || 'points', text: b.text.trim() })),
})

/** The rules the form's values describe, over the saved `base` (fields the form does not edit). */
export const toRules = (f: RulesForm, base: ProgramRules): ProgramRules => ({
  ...base,
  tiers: (f.tiers ?? []).map(tierOf),
  checkin: {
    basePoints: num(f.checkin?.basePoints),
    streakBonuses: (f.checkin?.streakBonuses ?? []).map((b) => ({ day: num(b?.day), points: num(b?.points) })),
  },
  earning: { fenPerPoint: num(fenOf(f.yuanPerPoint)), promotions: (f.promotions ?? []).map(promotionOf) },
  points: {
    validityMonths: num(f.points?.validityMonths),
    reminderDays: num(f.points?.reminderDays),
    pointsPerYuan: num(f.points?.pointsPerYuan),
    deductionCapPct: num(f.points?.deductionCapPct),
  },
  tierPolicy: {
    basis: f.tierPolicy?.basis ?? base.tierPolicy.basis,
    windowMonths: num(f.tierPolicy?.windowMonths),
    entryMode: f.tierPolicy?.entryMode ?? base.tierPolicy.entryMode,
    qualifySinglePurchaseFen: num(fenOf(f.tierPolicy?.qualifySingleYuan)),
    qualifyCumulativeFen: num(fenOf(f.tierPolicy?.qualifyCumulativeYuan)),
  },
  marketing: {
    maxMessagesPer7Days: num(f.marketing?.maxMessagesPer7Days),
    quietHours: {
      from: f.marketing?.quietFrom ? f.marketing.quietFrom.format('HH:mm') : '',
      to: f.marketing?.quietTo ? f.marketing.quietTo.format('HH:mm') : '',
    },
    grossMarginPct: num(f.marketing?.grossMarginPct),
    globalControlPct: num(f.marketing?.globalControlPct),
  },
  messaging: messagingOf(f.messaging, base.messaging),
  storedValue: storedValueOf(f.storedValue, base.storedValue),
  referral: referralOf(f.referral, base.referral),
})

/** A wire path of the rules (`tiers.1.thresholdFen`) → the form's (`tiers.1.thresholdYuan`). */
export const formPath = (path: string): string => {
  const p = path.replace(/^rules\./, '')
  if (p === 'earning.fenPerPoint') return 'yuanPerPoint'
  if (p === 'earning.promotions') return 'promotions'
  const promo = /^earning\.promotions\.(\d+)\.(\w+)/.exec(p)
  if (promo) {
    const field = promo[2] === 'multiplierBp' ? 'multiplier' : promo[2] === 'from' || promo[2] === 'to' ? 'dates' : promo[2]
    return `promotions.${promo[1]}.${field}`
  }
  const tier = /^tiers\.(\d+)\.(thresholdFen|earnMultiplierBp)$/.exec(p)
  if (tier) return `tiers.${tier[1]}.${tier[2] === 'thresholdFen' ? 'thresholdYuan' : 'multiplier'}`
  if (p === 'tierPolicy.qualifySinglePurchaseFen') return 'tierPolicy.qualifySingleYuan'
  if (p === 'tierPolicy.qualifyCumulativeFen') return 'tierPolicy.qualifyCumulativeYuan'
  if (p === 'marketing.quietHours.from') return 'marketing.quietFrom'
  if (p === 'marketing.quietHours.to') return 'marketing.quietTo'
  return referralFormPath(storedValueFormPath(p))
}

export type SectionKey = 'earning' | 'tiers' | 'promotions' | 'checkin' | 'marketing' | 'messaging' | 'entry' | 'storedValue' | 'referral'

/** The tab a form path is edited on. */
export const sectionOf = (formField: string): SectionKey => {
  if (formField.startsWith('tiers') || formField.startsWith('tierPolicy.basis') || formField.startsWith('tierPolicy.windowMonths'))
    return 'tiers'
  if (formField.startsWith('promotions')) return 'promotions'
  if (formField.startsWith('checkin')) return 'checkin'
  if (formField.startsWith('marketing')) return 'marketing'
  if (formField.startsWith('messaging')) return 'messaging'
  if (formField.startsWith('storedValue')) return 'storedValue'
  if (formField.startsWith('referral')) return 'referral'
  if (formField.startsWith('tierPolicy')) return 'entry'
  return 'earning'
}

/**
 * Each setting that differs between two rules: its path and the two values. As the API
 * records changes (修改记录): objects and lists of objects member by member, a list of plain
 * values (store ids, coupon templates) as one setting.
 */
export const diffRules = (before: unknown, after: unknown, at = ''): { path: string; before: unknown; after: unknown }[] => {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object'
  const plainList = (v: unknown) => Array.isArray(v) && !v.some(isObj)
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after) && !(plainList(before) && plainList(after))) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => diffRules(before[k], after[k], at ? `${at}.${k}` : k))
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: at, before, after }]
}
