/** The reports, one tab each: what they chart and what they list (every table exports to CSV). */
import InfoCircleOutlined from '@ant-design/icons/InfoCircleOutlined'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import InputNumber from 'antd/es/input-number'
import Row from 'antd/es/row'
import Space from 'antd/es/space'
import Statistic from 'antd/es/statistic'
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { type ReactNode, useMemo, useState } from 'react'
import Chart from '../../components/Chart'
import { EmptyState, QueryState } from '../../components/states'
import { count, percent, yuan } from '../../lib/format'
import ReportTable from './ReportTable'
import { type ReportFilter, type ReportOf, useReport } from './useReport'

const PALETTE = ['#c8102e', '#1677ff', '#fa8c16', '#13a8a8', '#722ed1', '#52c41a', '#eb2f96', '#2f54eb']
/** 待开卡 (tier code ''): shoppers without a card yet, grey beside the tiers' colours. */
const PENDING_COLOR = '#bfbfbf'
const isPending = (tierCode: string) => tierCode === ''
const fenToYuan = (fen: number) => Math.round(fen) / 100

function Figure({ title, value, hint, testId }: { title: string; value: string; hint?: string; testId?: string }) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic
        title={
          <Space size={4}>
            {title}
            {hint && (
              <Tooltip title={hint}>
                <InfoCircleOutlined />
              </Tooltip>
            )}
          </Space>
        }
        value={value}
        styles={{ content: { fontSize: 22 } }}
      />
    </Card>
  )
}

export const Figures = ({ items }: { items: { title: string; value: string; hint?: string; key: string }[] }) => (
  <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
    {items.map((f) => (
      <Col key={f.key} flex="1 1 0" style={{ minWidth: 150 }}>
        <Figure title={f.title} value={f.value} hint={f.hint} testId={`report-figure-${f.key}`} />
      </Col>
    ))}
  </Row>
)

export const ChartCard = ({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) => (
  <Card size="small" title={title} extra={extra} style={{ marginBottom: 16 }}>
    {children}
  </Card>
)

/** 经营概览 */
export function OverviewTab({ filter }: { filter: ReportFilter }) {
  const report = useReport('overview', filter)
  return <QueryState query={report}>{(r) => <OverviewBody r={r} />}</QueryState>
}

function OverviewBody({ r }: { r: ReportOf<'overview'> }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['会员销售额（元）', '新会员', '活跃会员'], top: 0 },
      grid: { left: 64, right: 56, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: r.series.map((p) => p.date.slice(5)) },
      yAxis: [
        { type: 'value', name: '元' },
        { type: 'value', name: '人', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: '会员销售额（元）',
          type: 'bar',
          data: r.series.map((p) => fenToYuan(p.salesFen)),
          itemStyle: { color: '#f5a46b' },
          barMaxWidth: 18,
        },
        {
          name: '新会员',
          type: 'line',
          yAxisIndex: 1,
          data: r.series.map((p) => p.newMembers),
          itemStyle: { color: '#c8102e' },
          symbol: 'none',
        },
        {
          name: '活跃会员',
          type: 'line',
          yAxisIndex: 1,
          data: r.series.map((p) => p.activeMembers),
          itemStyle: { color: '#1677ff' },
          symbol: 'none',
        },
      ],
    }),
    [r],
  )
  return (
    <>
      <Figures
        items={[
          { key: 'new-members', title: '新会员', value: count(r.range.newMembers) },
          { key: 'active', title: '日均活跃会员', value: count(Math.round(r.range.averageDailyActiveMembers)) },
          { key: 'purchases', title: '消费笔数', value: count(r.range.purchases) },
          {
            key: 'sales',
            title: '会员销售额',
            value: yuan(r.range.salesFen),
            hint: `退款 ${yuan(r.range.refundsFen)}，净额 ${yuan(r.range.netSalesFen)}`,
          },
          { key: 'points', title: '积分发放 / 使用', value: `${count(r.range.pointsIssued)} / ${count(r.range.pointsRedeemed)}` },
          { key: 'coupons', title: '券核销', value: count(r.range.couponsRedeemed), hint: `优惠 ${yuan(r.range.discountFen)}` },
        ]}
      />
      <ChartCard title="每日经营">
        {r.series.length === 0 ? <EmptyState /> : <Chart option={option} height={320} testId="chart-overview" />}
      </ChartCard>
      <ReportTable
        title="每日明细"
        testId="table-overview"
        rowKey="date"
        rows={r.series}
        csv={{
          fileName: `经营概览-${r.from}-${r.to}`,
          columns: [
            { title: '日期', value: (p) => p.date },
            { title: '新会员', value: (p) => p.newMembers },
            { title: '活跃会员', value: (p) => p.activeMembers },
            { title: '消费笔数', value: (p) => p.purchases },
            { title: '会员销售额（元）', value: (p) => (p.salesFen / 100).toFixed(2) },
            { title: '退款（元）', value: (p) => (p.refundsFen / 100).toFixed(2) },
            { title: '积分发放', value: (p) => p.pointsIssued },
            { title: '积分使用', value: (p) => p.pointsRedeemed },
            { title: '签到', value: (p) => p.checkins },
            { title: '券核销', value: (p) => p.couponsRedeemed },
            { title: '会员总数', value: (p) => p.members },
          ],
        }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '新会员', dataIndex: 'newMembers', align: 'right', render: count },
          { title: '活跃会员', dataIndex: 'activeMembers', align: 'right', render: count },
          { title: '消费笔数', dataIndex: 'purchases', align: 'right', render: count },
          { title: '会员销售额', dataIndex: 'salesFen', align: 'right', render: yuan },
          { title: '退款', dataIndex: 'refundsFen', align: 'right', render: yuan },
          { title: '积分发放', dataIndex: 'pointsIssued', align: 'right', render: count },
          { title: '积分使用', dataIndex: 'pointsRedeemed', align: 'right', render: count },
          { title: '签到', dataIndex: 'checkins', align: 'right', render: count },
          { title: '券核销', dataIndex: 'couponsRedeemed', align: 'right', render: count },
          { title: '会员总数', dataIndex: 'members', align: 'right', render: count },
        ]}
      />
    </>
  )
}

