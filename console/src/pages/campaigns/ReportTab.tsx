/**
 * 效果报表: what the campaign earned, the treated members against the control group in the
 * attribution window — the verdict in words first (a small campaign cannot tell), then the
 * incremental revenue with its 95 % interval, the coupon cost and the incremental profit
 * (green when positive, red when negative), the two groups side by side, the funnel of
 * each, and the revenue per member by day. An automation's report (its campaign
 * `AUTO-<kind>`) is the same, its groups counted in firings (触达人次), each with its own window.
 */
import type { CampaignReport } from '@huiyuan/shared/campaigns/schemas'
import Alert from 'antd/es/alert'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import Row from 'antd/es/row'
import Statistic from 'antd/es/statistic'
import Table from 'antd/es/table'
import Typography from 'antd/es/typography'
import { FunnelChart, LineChart } from 'echarts/charts'
import * as echarts from 'echarts/core'
import { type ReactNode, useMemo } from 'react'
import Chart from '../../components/Chart'
import { EmptyState, QueryState } from '../../components/states'
import { count, percent } from '../../lib/format'
import { CONTROL_COLOR, money, TREATMENT_COLOR } from './labels'
import { type CampaignRef, useCampaignReport } from './queries'

// The funnel is registered here, so only this page loads it (components/Chart.tsx draws it).
echarts.use([FunnelChart, LineChart])

const GREEN = '#389e0d'
const RED = '#cf1322'
const signColor = (fen: number) => (fen > 0 ? GREEN : fen < 0 ? RED : undefined)
const signed = (fen: number) => `${fen > 0 ? '+' : fen < 0 ? '−' : ''}${money(Math.abs(fen))}`

function Figure({ title, value, color, note, testId }: { title: string; value: string; color?: string; note?: ReactNode; testId: string }) {
  return (
    <Col flex="1 1 0" style={{ minWidth: 200 }}>
      <Card size="small" data-testid={testId} style={{ height: '100%' }}>
        <Statistic title={title} value={value} styles={{ content: { fontSize: 24, color } }} />
        {note && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {note}
          </Typography.Text>
        )}
      </Card>
    </Col>
  )
}

