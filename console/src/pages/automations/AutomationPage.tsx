/**
 * 自动化详情 (/automations/:kind): the automation's name, 服务通知/营销, on or off (turned in
 * 设置, so a save never races the page's own switch) and when it fires; what it has done (firings, sent, by WeChat and what WeChat answered, control group,
 * coupons, not reached); and its tabs — 设置, 效果报表 and 发送记录, the last two the
 * campaigns' own over its campaign `AUTO-<kind>` (kept in the address: ?tab=report).
 */
import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined'
import type { Automation } from '@huiyuan/shared/campaigns/automations'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import Row from 'antd/es/row'
import Space from 'antd/es/space'
import Statistic from 'antd/es/statistic'
import Tabs from 'antd/es/tabs'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { type ReactNode, useState } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { ErrorState, Loading } from '../../components/states'
import { count, dateTime } from '../../lib/format'
import { WechatOutcome } from '../campaigns/LiveProgress'
import { suppressedTotal } from '../campaigns/queries'
import RecipientsTab from '../campaigns/RecipientsTab'
import ReportTab from '../campaigns/ReportTab'
import NotFound from '../NotFound'
import { isKind, kindTag, triggerText } from './labels'
import { campaignRefOf, useAutomation, usePointsReminderDays } from './queries'
import SettingsTab from './SettingsTab'

const TABS = ['settings', 'report', 'recipients'] as const
type Tab = (typeof TABS)[number]

export default function AutomationPage() {
  const { kind } = useParams()
  const query = useAutomation(isKind(kind) ? kind : undefined)
  if (!isKind(kind)) return <NotFound />
  if (query.isPending) return <Loading rows={10} />
  if (query.isError || !query.data) return <ErrorState error={query.error} retry={() => void query.refetch()} />
  const reload = async () => (await query.refetch()).data?.items.find((a) => a.kind === kind)
  return <AutomationView a={query.data} reload={reload} />
}

function Figure({
  title,
  value,
  testId,
  hint,
  color,
  note,
}: {
  title: string
  value: number
  testId: string
  hint?: string
  color?: string
  note?: ReactNode
}) {
  return (
    <Col flex="1 1 0" style={{ minWidth: 120 }}>
      <Statistic
        title={hint ? <Tooltip title={hint}>{title}</Tooltip> : title}
        value={value}
        formatter={(v) => <span data-testid={testId}>{count(Number(v))}</span>}
        styles={{ content: { fontSize: 22, color } }}
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {note}
        </Typography.Text>
      )}
    </Col>
  )
}

function AutomationView({ a, reload }: { a: Automation; reload: () => Promise<Automation | undefined> }) {
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'settings'
  /** Mounts the settings form again (after a save or a conflict) with the latest settings. */
  const [generation, setGeneration] = useState(0)
  const [conflict, setConflict] = useState(false)
  /**
   * What the reload read: the form mounts with it, not with `a`, which only catches up once
   * the query has told this component (after the refetch's promise has already resolved).
   */
  const [fresh, setFresh] = useState<Automation>()
  const formOf = fresh && fresh.version > a.version ? fresh : a
  const tag = kindTag(a.marketing)
  const p = a.progress
  const reminderDays = usePointsReminderDays()

  const onReload = async (isConflict: boolean) => {
    setConflict(isConflict)
    setFresh(await reload())
    setGeneration((g) => g + 1)
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space size={12}>
            <Button
              type="text"
              size="small"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/automations')}
              aria-label="返回自动化列表"
            />
            <span data-testid="automation-title-name">{a.name}</span>
            <Tooltip title={tag.hint}>
              <Tag color={tag.color}>{tag.text}</Tag>
            </Tooltip>
            <Tag color={a.enabled ? 'green' : 'default'} data-testid="automation-state">
              {a.enabled ? '已开启' : '已关闭'}
            </Tag>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }} data-testid="automation-trigger">
          触发条件：{triggerText(a, a.days, reminderDays)}
          {a.updatedAt ? ` · 最后修改 ${dateTime(a.updatedAt)}（第 ${a.version} 版）` : ' · 使用默认设置'}
        </Typography.Paragraph>
        <Row gutter={[16, 16]} data-testid="automation-progress">
          <Figure title="已触发" value={p.planned} testId="progress-planned" hint="触发的次数（同一会员多次触发计多次），含对照组" />
          <Figure title="已发送" value={p.sent} testId="progress-sent" color="#389e0d" />
          <Figure
            title="其中微信"
            value={p.wechat}
            testId="progress-wechat"
            hint="已为其排队发送微信订阅消息的次数（每次用掉会员的一次授权）"
            note={<WechatOutcome c={a} />}
          />
          <Figure title="对照组" value={p.suppressed.holdout} testId="progress-holdout" hint="按对照组比例留出、不发送的次数" />
          <Figure title="发放券" value={p.couponsIssued} testId="progress-coupons" />
          <Figure title="未触达" value={suppressedTotal(a)} testId="progress-suppressed" hint="对照组、未同意营销、频次上限、已注销等" />
          <Figure title="发送失败" value={p.failed} testId="progress-failed" color={p.failed > 0 ? '#cf1322' : undefined} />
        </Row>
      </Card>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setConflict(false) }}
          data-testid="version-conflict"
          title="设置已被他人修改"
          description="你打开这个页面之后，已有人保存了新的设置。下面已重新加载为最新设置，你的修改没有保存，请确认后重新修改再保存。"
        />
      )}
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'settings' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'settings', label: '设置', children: <SettingsTab key={generation} a={formOf} onReload={onReload} /> },
            { key: 'report', label: '效果报表', children: <ReportTab c={campaignRefOf(a)} /> },
            { key: 'recipients', label: '发送记录', children: <RecipientsTab c={campaignRefOf(a)} /> },
          ]}
        />
      </Card>
    </Space>
  )
}
