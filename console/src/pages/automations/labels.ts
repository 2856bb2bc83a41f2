/**
 * The automations area's words: each automation's trigger with its days filled in, the
 * 服务通知/营销 tag, which send by WeChat only and with which template, and the example values the previews fill the placeholders with (as a
 * member would see them when it fires).
 */
import {
  AUTOMATION_GIFT_TEXT,
  AUTOMATION_KINDS,
  AUTOMATION_LABELS,
  AUTOMATION_PLACEHOLDERS,
  AUTOMATIONS_WITH_DAYS,
  type Automation,
  type AutomationKind,
  AUTOMATION_PURPOSES,
  MARKETING_AUTOMATIONS,
  PLACEHOLDER_LABELS,
  WECHAT_ONLY_AUTOMATIONS,
} from '@huiyuan/shared/campaigns/automations'
import type { SubscriptionPurpose } from '@huiyuan/shared/messaging/schemas'

export {
  AUTOMATION_KINDS,
  AUTOMATION_LABELS,
  AUTOMATION_PLACEHOLDERS,
  AUTOMATIONS_WITH_DAYS,
  MARKETING_AUTOMATIONS,
  PLACEHOLDER_LABELS,
  WECHAT_ONLY_AUTOMATIONS,
}

export const isKind = (s: string | undefined): s is AutomationKind => (AUTOMATION_KINDS as readonly string[]).includes(s ?? '')

/**
 * When it fires, in words: N is its days where it sets them; the points expiry reminder's
 * is the program's `reminderDays` (its trigger says so in brackets, dropped once N is known).
 */
export const triggerText = (
  a: Pick<Automation, 'kind' | 'trigger' | 'days'>,
  days: number | null = a.days,
  pointsReminderDays?: number,
): string => {
  if (a.kind === 'points_expiry' && pointsReminderDays !== undefined)
    return a.trigger.replace(/（N 在积分规则中设置）/, '').replace(/N/g, String(pointsReminderDays))
  return days !== null ? a.trigger.replace(/N/g, String(days)) : a.trigger
}

export const KIND_TAG = {
  service: { text: '服务通知', color: 'blue', hint: '无需营销同意，不受频次上限和免打扰限制' },
  marketing: { text: '营销', color: 'orange', hint: '仅发给同意接收营销信息的会员，受 7 天频次上限和免打扰时段限制' },
} as const

export const kindTag = (marketing: boolean) => (marketing ? KIND_TAG.marketing : KIND_TAG.service)

/** The subscription template each automation's WeChat message uses. */
export const wechatPurposeOf = (kind: AutomationKind): SubscriptionPurpose => AUTOMATION_PURPOSES[kind]

/** What `days` means for the kinds that set it, around the number input. */
export const DAYS_LABELS: Partial<Record<AutomationKind, { label: string; before: string; after: string }>> = {
  coupon_expiry: { label: '提前天数', before: '优惠券到期前', after: '天提醒' },
  win_back: { label: '沉睡天数', before: '最后一次消费后满', after: '天仍未消费时发送' },
}

/** The example member's values in the previews (the real ones are filled in when it fires). */
export const exampleValues = (kind: AutomationKind, days: number | null, hasCoupons: boolean): Record<string, string> => ({
  gift: hasCoupons ? AUTOMATION_GIFT_TEXT[kind] : '',
  tier: '金卡会员',
  benefits: '消费 1.5 倍积分、生日双倍积分',
  points: '1,200',
  date: '2026年12月31日',
  coupon: '满100减20券',
  summary: '满100减20',
  days: String(days ?? 90),
})

/** `{name}` → its value (an unknown placeholder stays as written). */
export const fillPlaceholders = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m)

/** The placeholders a text uses that its automation does not know (they would reach the member as written). */
export const unknownPlaceholders = (text: string, known: readonly string[]): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').filter((k) => !known.includes(k))