/** 等级分布 */
export function TiersTab({ filter }: { filter: ReportFilter }) {
  const report = useReport('tiers', filter)
  return <QueryState query={report}>{(r) => <TiersBody r={r} />}</QueryState>
}

function TiersBody({ r }: { r: ReportOf<'tiers'> }) {
  const pie = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      legend: { orient: 'vertical', left: 0, top: 'middle' },
      color: PALETTE,
      series: [
        {
          name: '会员等级',
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['60%', '50%'],
          label: { formatter: '{b}\n{c} 人' },
          data: r.distribution.map((d) => ({
            name: d.tierName,
            value: d.members,
            ...(isPending(d.tierCode) ? { itemStyle: { color: PENDING_COLOR } } : {}),
          })),
        },
      ],
    }),
    [r],
  )
  const bars = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['升级', '降级'], top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: r.movements.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '升级', type: 'bar', data: r.movements.map((m) => m.up), itemStyle: { color: '#52c41a' }, barMaxWidth: 28 },
        { name: '降级', type: 'bar', data: r.movements.map((m) => m.down), itemStyle: { color: '#fa8c16' }, barMaxWidth: 28 },
      ],
    }),
    [r],
  )
  return (
    <>
      <Row gutter={16}>
        <Col span={10}>
          <ChartCard title={`等级分布（共 ${count(r.totalMembers)} 人）`}>
            {r.totalMembers === 0 ? <EmptyState text="还没有会员" /> : <Chart option={pie} height={300} testId="chart-tier-distribution" />}
          </ChartCard>
        </Col>
        <Col span={14}>
          <ChartCard title="每月等级变动">
            {r.movements.length === 0 ? <EmptyState /> : <Chart option={bars} height={300} testId="chart-tier-movements" />}
          </ChartCard>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <ReportTable
            title="各等级会员"
            testId="table-tier-distribution"
            rowKey={(d) => (isPending(d.tierCode) ? '(pending)' : d.tierCode)}
            rows={r.distribution}
            csv={{
              fileName: `等级分布-${r.to}`,
              columns: [
                { title: '等级', value: (d) => d.tierName },
                { title: '代码', value: (d) => d.tierCode },
                { title: '会员数', value: (d) => d.members },
                { title: '占比', value: (d) => percent(d.share) },
              ],
            }}
            columns={[
              {
                title: '等级',
                dataIndex: 'tierName',
                render: (v: string, d) => (isPending(d.tierCode) ? <Typography.Text type="secondary">{v}</Typography.Text> : v),
              },
              { title: '会员数', dataIndex: 'members', align: 'right', render: count },
              { title: '占比', dataIndex: 'share', align: 'right', render: (v: number) => percent(v) },
            ]}
          />
        </Col>
        <Col span={14}>
          <ReportTable
            title="每月等级变动"
            testId="table-tier-movements"
            rowKey="month"
            rows={r.movements}
            csv={{
              fileName: `等级变动-${r.from}-${r.to}`,
              columns: [
                { title: '月份', value: (m) => m.month },
                { title: '升级', value: (m) => m.up },
                { title: '降级', value: (m) => m.down },
              ],
            }}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '升级', dataIndex: 'up', align: 'right', render: count },
              { title: '降级', dataIndex: 'down', align: 'right', render: count },
            ]}
          />
        </Col>
      </Row>
    </>
  )
}