function Verdict({ r, automation }: { r: CampaignReport; automation: boolean }) {
  const type = r.verdict === 'significant' ? (r.incrementalRevenueFen >= 0 ? 'success' : 'error') : 'warning'
  return (
    <Alert
      type={type}
      showIcon
      data-testid="report-verdict"
      title={<span style={{ fontSize: 18, fontWeight: 600 }}>{r.verdictText}</span>}
      description={
        <>
          {automation ? (
            <div>每次触发后的归因窗口内，比较实验组（收到）与对照组（未收到）的消费；同一会员多次触发按多人次计。</div>
          ) : (
            r.windowFrom &&
            r.windowTo && (
              <div>
                归因窗口：{r.windowFrom} 至 {r.windowTo}，比较实验组（收到活动）与对照组（未收到）在窗口内的消费。
              </div>
            )
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="report-method">
            计算方法：{r.method}
          </Typography.Text>
        </>
      }
    />
  )
}

type CompareRow = { key: string; label: string; treatment: string; control: string; diff?: ReactNode }

function Comparison({ r, automation }: { r: CampaignReport; automation: boolean }) {
  const t = r.treatment
  const c = r.control
  const conversionDiff = t.conversion - c.conversion
  const perMemberDiff = t.revenuePerMemberFen - c.revenuePerMemberFen
  const rows: CompareRow[] = [
    { key: 'members', label: automation ? '触达人次' : '会员数', treatment: count(t.members), control: count(c.members) },
    {
      key: 'delivered',
      label: '已触达（其中微信）',
      treatment: `${count(t.delivered)}（${count(t.deliveredWechat)}）`,
      control: `${count(c.delivered)}（${count(c.deliveredWechat)}）`,
    },
    { key: 'couponsIssued', label: '发券', treatment: count(t.couponsIssued), control: count(c.couponsIssued) },
    { key: 'couponsRedeemed', label: '核销', treatment: count(t.couponsRedeemed), control: count(c.couponsRedeemed) },
    { key: 'purchasers', label: '购买会员', treatment: count(t.purchasers), control: count(c.purchasers) },
    { key: 'orders', label: '订单数', treatment: count(t.orders), control: count(c.orders) },
    { key: 'revenue', label: '销售额', treatment: money(t.revenueFen), control: money(c.revenueFen) },
    {
      key: 'conversion',
      label: automation ? '转化率（购买 ÷ 触达人次）' : '转化率（购买会员 ÷ 会员数）',
      treatment: percent(t.conversion),
      control: percent(c.conversion),
      diff: (
        <span style={{ color: signColor(conversionDiff) }}>
          {conversionDiff > 0 ? '+' : conversionDiff < 0 ? '−' : ''}
          {(Math.abs(conversionDiff) * 100).toFixed(1)} 个百分点
        </span>
      ),
    },
    {
      key: 'perMember',
      label: automation ? '每人次销售额' : '人均销售额',
      treatment: money(t.revenuePerMemberFen),
      control: money(c.revenuePerMemberFen),
      diff: <span style={{ color: signColor(perMemberDiff) }}>{signed(perMemberDiff)}</span>,
    },
  ]
  return (
    <Table<CompareRow>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid="report-compare"
      columns={[
        { title: '指标', dataIndex: 'label' },
        {
          title: <span style={{ color: TREATMENT_COLOR }}>实验组</span>,
          dataIndex: 'treatment',
          align: 'right',
        },
        { title: <span style={{ color: '#595959' }}>对照组</span>, dataIndex: 'control', align: 'right' },
        { title: '差异（实验组 − 对照组）', dataIndex: 'diff', align: 'right', render: (v?: ReactNode) => v ?? '' },
      ]}
    />
  )
}

/**
 * The two groups' funnels back to back: the treated members' widening to the left, the
 * control group's to the right, each scaled to its own first step; between them a column
 * with each step's name and the two figures (a step of a few members stays readable).
 */
function FunnelCharts({ r }: { r: CampaignReport }) {
  const option = useMemo(() => {
    const layout = { top: 36, bottom: 8, sort: 'none', min: 0, gap: 4, minSize: '3%', maxSize: '100%' }
    const side = (group: 'treatment' | 'control') => {
      const left = group === 'treatment'
      const data = r.funnel.map((s) => ({ name: s.step, value: s[group] }))
      return {
        ...layout,
        name: left ? '实验组' : '对照组',
        type: 'funnel',
        funnelAlign: left ? 'right' : 'left',
        left: left ? '3%' : '69%',
        width: '28%',
        max: Math.max(1, ...data.map((d) => d.value)),
        label: { show: false },
        itemStyle: { color: left ? TREATMENT_COLOR : CONTROL_COLOR, borderColor: '#fff', borderWidth: 1 },
        data: data.map((d, i) => ({ ...d, itemStyle: { opacity: 1 - i * (0.5 / Math.max(1, data.length - 1)) } })),
      }
    }
    return {
      title: [
        { text: '实验组', left: '17%', top: 4, textAlign: 'center', textStyle: { fontSize: 13, color: TREATMENT_COLOR } },
        { text: '对照组', left: '83%', top: 4, textAlign: 'center', textStyle: { fontSize: 13, color: '#595959' } },
      ],
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; name: string; value: number; dataIndex: number }) => {
          const s = r.funnel[p.dataIndex]
          return p.seriesName === '步骤' && s
            ? `${s.step}<br/>实验组：${count(s.treatment)}<br/>对照组：${count(s.control)}`
            : `${p.seriesName} · ${p.name}：${count(p.value)}`
        },
      },
      series: [
        side('treatment'),
        side('control'),
        {
          ...layout,
          name: '步骤',
          type: 'funnel',
          left: '31%',
          width: '38%',
          max: 1,
          minSize: '100%',
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { dataIndex: number }) => {
              const s = r.funnel[p.dataIndex]
              return s ? `{t|${count(s.treatment)}}{n|${s.step}}{c|${count(s.control)}}` : ''
            },
            rich: {
              t: { width: 36, align: 'left', fontSize: 13, fontWeight: 600, color: TREATMENT_COLOR },
              n: { width: 60, align: 'center', fontSize: 12, color: '#5f6670' },
              c: { width: 36, align: 'right', fontSize: 13, fontWeight: 600, color: '#595959' },
            },
          },
          itemStyle: { color: '#fafafa', borderColor: '#fff', borderWidth: 1 },
          emphasis: { disabled: true },
          data: r.funnel.map((s) => ({ name: s.step, value: 1 })),
        },
      ],
    }
  }, [r])
  if (r.funnel.length === 0) return <EmptyState text="暂无漏斗数据" />
  return <Chart option={option} height={300} testId="chart-campaign-funnel" />
}

