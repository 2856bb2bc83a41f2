/** The stored-value balance over a range: figures, the daily balance line with top-up and spend bars, and the days' table. */
import { useMemo } from 'react'
import Chart from '../../components/Chart'
import { EmptyState, QueryState } from '../../components/states'
import { count, yuan } from '../../lib/format'
import ReportTable from '../reports/ReportTable'
import { ChartCard, Figures } from '../reports/tabs'
import { type ReportFilter, type ReportOf, useReport } from '../reports/useReport'

type Amount = { principalFen: number; bonusFen: number }
const total = (a: Amount) => a.principalFen + a.bonusFen
const toYuan = (fen: number) => Math.round(fen) / 100
const csvYuan = (fen: number) => (fen / 100).toFixed(2)

export default function BalanceSection({ filter }: { filter: ReportFilter }) {
  const report = useReport('stored-value', filter)
  return <QueryState query={report}>{(r) => <BalanceBody r={r} />}</QueryState>
}

function BalanceBody({ r }: { r: ReportOf<'stored-value'> }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['储值余额', '其中本金', '充值（实收）', '消费'], top: 0 },
      grid: { left: 72, right: 72, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: r.series.map((p) => p.date.slice(5)) },
      yAxis: [
        { type: 'value', name: '余额（元）' },
        { type: 'value', name: '当日（元）', splitLine: { show: false } },
      ],
      series: [
        {
          name: '充值（实收）',
          type: 'bar',
          yAxisIndex: 1,
          data: r.series.map((p) => toYuan(p.toppedUp.principalFen)),
          itemStyle: { color: '#95de64' },
          barMaxWidth: 14,
        },
        {
          name: '消费',
          type: 'bar',
          yAxisIndex: 1,
          data: r.series.map((p) => toYuan(total(p.spent))),
          itemStyle: { color: '#ffa39e' },
          barMaxWidth: 14,
        },
        {
          name: '储值余额',
          type: 'line',
          data: r.series.map((p) => toYuan(total(p.closing))),
          itemStyle: { color: '#c8102e' },
          symbol: 'none',
          lineStyle: { width: 2.5 },
        },
        {
          name: '其中本金',
          type: 'line',
          data: r.series.map((p) => toYuan(p.closing.principalFen)),
          itemStyle: { color: '#1677ff' },
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
      ],
    }),
    [r],
  )
  const quiet = total(r.balance) === 0 && r.series.every((p) => total(p.closing) === 0 && total(p.toppedUp) === 0 && total(p.spent) === 0)
  return (
    <>
      <Figures
        items={[
          {
            key: 'sv-balance',
            title: '储值余额（当前）',
            value: yuan(total(r.balance)),
            hint: '会员卡内尚未消费的全部金额（本金 + 赠送金）',
          },
          { key: 'sv-principal', title: '其中本金', value: yuan(r.balance.principalFen), hint: '会员实际支付、可退的资金：预收资金' },
          { key: 'sv-bonus', title: '其中赠送金', value: yuan(r.balance.bonusFen), hint: '套餐赠送，不可退' },
          {
            key: 'sv-topups',
            title: '期间充值（实收）',
            value: yuan(r.range.toppedUp.principalFen),
            hint: `${count(r.range.topUps)} 笔，另赠送 ${yuan(r.range.toppedUp.bonusFen)}`,
          },
          {
            key: 'sv-spends',
            title: '期间消费',
            value: yuan(total(r.range.spent)),
            hint: `${count(r.range.spends)} 笔：本金 ${yuan(r.range.spent.principalFen)}，赠送金 ${yuan(r.range.spent.bonusFen)}`,
          },
          {
            key: 'sv-refunds',
            title: '期间退回',
            value: yuan(total(r.range.refunded)),
            hint: `${count(r.range.refunds)} 笔退款退回卡内：本金 ${yuan(r.range.refunded.principalFen)}，赠送金 ${yuan(r.range.refunded.bonusFen)}`,
          },
        ]}
      />
      <ChartCard title="每日储值余额与充值、消费">
        {quiet ? <EmptyState text="这段时间没有储值数据" /> : <Chart option={option} height={320} testId="chart-stored-value" />}
      </ChartCard>
      <ReportTable
        title="每日明细"
        testId="table-stored-value"
        rowKey="date"
        rows={r.series}
        csv={{
          fileName: `储值-${r.from}-${r.to}`,
          columns: [
            { title: '日期', value: (p) => p.date },
            { title: '充值本金（元）', value: (p) => csvYuan(p.toppedUp.principalFen) },
            { title: '充值赠送（元）', value: (p) => csvYuan(p.toppedUp.bonusFen) },
            { title: '消费本金（元）', value: (p) => csvYuan(p.spent.principalFen) },
            { title: '消费赠送（元）', value: (p) => csvYuan(p.spent.bonusFen) },
            { title: '退回本金（元）', value: (p) => csvYuan(p.refunded.principalFen) },
            { title: '退回赠送（元）', value: (p) => csvYuan(p.refunded.bonusFen) },
            { title: '日终余额本金（元）', value: (p) => csvYuan(p.closing.principalFen) },
            { title: '日终余额赠送（元）', value: (p) => csvYuan(p.closing.bonusFen) },
            { title: '日终余额合计（元）', value: (p) => csvYuan(total(p.closing)) },
          ],
        }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '充值本金', align: 'right', render: (_, p) => yuan(p.toppedUp.principalFen) },
          { title: '充值赠送', align: 'right', render: (_, p) => yuan(p.toppedUp.bonusFen) },
          { title: '消费本金', align: 'right', render: (_, p) => yuan(p.spent.principalFen) },
          { title: '消费赠送', align: 'right', render: (_, p) => yuan(p.spent.bonusFen) },
          { title: '退回', align: 'right', render: (_, p) => yuan(total(p.refunded)) },
          { title: '日终余额（本金）', align: 'right', render: (_, p) => yuan(p.closing.principalFen) },
          { title: '日终余额（合计）', align: 'right', render: (_, p) => <b>{yuan(total(p.closing))}</b> },
        ]}
      />
    </>
  )
}
