/**
 * 历次发送: a recurring campaign's runs, newest first — each a campaign of its own (its
 * audience frozen when it ran, its own control group and report), opened by its name —
 * with its status, progress, members sent and when it started; read again while one sends
 * and, while the campaign waits for its next run, as often as its page is.
 */
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { Link } from 'react-router'
import { api } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { count, dateTime } from '../../lib/format'
import { ProgressCell } from './CampaignsPage'
import { STATUS } from './labels'
import { LIST_POLL_MS, runsKey, SCHEDULED_POLL_MS } from './queries'
import { RUN_EXPLAINED } from './Summary'

export default function RunsTab({ c }: { c: Campaign }) {
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {RUN_EXPLAINED}
      </Typography.Paragraph>
      <PagedTable<Campaign>
        testId="campaign-runs"
        queryKey={runsKey(c.campaignId)}
        fetchPage={(page) => api.call('listCampaignRuns', { params: { campaignId: c.campaignId }, query: page })}
        rowKey="campaignId"
        emptyText={c.status === 'scheduled' && c.nextRunAt ? `还没有发送过，下次发送：${dateTime(c.nextRunAt)}` : '没有发送过'}
        refetchInterval={(page) =>
          page?.items.some((r) => r.status === 'sending') ? LIST_POLL_MS : c.status === 'scheduled' ? SCHEDULED_POLL_MS : false
        }
        csv={{
          fileName: `${c.name}-历次发送`,
          columns: [
            { title: '活动编号', value: (r) => r.campaignId },
            { title: '名称', value: (r) => r.name },
            { title: '状态', value: (r) => STATUS[r.status].text },
            { title: '计划人数', value: (r) => r.progress.planned },
            { title: '已发送', value: (r) => r.progress.sent },
            { title: '发券', value: (r) => r.progress.couponsIssued },
            { title: '发送时间', value: (r) => dateTime(r.launchedAt) },
          ],
        }}
        columns={[
          {
            title: '批次',
            key: 'name',
            render: (_, r) => (
              <Link to={`/campaigns/${encodeURIComponent(r.campaignId)}`} data-testid="campaign-run-link">
                {r.name}
              </Link>
            ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (_, r) => <Tag color={STATUS[r.status].color}>{STATUS[r.status].text}</Tag>,
          },
          { title: '发送进度', key: 'progress', render: (_, r) => <ProgressCell c={r} /> },
          { title: '已发送', key: 'sent', align: 'right', render: (_, r) => count(r.progress.sent) },
          { title: '开始时间', key: 'launchedAt', render: (_, r) => dateTime(r.launchedAt) },
        ]}
      />
    </div>
  )
}