function DailyChart({ r }: { r: CampaignReport }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `¥${Number(v).toFixed(2)}` },
      legend: { data: ['实验组', '对照组'], top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: r.daily.map((d) => d.date.slice(5)), boundaryGap: false },
      yAxis: { type: 'value', name: '元/人' },
      series: [
        {
          name: '实验组',
          type: 'line',
          data: r.daily.map((d) => Math.round(d.treatmentFen) / 100),
          itemStyle: { color: TREATMENT_COLOR },
          symbolSize: 6,
        },
        {
          name: '对照组',
          type: 'line',
          data: r.daily.map((d) => Math.round(d.controlFen) / 100),
          itemStyle: { color: CONTROL_COLOR },
          lineStyle: { type: 'dashed' },
          symbolSize: 6,
        },
      ],
    }),
    [r],
  )
  if (r.daily.length === 0) return <EmptyState text="归因窗口开始后显示每日数据" />
  return <Chart option={option} height={280} testId="chart-campaign-daily" />
}

function ReportBody({ r, automation }: { r: CampaignReport; automation: boolean }) {
  const interval =
    r.incrementalRevenueLowFen !== null && r.incrementalRevenueHighFen !== null
      ? `95% 区间：${signed(r.incrementalRevenueLowFen)} ~ ${signed(r.incrementalRevenueHighFen)}`
      : '样本不足，无法给出区间'
  return (
    <div data-testid="campaign-report">
      <Verdict r={r} automation={automation} />
      <Row gutter={[12, 12]} style={{ margin: '16px 0' }}>
        <Figure
          testId="report-incremental-revenue"
          title="增量销售额"
          value={signed(r.incrementalRevenueFen)}
          color={signColor(r.incrementalRevenueFen)}
          note={interval}
        />
        <Figure testId="report-coupon-cost" title="券成本" value={money(r.couponCostFen)} note="实验组已核销券的优惠金额" />
        <Figure testId="report-margin" title="毛利率" value={`${r.grossMarginPct}%`} note="积分与等级 · 营销消息中设置" />
        <Figure
          testId="report-incremental-profit"
          title="增量利润"
          value={signed(r.incrementalProfitFen)}
          color={signColor(r.incrementalProfitFen)}
          note="增量销售额 × 毛利率 − 券成本"
        />
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="实验组与对照组" style={{ height: '100%' }}>
            <Comparison r={r} automation={automation} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="转化漏斗" style={{ height: '100%' }}>
            <FunnelCharts r={r} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="每日人均销售额" style={{ marginTop: 16 }}>
        <DailyChart r={r} />
      </Card>
    </div>
  )
}

export default function ReportTab({ c }: { c: CampaignRef }) {
  const report = useCampaignReport(c)
  const automation = Boolean(c.automation)
  if (!c.launchedAt)
    return (
      <EmptyState
        text={
          automation
            ? '自动化触发后，这里显示实验组与对照组的效果对比'
            : c.status === 'cancelled'
              ? '活动已取消，没有效果数据'
              : '活动发送后，这里显示实验组与对照组的效果对比'
        }
      />
    )
  return (
    <QueryState query={report} rows={8}>
      {(r) => <ReportBody r={r} automation={automation} />}
    </QueryState>
  )
}
