/**
 * 发送记录: each member of the frozen audience and what came of it — the group, sent or the
 * reason not, whether a WeChat message was queued (a grant used; what WeChat answered is in
 * the 发送记录 page), the coupon's code — paged on the server (read again every few seconds
 * while the campaign sends), exported to CSV. An automation's (`AUTO-<kind>`) lists each
 * firing: a member fired for twice has two rows.
 */
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { Link } from 'react-router'
import { api, type ResponseOf } from '../../api/client'
import PagedTable from '../../components/PagedTable'
import { dateTime } from '../../lib/format'
import { GROUPS, OUTCOMES } from './labels'
import { type CampaignRef, LIST_POLL_MS, recipientsKey } from './queries'

type Recipient = ResponseOf<'listCampaignRecipients'>['items'][number] & { key: string }

/** An automation's records are read again this often while it is on. */
const AUTOMATION_POLL_MS = 10_000

/** The WeChat flag: a message was queued for the member (one of their grants used), not that WeChat delivered it. */
const WECHAT_QUEUED = '已使用授权，排队发送'

export default function RecipientsTab({ c }: { c: CampaignRef }) {
  return (
    <PagedTable<Recipient>
      testId="campaign-recipients"
      queryKey={recipientsKey(c.campaignId)}
      fetchPage={async (page) => {
        const r = await api.call('listCampaignRecipients', { params: { campaignId: c.campaignId }, query: page })
        // A member may be fired for more than once by an automation: the member and the time make a row.
        return { ...r, items: r.items.map((x) => ({ ...x, key: `${x.memberId}:${x.at}` })) }
      }}
      rowKey="key"
      emptyText={
        c.automation
          ? '自动化触发后，这里显示每次触发的会员和结果'
          : c.launchedAt
            ? '还没有发送记录'
            : '活动发送后，这里显示每位会员的发送结果'
      }
      refetchInterval={() => (c.status === 'sending' ? (c.automation ? AUTOMATION_POLL_MS : LIST_POLL_MS) : false)}
      csv={{
        fileName: `发送记录-${c.name}`,
        columns: [
          { title: '卡号', value: (r) => r.cardNo },
          { title: '分组', value: (r) => GROUPS[r.group] },
          { title: '结果', value: (r) => OUTCOMES[r.outcome].text },
          { title: '微信订阅消息', value: (r) => (r.wechat ? WECHAT_QUEUED : '否') },
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
          render: (w: boolean) =>
            w ? (
              <Tooltip
                title={
                  <span>
                    已为该会员排队发送一条订阅消息（用掉一次授权）；微信是否送达见「<Link to="/messages">发送记录</Link>」。
                  </span>
                }
              >
                <Tag color="blue" data-testid="recipient-wechat">
                  {WECHAT_QUEUED}
                </Tag>
              </Tooltip>
            ) : (
              <Typography.Text type="secondary">否</Typography.Text>
            ),
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
