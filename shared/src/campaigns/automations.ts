/**
 * Automations (PRODUCT.md §9): always-on campaigns that an event or a daily schedule fires
 * for one member at a time — welcome, birthday greeting and gift, tier-up congratulation,
 * points and coupon expiry reminders (service notices: no consent needed, no cap, no quiet
 * hours, never an erased member) and the sleeping-member win-back (marketing: consent, the
 * 7-day cap and quiet hours apply); and the daily check-in reminder, a WeChat message only to
 * members who asked for it (a grant of 签到提醒). Each keeps its own control group and report, as a
 * campaign whose id is `AUTO-<kind>` (its report and recipients are the campaign routes').
 */
import { z, IsoDateTime, pageOf } from '../common'
import type { SubscriptionPurpose } from '../messaging/schemas'
import { CampaignMessage, CampaignProgress } from './schemas'

export const AUTOMATION_KINDS = [
  'welcome',
  'birthday',
  'tier_up',
  'points_expiry',
  'coupon_expiry',
  'win_back',
  'checkin_reminder',
] as const
export const AutomationKind = z.enum(AUTOMATION_KINDS)
export type AutomationKind = z.infer<typeof AutomationKind>

export const AUTOMATION_LABELS: Record<AutomationKind, string> = {
  welcome: '入会欢迎',
  birthday: '生日关怀',
  tier_up: '升级祝贺',
  points_expiry: '积分到期提醒',
  coupon_expiry: '优惠券到期提醒',
  win_back: '沉睡会员唤醒',
  checkin_reminder: '签到提醒',
}

/** When each fires, in words (N is the automation's `days`, or the program's points reminder days). */
export const AUTOMATION_TRIGGERS: Record<AutomationKind, string> = {
  welcome: '会员入会时',
  birthday: '会员生日当天（每年一次）',
  tier_up: '会员升级时',
  points_expiry: '积分到期前 N 天（N 在积分规则中设置）',
  coupon_expiry: '优惠券到期前 N 天',
  win_back: '最后一次消费后满 N 天仍未再消费时（每次沉睡一次）',
  checkin_reminder: '每天上午 10 点，提醒当天还没签到、订阅了「签到提醒」的会员（只发微信消息，每条用掉一次授权）',
}

/** Marketing automations: consent, the 7-day cap and quiet hours apply. The rest are service notices. */
export const MARKETING_AUTOMATIONS: readonly AutomationKind[] = ['win_back']

/** The placeholders each message may use, filled in for each member when it fires. */
export const AUTOMATION_PLACEHOLDERS: Record<AutomationKind, readonly string[]> = {
  welcome: ['gift'],
  birthday: ['gift'],
  tier_up: ['tier', 'benefits'],
  points_expiry: ['points', 'date'],
  coupon_expiry: ['coupon', 'summary', 'date'],
  win_back: ['days', 'gift'],
  checkin_reminder: ['points'],
}
export const PLACEHOLDER_LABELS: Record<string, string> = {
  gift: '礼券提示（有礼券时为“礼券已放入您的券包，”）',
  tier: '新等级名称',
  benefits: '等级权益',
  points: '积分（到期积分，或签到可得积分）',
  date: '到期日期',
  coupon: '优惠券名称',
  summary: '优惠券面额',
  days: '未消费天数',
}

/** Sent as a WeChat message only (to members holding a grant), never to the inbox: a daily notice would fill it. */
export const WECHAT_ONLY_AUTOMATIONS: readonly AutomationKind[] = ['checkin_reminder']

/** The subscription template each automation's WeChat message uses. */
export const AUTOMATION_PURPOSES: Record<AutomationKind, SubscriptionPurpose> = {
  welcome: 'memberActivity',
  birthday: 'memberActivity',
  tier_up: 'memberActivity',
  points_expiry: 'memberActivity',
  coupon_expiry: 'couponExpiry',
  win_back: 'memberActivity',
  checkin_reminder: 'checkinReminder',
}

/** What {gift} says when a firing put coupons in the wallet (empty when it put none). */
export const AUTOMATION_GIFT_TEXT: Record<AutomationKind, string> = {
  welcome: '入会礼券已放入您的券包，',
  birthday: '生日礼券已放入您的券包。',
  tier_up: '升级礼券已放入您的券包，',
  points_expiry: '礼券已放入您的券包，',
  coupon_expiry: '礼券已放入您的券包，',
  win_back: '送您的礼券已放入券包，',
  checkin_reminder: '礼券已放入您的券包，',
}

/** Kinds whose `days` the automation sets (the others have none, or take it from the program). */
export const AUTOMATIONS_WITH_DAYS: readonly AutomationKind[] = ['coupon_expiry', 'win_back']

export const AutomationKindParams = z.object({ kind: AutomationKind })

export const AutomationSettings = z.object({
  enabled: z.boolean(),
  /** coupon_expiry: days before the coupon ends; win_back: days since the last purchase. */
  days: z.number().int().min(1).max(365).nullable().default(null),
  /** Coupon templates issued into each treated member's wallet when it fires. */
  offer: z.object({ templateIds: z.array(z.string().min(1).max(40)).max(5) }),
  /** Placeholders such as {tier} are filled in per member (see AUTOMATION_PLACEHOLDERS). */
  message: CampaignMessage,
  /** Share of members held out as the control group, in per cent (0–50). */
  holdoutPct: z.number().min(0).max(50),
  attributionDays: z.number().int().min(1).max(90),
})
export type AutomationSettings = z.infer<typeof AutomationSettings>

export const UpdateAutomationRequest = AutomationSettings.extend({
  /** The version read (0: never saved, the defaults). */
  version: z.number().int().min(0),
}).meta({ id: 'UpdateAutomationRequest' })
export type UpdateAutomationRequest = z.infer<typeof UpdateAutomationRequest>

export const Automation = z
  .object({
    kind: AutomationKind,
    name: z.string(),
    trigger: z.string(),
    marketing: z.boolean(),
    /** Its report and recipients: GET /v1/admin/campaigns/{campaignId}/report and …/recipients. */
    campaignId: z.string(),
    enabled: z.boolean(),
    days: z.number().int().nullable(),
    offer: z.object({ templateIds: z.array(z.string()) }),
    message: CampaignMessage,
    holdoutPct: z.number(),
    attributionDays: z.number().int(),
    placeholders: z.array(z.string()),
    version: z.number().int(),
    /** When its settings were last saved (null: the defaults, never saved). */
    updatedAt: IsoDateTime.nullable(),
    /** Since when it has been firing (null: it has not fired yet). */
    firingSince: IsoDateTime.nullable(),
    /** Firings so far: `planned` counts each time it fired for a member. */
    progress: CampaignProgress,
  })
  .meta({ id: 'Automation' })
export type Automation = z.infer<typeof Automation>
export const AutomationList = pageOf(Automation).meta({ id: 'AutomationList' })

export const automationCampaignId = (kind: AutomationKind) => `AUTO-${kind}`
