/**
 * A campaign's settings in one table: the wizard's 确认 step (each section with 修改, back
 * to its step) and the campaign page's 活动设置 show the same thing.
 */
import type { CampaignGoal, CampaignSchedule } from '@huiyuan/shared/campaigns/schemas'
import Button from 'antd/es/button'
import Descriptions from 'antd/es/descriptions'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import type { ReactNode } from 'react'
import { count, dateTime } from '../../lib/format'
import { CAMPAIGN_GOAL_LABELS } from './labels'

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
  attributionDays: number
  holdoutPct: number
}

export const scheduleText = (s: CampaignSchedule): string => (s.type === 'now' ? '立即发送' : `定时发送：${dateTime(s.at)}`)

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
        { key: 'schedule', label: label('发送时间', 3), children: scheduleText(s.schedule) },
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
