/**
 * 发送记录: the WeChat subscription messages queued on a day (today in Asia/Shanghai by
 * default), newest first — when, to which member, which template and what it said, what
 * WeChat answered (its refusals in Chinese), and the campaign it came from — paged on the
 * server, read again every 5 s while one on the page waits for WeChat.
 */
import { useQuery } from '@tanstack/react-query'
import type { WechatMessage } from '@huiyuan/shared/messaging/schemas'
import Alert from 'antd/es/alert'
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import PagedTable from '../../components/PagedTable'
import { dateTime, shanghaiDate } from '../../lib/format'
import { campaignKey } from '../campaigns/queries'
import { useProgram } from '../program/queries'
import { errorOf, fieldsOf, fieldsText, inFlight, STATUS, SUBSCRIPTION_PURPOSE_LABELS } from './labels'

/** Read again this often while a message on the page is queued or being sent. */
export const MESSAGES_POLL_MS = 5_000

/** The campaign a message came from, by name once read (the id until then), linking to its page. */
function CampaignLink({ campaignId }: { campaignId: string }) {
  const campaign = useQuery({
    queryKey: campaignKey(campaignId),
    queryFn: () => api.call('getCampaign', { params: { campaignId } }),
    staleTime: 60_000,
    retry: false,
  })
  return (
    <Link
      to={`/campaigns/${encodeURIComponent(campaignId)}`}
      style={{ display: 'inline-block', maxWidth: 150, whiteSpace: 'normal' }}
      data-testid="message-source"
    >
      营销活动：{campaign.data?.name ?? campaignId}
    </Link>
  )
}

export default function MessagesPage() {
  const me = useMe()
  const program = useProgram()
  const rules = program.data?.rules.messaging
  const [day, setDay] = useState<Dayjs>(() => dayjs(shanghaiDate()))
  const date = day.format('YYYY-MM-DD')
  const today = shanghaiDate()
  const membersLinked = mayCall(me.data, 'searchMembers')

  return (
    <Card title="订阅消息发送记录">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="messages-explained"
        title="每条订阅消息消耗会员在小程序中点「允许」时给出的一次授权；没有授权的会员只收到站内信。"
      />
      <PagedTable<WechatMessage>
        testId="wechat-messages"
        queryKey={['wechat-messages', date]}
        fetchPage={(page) => api.call('listWechatMessages', { query: { date, ...page } })}
        rowKey="messageId"
        emptyText="当天没有订阅消息"
        refetchInterval={(page) => (page?.items.some(inFlight) ? MESSAGES_POLL_MS : false)}
        toolbar={
          <span data-testid="messages-date">
            <DatePicker
              value={day}
              onChange={(d) => d && setDay(d)}
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              aria-label="日期"
            />
          </span>
        }
        csv={{
          fileName: `订阅消息发送记录-${date}`,
          columns: [
            { title: '时间', value: (m) => dateTime(m.createdAt) },
            { title: '卡号', value: (m) => m.cardNo },
            { title: '消息', value: (m) => SUBSCRIPTION_PURPOSE_LABELS[m.purpose] },
            { title: '内容', value: (m) => fieldsText(fieldsOf(m, rules)) },
            { title: '状态', value: (m) => STATUS[m.status].text },
            { title: '原因', value: (m) => (m.status === 'failed' ? (errorOf(m) ?? '') : '') },
            { title: '来源', value: (m) => (m.source.kind === 'campaign' ? `营销活动 ${m.source.id}` : '服务通知') },
            { title: '送达时间', value: (m) => (m.sentAt ? dateTime(m.sentAt) : '') },
          ],
        }}
        columns={[
          {
            title: '时间',
            dataIndex: 'createdAt',
            render: (_, m) => (
              <>
                {dayjs(m.createdAt).format('HH:mm:ss')}
                {m.sentAt && dateTime(m.sentAt) !== dateTime(m.createdAt) && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      送达 {dateTime(m.sentAt)}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: '会员',
            dataIndex: 'cardNo',
            render: (_, m) =>
              membersLinked ? (
                <Link to={`/members/${encodeURIComponent(m.memberId)}`} style={{ fontFamily: 'monospace' }}>
                  {m.cardNo}
                </Link>
              ) : (
                <Typography.Text style={{ fontFamily: 'monospace' }}>{m.cardNo}</Typography.Text>
              ),
          },
          { title: '消息', dataIndex: 'purpose', render: (_, m) => SUBSCRIPTION_PURPOSE_LABELS[m.purpose] },
          {
            title: '内容',
            key: 'data',
            render: (_, m) => {
              const fields = fieldsOf(m, rules)
              return (
                <div style={{ minWidth: 160, maxWidth: 220, whiteSpace: 'normal', wordBreak: 'break-word' }} data-testid="message-data">
                  {fields.length === 0
                    ? '—'
                    : fields.map((f) => (
                        <div key={f.label}>
                          <Typography.Text type="secondary">{f.label}：</Typography.Text>
                          {f.value}
                        </div>
                      ))}
                </div>
              )
            },
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (_, m) => {
              const why = m.status === 'failed' ? errorOf(m) : null
              return (
                <div style={{ maxWidth: 160, whiteSpace: 'normal' }}>
                  <Tag color={STATUS[m.status].color} data-testid="message-status">
                    {STATUS[m.status].text}
                  </Tag>
                  {why && (
                    <div>
                      <Typography.Text type="danger" style={{ fontSize: 12 }} title={m.error ?? undefined} data-testid="message-error">
                        {m.errcode !== null ? `${m.errcode}：${why}` : why}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              )
            },
          },
          {
            title: '来源',
            key: 'source',
            render: (_, m) =>
              m.source.kind === 'campaign' ? (
                <CampaignLink campaignId={m.source.id} />
              ) : (
                <Typography.Text type="secondary">服务通知</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  )
}
