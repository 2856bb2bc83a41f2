/**
 * 活动详情 (/campaigns/:campaignId): the campaign's name, status and actions; its live
 * progress (read every 2 s while it sends) or, before the launch, its estimated reach; and
 * its tabs — 效果报表, 发送记录, 活动设置 (kept in the address: ?tab=recipients). A recurring
 * campaign is tagged 周期 with its next run, and its tabs are 历次发送 (its runs) and 活动设置;
 * a run links back to the recurring campaign it came from.
 */
import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined'
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Descriptions from 'antd/es/descriptions'
import Space from 'antd/es/space'
import Tabs from 'antd/es/tabs'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import type { Me } from '../../app/access'
import { useMe } from '../../app/useMe'
import { QueryState } from '../../components/states'
import { count, dateTime } from '../../lib/format'
import CampaignActions from './actions'
import { RecurringTag } from './CampaignsPage'
import { CAMPAIGN_GOAL_LABELS, STATUS } from './labels'
import LiveProgress from './LiveProgress'
import { useCampaign } from './queries'
import RecipientsTab from './RecipientsTab'
import { recurrenceText } from './recurrence'
import ReportTab from './ReportTab'
import RunsTab from './RunsTab'
import CampaignSummary from './Summary'

const TABS = ['report', 'recipients', 'settings'] as const
/** A recurring campaign sends nothing itself: its runs do. */
const RECURRING_TABS = ['runs', 'settings'] as const
type Tab = (typeof TABS)[number] | (typeof RECURRING_TABS)[number]

export default function CampaignPage() {
  const { campaignId } = useParams()
  const query = useCampaign(campaignId)
  return (
    <QueryState query={query} rows={10}>
      {(c) => <CampaignView c={c} />}
    </QueryState>
  )
}

/** Who created it: the signed-in staff member by name, another by their staff id. */
const creatorText = (createdBy: string, me: Me | undefined): string => {
  const staffId = createdBy.startsWith('staff:') ? createdBy.slice('staff:'.length) : null
  if (!staffId) return createdBy
  return me?.staffId === staffId ? `${me.name}（我）` : `员工 ${staffId}`
}

function SettingsTab({ c }: { c: Campaign }) {
  const navigate = useNavigate()
  const me = useMe()
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {c.status === 'draft' && (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text type="secondary">草稿可以修改；发送后设置不能再改。</Typography.Text>
          <Button
            type="primary"
            onClick={() => navigate(`/campaigns/${encodeURIComponent(c.campaignId)}/edit`)}
            data-testid="settings-edit"
          >
            编辑
          </Button>
        </div>
      )}
      <CampaignSummary
        testId="campaign-settings"
        s={{
          name: c.name,
          goal: c.goal,
          segment: c.segmentName ? (
            <Link to={`/segments/${encodeURIComponent(c.segmentId)}`}>{c.segmentName}</Link>
          ) : (
            <Typography.Text type="secondary">人群已删除（{c.segmentId}）</Typography.Text>
          ),
          offer: c.offer ? (c.offer.name ?? c.offer.templateId) : null,
          maxCoupons: c.maxCoupons,
          title: c.message.title,
          body: c.message.body,
          wechat: c.message.wechat,
          schedule: c.schedule,
          upcoming: c.schedule.type === 'recurring' ? nextRunText(c) : null,
          attributionDays: c.attributionDays,
          holdoutPct: c.holdoutPct,
        }}
      />
      <Descriptions
        size="small"
        column={4}
        items={[
          { key: 'id', label: '活动编号', children: <Typography.Text copyable>{c.campaignId}</Typography.Text> },
          { key: 'by', label: '创建人', children: creatorText(c.createdBy, me.data) },
          { key: 'created', label: '创建时间', children: dateTime(c.createdAt) },
          { key: 'updated', label: '最后修改', children: `${dateTime(c.updatedAt)}（第 ${c.version} 版）` },
        ]}
      />
    </Space>
  )
}