/** 积分负债 */
export function LiabilityTab({ filter }: { filter: ReportFilter }) {
  const [one, setOne] = useState<number | null>(30)
  const [two, setTwo] = useState<number | null>(50)
  const assumptions = one !== null && two !== null && one <= two ? { redemptionYearOnePct: one, redemptionYearTwoPct: two } : {}
  const report = useReport('points-liability', { ...filter, ...assumptions })
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">兑换假设：一年内兑换</Typography.Text>
        <InputNumber
          value={one}
          onChange={setOne}
          min={0}
          max={100}
          precision={0}
          suffix="%"
          style={{ width: 96 }}
          aria-label="一年内兑换比例"
        />
        <Typography.Text type="secondary">两年内累计兑换</Typography.Text>
        <InputNumber
          value={two}
          onChange={setTwo}
          min={0}
          max={100}
          precision={0}
          suffix="%"
          style={{ width: 96 }}
          status={one !== null && two !== null && two < one ? 'error' : undefined}
          aria-label="两年内累计兑换比例"
        />
        {one !== null && two !== null && two < one && <Typography.Text type="danger">两年内累计不能低于一年内</Typography.Text>}
      </Space>
      <QueryState query={report}>{(r) => <LiabilityBody r={r} />}</QueryState>
    </>
  )
}

function LiabilityBody({ r }: { r: ReportOf<'points-liability'> }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['发放', '使用', '过期', '退款冲回'], top: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: r.monthly.map((m) => m.month) },
      yAxis: { type: 'value', name: '积分' },
      series: [
        { name: '发放', type: 'bar', data: r.monthly.map((m) => m.issued), itemStyle: { color: '#722ed1' }, barMaxWidth: 24 },
        { name: '使用', type: 'bar', data: r.monthly.map((m) => m.redeemed), itemStyle: { color: '#eb2f96' }, barMaxWidth: 24 },
        { name: '过期', type: 'bar', data: r.monthly.map((m) => m.expired), itemStyle: { color: '#bfbfbf' }, barMaxWidth: 24 },
        { name: '退款冲回', type: 'bar', data: r.monthly.map((m) => m.reversed), itemStyle: { color: '#fa8c16' }, barMaxWidth: 24 },
      ],
    }),
    [r],
  )
  const share = r.liabilityShareOfSales
  return (
    <>
      <Figures
        items={[
          { key: 'outstanding', title: '未使用积分', value: count(r.outstandingPoints), hint: '会员当前持有的积分（全部历史）' },
          { key: 'liability', title: '积分负债', value: yuan(r.liabilityFen), hint: `按 ${r.pointsPerYuan} 积分 = ¥1 计` },
          {
            key: 'share',
            title: '负债占会员销售额',
            value: share === null ? '—' : percent(share, 2),
            hint: `本期会员净销售额 ${yuan(r.netSalesFen)}；通常约 1%`,
          },
          {
            key: 'cost',
            title: '预计兑换成本',
            value: yuan(r.breakage.expectedYearOneCostFen + r.breakage.expectedYearTwoCostFen),
            hint: `一年内 ${yuan(r.breakage.expectedYearOneCostFen)}，第二年 ${yuan(r.breakage.expectedYearTwoCostFen)}`,
          },
          {
            key: 'breakage',
            title: '预计沉淀（不会兑换）',
            value: `${yuan(r.breakage.expectedBreakageFen)}（${r.breakage.expectedBreakagePct}%）`,
          },
        ]}
      />
      <ChartCard
        title="每月积分发放、使用与过期"
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            累计发放 {count(r.lifetime.issued)} · 使用 {count(r.lifetime.redeemed)} · 过期 {count(r.lifetime.expired)}
          </Typography.Text>
        }
      >
        {r.monthly.length === 0 ? <EmptyState /> : <Chart option={option} height={300} testId="chart-points-monthly" />}
      </ChartCard>
      <ReportTable
        title="每月积分"
        testId="table-points-monthly"
        rowKey="month"
        rows={r.monthly}
        csv={{
          fileName: `积分负债-${r.from}-${r.to}`,
          columns: [
            { title: '月份', value: (m) => m.month },
            { title: '发放', value: (m) => m.issued },
            { title: '使用', value: (m) => m.redeemed },
            { title: '过期', value: (m) => m.expired },
            { title: '退款冲回', value: (m) => m.reversed },
            { title: '手工扣减', value: (m) => m.deducted },
          ],
        }}
        columns={[
          { title: '月份', dataIndex: 'month' },
          { title: '发放', dataIndex: 'issued', align: 'right', render: count },
          { title: '使用', dataIndex: 'redeemed', align: 'right', render: count },
          { title: '过期', dataIndex: 'expired', align: 'right', render: count },
          { title: '退款冲回', dataIndex: 'reversed', align: 'right', render: count },
          { title: '手工扣减', dataIndex: 'deducted', align: 'right', render: count },
        ]}
      />
    </>
  )
}

