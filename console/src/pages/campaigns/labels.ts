/** Chinese names of the campaigns area's enums, and how a campaign's figures are written. */
import {
  CAMPAIGN_GOAL_LABELS,
  CAMPAIGN_GOALS,
  type CampaignGoal,
  type CampaignRecipient,
  type CampaignStatus,
  SUPPRESSION_LABELS,
  SUPPRESSION_REASONS,
  type SuppressionReason,
} from '@huiyuan/shared/campaigns/schemas'
import type { z } from 'zod'

export { CAMPAIGN_GOAL_LABELS, CAMPAIGN_GOALS, SUPPRESSION_LABELS, SUPPRESSION_REASONS }
export type { SuppressionReason }
/** ¥1,234.50 — the segments area's money (two decimals: per-member figures are compared to the cent). */
export { money } from '../segments/labels'

export const STATUS: Record<CampaignStatus, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  scheduled: { text: '已排期', color: 'blue' },
  sending: { text: '发送中', color: 'processing' },
  paused: { text: '已暂停', color: 'orange' },
  done: { text: '已完成', color: 'green' },
  cancelled: { text: '已取消', color: 'default' },
}

/** What each goal is for, under its name on the wizard's first step. */
export const GOAL_HINTS: Record<CampaignGoal, string> = {
  reactivate: '让长时间未消费的会员回店',
  upsell: '鼓励会员单笔多买一些',
  retain: '让常客保持到店频率',
  new_member: '促成新会员的第一笔消费',
  birthday: '在会员生日前后送上祝福和礼遇',
  other: '其他营销目的',
}

export const GROUPS: Record<'treatment' | 'control', string> = { treatment: '实验组', control: '对照组' }

type Outcome = z.infer<typeof CampaignRecipient>['outcome']

/** A member's outcome in the 发送记录, with its colour. */
export const OUTCOMES: Record<Outcome, { text: string; color: string }> = {
  sent: { text: '已发送', color: 'green' },
  holdout: { text: '对照组（不发送）', color: 'purple' },
  cap: { text: `未发送：${SUPPRESSION_LABELS.cap}`, color: 'orange' },
  no_consent: { text: `未发送：${SUPPRESSION_LABELS.no_consent}`, color: 'default' },
  no_grant: { text: SUPPRESSION_LABELS.no_grant, color: 'blue' },
  budget_exhausted: { text: `未发送：${SUPPRESSION_LABELS.budget_exhausted}`, color: 'gold' },
  erased: { text: `未发送：${SUPPRESSION_LABELS.erased}`, color: 'default' },
  failed: { text: '发送失败', color: 'red' },
}

/** The colour of each suppression reason, the same in the progress card and the report. */
export const SUPPRESSION_COLORS: Record<SuppressionReason, string> = {
  holdout: '#722ed1',
  cap: '#fa8c16',
  no_consent: '#8c8c8c',
  no_grant: '#1677ff',
  budget_exhausted: '#d4b106',
  erased: '#bfbfbf',
}

export const TREATMENT_COLOR = '#c8102e'
export const CONTROL_COLOR = '#8c8c8c'
