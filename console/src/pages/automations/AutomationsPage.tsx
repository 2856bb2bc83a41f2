/**
 * 自动化 (/automations): the always-on campaigns as cards — name, when it fires (its
 * days filled in), 服务通知 or 营销, on/off (turning one off, or a marketing one on, asks
 * first), what it has done (已触发 firings, 已发送, 对照组, 发放券) — read again every 10 s.
 * A card opens the automation's settings, report and send records.
 */
import RightOutlined from '@ant-design/icons/RightOutlined'
import type { Automation } from '@huiyuan/shared/campaigns/automations'
import { useQueryClient } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Space from 'antd/es/space'
import Switch from 'antd/es/switch'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { api, isApiError } from '../../api/client'
import { QueryState } from '../../components/states'
import { count } from '../../lib/format'
import { automationErrorText } from './errors'
import { kindTag, triggerText, WECHAT_ONLY_AUTOMATIONS } from './labels'
import { saved, useAutomations, usePointsReminderDays } from './queries'

/** The figures of a card: firings, sent, held out, coupons. */
function Figures({ a }: { a: Automation }) {
  const p = a.progress
  const items: { label: string; value: number; testId: string; hint: string }[] = [
    { label: '已触发', value: p.planned, testId: 'figure-planned', hint: '触发的次数（同一会员多次触发计多次），含对照组' },
    { label: '已发送', value: p.sent, testId: 'figure-sent', hint: '实验组中收到站内信（和券）的次数' },
    { label: '对照组', value: p.suppressed.holdout, testId: 'figure-holdout', hint: '按对照组比例留出、不发送的次数' },
    { label: '发放券', value: p.couponsIssued, testId: 'figure-coupons', hint: '放入会员券包的优惠券张数' },
  ]
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8, margin: '12px 0 4px' }}>
      {items.map((f) => (
        <Tooltip key={f.testId} title={f.hint}>
          <div style={{ background: '#fafafa', borderRadius: 6, padding: '8px 10px' }}>
            <div style={{ fontSize: 12, color: '#8f959e' }}>{f.label}</div>
            <div style={{ fontSize: 20, fontWeight: 600 }} data-testid={f.testId}>
              {count(f.value)}
            </div>
          </div>
        </Tooltip>
      ))}
    </div>
  )
}

/** On or off: off (and a marketing one on) asks first; the change is saved on the version read. */
export function EnabledSwitch({ a }: { a: Automation }) {
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)

  const put = async (enabled: boolean) => {
    setBusy(true)
    try {
      const next = await api.call('updateAutomation', {
        params: { kind: a.kind },
        body: {
          enabled,
          days: a.days,
          offer: { templateIds: a.offer.templateIds },
          message: a.message,
          holdoutPct: a.holdoutPct,
          attributionDays: a.attributionDays,
          version: a.version,
        },
      })
      saved(queryClient, next)
      message.success(enabled ? `已开启「${a.name}」` : `已关闭「${a.name}」`)
    } catch (e) {
      message.error(automationErrorText(e))
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') void queryClient.invalidateQueries({ queryKey: ['automations'] })
    } finally {
      setBusy(false)
    }
  }

  const change = (enabled: boolean) => {
    if (!enabled)
      modal.confirm({
        title: `关闭「${a.name}」？`,
        content: '关闭后将不再自动发送，已发出的消息和券不受影响；随时可以重新开启。',
        okText: '关闭',
        okButtonProps: { danger: true, id: 'automation-off-ok' },
        cancelText: '取消',
        onOk: () => put(false),
      })
    else if (a.marketing)
      modal.confirm({
        title: `开启「${a.name}」？`,
        content: `开启后将自动发送营销消息：${triggerText(a)}。仅发给同意接收营销信息的会员，受 7 天频次上限和免打扰时段限制。`,
        okText: '开启',
        okButtonProps: { id: 'automation-on-ok' },
        cancelText: '取消',
        onOk: () => put(true),
      })
    else void put(true)
  }

  return (
    <Switch
      checked={a.enabled}
      loading={busy}
      onChange={change}
      checkedChildren="开"
      unCheckedChildren="关"
      aria-label={`${a.name}开关`}
      data-testid="automation-switch"
    />
  )
}

function AutomationCard({ a }: { a: Automation }) {
  const navigate = useNavigate()
  const reminderDays = usePointsReminderDays()
  const tag = kindTag(a.marketing)
  const open = () => navigate(`/automations/${a.kind}`)
  return (
    <Card
      size="small"
      data-testid={`automation-${a.kind}`}
      style={{ height: '100%', opacity: a.enabled ? 1 : 0.85 }}
      styles={{ body: { display: 'flex', flexDirection: 'column', height: '100%' } }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
        <Space size={8} wrap>
          <Typography.Link strong style={{ fontSize: 16 }} onClick={open} data-testid="automation-name">
            {a.name}
          </Typography.Link>
          <Tooltip title={tag.hint}>
            <Tag color={tag.color} data-testid="automation-kind">
              {tag.text}
            </Tag>
          </Tooltip>
          {!a.enabled && <Tag data-testid="automation-off">已关闭</Tag>}
        </Space>
        <EnabledSwitch a={a} />
      </div>
      <Typography.Text type="secondary" style={{ marginTop: 6 }} data-testid="automation-trigger">
        {triggerText(a, a.days, reminderDays)}
      </Typography.Text>
      <Typography.Text style={{ marginTop: 8, fontSize: 13 }} ellipsis={{ tooltip: a.message.body }}>
        「{a.message.title}」{a.message.body}
      </Typography.Text>
      <div style={{ marginTop: 4, fontSize: 12, color: '#8f959e' }}>
        {a.offer.templateIds.length > 0 ? `发 ${a.offer.templateIds.length} 种券` : '不发券'}
        {' · '}
        {WECHAT_ONLY_AUTOMATIONS.includes(a.kind) ? '仅微信订阅消息' : a.message.wechat ? '同时发微信订阅消息' : '仅站内信'}
        {' · '}
        {a.holdoutPct > 0 ? `对照组 ${a.holdoutPct}%` : '不设对照组'}
      </div>
      <Figures a={a} />
      <div style={{ marginTop: 'auto', paddingTop: 8, textAlign: 'right' }}>
        <Button type="link" size="small" onClick={open} data-testid="automation-open" style={{ paddingRight: 0 }}>
          设置与效果 <RightOutlined />
        </Button>
      </div>
    </Card>
  )
}

export default function AutomationsPage() {
  const list = useAutomations()
  return (
    <Card title="自动化" extra={<Typography.Text type="secondary">每 10 秒自动刷新</Typography.Text>}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="automations-explained"
        title="自动化在会员入会、生日、升级、积分或优惠券快到期、长期未消费时逐个会员自动发送消息和券，每天提醒订阅了签到提醒的会员签到。"
        description="服务通知无需营销同意，不受频次上限和免打扰限制；营销类仅发给同意接收营销信息的会员，受 7 天频次上限和免打扰时段限制。每个自动化可以设对照组，在「效果报表」中看增量效果。"
      />
      <QueryState query={list} rows={8}>
        {(data) => (
          <div
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(380px, 1fr))', gap: 16 }}
            data-testid="automation-list"
          >
            {data.items.map((a) => (
              <AutomationCard key={a.kind} a={a} />
            ))}
          </div>
        )}
      </QueryState>
    </Card>
  )
}
