/**
 * 发送记录: each member of the frozen audience and what came of it — the group, sent or the
 * reason not, by WeChat too, the coupon's code — paged on the server (read again every few
 * seconds while the campaign sends), exported to CSV.
 */
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { api, type ResponseOf } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { dateTime } from '../../lib/format'
import { GROUPS, OUTCOMES } from './labels'
import { LIST_POLL_MS, recipientsKey } from './queries'

type Recipient = ResponseOf<'listCampaignRecipients'>['items'][number]

export default function RecipientsTab({ c }: { c: Campaign }) {
  return (
    <PagedTable<Recipient>
      testId="campaign-recipients"
      queryKey={recipientsKey(c.campaignId)}
      fetchPage={(page) => api.call('listCampaignRecipients', { params: { campaignId: c.campaignId }, query: page })}
      rowKey="memberId"
      emptyText={c.launchedAt ? '还没有发送记录' : '活动发送后，这里显示每位会员的发送结果'}
      refetchInterval={() => (c.status === 'sending' ? LIST_POLL_MS : false)}
      csv={{
        fileName: `发送记录-${c.name}`,
        columns: [
          { title: '卡号', value: (r) => r.cardNo },
          { title: '分组', value: (r) => GROUPS[r.group] },
          { title: '结果', value: (r) => OUTCOMES[r.outcome].text },
          { title: '微信订阅消息', value: (r) => (r.wechat ? '是' : '否') },
          { title: '券码', value: (r) => r.couponCode ?? '' },
          { title: '时间', value: (r) => dateTime(r.at) },
        ],
      }}
      columns={[
        {
          title: '卡号',
          dataIndex: 'cardNo',
          render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
        },
        {
          title: '分组',
          dataIndex: 'group',
          render: (g: Recipient['group']) => <Tag color={g === 'treatment' ? 'red' : 'default'}>{GROUPS[g]}</Tag>,
        },
        {
          title: '结果',
          dataIndex: 'outcome',
          render: (o: Recipient['outcome']) => <Tag color={OUTCOMES[o].color}>{OUTCOMES[o].text}</Tag>,
        },
        {
          title: '微信订阅消息',
          dataIndex: 'wechat',
          render: (w: boolean) => (w ? <Tag color="green">已发送</Tag> : <Typography.Text type="secondary">否</Typography.Text>),
        },
        {
          title: '券码',
          dataIndex: 'couponCode',
          render: (v: string | null) =>
            v ? (
              <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                {v}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        { title: '时间', dataIndex: 'at', render: (v: string) => dateTime(v) },
      ]}
    />
  )
}
