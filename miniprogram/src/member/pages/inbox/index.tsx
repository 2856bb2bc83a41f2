import type { ReactNode } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { InboxNotice } from '@huiyuan/shared/points/schemas'
import StateView from '../../../components/StateView'
import LoadMore from '../../../components/LoadMore'
import SubscriptionsCard from '../../../components/SubscriptionsCard'
import { useInbox } from '../../../hooks/usePoints'
import { PAGE } from '../../../paths'
import './index.scss'

/** A badge per kind, and where tapping the notice takes the member. */
const KINDS: Record<InboxNotice['kind'], { badge: string; tone: string; url?: string }> = {
  welcome: { badge: '礼', tone: 'gift', url: PAGE.wallet },
  birthday: { badge: '寿', tone: 'gift', url: PAGE.wallet },
  tier_upgrade: { badge: '升', tone: 'tier', url: PAGE.benefits },
  tier_downgrade: { badge: '级', tone: 'tier', url: PAGE.benefits },
  points_expiring: { badge: '分', tone: 'warn', url: PAGE.points },
  points_expired: { badge: '分', tone: 'muted', url: PAGE.points },
  coupon_expiring: { badge: '券', tone: 'warn', url: PAGE.wallet },
  marketing: { badge: '惠', tone: 'gift', url: PAGE.offers },
  referral: { badge: '邀', tone: 'gift', url: PAGE.referral },
}

/** "2026-11-25T10:05:00+08:00" → "11月25日 10:05" */
const when = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`

function NoticeRow({ notice }: { notice: InboxNotice }) {
  const kind = KINDS[notice.kind] ?? { badge: '信', tone: 'muted' }
  const open = () => kind.url && void Taro.navigateTo({ url: kind.url })
  return (
    <View className="inbox-item" id={`notice-${notice.noticeId}`} onClick={open}>
      <Text className={`inbox-item__badge inbox-item__badge--${kind.tone}`}>{kind.badge}</Text>
      <View className="inbox-item__main">
        <View className="inbox-item__head">
          <Text className="inbox-item__title">{notice.title}</Text>
          <Text className="inbox-item__time">{when(notice.createdAt)}</Text>
        </View>
        <Text className="inbox-item__body">{notice.body}</Text>
      </View>
    </View>
  )
}

export default function InboxPage() {
  const { first, items, loading, loadingMore, hasMore, error, moreError, reload, loadMore } = useInbox()
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  let list: ReactNode
  if (loading && !first) list = <StateView kind="loading" title="正在加载消息…" />
  else if (error && !first) list = <StateView kind="error" message={error.message} onAction={() => void reload()} />
  else if (items.length === 0) list = <StateView kind="empty" title="暂无消息" message="等级变化、积分和优惠券到期提醒会显示在这里" />
  else
    list = (
      <View id="inbox">
        {items.map((n) => (
          <NoticeRow key={n.noticeId} notice={n} />
        ))}
        <LoadMore idPrefix="inbox" hasMore={hasMore} loadingMore={loadingMore} moreError={moreError} onMore={() => void loadMore()} />
      </View>
    )

  return (
    <View className="hy-page inbox">
      <SubscriptionsCard />
      {list}
    </View>
  )
}
