/**
 * 储值报表: what members' cards hold (the prepaid liability) day by day with the top-ups and
 * spends that moved it; the quarter's prepaid funds for the escrow filing (预收资金余额, a
 * quarter picker); and 门店结算 — per store and month, what each store collected and
 * redeemed, and what it owes HQ or HQ owes it (a month picker, CSV export). The range, the
 * quarter and the month live in the address, so a view can be shared.
 */
import SettingOutlined from '@ant-design/icons/SettingOutlined'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import dayjs from 'dayjs'
import { Link, useSearchParams } from 'react-router'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import BalanceSection from './BalanceSection'
import QuarterCard from './QuarterCard'
import SettlementCard from './SettlementCard'
import { DAY, rangePresets } from '../reports/ranges'

export default function StoredValuePage() {
  const [params, setParams] = useSearchParams()
  const me = useMe().data
  const from = params.get('from') ?? dayjs().subtract(29, 'day').format(DAY)
  const to = params.get('to') ?? dayjs().format(DAY)
  const quarter = params.get('quarter') ?? undefined
  const month = params.get('month') ?? undefined

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v)
      else next.delete(k)
    }
    setParams(next, { replace: true })
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="储值报表"
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={[dayjs(from), dayjs(to)]}
              allowClear={false}
              presets={rangePresets()}
              disabledDate={(d, info) => d.isAfter(dayjs(), 'day') || Boolean(info?.from && Math.abs(d.diff(info.from, 'day')) > 365)}
              onChange={(v) => v?.[0] && v[1] && update({ from: v[0].format(DAY), to: v[1].format(DAY) })}
              data-testid="stored-value-range"
            />
            {mayCall(me, 'getProgram') && (
              <Link to="/program?tab=storedValue">
                <Button icon={<SettingOutlined />}>储值设置</Button>
              </Link>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
          储值余额即会员卡内尚未消费的金额（预收款负债）：本金是会员实际支付、可退的资金，赠送金是套餐赠送、不可退的金额。统计全部门店。
        </Typography.Paragraph>
        <BalanceSection filter={{ from, to, ...(quarter ? { quarter } : {}) }} />
      </Card>
      <QuarterCard range={{ from, to }} quarter={quarter} onQuarter={(q) => update({ quarter: q })} />
      <SettlementCard month={month} onMonth={(m) => update({ month: m })} />
    </Space>
  )
}
