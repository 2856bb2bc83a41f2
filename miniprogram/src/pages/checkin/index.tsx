import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { CheckinCalendar } from '@huiyuan/shared/checkins/schemas'
import StateView from '../../components/StateView'
import { Button } from '../../components/nutui/button'
import { useCheckins } from '../../hooks/useCheckins'
import { useSubscriptions } from '../../hooks/useSubscriptions'
import { addMonths, chineseMonth } from '../../utils/format'
import { PAGE } from '../../paths'
import './index.scss'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

interface Cell {
  day: number
  date: string
  points: number | null
  isToday: boolean
  isFuture: boolean
}

function monthCells(cal: CheckinCalendar): (Cell | null)[] {
  const [y, m] = cal.month.split('-').map(Number) as [number, number]
  const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay()
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const byDate = new Map(cal.days.map((d) => [d.date, d.points]))
  const cells: (Cell | null)[] = Array.from({ length: firstWeekday }, () => null)
  for (let day = 1; day <= daysInMonth; day++) {
    const date = `${cal.month}-${String(day).padStart(2, '0')}`
    cells.push({ day, date, points: byDate.get(date) ?? null, isToday: date === cal.today, isFuture: date > cal.today })
  }
  while (cells.length % 7 !== 0) cells.push(null)
  return cells
}

function Calendar({ cal, onMonth }: { cal: CheckinCalendar; onMonth: (m: string) => void }) {
  const cells = useMemo(() => monthCells(cal), [cal])
  const currentMonth = cal.today.slice(0, 7)
  const canGoNext = cal.month < currentMonth
  return (
    <View className="hy-section ck-cal" id="checkin-calendar">
      <View className="ck-cal__head">
        <Text className="ck-cal__nav" id="month-prev" onClick={() => onMonth(addMonths(cal.month, -1))}>
          ‹
        </Text>
        <Text className="ck-cal__month" id="calendar-month">
          {chineseMonth(cal.month)}
        </Text>
        <Text
          className={`ck-cal__nav ${canGoNext ? '' : 'ck-cal__nav--disabled'}`}
          id="month-next"
          onClick={() => canGoNext && onMonth(addMonths(cal.month, 1))}
        >
          ›
        </Text>
      </View>
      <View className="ck-cal__grid">
        {WEEKDAYS.map((w) => (
          <Text key={w} className="ck-cal__weekday">
            {w}
          </Text>
        ))}
        {cells.map((c, i) =>
          c ? (
            <View
              key={c.date}
              className={`ck-cal__day ${c.points !== null ? 'ck-cal__day--done' : ''} ${c.isToday ? 'ck-cal__day--today' : ''} ${c.isFuture ? 'ck-cal__day--future' : ''}`}
              id={`day-${c.date}`}
            >
              <Text className="ck-cal__day-num">{c.isToday ? '今' : c.day}</Text>
              {c.points !== null ? <Text className="ck-cal__day-pts">+{c.points}</Text> : null}
            </View>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the blank cells before the 1st are positional
            <View key={`blank-${i}`} className="ck-cal__day ck-cal__day--blank" />
          ),
        )}
      </View>
      {cal.days.length === 0 ? <Text className="ck-cal__empty hy-muted">本月还没有签到记录</Text> : null}
    </View>
  )
}

export default function CheckinPage() {
  const { calendar, showMonth, checkIn, submitting } = useCheckins()
  const { data: cal, loading, error, reload } = calendar
  const [celebration, setCelebration] = useState<{ points: number; bonus: number; key: number } | null>(null)
  const { ask } = useSubscriptions()

  /** Asks for 签到提醒 (when due) within the tap, then checks in whatever the answer. */
  const onCheckIn = async () => {
    await ask(['checkinReminder'])
    const outcome = await checkIn()
    if (outcome.kind === 'checked-in') {
      const r = outcome.result
      setCelebration({ points: r.pointsAwarded, bonus: r.bonusPoints, key: Date.now() })
      void Taro.showToast({ title: `签到成功 +${r.pointsAwarded} 积分`, icon: 'none' })
    } else if (outcome.kind === 'already') {
      void Taro.showToast({ title: '今天已经签到过了', icon: 'none' })
    } else {
      void Taro.showToast({ title: outcome.message, icon: 'none' })
    }
  }

  if (loading && !cal) return <StateView kind="loading" title="正在加载签到日历…" />
  if (error && !cal)
    return (
      <View className="hy-page">
        <StateView
          kind="error"
          message={error.message}
          onAction={error.code === 'NOT_A_MEMBER' ? () => void Taro.navigateTo({ url: PAGE.join }) : () => void reload()}
          actionText={error.code === 'NOT_A_MEMBER' ? '去加入会员' : '重试'}
        />
      </View>
    )
  if (!cal) return <StateView kind="empty" />

  const done = cal.checkedInToday
  return (
    <View className="hy-page checkin">
      <View className="ck-hero">
        <View className="ck-hero__stats">
          <View className="ck-hero__stat">
            <Text className="ck-hero__value" id="checkin-streak">
              {cal.streak}
            </Text>
            <Text className="ck-hero__label">连续签到（天）</Text>
          </View>
          <View className="ck-hero__stat">
            <Text className="ck-hero__value">+{cal.basePoints}</Text>
            <Text className="ck-hero__label">每日签到积分</Text>
          </View>
        </View>
        <View
          className={`ck-button ${done ? 'ck-button--done' : ''} ${submitting ? 'ck-button--busy' : ''}`}
          id="checkin-button"
          onClick={() => !done && !submitting && void onCheckIn()}
        >
          <Text className="ck-button__text">{done ? '今日已签到' : '签到'}</Text>
          {!done ? <Text className="ck-button__sub">+{cal.basePoints} 积分</Text> : null}
        </View>
        {celebration ? (
          <Text key={celebration.key} className="ck-result" id="checkin-result">
            +{celebration.points} 积分{celebration.bonus > 0 ? `（含连签奖励 ${celebration.bonus}）` : ''}
          </Text>
        ) : null}
        <Text className="ck-hero__next" id="checkin-next-bonus">
          {cal.nextBonus
            ? `再签 ${cal.nextBonus.inDays} 天额外得 ${cal.nextBonus.points} 积分`
            : done
              ? '明天记得再来哦'
              : '坚持签到，积分越攒越多'}
        </Text>
      </View>
      <Calendar cal={cal} onMonth={showMonth} />
      <Button fill="none" block onClick={() => void Taro.navigateBack().catch(() => Taro.reLaunch({ url: PAGE.home }))}>
        返回会员卡
      </Button>
    </View>
  )
}
