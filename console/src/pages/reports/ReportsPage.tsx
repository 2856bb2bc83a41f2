/**
 * 报表: one tab per report (经营概览, 等级分布, 积分负债, 优惠券, 门店) over a date range
 * (presets 近7天 … 近一年, at most 366 days) and, where the report is per store, a store.
 * The tab and the filters live in the address, so a view can be shared.
 */
import Card from 'antd/es/card'
import DatePicker from 'antd/es/date-picker'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Tabs from 'antd/es/tabs'
import Typography from 'antd/es/typography'
import dayjs from 'dayjs'
import { useSearchParams } from 'react-router'
import { useMe } from '../../app/useMe'
import { useStores } from '../program/queries'
import { CouponsTab, LiabilityTab, OverviewTab, StoresTab, TiersTab } from './tabs'
import type { ReportFilter } from './useReport'
import { DAY, rangePresets } from './ranges'

const TABS = [
  { key: 'overview', label: '经营概览', perStore: true, Tab: OverviewTab },
  { key: 'tiers', label: '等级分布', perStore: false, Tab: TiersTab },
  { key: 'points-liability', label: '积分负债', perStore: false, Tab: LiabilityTab },
  { key: 'coupons', label: '优惠券', perStore: false, Tab: CouponsTab },
  { key: 'stores', label: '门店', perStore: true, Tab: StoresTab },
] as const

export default function ReportsPage() {
  const [params, setParams] = useSearchParams()
  const me = useMe().data
  const allStores = useStores().data?.items ?? []
  const seesAll = Boolean(me?.roles.includes('admin') || me?.roles.includes('marketer'))
  const stores = seesAll ? allStores : (me?.stores ?? [])
  const tabs = seesAll ? TABS : TABS.filter((t) => t.perStore)

  const tab = tabs.find((t) => t.key === params.get('tab')) ?? tabs[0]!
  const from = params.get('from') ?? dayjs().subtract(29, 'day').format(DAY)
  const to = params.get('to') ?? dayjs().format(DAY)
  // A store manager's overview is of one of their stores; their stores report may cover them all.
  const storeId = params.get('store') ?? (!seesAll && tab.key === 'overview' ? stores[0]?.storeId : undefined)
  const filter: ReportFilter = { from, to, ...(tab.perStore && storeId ? { storeId } : {}) }
  const allLabel = seesAll ? '全部门店' : tab.key === 'overview' ? null : '我的全部门店'

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v)
      else next.delete(k)
    }
    setParams(next, { replace: true })
  }

  return (
    <Card
      title="报表"
      styles={{ body: { paddingTop: 8 } }}
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            presets={rangePresets()}
            disabledDate={(d, info) => d.isAfter(dayjs(), 'day') || Boolean(info?.from && Math.abs(d.diff(info.from, 'day')) > 365)}
            onChange={(v) => v?.[0] && v[1] && update({ from: v[0].format(DAY), to: v[1].format(DAY) })}
          />
          <div data-testid="report-store" style={{ display: 'inline-block' }}>
            <Select
              value={tab.perStore ? (storeId ?? '') : ''}
              disabled={!tab.perStore}
              onChange={(v) => update({ store: v || undefined })}
              style={{ width: 200 }}
              options={[...(allLabel ? [{ value: '', label: allLabel }] : []), ...stores.map((s) => ({ value: s.storeId, label: s.name }))]}
              aria-label="门店"
            />
          </div>
        </Space>
      }
    >
      <Tabs
        activeKey={tab.key}
        onChange={(k) => update({ tab: k === 'overview' ? undefined : k })}
        destroyOnHidden
        items={tabs.map((t) => ({
          key: t.key,
          label: t.label,
          children: (
            <>
              {!t.perStore && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
                  该报表统计全部门店。
                </Typography.Paragraph>
              )}
              <t.Tab filter={filter} />
            </>
          ),
        }))}
      />
    </Card>
  )
}
