/**
 * 预收资金季度报表: a quarter's prepaid funds for the issuer's escrow filing — the balance at
 * its start and end (预收资金余额), and the top-ups, spends and refunds in it; principal (the
 * prepaid money) and bonus apart. A quarter picker; CSV export of the figures.
 */
import DownloadOutlined from '@ant-design/icons/DownloadOutlined'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Space from 'antd/es/space'
import Statistic from 'antd/es/statistic'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { QueryState } from '../../components/states'
import { downloadCsv } from '../../lib/csv'
import { count, yuan } from '../../lib/format'
import { type ReportOf, useReport } from '../reports/useReport'

type Amount = { principalFen: number; bonusFen: number }
type Quarter = ReportOf<'stored-value'>['quarter']

/** 2026-Q4 of a day. */
export const quarterOf = (d: Dayjs): string => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`
/** The first day of a quarter (2026-Q4 → 2026-10-01). */
const quarterStart = (q: string): Dayjs => dayjs(`${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`)
/** 2026 年第 4 季度 */
export const quarterLabel = (q: string): string => `${q.slice(0, 4)} 年第 ${q.slice(6)} 季度`

interface Line {
  key: string
  label: string
  amount: Amount
  strong?: boolean
}

const linesOf = (q: Quarter): Line[] => [
  { key: 'opening', label: `期初余额（${q.from} 零时）`, amount: q.opening },
  { key: 'topUps', label: `加：本季充值（${count(q.topUps)} 笔）`, amount: q.toppedUp },
  { key: 'spends', label: `减：本季消费（${count(q.spends)} 笔）`, amount: q.spent },
  { key: 'refunds', label: `加：本季退款退回卡内（${count(q.refunds)} 笔）`, amount: q.refunded },
  { key: 'closing', label: `期末余额（${q.asOf} 日终）`, amount: q.closing, strong: true },
]

export default function QuarterCard({
  range,
  quarter,
  onQuarter,
}: {
  range: { from: string; to: string }
  quarter: string | undefined
  onQuarter: (quarter: string | undefined) => void
}) {
  // The same report as the balance above (one request): the quarter rides along.
  const report = useReport('stored-value', { ...range, ...(quarter ? { quarter } : {}) })
  const shown = quarter ?? report.data?.quarter.quarter ?? quarterOf(dayjs())
  const current = quarterOf(dayjs())
  return (
    <Card
      title="预收资金季度报表"
      data-testid="quarter-card"
      extra={
        <Space>
          <DatePicker
            picker="quarter"
            value={quarterStart(shown)}
            allowClear={false}
            format={(d) => quarterLabel(quarterOf(d))}
            disabledDate={(d) => quarterOf(d) > current}
            onChange={(d) => d && onQuarter(quarterOf(d) === current ? undefined : quarterOf(d))}
            aria-label="季度"
            data-testid="quarter-picker"
            style={{ width: 170 }}
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!report.data}
            onClick={() => report.data && exportQuarter(report.data.quarter)}
            data-testid="quarter-csv"
          >
            导出 CSV
          </Button>
        </Space>
      }
    >
      <QueryState query={report}>{(r) => <QuarterBody q={r.quarter} />}</QueryState>
    </Card>
  )
}

function QuarterBody({ q }: { q: Quarter }) {
  return (
    <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div style={{ width: 260, flex: 'none' }}>
        <Statistic
          title={
            <Space size={6}>
              预收资金余额
              {q.complete ? <Tag color="green">已结束</Tag> : <Tag color="orange">本季度进行中</Tag>}
            </Space>
          }
          value={yuan(q.closing.principalFen)}
          styles={{ content: { fontSize: 28, color: '#c8102e' } }}
          data-testid="quarter-closing-principal"
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {quarterLabel(q.quarter)}（{q.from} 至 {q.to}）{q.complete ? '末' : `截至 ${q.asOf}`}会员卡内的本金余额。另有赠送金{' '}
          {yuan(q.closing.bonusFen)}，不属于预收资金。
        </Typography.Paragraph>
      </div>
      <Table<Line>
        style={{ flex: 1, minWidth: 520 }}
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={linesOf(q)}
        data-testid="quarter-table"
        columns={[
          { title: '项目', render: (_, l) => (l.strong ? <b>{l.label}</b> : l.label) },
          {
            title: '本金（预收资金）',
            align: 'right',
            render: (_, l) => (l.strong ? <b>{yuan(l.amount.principalFen)}</b> : yuan(l.amount.principalFen)),
          },
          { title: '赠送金', align: 'right', render: (_, l) => yuan(l.amount.bonusFen) },
          { title: '合计', align: 'right', render: (_, l) => yuan(l.amount.principalFen + l.amount.bonusFen) },
        ]}
      />
      {!q.complete && (
        <Alert
          type="info"
          showIcon
          style={{ width: '100%' }}
          title="本季度尚未结束：期末余额为截至今日的数字，季度结束后再导出用于备案。"
        />
      )}
    </div>
  )
}

const exportQuarter = (q: Quarter) =>
  downloadCsv(
    `预收资金-${q.quarter}`,
    [
      { title: '季度', value: () => q.quarter },
      { title: '项目', value: (l: Line) => l.label },
      { title: '本金（元）', value: (l: Line) => (l.amount.principalFen / 100).toFixed(2) },
      { title: '赠送金（元）', value: (l: Line) => (l.amount.bonusFen / 100).toFixed(2) },
      { title: '合计（元）', value: (l: Line) => ((l.amount.principalFen + l.amount.bonusFen) / 100).toFixed(2) },
    ],
    linesOf(q),
  )
