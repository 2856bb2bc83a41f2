import { useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Coupon } from '@huiyuan/shared/coupons/schemas'
import StateView from '../../../components/StateView'
import LoadMore from '../../../components/LoadMore'
import CouponCard, { dotDate, dotDateTime } from '../../../components/CouponCard'
import { couponFace } from '../../../utils/couponFace'
import { useCoupons } from '../../../hooks/useCoupons'
import { useStoreLabel } from '../../../hooks/useStoreNames'
import type { WalletStatus } from '../../../services/coupons'
import { PAGE, pageUrl } from '../../../paths'
import './index.scss'

const TABS: { status: WalletStatus; label: string }[] = [
  { status: 'usable', label: '可使用' },
  { status: 'used', label: '已使用' },
  { status: 'expired', label: '已过期' },
]

const EMPTY: Record<WalletStatus, { title: string; message: string }> = {
  usable: { title: '还没有券，去领券中心看看', message: '会员专享好券，先领后用' },
  used: { title: '还没有用过的券', message: '到店消费时出示券码即可抵扣' },
  expired: { title: '没有过期的券', message: '记得在有效期内使用哦' },
}

const SOURCE: Record<Coupon['source'], string> = {
  offer: '领券中心',
  reward: '积分兑换',
  welcome: '新人礼',
  birthday: '生日礼',
  staff: '门店赠送',
  campaign: '活动赠送',
  referral: '邀请有礼',
}

const goOffers = () => void Taro.navigateTo({ url: PAGE.offers })
const goJoin = () => void Taro.navigateTo({ url: PAGE.join })

/** Days left until `iso` (ceil), for "3天后过期". */
const daysLeft = (iso: string) => Math.ceil((Date.parse(iso) - Date.now()) / 86_400_000)

function WalletCoupon({ coupon, status, storeLabel }: { coupon: Coupon; status: WalletStatus; storeLabel: (id: string) => string }) {
  const open = () => void Taro.navigateTo({ url: pageUrl('coupon', { code: coupon.code }) })
  const left = daysLeft(coupon.validUntil)
  const notYet = Date.parse(coupon.validFrom) > Date.now()
  const lines =
    status === 'used'
      ? [
          `${coupon.redeemedAt ? dotDateTime(coupon.redeemedAt) : ''} 已使用${coupon.redeemedStoreId ? ` · ${storeLabel(coupon.redeemedStoreId)}` : ''}`,
        ]
      : [
          `${dotDate(coupon.validFrom)} - ${dotDate(coupon.validUntil)}`,
          `${SOURCE[coupon.source]}${coupon.storeIds.length ? ' · 指定门店可用' : ' · 全部门店可用'}`,
        ]
  return (
    <CouponCard
      id={`coupon-${coupon.code}`}
      face={couponFace(coupon)}
      title={coupon.name}
      tone={status === 'usable' ? 'live' : 'muted'}
      stamp={status === 'used' ? '已使用' : status === 'expired' ? (coupon.status === 'revoked' ? '已作废' : '已过期') : undefined}
      lines={lines}
      onClick={open}
      action={
        status === 'usable' ? <Text className={`hy-pill ${notYet ? 'hy-pill--off' : ''}`}>{notYet ? '未生效' : '去使用'}</Text> : undefined
      }
      footer={
        status === 'usable' && left <= 3 && left >= 0 && !notYet ? (
          <Text className="wallet-expiring">{left <= 1 ? '今天过期，请尽快使用' : `${left} 天后过期`}</Text>
        ) : undefined
      }
    />
  )
}

export default function CouponsPage() {
  const router = useRouter()
  const initial = TABS.some((t) => t.status === router.params.status) ? (router.params.status as WalletStatus) : 'usable'
  const [status, setStatus] = useState<WalletStatus>(initial)
  const { data: loaded, loading, error, reload, hasMore, loadingMore, moreError, loadMore } = useCoupons(status)
  const storeLabel = useStoreLabel()
  /** The last answer is for another tab while a new tab loads: don't show it. */
  const data = loaded?.status === status ? loaded : null
  const items = data?.items ?? []

  let body: ReactNode
  if (!data && (loading || !error)) body = <StateView kind="loading" title="正在加载券包…" />
  else if (error && !data)
    body =
      error.code === 'NOT_A_MEMBER' ? (
        <StateView kind="empty" title="加入会员即可领券" actionText="去加入会员" onAction={goJoin} />
      ) : (
        <StateView kind="error" message={error.message} onAction={() => void reload()} />
      )
  else if (items.length === 0)
    body = (
      <StateView
        kind="empty"
        title={EMPTY[status].title}
        message={EMPTY[status].message}
        actionText={status === 'usable' ? '去领券中心' : undefined}
        onAction={status === 'usable' ? goOffers : undefined}
      />
    )
  else
    body = (
      <View id="wallet-list">
        {items.map((c) => (
          <WalletCoupon key={c.code} coupon={c} status={status} storeLabel={storeLabel} />
        ))}
        <LoadMore idPrefix="wallet" hasMore={hasMore} loadingMore={loadingMore} moreError={moreError} onMore={() => void loadMore()} />
      </View>
    )

  return (
    <View className="hy-page wallet">
      <View className="hy-tabs" id="wallet-tabs">
        {TABS.map((t) => (
          <View
            key={t.status}
            id={`tab-${t.status}`}
            className={`hy-tabs__item ${t.status === status ? 'hy-tabs__item--on' : ''}`}
            onClick={() => setStatus(t.status)}
          >
            <Text>{t.label}</Text>
            {t.status === status && data ? (
              <Text className="wallet-tabs__count">
                {items.length}
                {hasMore ? '+' : ''}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
      {body}
      {status === 'usable' && items.length > 0 ? (
        <Text className="wallet-more hy-link" id="wallet-go-offers" onClick={goOffers}>
          去领券中心领更多 ›
        </Text>
      ) : null}
    </View>
  )
}
