/**
 * A campaign's settings in one table: the wizard's 确认 step (each section with 修改, back
 * to its step) and the campaign page's 活动设置 show the same thing. A recurring schedule
 * in words, with its next runs and what each run is.
 */
import type { CampaignGoal, CampaignSchedule } from '@huiyuan/shared/campaigns/schemas'
import Button from 'antd/es/button'
import Descriptions from 'antd/es/descriptions'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import type { ReactNode } from 'react'
import { count, dateTime } from '../../lib/format'
import { CAMPAIGN_GOAL_LABELS } from './labels'
import { recurrenceText } from './recurrence'

export interface Settings {
  name: string
  goal: CampaignGoal | undefined
  segment: ReactNode
  offer: ReactNode | null
  maxCoupons: number | null
  title: string
  body: string
  wechat: boolean
  schedule: CampaignSchedule
  /** A recurring schedule's next runs in words (12月1日 10:00、12月8日 10:00…), or why there are none. */
  upcoming?: string | null
  attributionDays: number
  holdoutPct: number
}

export const scheduleText = (s: CampaignSchedule): string =>
  s.type === 'now' ? '立即发送' : s.type === 'at' ? `定时发送：${dateTime(s.at)}` : `周期发送：${recurrenceText(s)}`

/** What each run of a recurring campaign is (the wizard and the summary say the same). */
export const RUN_EXPLAINED =
  '每次发送都是一次单独的活动：按发送当时人群中的会员冻结名单，各自抽取对照组、单独出效果报表；每位会员 7 天内的营销消息上限对每次发送同样适用。'

export default function CampaignSummary({ s, onEdit, testId }: { s: Settings; onEdit?: (step: number) => void; testId?: string }) {
  const edit = (step: number) =>
    onEdit ? (
      <Button type="link" size="small" style={{ padding: 0, height: 'auto', marginLeft: 8 }} onClick={() => onEdit(step)}>
        修改
      </Button>
    ) : null
  const label = (text: string, step: number) => (
    <span style={{ whiteSpace: 'nowrap' }}>
      {text}
      {edit(step)}
    </span>
  )
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      data-testid={testId}
      styles={{ label: { width: 150 } }}
      items={[
        { key: 'name', label: label('活动名称', 0), children: s.name || '—' },
        { key: 'goal', label: label('活动目标', 0), children: s.goal ? CAMPAIGN_GOAL_LABELS[s.goal] : '—' },
        { key: 'segment', label: label('目标人群', 1), children: s.segment, span: 2 },
        { key: 'offer', label: label('优惠券', 2), children: s.offer ?? <Typography.Text type="secondary">不发券</Typography.Text> },
        {
          key: 'wechat',
          label: label('微信订阅消息', 2),
          children: s.wechat ? <Tag color="green">同时发送</Tag> : <Typography.Text type="secondary">不发送（仅站内信）</Typography.Text>,
        },
        { key: 'title', label: label('消息标题', 2), children: s.title || '—', span: 2 },
        {
          key: 'body',
          label: label('消息内容', 2),
          children: <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{s.body || '—'}</div>,
          span: 2,
        },
        {
          key: 'schedule',
          label: label('发送时间', 3),
          span: s.schedule.type === 'recurring' ? 2 : 1,
          children: (
            <div data-testid="summary-schedule">
              {scheduleText(s.schedule)}
              {s.schedule.type === 'recurring' && (
                <>
                  {s.upcoming && <div>{s.upcoming}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {RUN_EXPLAINED}
                  </Typography.Text>
                </>
              )}
            </div>
          ),
        },
        {
          key: 'maxCoupons',
          label: label('最多发券数量', 3),
          children: s.offer ? (s.maxCoupons === null ? '不限（以券库存为准）' : `${count(s.maxCoupons)} 张`) : '—',
        },
        { key: 'attribution', label: label('归因窗口', 3), children: `发送后 ${s.attributionDays} 天` },
        {
          key: 'holdout',
          label: label('对照组', 4),
          children: s.holdoutPct > 0 ? `${s.holdoutPct}%` : <Typography.Text type="warning">不设对照组</Typography.Text>,
        },
      ]}
    />
  )
}
