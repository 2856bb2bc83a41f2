/**
 * 发送进度: how far the send has gone (processed of planned) and what came of it — sent,
 * by WeChat too (queued, and of those what WeChat answered: 已送达 / 失败), coupons issued, failed, waiting for the end of quiet hours — and the
 * members it did not reach, by reason. Before the launch: the estimate of its reach (a
 * recurring campaign's: of each run, by the segment as it is now; its runs have the progress).
 */
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import { useQuery } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import Progress from 'antd/es/progress'
import Row from 'antd/es/row'
import Spin from 'antd/es/spin'
import Statistic from 'antd/es/statistic'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import type { ReactNode } from 'react'
import { api } from '../../api/client'
import { count, dateTime, percent } from '../../lib/format'
import { campaignErrorText } from './errors'
import { EstimateFigures, EstimateFunnel } from './Estimate'
import { SUPPRESSION_COLORS, SUPPRESSION_LABELS, SUPPRESSION_REASONS } from './labels'
import { CAMPAIGNS_KEY, progressPercent, SENDING_POLL_MS, suppressedTotal } from './queries'

function Figure({
  title,
  value,
  testId,
  color,
  hint,
  note,
}: {
  title: string
  value: number
  testId: string
  color?: string
  hint?: string
  note?: ReactNode
}) {
  return (
    <Col span={6}>
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

/** The reasons a member got nothing; `no_grant` is not one (those members get the inbox message: 其中微信 tells it). */
const NOT_REACHED = SUPPRESSION_REASONS.filter((r) => r !== 'no_grant')

function Suppressed({ c }: { c: Campaign }) {
  const rows = NOT_REACHED.map((r) => ({ reason: r, n: c.progress.suppressed[r] }))
  const max = Math.max(1, ...rows.map((r) => r.n))
  return (
    <div data-testid="campaign-suppressed">
      {rows.map((r) => (
        <div
          key={r.reason}
          style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}
          data-testid={`suppressed-${r.reason}`}
        >
          <span style={{ flex: '0 0 84px', fontSize: 12, color: '#5f6670' }}>{SUPPRESSION_LABELS[r.reason]}</span>
          <div style={{ flex: 1, height: 10, background: '#f5f5f5', borderRadius: 5 }}>
            <div
              style={{
                width: `${(r.n / max) * 100}%`,
                minWidth: r.n > 0 ? 4 : 0,
                height: '100%',
                background: SUPPRESSION_COLORS[r.reason],
                borderRadius: 5,
                transition: 'width .3s',
              }}
            />
          </div>
          <span style={{ flex: '0 0 56px', textAlign: 'right', fontSize: 12 }}>{count(r.n)}</span>
        </div>
      ))}
    </div>
  )
}

/** Beside 其中微信: what WeChat answered of the queued messages, and who had no grant. */
export function WechatOutcome({ c }: { c: Pick<Campaign, 'progress' | 'message'> }) {
  const p = c.progress
  if (!c.message.wechat && p.wechat === 0) return null
  const waiting = Math.max(0, p.wechat - p.wechatDelivered - p.wechatFailed)
  return (
    <>
      <span data-testid="progress-wechat-outcome">
        已送达 <span data-testid="progress-wechat-delivered">{count(p.wechatDelivered)}</span> · 失败{' '}
        <span data-testid="progress-wechat-failed" style={p.wechatFailed > 0 ? { color: '#cf1322' } : undefined}>
          {count(p.wechatFailed)}
        </span>
        {waiting > 0 ? ` · 待微信回应 ${count(waiting)}` : ''}
      </span>
      {c.message.wechat && p.suppressed.no_grant > 0 && <div>{count(p.suppressed.no_grant)} 人无订阅授权，仅收到站内信</div>}
    </>
  )
}

/** Before launch (a draft or scheduled): the estimate, as the wizard's 确认 step showed it. */
function Estimate({ c }: { c: Campaign }) {
  const estimate = useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'estimate', c.campaignId, c.version],
    queryFn: () => api.call('estimateCampaign', { params: { campaignId: c.campaignId } }),
    staleTime: 30_000,
    retry: false,
  })
  if (estimate.isPending) return <Spin />
  if (estimate.isError)
    return <Alert type="warning" showIcon title="暂时无法预估触达人数" description={campaignErrorText(estimate.error)} />
  return (
    <div style={{ display: 'flex', gap: 24, alignItems: 'center' }}>
      <div style={{ flex: '1 1 0', minWidth: 0 }}>
        <EstimateFigures estimate={estimate.data} />
      </div>
      <div style={{ flex: '0 0 460px' }}>
        <EstimateFunnel estimate={estimate.data} />
      </div>
    </div>
  )
}

