import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { OfferAvailability } from '@huiyuan/shared/coupons/schemas'
import StateView from '../../../components/StateView'
import LoadMore from '../../../components/LoadMore'
import CouponCard, { dotDate } from '../../../components/CouponCard'
import { couponFace } from '../../../utils/couponFace'
import { useOffers, type MemberOffer, type OfferCentre } from '../../../hooks/useOffers'
import { useSubscriptions } from '../../../hooks/useSubscriptions'
import { audienceLabel } from '../../../utils/tiers'
import { PAGE, pageUrl } from '../../../paths'
import './index.scss'

const LABELS: Record<OfferAvailability, string> = {
  available: '立即领取',
  limit_reached: '已领取',
  sold_out: '已抢光',
  not_started: '未开始',
  ended: '已结束',
  not_eligible: '',
}

const RANK: Record<OfferAvailability, number> = { available: 0, limit_reached: 1, not_started: 2, not_eligible: 3, sold_out: 4, ended: 5 }
/** Claimable first, then claimed, coming soon, and the ones out of reach. */
const sortOffers = (items: MemberOffer[]) => [...items].sort((a, b) => RANK[a.availability] - RANK[b.availability])

const goWallet = () => void Taro.navigateTo({ url: PAGE.wallet })
const goJoin = () => void Taro.navigateTo({ url: PAGE.join })

function StockLine({ offer }: { offer: MemberOffer }) {
  const left = offer.remainingStock
  if (left === null || offer.availability === 'sold_out' || offer.availability === 'ended') return null
  const total = offer.totalStock ?? 0
  // Whole percent claimed, never 100% while any are left.
  const taken = total > 0 ? Math.min(99, Math.floor(((total - Math.max(0, left)) * 100) / total)) : 0
  return (
    <View className="offers-stock" id={`stock-${offer.offerId}`}>
      <View className="offers-stock__bar">
        <View className="offers-stock__fill" style={{ width: `${taken}%` }} />
      </View>
      <Text className={`offers-stock__text ${left <= 20 ? 'offers-stock__text--low' : ''}`}>
        {left <= 0 ? '即将抢光' : taken === 0 ? `限量 ${total} 张 · 先到先得` : `已抢 ${taken}% · 仅剩 ${left} 张`}
      </Text>
    </View>
  )
}

function OfferCard({
  offer,
  tiers,
  busy,
  claimedCode,
  onClaim,
}: {
  offer: MemberOffer
  tiers: OfferCentre['tiers']
  busy: boolean
  claimedCode?: string
  onClaim: () => void
}) {
  const a = offer.availability
  const label =
    a === 'not_eligible' ? audienceLabel(tiers, offer.audienceTiers) : a === 'available' && offer.claimedByMe > 0 ? '再领一张' : LABELS[a]
  const canClaim = a === 'available'
  const owned = offer.claimedByMe > 0
  const goUse = () => void Taro.navigateTo({ url: claimedCode ? pageUrl('coupon', { code: claimedCode }) : PAGE.wallet })

  const action = canClaim ? (
    <Text className={`hy-pill ${busy ? 'hy-pill--busy' : ''}`} id={`claim-${offer.offerId}`} onClick={() => !busy && onClaim()}>
      {busy ? '领取中' : label}
    </Text>
  ) : a === 'limit_reached' ? (
    <Text className="hy-pill hy-pill--outline" id={`claim-${offer.offerId}`} onClick={goUse}>
      {label}
    </Text>
  ) : (
    <Text className={`hy-pill hy-pill--off ${a === 'not_eligible' ? 'hy-pill--wide' : ''}`} id={`claim-${offer.offerId}`}>
      {label}
    </Text>
  )

  const stock = <StockLine offer={offer} />
  const footer = owned ? (
    <View className="offers-footer">
      <Text className="offers-footer__owned">已领 {offer.claimedByMe} 张 · 已放入券包</Text>
      <Text className="offers-footer__use" id={`use-${offer.offerId}`} onClick={goUse}>
        去使用 ›
      </Text>
    </View>
  ) : offer.remainingStock !== null && canClaim ? (
    <View className="offers-footer">{stock}</View>
  ) : null

  return (
    <CouponCard
      id={`offer-${offer.offerId}`}
      face={couponFace(offer)}
      title={offer.title}
      tone={a === 'available' || a === 'limit_reached' || a === 'not_started' ? 'live' : 'muted'}
      stamp={a === 'sold_out' ? '已抢光' : undefined}
      lines={[
        offer.description || offer.summary,
        `${a === 'not_started' ? `${dotDate(offer.claimFrom)} 开抢 · ` : ''}领取截止 ${dotDate(offer.claimUntil)}${offer.perMemberLimit > 1 ? ` · 每人限领 ${offer.perMemberLimit} 张` : ''}`,
      ]}
      action={action}
      footer={footer}
    />
  )
}

export default function OffersPage() {
  const { data, loading, error, reload, claim, claiming, claimed, hasMore, loadingMore, moreError, loadMore } = useOffers()
  const { ask } = useSubscriptions()

  /** Asks for 优惠券到期提醒 (when due) within the tap, then claims whatever the answer. */
  const onClaim = async (offerId: string) => {
    await ask(['couponExpiry'])
    const outcome = await claim(offerId)
    if (outcome.kind === 'claimed') void Taro.showToast({ title: '领取成功', icon: 'success' })
    else void Taro.showToast({ title: outcome.message, icon: 'none' })
  }

  let body: ReactNode
  if (loading && !data) body = <StateView kind="loading" title="正在加载好券…" />
  else if (error && !data)
    body =
      error.code === 'NOT_A_MEMBER' ? (
        <StateView kind="empty" title="加入会员即可领券" message="会员专享好券，先领后用" actionText="去加入会员" onAction={goJoin} />
      ) : (
        <StateView kind="error" message={error.message} onAction={() => void reload()} />
      )
  else if (!data || data.items.length === 0)
    body = <StateView kind="empty" title="暂时没有可领的券" message="新券会在这里上架，过几天再来看看" />
  else
    body = (
      <View id="offer-list">
        {sortOffers(data.items).map((o) => (
          <OfferCard
            key={o.offerId}
            offer={o}
            tiers={data.tiers}
            busy={claiming === o.offerId}
            claimedCode={claimed[o.offerId]?.code}
            onClaim={() => void onClaim(o.offerId)}
          />
        ))}
        <LoadMore idPrefix="offers" hasMore={hasMore} loadingMore={loadingMore} moreError={moreError} onMore={() => void loadMore()} />
      </View>
    )

  return (
    <View className="hy-page offers">
      <View className="offers-hero">
        <View>
          <Text className="offers-hero__title">会员领券中心</Text>
          <Text className="offers-hero__text">专属好券，先领后用，到店出示券码即可抵扣</Text>
        </View>
        <Text className="offers-hero__link" id="go-wallet" onClick={goWallet}>
          我的券包 ›
        </Text>
      </View>
      {body}
    </View>
  )
}
