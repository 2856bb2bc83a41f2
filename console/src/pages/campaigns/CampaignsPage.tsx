/**
 * 营销活动: the campaigns, newest first — name and goal, segment, status, how far the send
 * has gone (processed of planned, with the sent and not reached), launched — read again
 * every 3 s while one on the page is sending. A recurring campaign is tagged 周期 and shows
 * its next run (下次发送); a run of one says so. A row opens the campaign; 新建活动 the wizard.
 */
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Progress from 'antd/es/progress'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useNavigate } from 'react-router'
import { api } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { count, dateTime } from '../../lib/format'
import { CAMPAIGN_GOAL_LABELS, STATUS } from './labels'
import { CAMPAIGN_LIST_KEY, LIST_POLL_MS, progressPercent, suppressedTotal } from './queries'
import { cadenceText } from './recurrence'

/** 周期: a recurring campaign's tag, with its cadence on hover. */
export function RecurringTag({ c }: { c: Campaign }) {
  if (c.schedule.type !== 'recurring') return null
  return (
    <Tag color="purple" title={cadenceText(c.schedule)} data-testid="campaign-recurring-tag">
      周期
    </Tag>
  )
}

/** The send's progress in a row: a bar (processed of planned) and the sent and not reached under it. */
export function ProgressCell({ c }: { c: Campaign }) {
  if (c.status === 'draft' || (c.status === 'scheduled' && c.progress.planned === 0) || (c.status === 'cancelled' && !c.launchedAt))
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.status === 'scheduled' && c.schedule.type === 'at'
          ? `将于 ${dateTime(c.schedule.at)} 发送`
          : c.status === 'scheduled' && c.schedule.type === 'recurring'
            ? `${cadenceText(c.schedule)} · 各次见历次发送`
            : c.schedule.type === 'recurring' && c.status !== 'draft'
              ? '各次发送见活动详情'
              : '未发送'}
      </Typography.Text>
    )
  const pct = progressPercent(c)
  return (
    <div style={{ width: 220 }} data-testid="campaign-progress">
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12 }}>
        <span>
          已处理 <b>{count(c.progress.processed)}</b> / {count(c.progress.planned)}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {pct}%
        </Typography.Text>
      </div>
      <Progress
        percent={pct}
        showInfo={false}
        size="small"
        status={c.status === 'sending' ? 'active' : c.status === 'paused' ? 'exception' : 'normal'}
        strokeColor={c.status === 'paused' ? '#fa8c16' : c.status === 'done' ? '#52c41a' : undefined}
        style={{ margin: '2px 0' }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        已发送 {count(c.progress.sent)} · 未触达 {count(suppressedTotal(c))}
        {c.progress.deferred > 0 ? ` · 等待免打扰结束 ${count(c.progress.deferred)}` : ''}
      </Typography.Text>
    </div>
  )
}

export default function CampaignsPage() {
  const navigate = useNavigate()
  const open = (c: Campaign) => navigate(`/campaigns/${encodeURIComponent(c.campaignId)}`)

  return (
    <Card title="营销活动">
      <PagedTable<Campaign>
        testId="campaign-table"
        queryKey={CAMPAIGN_LIST_KEY}
        fetchPage={(page) => api.call('listCampaigns', { query: page })}
        rowKey="campaignId"
        emptyText="还没有营销活动，点击「新建活动」向一个人群发券或发消息"
        refetchInterval={(page) => (page?.items.some((c) => c.status === 'sending') ? LIST_POLL_MS : false)}
        onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' } })}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/campaigns/new')} data-testid="new-campaign">
            新建活动
          </Button>
        }
        csv={{
          fileName: '营销活动',
          columns: [
            { title: '活动编号', value: (c) => c.campaignId },
            { title: '名称', value: (c) => c.name },
            { title: '目标', value: (c) => CAMPAIGN_GOAL_LABELS[c.goal] },
            { title: '人群', value: (c) => c.segmentName ?? c.segmentId },
            { title: '状态', value: (c) => STATUS[c.status].text },
            { title: '计划人数', value: (c) => c.progress.planned },
            { title: '已处理', value: (c) => c.progress.processed },
            { title: '已发送', value: (c) => c.progress.sent },
            { title: '未触达', value: (c) => suppressedTotal(c) },
            { title: '发券', value: (c) => c.progress.couponsIssued },
            { title: '发送时间', value: (c) => dateTime(c.launchedAt) },
            { title: '下次发送', value: (c) => (c.nextRunAt ? dateTime(c.nextRunAt) : '') },
            { title: '周期活动编号', value: (c) => c.parentId ?? '' },
            { title: '创建时间', value: (c) => dateTime(c.createdAt) },
          ],
        }}
        columns={[
          {
            title: '活动',
            key: 'name',
            render: (_, c) => (
              <div style={{ maxWidth: 300 }}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                  <Typography.Link strong onClick={() => open(c)} ellipsis>
                    {c.name}
                  </Typography.Link>
                  <RecurringTag c={c} />
                </div>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {CAMPAIGN_GOAL_LABELS[c.goal]}
                    {c.offer ? ` · 发券：${c.offer.name ?? c.offer.templateId}` : ' · 仅消息'}
                    {c.parentId ? ' · 周期活动的一次发送' : ''}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: '人群',
            key: 'segment',
            render: (_, c) =>
              c.segmentName ?? (
                <Typography.Text type="secondary" title={c.segmentId}>
                  人群已删除
                </Typography.Text>
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (_, c) => (
              <Tag color={STATUS[c.status].color} data-testid="campaign-status">
                {STATUS[c.status].text}
              </Tag>
            ),
          },
          { title: '发送进度', key: 'progress', render: (_, c) => <ProgressCell c={c} /> },
          {
            title: '发送时间',
            key: 'launchedAt',
            render: (_, c) =>
              c.launchedAt ? (
                dateTime(c.launchedAt)
              ) : c.schedule.type === 'recurring' && c.nextRunAt && c.status === 'scheduled' ? (
                <Typography.Text type="secondary" data-testid="campaign-next-run">
                  下次发送 {dateTime(c.nextRunAt)}
                </Typography.Text>
              ) : c.schedule.type === 'at' && c.status !== 'cancelled' ? (
                <Typography.Text type="secondary">定时 {dateTime(c.schedule.at)}</Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  )
}