export default function LiveProgress({ c }: { c: Campaign }) {
  const recurring = c.schedule.type === 'recurring'
  if (recurring && c.status !== 'draft' && c.status !== 'scheduled')
    return (
      <Card size="small" title="发送进度">
        <Typography.Text type="secondary" data-testid="campaign-recurring-ended">
          {c.status === 'cancelled' ? '周期活动已取消，不再发送后续批次。' : '周期活动已结束。'}
          已发送的批次及其进度和报表见「历次发送」。
        </Typography.Text>
      </Card>
    )
  if (c.status === 'draft' || (c.status === 'scheduled' && c.progress.planned === 0))
    return (
      <Card
        size="small"
        title={recurring ? '预计每次触达（按现在的人群）' : '预计触达'}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.status === 'draft'
              ? recurring
                ? '草稿：排期后按周期自动发送，每次的进度见「历次发送」'
                : '草稿：发送后显示实时进度'
              : c.schedule.type === 'at'
                ? `将于 ${dateTime(c.schedule.at)} 自动发送`
                : recurring && c.nextRunAt
                  ? `下次 ${dateTime(c.nextRunAt)} 自动发送 · 每次的进度见「历次发送」`
                  : '等待发送'}
          </Typography.Text>
        }
      >
        <Estimate c={c} />
      </Card>
    )
  if (c.status === 'cancelled' && c.progress.planned === 0)
    return (
      <Card size="small" title="发送进度">
        <Typography.Text type="secondary">活动已取消，没有发送。</Typography.Text>
      </Card>
    )

  const p = c.progress
  const pct = progressPercent(c)
  const notReached = suppressedTotal(c)
  return (
    <Card
      size="small"
      title="发送进度"
      data-testid="campaign-live-progress"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.status === 'sending'
            ? `发送中 · 每 ${SENDING_POLL_MS / 1000} 秒自动刷新`
            : c.status === 'paused'
              ? '已暂停：剩余的会员等待继续'
              : c.finishedAt
                ? `完成于 ${dateTime(c.finishedAt)}`
                : ''}
        </Typography.Text>
      }
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 16 }}>
        <Progress
          percent={pct}
          status={c.status === 'sending' ? 'active' : c.status === 'paused' ? 'exception' : pct >= 100 ? 'success' : 'normal'}
          strokeColor={c.status === 'paused' ? '#fa8c16' : undefined}
          style={{ flex: 1, margin: 0 }}
          data-testid="campaign-progress-bar"
        />
        <Typography.Text style={{ flex: 'none' }} data-testid="campaign-processed">
          已处理 {count(p.processed)} / {count(p.planned)} 人
        </Typography.Text>
      </div>
      {p.deferred > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="campaign-deferred"
          title={`${count(p.deferred)} 位会员的消息因免打扰时段顺延，将在免打扰结束后发出（不会丢弃）。`}
        />
      )}
      <div style={{ display: 'flex', gap: 32, alignItems: 'flex-start' }}>
        <Row gutter={[16, 16]} style={{ flex: '1 1 0', minWidth: 0 }}>
          <Figure title="计划人数" value={p.planned} testId="progress-planned" hint="发送时冻结的名单：实验组和对照组" />
          <Figure title="已处理" value={p.processed} testId="progress-processed" />
          <Figure title="已发送" value={p.sent} testId="progress-sent" color="#389e0d" />
          <Figure
            title="其中微信"
            value={p.wechat}
            testId="progress-wechat"
            hint="已为其排队发送微信订阅消息的会员（每人用掉一次授权）；微信的送达结果在右侧"
            note={<WechatOutcome c={c} />}
          />
          <Figure title="已发券" value={p.couponsIssued} testId="progress-coupons" />
          <Figure title="未触达" value={notReached} testId="progress-suppressed" hint="对照组、频次上限、未同意营销等，原因见右侧" />
          <Figure title="发送失败" value={p.failed} testId="progress-failed" color={p.failed > 0 ? '#cf1322' : undefined} />
          <Figure title="免打扰顺延" value={p.deferred} testId="progress-deferred" hint="免打扰时段内的消息，等到时段结束再发" />
        </Row>
        <div style={{ flex: '0 0 340px' }}>
          <Typography.Text strong style={{ fontSize: 13, display: 'block', marginBottom: 8 }}>
            未触达原因
            {p.planned > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}>
                占计划 {percent(notReached / p.planned)}
              </Typography.Text>
            )}
          </Typography.Text>
          <Suppressed c={c} />
        </div>
      </div>
    </Card>
  )
}
