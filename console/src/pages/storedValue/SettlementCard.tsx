/**
 * 门店结算: a month's stored value per store — top-ups the store collected, stored value spent
 * there, refunds put back on cards there — and where it stands with HQ, settled on principal:
 * a store that collected more than it redeemed owes HQ the difference (应付总部), one that
 * redeemed more is owed it (应收总部). A totals row; CSV export (UTF-8 with BOM).
 */
import DownloadOutlined from '@ant-design/icons/DownloadOutlined'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Space from 'antd/es/space'
import Table from 'antd/es/table'
import Typography from 'antd/es/typography'
import dayjs from 'dayjs'
import { EmptyState, QueryState } from '../../components/states'
import { downloadCsv } from '../../lib/csv'
import { count, yuan } from '../../lib/format'
import { type ReportOf, useReport } from '../reports/useReport'

type Settlement = ReportOf<'settlement'>
type Row = Settlement['stores'][number]
type Figures = Settlement['totals']

/** Where a store stands with HQ, in words. */
export const positionText = (f: Pick<Figures, 'netFen'>): string =>
  f.netFen > 0 ? `应付总部 ${yuan(f.netFen)}` : f.netFen < 0 ? `应收总部 ${yuan(-f.netFen)}` : '无需结算'

const Position = ({ f }: { f: Figures }) => (
  <Typography.Text strong type={f.netFen > 0 ? 'danger' : f.netFen < 0 ? 'success' : 'secondary'}>
    {positionText(f)}
  </Typography.Text>
)

const monthLabel = (m: string) => `${m.slice(0, 4)} 年 ${Number(m.slice(5))} 月`

export default function SettlementCard({ month, onMonth }: { month: string | undefined; onMonth: (month: string | undefined) => void }) {
  const report = useReport('settlement', month ? { month } : {})
  const thisMonth = dayjs().format('YYYY-MM')
  const shown = month ?? report.data?.month ?? thisMonth
  return (
    <Card
      title="门店结算"
      data-testid="settlement-card"
      extra={
        <Space>
          <DatePicker
            picker="month"
            value={dayjs(`${shown}-01`)}
            allowClear={false}
            format={(d) => monthLabel(d.format('YYYY-MM'))}
            disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
            onChange={(d) => d && onMonth(d.format('YYYY-MM') === thisMonth ? undefined : d.format('YYYY-MM'))}
            aria-label="结算月份"
            data-testid="settlement-month"
            style={{ width: 150 }}
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!report.data || report.data.stores.length === 0}
            onClick={() => report.data && exportSettlement(report.data)}
            data-testid="settlement-csv"
          >
            导出 CSV
          </Button>
        </Space>
      }
    >
      <QueryState query={report}>{(r) => <SettlementBody r={r} />}</QueryState>
    </Card>
  )
}

function SettlementBody({ r }: { r: Settlement }) {
  const owing = r.stores.filter((s) => s.netFen > 0)
  const owed = r.stores.filter((s) => s.netFen < 0)
  const sum = (rows: Row[]) => rows.reduce((n, s) => n + Math.abs(s.netFen), 0)
  const quiet = r.stores.every((s) => s.topUps + s.spends + s.refunds === 0)
  const money = (fen: number) => <span style={{ whiteSpace: 'nowrap' }}>{yuan(fen)}</span>
  return (
    <>
      {quiet ? (
        <Typography.Paragraph data-testid="settlement-summary">
          <span data-testid="settlement-quiet">
            {monthLabel(r.month)}
            {r.complete ? '' : '（本月尚未结束）'}：各门店没有储值往来，门店与总部无需结算。
          </span>
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph data-testid="settlement-summary">
          {monthLabel(r.month)}
          {r.complete ? '' : `（截至 ${dayjs(r.generatedAt).format('M 月 D 日')}，本月尚未结束）`}：{owing.length} 家门店
          <Typography.Text type="danger" strong>
            应付总部 {yuan(sum(owing))}
          </Typography.Text>
          ，{owed.length} 家门店
          <Typography.Text type="success" strong>
            应收总部 {yuan(sum(owed))}
          </Typography.Text>
          ；轧差后{r.totals.netFen === 0 ? '门店与总部无需结算' : `门店合计${positionText(r.totals)}`}。
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        按本金结算：结算净额 = 门店收取的充值款 − 在本店消费的储值本金 +
        本店退款退回卡内的本金。为正：门店应付总部；为负：总部应付门店（门店应收总部）。赠送金是品牌的促销让利，不参与结算，单列供参考。
      </Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="storeId"
        data-testid="settlement-table"
        dataSource={r.stores}
        pagination={r.stores.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyState text="没有门店" /> }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '门店', dataIndex: 'name' },
          { title: '充值笔数', dataIndex: 'topUps', align: 'right', render: count },
          { title: '收取充值款', dataIndex: 'collectedFen', align: 'right', render: money },
          { title: '充值赠送', dataIndex: 'bonusIssuedFen', align: 'right', render: money },
          { title: '消费笔数', dataIndex: 'spends', align: 'right', render: count },
          { title: '储值消费（本金）', dataIndex: 'redeemedPrincipalFen', align: 'right', render: money },
          { title: '储值消费（赠送）', dataIndex: 'redeemedBonusFen', align: 'right', render: money },
          { title: '退回（本金）', dataIndex: 'refundedPrincipalFen', align: 'right', render: money },
          { title: '结算', align: 'right', render: (_, s) => <Position f={s} /> },
        ]}
        summary={() =>
          r.stores.length === 0 ? null : (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ background: '#fafafa' }} data-testid="settlement-totals">
                <Table.Summary.Cell index={0}>
                  <b>合计</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {count(r.totals.topUps)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <b>{money(r.totals.collectedFen)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {money(r.totals.bonusIssuedFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {count(r.totals.spends)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <b>{money(r.totals.redeemedPrincipalFen)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {money(r.totals.redeemedBonusFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <b>{money(r.totals.refundedPrincipalFen)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  <Position f={r.totals} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )
        }
      />
    </>
  )
}

const fenText = (fen: number) => (fen / 100).toFixed(2)

const exportSettlement = (r: Settlement) => {
  const totals: Row = { ...r.totals, storeId: '', name: '合计' }
  downloadCsv<Row>(
    `门店结算-${r.month}`,
    [
      { title: '结算月份', value: () => r.month },
      { title: '门店编号', value: (s) => s.storeId },
      { title: '门店', value: (s) => s.name },
      { title: '充值笔数', value: (s) => s.topUps },
      { title: '收取充值款（元）', value: (s) => fenText(s.collectedFen) },
      { title: '充值赠送（元）', value: (s) => fenText(s.bonusIssuedFen) },
      { title: '消费笔数', value: (s) => s.spends },
      { title: '储值消费本金（元）', value: (s) => fenText(s.redeemedPrincipalFen) },
      { title: '储值消费赠送（元）', value: (s) => fenText(s.redeemedBonusFen) },
      { title: '退款笔数', value: (s) => s.refunds },
      { title: '退回本金（元）', value: (s) => fenText(s.refundedPrincipalFen) },
      { title: '退回赠送（元）', value: (s) => fenText(s.refundedBonusFen) },
      { title: '结算净额（元，正为应付总部）', value: (s) => fenText(s.netFen) },
      { title: '结算', value: (s) => positionText(s) },
    ],
    [...r.stores, totals],
  )
}