/** 优惠券 */
export function CouponsTab({ filter }: { filter: ReportFilter }) {
  const report = useReport('coupons', filter)
  return <QueryState query={report}>{(r) => <CouponsBody r={r} />}</QueryState>
}

function CouponsBody({ r }: { r: ReportOf<'coupons'> }) {
  const top = r.templates.slice(0, 12)
  const byTemplate = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['发放', '核销'], top: 0 },
      grid: { left: 120, right: 24, top: 36, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: top.map((t) => t.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        { name: '发放', type: 'bar', data: top.map((t) => t.issued), itemStyle: { color: '#f4a3ae' }, barMaxWidth: 14 },
        { name: '核销', type: 'bar', data: top.map((t) => t.redeemed), itemStyle: { color: '#c8102e' }, barMaxWidth: 14 },
      ],
    }),
    [top],
  )
  const daily = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['发放', '核销'], top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: r.series.map((p) => p.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '发放', type: 'line', data: r.series.map((p) => p.issued), itemStyle: { color: '#f4a3ae' }, symbol: 'none' },
        {
          name: '核销',
          type: 'line',
          data: r.series.map((p) => p.redeemed),
          itemStyle: { color: '#c8102e' },
          symbol: 'none',
        },
      ],
    }),
    [r],
  )
  return (
    <>
      <Figures
        items={[
          { key: 'issued', title: '发放', value: count(r.range.issued) },
          { key: 'redeemed', title: '核销', value: count(r.range.redeemed) },
          { key: 'rate', title: '核销率', value: r.range.redemptionRate === null ? '—' : percent(r.range.redemptionRate) },
          { key: 'discount', title: '优惠金额', value: yuan(r.range.discountFen) },
        ]}
      />
      <Row gutter={16}>
        <Col span={13}>
          <ChartCard title="各券发放与核销（全部时间）">
            {top.length === 0 ? (
              <EmptyState text="还没有发出过券" />
            ) : (
              <Chart option={byTemplate} height={Math.max(240, top.length * 36 + 60)} testId="chart-coupons" />
            )}
          </ChartCard>
        </Col>
        <Col span={11}>
          <ChartCard title="每日发放与核销">
            {r.series.length === 0 ? (
              <EmptyState />
            ) : (
              <Chart option={daily} height={Math.max(240, top.length * 36 + 60)} testId="chart-coupons-daily" />
            )}
          </ChartCard>
        </Col>
      </Row>
      <ReportTable
        title="按券模板"
        testId="table-coupons"
        rowKey="templateId"
        rows={r.templates}
        emptyText="还没有发出过券"
        csv={{
          fileName: `优惠券-${r.to}`,
          columns: [
            { title: '模板编号', value: (t) => t.templateId },
            { title: '券', value: (t) => t.name },
            { title: '面额', value: (t) => t.summary },
            { title: '发放', value: (t) => t.issued },
            { title: '核销', value: (t) => t.redeemed },
            { title: '核销率', value: (t) => (t.redemptionRate === null ? '' : percent(t.redemptionRate)) },
            { title: '优惠金额（元）', value: (t) => (t.discountFen / 100).toFixed(2) },
          ],
        }}
        columns={[
          { title: '券', dataIndex: 'name' },
          { title: '面额', dataIndex: 'summary', render: (v: string) => <Tag>{v}</Tag> },
          { title: '发放', dataIndex: 'issued', align: 'right', render: count },
          { title: '核销', dataIndex: 'redeemed', align: 'right', render: count },
          { title: '核销率', dataIndex: 'redemptionRate', align: 'right', render: (v: number | null) => (v === null ? '—' : percent(v)) },
          { title: '优惠金额', dataIndex: 'discountFen', align: 'right', render: yuan },
        ]}
      />
    </>
  )
}

