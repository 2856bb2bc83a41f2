import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useSubscriptions } from '../hooks/useSubscriptions'
import { MAX_GRANTS_HELD, type MySubscription } from '../utils/subscriptions'
import './CouponPill.scss'
import './SubscriptionsCard.scss'

const ids: Record<string, string> = {
  memberActivity: 'member-activity',
  couponExpiry: 'coupon-expiry',
  checkinReminder: 'checkin-reminder',
}
const idOf = (t: MySubscription) => ids[t.purpose] ?? t.purpose

/**
 * 消息订阅: each template the program set up, the messages of it the member may still
 * receive (one per 允许), and 订阅 to allow one more.
 */
export default function SubscriptionsCard() {
  const { data, loading, error, reload, ask } = useSubscriptions({ fresh: true })

  const subscribe = (t: MySubscription) => {
    void ask([t.purpose], { always: true }).then((answers) => {
      const accepted = answers.some((a) => a.result === 'accept')
      if (accepted) void Taro.showToast({ title: '订阅成功', icon: 'success' })
      else if (answers.some((a) => a.result === 'ban'))
        void Taro.showToast({ title: '你已拒绝接收该消息，可在微信设置中开启', icon: 'none' })
    })
  }

  let body: ReactNode
  if (loading && !data) body = <Text className="hy-muted">正在加载…</Text>
  else if (error && !data)
    body = (
      <View className="hy-subs__error">
        <Text>加载失败：{error.message}</Text>
        <Text className="hy-link" id="subscriptions-retry" onClick={() => void reload()}>
          重试
        </Text>
      </View>
    )
  else if (!data || data.templates.length === 0) body = <Text className="hy-muted">暂未开通微信消息提醒</Text>
  else
    body = data.templates.map((t) => {
      const full = t.held >= MAX_GRANTS_HELD
      return (
        <View className="hy-subs__row" key={t.templateId} id={`subscription-${idOf(t)}`}>
          <View className="hy-subs__main">
            <Text className="hy-subs__title">{t.title}</Text>
            <Text className="hy-subs__held" id={`subscription-${idOf(t)}-held`}>
              可接收 {t.held} 条
            </Text>
          </View>
          <Text
            className={`hy-pill ${full ? 'hy-pill--off' : 'hy-pill--outline'}`}
            id={`subscribe-${idOf(t)}`}
            onClick={() => !full && subscribe(t)}
          >
            {full ? '已满' : '订阅'}
          </Text>
        </View>
      )
    })

  return (
    <View className="hy-section hy-subs" id="subscriptions">
      <Text className="hy-section__title">消息订阅</Text>
      {body}
      <Text className="hy-subs__note">每次点「允许」可多接收一条微信通知，收到一条用掉一条。</Text>
    </View>
  )
}
