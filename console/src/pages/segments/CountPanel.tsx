/**
 * 预估人数: a count as it runs (the shards done of all) and when done — size, share of all
 * members, by tier and by store — and its masked sample of 20 members.
 */
import type { SegmentCountResult } from '@huiyuan/shared/segments/schemas'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Progress from 'antd/es/progress'
import Spin from 'antd/es/spin'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { type ReactNode, useMemo } from 'react'
import { errorText } from '../../api/client'
import Chart from '../../components/Chart'
import { EmptyState } from '../../components/states'
import { count, date, dateTime, percent } from '../../lib/format'
import { PENDING_TIER_NAME } from '../members/labels'
import { money, RFM_GROUP_COLORS, RFM_GROUP_LABELS } from './labels'
import type { CountState } from './queries'

type Breakdown = SegmentCountResult['byTier']
const TOP = 8

/** A breakdown as horizontal bars, largest first (the rest of the stores summed as 其他). */
function BreakdownChart({ rows, color, testId }: { rows: Breakdown; color: string; testId: string }) {
  const shown = useMemo(() => {
    const sorted = [...rows].sort((a, b) => b.members - a.members)
    if (sorted.length <= TOP) return sorted
    const rest = sorted.slice(TOP - 1).reduce((n, r) => n + r.members, 0)
    return [...sorted.slice(0, TOP - 1), { key: '__rest', label: '其他', members: rest }]
  }, [rows])
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${count(v)} 人` },
      grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: shown.map((r) => r.label),
        axisLabel: { width: 96, overflow: 'truncate' },
        axisTick: { show: false },
      },
      series: [
        {
          name: '会员数',
          type: 'bar',
          data: shown.map((r) => r.members),
          itemStyle: { color, borderRadius: [0, 3, 3, 0] },
          barMaxWidth: 14,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => count(p.value), fontSize: 11, color: '#666' },
        },
      ],
    }),
    [shown, color],
  )
  if (rows.length === 0) return <Typography.Text type="secondary">—</Typography.Text>
  return <Chart option={option} height={Math.max(60, shown.length * 26 + 12)} testId={testId} />
}

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <div style={{ marginTop: 16 }}>
    <Typography.Text strong style={{ fontSize: 13 }}>
      {title}
    </Typography.Text>
    <div style={{ marginTop: 6 }}>{children}</div>
  </div>
)

function Figures({ c, dim }: { c: SegmentCountResult; dim?: boolean }) {
  return (
    <div style={{ opacity: dim ? 0.45 : 1, transition: 'opacity .2s' }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 6 }}>
        <span data-testid="count-size" style={{ fontSize: 34, fontWeight: 600, color: '#c8102e', lineHeight: 1.2 }}>
          {count(c.size)}
        </span>
        <span>人</span>
        <Tag color="red" style={{ marginLeft: 8 }} data-testid="count-share">
          占 {percent(c.share)}
        </Tag>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        共 {count(c.members)} 名会员 · 统计于 {dateTime(c.countedAt)}
      </Typography.Text>
      <Section title="按等级">
        <BreakdownChart
          rows={c.byTier.map((r) => (r.key === '' ? { ...r, label: PENDING_TIER_NAME } : r))}
          color="#c8102e"
          testId="chart-count-tier"
        />
      </Section>
      <Section title="按开卡门店">
        <BreakdownChart rows={c.byStore} color="#1677ff" testId="chart-count-store" />
      </Section>
    </div>
  )
}

export function CountCard({
  state,
  last,
  retry,
  extra,
  idleText,
  title = '预估人数',
}: {
  state: CountState
  last: SegmentCountResult | null
  retry: () => void
  extra?: ReactNode
  idleText: string
  title?: ReactNode
}) {
  let body: ReactNode
  if (state.status === 'idle')
    body = last ? (
      <>
        <Alert type="warning" showIcon title={idleText} style={{ marginBottom: 12 }} />
        <Figures c={last} dim />
      </>
    ) : (
      <EmptyState text={idleText} />
    )
  else if (state.status === 'failed')
    body = (
      <Alert
        type="error"
        showIcon
        title="统计失败"
        description={errorText(state.error)}
        action={
          <Button size="small" onClick={retry}>
            重试
          </Button>
        }
      />
    )
  else if (state.status === 'done') body = <Figures c={state.count} />
  else {
    const running = state.status === 'running' ? state : null
    const pct = running && running.progress.total > 0 ? Math.floor((running.progress.done / running.progress.total) * 100) : 0
    body = (
      <>
        <div data-testid="count-progress" style={{ marginBottom: 12 }}>
          {running ? (
            <>
              <Progress percent={pct} status="active" size="small" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                正在统计：已完成 {running.progress.done} / {running.progress.total} 个分片
                {running.processed !== null ? `，已处理 ${count(running.processed)} 名会员` : ''}
              </Typography.Text>
            </>
          ) : (
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Spin size="small" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                正在计算…
              </Typography.Text>
            </div>
          )}
        </div>
        {last ? <Figures c={last} dim /> : null}
      </>
    )
  }
  return (
    <Card title={title} extra={extra} size="small" data-testid="segment-count" styles={{ body: { minHeight: 120 } }}>
      {body}
    </Card>
  )
}

type SampleRow = SegmentCountResult['sample'][number]

export function SampleCard({
  sample,
  tierName,
  storeName,
}: {
  sample: SampleRow[] | null
  tierName: (code: string) => string
  storeName: (storeId: string) => string
}) {
  return (
    <Card
      size="small"
      title="样本会员"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          最多 20 人，姓名已脱敏，不含联系方式
        </Typography.Text>
      }
    >
      <Table<SampleRow>
        size="small"
        rowKey="memberId"
        data-testid="segment-sample"
        dataSource={sample ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState text={sample === null ? '条件完整后显示样本会员' : '没有符合条件的会员'} /> }}
        columns={[
          {
            title: '卡号',
            dataIndex: 'cardNo',
            render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
          },
          { title: '姓名', dataIndex: 'nameMasked' },
          { title: '等级', dataIndex: 'tierCode', render: (v: string) => tierName(v) },
          { title: '开卡门店', dataIndex: 'joinStoreId', render: (v: string) => storeName(v) },
          {
            title: 'RFM 分组',
            dataIndex: 'rfmGroup',
            render: (v: SampleRow['rfmGroup']) => (
              <Tag color={RFM_GROUP_COLORS[v]} style={{ color: v === 'prospect' || v === 'general_retain' ? '#333' : undefined }}>
                {RFM_GROUP_LABELS[v]}
              </Tag>
            ),
          },
          { title: '最近消费', dataIndex: 'lastPurchaseDate', render: (v: string | null) => (v ? date(v) : '—') },
          { title: '近12个月消费', dataIndex: 'spend12mFen', align: 'right', render: (v: number) => money(v) },
        ]}
      />
    </Card>
  )
}
