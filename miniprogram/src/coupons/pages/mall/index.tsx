import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Reward } from '@huiyuan/shared/coupons/schemas'
import StateView from '../../../components/StateView'
import LoadMore from '../../../components/LoadMore'
import { useRewards } from '../../../hooks/useRewards'
import { thousands } from '../../../utils/format'
import { PAGE, pageUrl } from '../../../paths'
import '../../../components/CouponPill.scss'
import './index.scss'

const goJoin = () => void Taro.navigateTo({ url: PAGE.join })
const goPoints = () => void Taro.navigateTo({ url: PAGE.points })
const goWallet = () => void Taro.navigateTo({ url: PAGE.wallet })

interface Exchanged {
  name: string
  couponCode: string | null
  giftName: string | null
}

function RewardTile({
  reward,
  points,
  busy,
  onExchange,
}: {
  reward: Reward
  points: number | null
  busy: boolean
  onExchange: () => void
}) {
  const soldOut = reward.stock <= 0
  const short = points !== null && points < reward.pointsCost
  const disabled = soldOut || short || busy || points === null
  const label = soldOut ? '已兑完' : short ? '积分不足' : busy ? '兑换中' : '立即兑换'
  return (
    <View className={`mall-item ${soldOut ? 'mall-item--out' : ''}`} id={`reward-${reward.rewardId}`}>
      <View className={`mall-item__art mall-item__art--${reward.kind}`}>
        <Text className="mall-item__glyph">{reward.kind === 'coupon' ? '券' : '礼'}</Text>
        {soldOut ? <Text className="mall-item__ribbon">已兑完</Text> : null}
      </View>
      <View className="mall-item__body">
        <Text className="mall-item__name">{reward.name}</Text>
        <Text className="mall-item__desc">{reward.description || (reward.kind === 'coupon' ? '兑换后放入券包' : '到店领取')}</Text>
        <View className="mall-item__price">
          <Text className="mall-item__cost">{thousands(reward.pointsCost)}</Text>
          <Text className="mall-item__unit">积分</Text>
          <Text className="mall-item__stock">{soldOut ? '' : `剩 ${thousands(reward.stock)}`}</Text>
        </View>
        <Text
          className={`hy-pill mall-item__button ${disabled ? 'hy-pill--off' : ''}`}
          id={`exchange-${reward.rewardId}`}
          onClick={() => !disabled && onExchange()}
        >
          {label}
        </Text>
        {short && !soldOut ? <Text className="mall-item__short">还差 {thousands(reward.pointsCost - (points ?? 0))} 积分</Text> : null}
      </View>
    </View>
  )
}

export default function MallPage() {
  const { rewards, card, points, redeem, redeeming } = useRewards()
  const [last, setLast] = useState<Exchanged | null>(null)

  const exchange = async (reward: Reward) => {
    const { confirm } = await Taro.showModal({
      title: '确认兑换',
      content: `消耗 ${thousands(reward.pointsCost)} 积分兑换「${reward.name}」？`,
      confirmText: '兑换',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    const outcome = await redeem(reward.rewardId)
    if (outcome.kind === 'redeemed') {
      const r = outcome.result
      setLast({ name: reward.name, couponCode: r.coupon?.code ?? null, giftName: r.giftName })
      void Taro.showToast({ title: '兑换成功', icon: 'success' })
    } else {
      void Taro.showToast({ title: outcome.message, icon: 'none' })
    }
  }

  const { data, loading, error, reload } = rewards
  const notMember = card.error?.code === 'NOT_A_MEMBER' || error?.code === 'NOT_A_MEMBER'

  let body: ReactNode
  if (notMember) body = <StateView kind="empty" title="加入会员即可用积分兑换好礼" actionText="去加入会员" onAction={goJoin} />
  else if (loading && !data) body = <StateView kind="loading" title="正在加载积分商城…" />
  else if (error && !data) body = <StateView kind="error" message={error.message} onAction={() => void reload()} />
  else if (!data || data.items.length === 0) body = <StateView kind="empty" title="好礼正在上架中" message="过几天再来看看" />
  else
    body = (
      <View className="mall-grid" id="reward-list">
        {[...data.items]
          .sort((a, b) => a.pointsCost - b.pointsCost)
          .map((r) => (
            <RewardTile key={r.rewardId} reward={r} points={points} busy={redeeming === r.rewardId} onExchange={() => void exchange(r)} />
          ))}
      </View>
    )
  const more = data?.items.length ? (
    <LoadMore
      idPrefix="rewards"
      hasMore={rewards.hasMore}
      loadingMore={rewards.loadingMore}
      moreError={rewards.moreError}
      onMore={() => void rewards.loadMore()}
    />
  ) : null

  return (
    <View className="hy-page mall">
      <View className="mall-balance">
        <View>
          <Text className="mall-balance__label">我的积分</Text>
          <Text className="mall-balance__value" id="mall-points">
            {points === null ? '—' : thousands(points)}
          </Text>
        </View>
        <Text className="mall-balance__link" onClick={goPoints}>
          积分明细 ›
        </Text>
      </View>
      {last ? (
        <View
          className="mall-done"
          id="exchange-result"
          onClick={last.couponCode ? () => void Taro.navigateTo({ url: pageUrl('coupon', { code: last.couponCode }) }) : goWallet}
        >
          <Text className="mall-done__text">
            已兑换「{last.name}」{last.couponCode ? '，券已放入券包' : last.giftName ? `，请到店领取${last.giftName}` : ''}
          </Text>
          <Text className="mall-done__go">{last.couponCode ? '查看 ›' : '券包 ›'}</Text>
        </View>
      ) : null}
      {body}
      {more}
    </View>
  )
}
