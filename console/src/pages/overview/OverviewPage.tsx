/**
 * 概览: today and this month at a glance — new and active members, purchases and member
 * sales, points issued and redeemed, check-ins, coupons redeemed — each with its last 30
 * days as a sparkline, and the member base growing over those days.
 */
import type { OverviewReport } from '@huiyuan/shared/reports/schemas'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import Row from 'antd/es/row'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { useMe } from '../../app/useMe'
import { Sparkline, TrendChart } from '../../components/MiniCharts'
import { EmptyState, QueryState } from '../../components/states'
import { count, dateTime, yuan } from '../../lib/format'
import { useStores } from '../program/queries'
import { useReport } from '../reports/useReport'

type Point = OverviewReport['series'][number]

interface Figure {
  key: string
  title: string
  today: (r: OverviewReport) => number
  month: (r: OverviewReport) => number
  series: (p: Point) => number
  text?: (n: number) => string
  color: string
}

const FIGURES: Figure[] = [
  {
    key: 'new-members',
    title: '新会员',
    today: (r) => r.today.newMembers,
    month: (r) => r.month.newMembers,
    series: (p) => p.newMembers,
    color: '#c8102e',
  },
  {
    key: 'active-members',
    title: '活跃会员',
    today: (r) => r.today.activeMembers,
    month: (r) => r.month.activeMembers,
    series: (p) => p.activeMembers,
    color: '#1677ff',
  },
  {
    key: 'purchases',
    title: '消费笔数',
    today: (r) => r.today.purchases,
    month: (r) => r.month.purchases,
    series: (p) => p.purchases,
    color: '#13a8a8',
  },
  {
    key: 'sales',
    title: '会员销售额',
    today: (r) => r.today.salesFen,
    month: (r) => r.month.salesFen,
    series: (p) => p.salesFen / 100,
    text: yuan,
    color: '#fa8c16',
  },
  {
    key: 'points-issued',
    title: '积分发放',
    today: (r) => r.today.pointsIssued,
    month: (r) => r.month.pointsIssued,
    series: (p) => p.pointsIssued,
    color: '#722ed1',
  },
  {
    key: 'points-redeemed',
    title: '积分使用',
    today: (r) => r.today.pointsRedeemed,
    month: (r) => r.month.pointsRedeemed,
    series: (p) => p.pointsRedeemed,
    color: '#eb2f96',
  },
  {
    key: 'checkins',
    title: '签到',
    today: (r) => r.today.checkins,
    month: (r) => r.month.checkins,
    series: (p) => p.checkins,
    color: '#52c41a',
  },
  {
    key: 'coupons-redeemed',
    title: '券核销',
    today: (r) => r.today.couponsRedeemed,
    month: (r) => r.month.couponsRedeemed,
    series: (p) => p.couponsRedeemed,
    color: '#2f54eb',
  },
]

function FigureCard({ figure, report }: { figure: Figure; report: OverviewReport }) {
  const text = figure.text ?? count
  const data = report.series.map(figure.series)
  return (
    <Card size="small" data-testid={`figure-${figure.key}`} styles={{ body: { padding: '14px 16px 10px' } }}>
      <Typography.Text type="secondary">{figure.title} · 今日</Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3, margin: '2px 0 0' }} data-testid={`figure-${figure.key}-today`}>
        {text(figure.today(report))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        本月 <span data-testid={`figure-${figure.key}-month`}>{text(figure.month(report))}</span>
      </Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Sparkline data={data} color={figure.color} testId={`spark-${figure.key}`} />
      </div>
    </Card>
  )
}

export default function OverviewPage() {
  const me = useMe().data
  const allStores = useStores().data?.items ?? []
  const seesAll = Boolean(me?.roles.includes('admin') || me?.roles.includes('marketer'))
  const stores = seesAll ? allStores : (me?.stores ?? [])
  const [chosen, setStoreId] = useState<string | undefined>()
  // A store manager reads one of their stores at a time.
  const storeId = chosen ?? (seesAll ? undefined : stores[0]?.storeId)
  const filter = useMemo(
    () => ({ from: dayjs().subtract(29, 'day').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD'), ...(storeId ? { storeId } : {}) }),
    [storeId],
  )
  const report = useReport('overview', filter)

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Space size={12} align="baseline">
          <Typography.Title level={4} style={{ margin: 0 }}>
            概览
          </Typography.Title>
          {report.data && (
            <Typography.Text type="secondary" data-testid="member-total">
              会员总数 {count(report.data.members)} · 更新于 {dateTime(report.data.generatedAt)}
            </Typography.Text>
          )}
        </Space>
        <Space>
          <Select
            value={storeId ?? ''}
            onChange={(v) => setStoreId(v || undefined)}
            style={{ width: 200 }}
            options={[...(seesAll ? [{ value: '', label: '全部门店' }] : []), ...stores.map((s) => ({ value: s.storeId, label: s.name }))]}
            aria-label="门店"
          />
          <Link to="/reports">查看报表 ›</Link>
        </Space>
      </div>
      <QueryState query={report} rows={12}>
        {(r) => (
          <>
            <Row gutter={[16, 16]}>
              {FIGURES.map((f) => (
                <Col key={f.key} span={6}>
                  <FigureCard figure={f} report={r} />
                </Col>
              ))}
            </Row>
            <Card title="会员增长（近 30 天）" style={{ marginTop: 16 }}>
              {r.series.length === 0 ? (
                <EmptyState text="这段时间还没有数据" />
              ) : (
                <TrendChart
                  testId="chart-member-growth"
                  labels={r.series.map((p) => p.date.slice(5))}
                  line={{ name: '会员总数', data: r.series.map((p) => p.members), color: '#c8102e' }}
                  bars={{ name: '新会员', data: r.series.map((p) => p.newMembers), color: '#f4a3ae' }}
                />
              )}
            </Card>
          </>
        )}
      </QueryState>
    </Space>
  )
}