/** 门店 */
export function StoresTab({ filter }: { filter: ReportFilter }) {
  const report = useReport('stores', filter)
  return <QueryState query={report}>{(r) => <StoresBody r={r} />}</QueryState>
}

function StoresBody({ r }: { r: ReportOf<'stores'> }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['会员净销售额（元）', '新会员'], top: 0 },
      grid: { left: 72, right: 56, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: r.stores.map((s) => s.name), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
      yAxis: [
        { type: 'value', name: '元' },
        { type: 'value', name: '人', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: '会员净销售额（元）',
          type: 'bar',
          data: r.stores.map((s) => fenToYuan(s.netSalesFen)),
          itemStyle: { color: '#c8102e' },
          barMaxWidth: 40,
        },
        {
          name: '新会员',
          type: 'bar',
          yAxisIndex: 1,
          data: r.stores.map((s) => s.newMembers),
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 40,
        },
      ],
    }),
    [r],
  )
  return (
    <>
      <ChartCard title="各门店会员销售与新会员">
        {r.stores.length === 0 ? <EmptyState text="没有门店数据" /> : <Chart option={option} height={320} testId="chart-stores" />}
      </ChartCard>
      <ReportTable
        title="门店明细"
        testId="table-stores"
        rowKey="storeId"
        rows={r.stores}
        csv={{
          fileName: `门店-${r.from}-${r.to}`,
          columns: [
            { title: '门店编号', value: (s) => s.storeId },
            { title: '门店', value: (s) => s.name },
            { title: '会员数', value: (s) => s.members },
            { title: '新会员', value: (s) => s.newMembers },
            { title: '消费笔数', value: (s) => s.purchases },
            { title: '会员销售额（元）', value: (s) => (s.salesFen / 100).toFixed(2) },
            { title: '退款（元）', value: (s) => (s.refundsFen / 100).toFixed(2) },
            { title: '净销售额（元）', value: (s) => (s.netSalesFen / 100).toFixed(2) },
            { title: '券核销', value: (s) => s.couponsRedeemed },
            { title: '签到', value: (s) => s.checkins },
          ],
        }}
        columns={[
          { title: '门店', render: (_, s) => `${s.name}（${s.storeId}）` },
          { title: '会员数', dataIndex: 'members', align: 'right', render: count },
          { title: '新会员', dataIndex: 'newMembers', align: 'right', render: count },
          { title: '消费笔数', dataIndex: 'purchases', align: 'right', render: count },
          { title: '会员销售额', dataIndex: 'salesFen', align: 'right', render: yuan },
          { title: '退款', dataIndex: 'refundsFen', align: 'right', render: yuan },
          { title: '净销售额', dataIndex: 'netSalesFen', align: 'right', render: yuan },
          { title: '券核销', dataIndex: 'couponsRedeemed', align: 'right', render: count },
          { title: '签到', dataIndex: 'checkins', align: 'right', render: count },
        ]}
      />
    </>
  )
}
