import { useEffect, useState, type ReactNode } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '../../../components/nutui/button'
import StateView from '../../../components/StateView'
import { chineseDate, shiftDate } from '../../../utils/format'
import { yuan2 } from '../../../utils/money'
import TillGate, { TillHeader } from '../../components/TillGate'
import { useTillDay, type TillItem } from '../../hooks/useTillDay'
import type { TillSession } from '../../hooks/useTillSession'
import { pageUrl } from '../../../paths'

/** "2026-11-25T10:05:00+08:00" (in the program's zone) → "10:05" */
const time = (iso: string) => iso.slice(11, 16)

function Row({ item, storeId }: { item: TillItem; storeId: string }) {
  const refund = item.kind === 'refund'
  const openRefund = () => {
    if (!refund) void Taro.navigateTo({ url: pageUrl('refund', { store: storeId, orderId: item.orderId, from: 'day' }) })
  }
  return (
    <View className="till-tx" onClick={openRefund}>
      <Text className={`till-tx__kind ${refund ? 'till-tx__kind--refund' : ''}`}>{refund ? '退货' : '消费'}</Text>
      <View className="till-tx__main">
        <Text className="till-tx__order">{item.orderId}</Text>
        <Text className="till-tx__meta">
          {time(item.createdAt)} · 卡号 {item.memberCardNo}
          {item.refundId ? ` · ${item.refundId}` : ''}
        </Text>
      </View>
      <View className="till-tx__side">
        <Text className={`till-tx__amount ${refund ? 'till-tx__amount--refund' : ''}`}>
          {refund ? '-' : ''}¥{yuan2(item.amountFen)}
        </Text>
        <Text className="till-tx__points">
          {refund ? '-' : '+'}
          {Math.abs(item.points)} 积分
        </Text>
      </View>
    </View>
  )
}

/** ‹ 前一天 · date · 后一天 ›; never past today. */
function DaySwitcher({ date, today, onChange }: { date: string; today: string; onChange: (d: string | undefined) => void }) {
  const isToday = date >= today
  const next = shiftDate(date, 1)
  return (
    <View className="till-days" id="till-days">
      <Text className="till-days__step" id="day-prev" onClick={() => onChange(shiftDate(date, -1))}>
        ‹ 前一天
      </Text>
      <Text className="till-days__date" id="day-current">
        {isToday ? '今天' : chineseDate(date)}
      </Text>
      <Text
        className={`till-days__step ${isToday ? 'till-days__step--off' : ''}`}
        id="day-next"
        onClick={() => !isToday && onChange(next >= today ? undefined : next)}
      >
        后一天 ›
      </Text>
    </View>
  )
}

function TodayPanel({ till }: { till: TillSession }) {
  const [date, setDate] = useState<string | undefined>(undefined)
  const [today, setToday] = useState<string | null>(null)
  const day = useTillDay(till.storeId, date)
  usePullDownRefresh(() => void day.reload().finally(() => Taro.stopPullDownRefresh()))
  const summary = day.first?.summary
  // The server's calendar day (program time zone) is "today"; learnt from the first answer for today.
  useEffect(() => {
    if (!date && day.first) setToday(day.first.date)
  }, [date, day.first])
  const shown = date ?? today

  let body: ReactNode
  if (day.loading && !day.first) body = <StateView kind="loading" title={date ? '正在加载流水…' : '正在加载今日流水…'} />
  else if (day.error && !day.first) body = <StateView kind="error" message={day.error.message} onAction={() => void day.reload()} />
  else if (day.items.length === 0)
    body = date ? (
      <StateView kind="empty" title="这一天没有交易" message="可以切换到其他日期查看" />
    ) : (
      <StateView
        kind="empty"
        title="今天还没有交易"
        message="记录的消费和退货会显示在这里"
        onAction={() => void day.reload()}
        actionText="刷新"
      />
    )
  else
    body = (
      <View className="hy-section till-list" id="till-transactions">
        {day.items.map((i) => (
          <Row key={`${i.kind}-${i.orderId}-${i.refundId ?? ''}`} item={i} storeId={till.storeId} />
        ))}
        <View className="till-list__more">
          {day.moreError ? <Text className="till-error">{day.moreError.message}</Text> : null}
          {day.hasMore ? (
            <Button size="small" fill="outline" disabled={day.loadingMore} onClick={() => void day.loadMore()}>
              {day.loadingMore ? '加载中…' : '加载更多'}
            </Button>
          ) : (
            <Text className="hy-muted">共 {day.items.length} 笔 · 最新的在最上面 · 点击消费记录可办理退货</Text>
          )}
        </View>
      </View>
    )

  return (
    <>
      <TillHeader till={till} title={date ? '历史流水' : '今日流水'} />
      {shown && today ? <DaySwitcher date={shown} today={today} onChange={setDate} /> : null}
      <View className="till-totals" id="till-totals">
        <View className="till-totals__main">
          <Text className="till-totals__label">{shown ? chineseDate(shown) : '今日'} 净收款</Text>
          <Text className="till-totals__value" id="till-net">
            {summary ? `¥${yuan2(summary.netFen)}` : '—'}
          </Text>
        </View>
        <View className="till-totals__side">
          <Text id="till-count-purchases">
            消费 {summary?.purchases.count ?? 0} 笔 · ¥{yuan2(summary?.purchases.amountFen ?? 0)}
          </Text>
          <Text id="till-count-refunds">
            退货 {summary?.refunds.count ?? 0} 笔 · ¥{yuan2(summary?.refunds.amountFen ?? 0)}
          </Text>
        </View>
      </View>
      {body}
    </>
  )
}

export default function StaffTodayPage() {
  const { params } = useRouter()
  return <TillGate preferredStore={params.store}>{(till) => <TodayPanel key={till.storeId} till={till} />}</TillGate>
}