/** A recurring campaign's next run, or why there is none. */
const nextRunText = (c: Campaign): string =>
  c.nextRunAt && c.status === 'scheduled'
    ? `下次发送：${dateTime(c.nextRunAt)}`
    : c.status === 'cancelled'
      ? '已取消，不再发送'
      : c.status === 'done'
        ? '已结束，不再发送'
        : '发送后按周期自动发送'

/** 来自周期活动「…」: a run's link back to the recurring campaign it came from. */
function ParentLink({ parentId }: { parentId: string }) {
  const parent = useCampaign(parentId)
  return (
    <Typography.Text type="secondary" data-testid="campaign-parent">
      来自周期活动
      <Link to={`/campaigns/${encodeURIComponent(parentId)}`}>「{parent.data?.name ?? parentId}」</Link>
    </Typography.Text>
  )
}

function CampaignView({ c }: { c: Campaign }) {
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const recurring = c.schedule.type === 'recurring'
  const tabs: readonly Tab[] = recurring ? RECURRING_TABS : TABS
  const first = tabs[0] as Tab
  const tab: Tab = tabs.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : first
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space size={12}>
            <Button
              type="text"
              size="small"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/campaigns')}
              aria-label="返回活动列表"
            />
            <span data-testid="campaign-name">{c.name}</span>
            <Tag color={STATUS[c.status].color} data-testid="campaign-status">
              {STATUS[c.status].text}
            </Tag>
            <RecurringTag c={c} />
            {c.parentId && <ParentLink parentId={c.parentId} />}
          </Space>
        }
        extra={<CampaignActions c={c} />}
        styles={{ body: { paddingBottom: 8 } }}
      >
        <Descriptions
          size="small"
          column={4}
          items={[
            { key: 'goal', label: '目标', children: CAMPAIGN_GOAL_LABELS[c.goal] },
            {
              key: 'segment',
              label: '人群',
              children: c.segmentName ? <Link to={`/segments/${encodeURIComponent(c.segmentId)}`}>{c.segmentName}</Link> : '人群已删除',
            },
            { key: 'offer', label: '优惠券', children: c.offer ? (c.offer.name ?? c.offer.templateId) : '不发券' },
            ...(c.schedule.type === 'recurring'
              ? [
                  { key: 'cadence', label: '发送周期', children: recurrenceText(c.schedule) },
                  {
                    key: 'next',
                    label: '下次发送',
                    children: (
                      <span data-testid="campaign-next-run">
                        {c.nextRunAt && c.status === 'scheduled' ? dateTime(c.nextRunAt) : nextRunText(c)}
                      </span>
                    ),
                  },
                ]
              : [
                  {
                    key: 'when',
                    label: c.launchedAt ? '发送时间' : '计划发送',
                    children: c.launchedAt ? dateTime(c.launchedAt) : c.schedule.type === 'at' ? dateTime(c.schedule.at) : '立即发送',
                  },
                ]),
            { key: 'holdout', label: '对照组', children: c.holdoutPct > 0 ? `${c.holdoutPct}%` : '不设' },
            { key: 'window', label: '归因窗口', children: `${c.attributionDays} 天` },
            { key: 'budget', label: '最多发券', children: c.offer ? (c.maxCoupons === null ? '不限' : `${count(c.maxCoupons)} 张`) : '—' },
            { key: 'wechat', label: '微信订阅消息', children: c.message.wechat ? '同时发送' : '不发送' },
          ]}
        />
      </Card>
      <LiveProgress c={c} />
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === first ? {} : { tab: k }, { replace: true })}
          items={
            recurring
              ? [
                  { key: 'runs', label: '历次发送', children: <RunsTab c={c} /> },
                  { key: 'settings', label: '活动设置', children: <SettingsTab c={c} /> },
                ]
              : [
                  { key: 'report', label: '效果报表', children: <ReportTab c={c} /> },
                  { key: 'recipients', label: '发送记录', children: <RecipientsTab c={c} /> },
                  { key: 'settings', label: '活动设置', children: <SettingsTab c={c} /> },
                ]
          }
        />
      </Card>
    </Space>
  )
}
