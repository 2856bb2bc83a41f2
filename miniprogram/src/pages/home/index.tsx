import { useEffect, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { MemberCard } from '@huiyuan/shared/members/schemas'
import { Button } from '../../components/nutui/button'
import { Progress } from '../../components/nutui/progress'
import MemberCardView from '../../components/MemberCardView'
import MemberCodeView from '../../components/MemberCodeView'
import CouponEntries from '../../components/CouponEntries'
import StateView from '../../components/StateView'
import { useMemberCard } from '../../hooks/useMemberCard'
import { useSubscriptions } from '../../hooks/useSubscriptions'
import { useStaffRoles } from '../../hooks/useStaffRoles'
import { takeErasureNotice, type ErasureNotice } from '../../services/erasureNotice'
import { chineseDate, thousands, yuan } from '../../utils/format'
import { mayUseConsole, mayWorkTill } from '../../utils/staffRoles'
import { PAGE } from '../../paths'
import './index.scss'

const goJoin = () => void Taro.navigateTo({ url: PAGE.join })
const goCheckin = () => void Taro.navigateTo({ url: PAGE.checkin })
const goPrivacy = () => void Taro.navigateTo({ url: PAGE.privacy })
const goPrivacyCentre = () => void Taro.navigateTo({ url: PAGE.privacyCentre })
const goPoints = () => void Taro.navigateTo({ url: PAGE.points })
const goStoredValue = () => void Taro.navigateTo({ url: PAGE.storedValue })
const goReferral = () => void Taro.navigateTo({ url: PAGE.referral })
const goLeaderboard = () => void Taro.navigateTo({ url: PAGE.leaderboard })
const goTill = () => void Taro.navigateTo({ url: PAGE.till })
const goConsoleLogin = () => void Taro.navigateTo({ url: PAGE.consoleLogin })
const goBenefits = () => void Taro.navigateTo({ url: PAGE.benefits })
const goInbox = () => void Taro.navigateTo({ url: PAGE.inbox })

/** ×2 from 20000 basis points. */
const times = (bp: number) => `${bp % 10000 === 0 ? bp / 10000 : (bp / 10000).toFixed(1)}倍`

/** Today's points promotions (会员日, birthday month) as a banner; otherwise when the next member day is. */
function PromotionBanner({ card }: { card: MemberCard }) {
  const today = card.promotionsToday ?? []
  if (today.length > 0)
    return (
      <View className="home-promo" id="member-day-banner">
        <Text className="home-promo__badge">{today.some((p) => p.kind === 'member_day') ? '会员日' : '生日月'}</Text>
        <View className="home-promo__body">
          <Text className="home-promo__title">{today.map((p) => p.name).join(' · ')}</Text>
          <Text className="home-promo__text">今天到店消费，积分{times(Math.max(...today.map((p) => p.multiplierBp)))}累计</Text>
        </View>
      </View>
    )
  if (!card.nextMemberDay) return null
  return (
    <View className="home-promo home-promo--next" id="member-day-next">
      <Text className="home-promo__text">下一个会员日：{chineseDate(card.nextMemberDay)}，到店消费积分加倍</Text>
    </View>
  )
}

/** 待开卡 (entry mode `qualify`): the ways to the card and how far the shopper has come. */
function QualifyView({ q }: { q: NonNullable<MemberCard['qualification']> }) {
  const ways = [
    q.singlePurchaseFen > 0 ? `单笔消费满 ¥${yuan(q.singlePurchaseFen)}` : null,
    q.cumulativeFen > 0 ? `累计消费满 ¥${yuan(q.cumulativeFen)}` : null,
  ].filter(Boolean)
  return (
    <View className="hy-section home-tier home-qualify" id="qualify-progress">
      <View className="home-tier__head">
        <Text className="home-tier__current">待开卡</Text>
      </View>
      <Text className="home-qualify__ways" id="qualify-ways">
        {ways.join(' 或')}，即可开卡
      </Text>
      {q.cumulativeFen > 0 ? (
        <>
          <Progress
            percent={Math.min(100, Math.floor((q.spentFen * 100) / q.cumulativeFen))}
            strokeWidth="8"
            color="linear-gradient(90deg, #f0b35a, #c8102e)"
          />
          <Text className="home-tier__text" id="qualify-text">
            已累计消费 ¥{yuan(q.spentFen)}，再消费 ¥{yuan(q.remainingFen)} 即可开卡
          </Text>
        </>
      ) : null}
      <Text className="home-qualify__note">结账时出示会员码：开卡前的消费同样计入，积分照常累计。</Text>
    </View>
  )
}

function TierProgressView({ card }: { card: MemberCard }) {
  // A shopper still 待开卡 sees the way to the card under the card itself instead.
  if (card.qualification) return null
  const p = card.tierProgress
  return (
    <View className="hy-section home-tier" id="tier-progress" onClick={goBenefits}>
      <View className="home-tier__head">
        <Text className="home-tier__current">当前等级 · {p.current.name}</Text>
        <Text className="home-tier__next">会员权益 ›</Text>
      </View>
      <Progress percent={p.percent} strokeWidth="8" color="linear-gradient(90deg, #f0b35a, #c8102e)" />
      <Text className="home-tier__text" id="tier-progress-text">
        {p.next ? `再消费 ¥${yuan(p.remainingFen)} 升级${p.next.name}` : '已是最高等级，感谢你的支持'}
      </Text>
      {card.expiringPoints && card.expiringPoints.points > 0 ? (
        <Text className="home-tier__expiring" id="expiring-points">
          {thousands(card.expiringPoints.points)} 积分将于 {chineseDate(card.expiringPoints.expiresOn)} 过期
        </Text>
      ) : null}
    </View>
  )
}

/** For staff only (a bound staff account): the way to the till, or to the console sign-in for staff without a till role. */
function StaffEntry() {
  const roles = useStaffRoles()
  const till = mayWorkTill(roles)
  if (!till && !mayUseConsole(roles)) return null
  return (
    <View className="home-action home-staff" id="staff-entry" onClick={till ? goTill : goConsoleLogin}>
      <Text className="home-action__icon home-staff__icon">店</Text>
      <View>
        <Text className="home-action__title">{till ? '门店收银台' : '扫码登录控制台'}</Text>
        <Text className="home-action__text">{till ? '员工专用 · 收银、核销、储值充值' : '员工专用 · 在电脑上登录控制台'}</Text>
      </View>
      <Text className="home-action__go home-staff__go">进入</Text>
    </View>
  )
}

/** Shown once after 注销会员: the account is gone, and what the program keeps without personal data. */
function ErasedNotice({ notice }: { notice: ErasureNotice }) {
  return (
    <View className="hy-section home-erased" id="erased-notice">
      <Text className="home-erased__title">会员已注销</Text>
      <Text className="home-erased__text">你的个人信息已删除。以下记录按规定保留，且不再包含你的个人信息：</Text>
      {notice.retained.map((r) => (
        <Text key={r} className="home-erased__item">
          · {r}
        </Text>
      ))}
    </View>
  )
}

function JoinPrompt() {
  return (
    <View className="home-join" id="join-prompt">
      <View className="home-join__card">
        <Text className="home-join__brand">HUIYUAN</Text>
        <Text className="home-join__title">成为会员，享专属礼遇</Text>
        <Text className="home-join__text">消费得积分 · 每日签到 · 生日礼 · 会员专享价</Text>
      </View>
      <Button type="primary" block className="home-join__button" id="join-button" onClick={goJoin}>
        立即加入会员
      </Button>
      <Text className="hy-muted home-join__hint">在门店扫描会员二维码也可加入</Text>
    </View>
  )
}

export default function HomePage() {
  const { data: card, loading, error, notMember, reload } = useMemberCard()
  const [erased, setErased] = useState<ErasureNotice | null>(null)
  // Loaded once the visitor is a member, so the tap on 消息 can ask at once.
  const { ask } = useSubscriptions({ enabled: card !== null })
  /** 消息: ask for 会员活动通知 (when due), then open the inbox whatever the answer. */
  const openInbox = () => void ask(['memberActivity']).then(goInbox)

  useEffect(() => {
    const notice = takeErasureNotice()
    if (notice) {
      setErased(notice)
      void Taro.showToast({ title: '已注销', icon: 'success' })
    }
  }, [])

  let body: ReactNode
  if (loading && !card) body = <StateView kind="loading" title="正在加载会员卡…" />
  else if (notMember) body = <JoinPrompt />
  else if (error && !card) body = <StateView kind="error" message={error.message} onAction={() => void reload()} />
  else if (card)
    body = (
      <>
        <View className="home-greeting">
          <Text>你好，{card.name}</Text>
          <Text className="home-greeting__inbox" id="inbox-entry" onClick={openInbox}>
            消息 ›
          </Text>
        </View>
        <MemberCardView card={card} onPointsTap={goPoints} onStoredValueTap={goStoredValue} />
        {card.qualification ? <QualifyView q={card.qualification} /> : null}
        <MemberCodeView />
        <PromotionBanner card={card} />
        <View className="home-actions">
          <View className="home-action home-action--checkin" id="checkin-entry" onClick={goCheckin}>
            <Text className="home-action__icon">签</Text>
            <View>
              <Text className="home-action__title">每日签到</Text>
              <Text className="home-action__text">{card.checkedInToday ? '今日已签到，明天再来' : '签到领积分，连签有惊喜'}</Text>
            </View>
            <Text className={`home-action__go ${card.checkedInToday ? 'home-action__go--done' : ''}`}>
              {card.checkedInToday ? '已签到' : '签到'}
            </Text>
          </View>
          <View className="home-action" id="referral-entry" onClick={goReferral}>
            <Text className="home-action__icon home-action__icon--invite">邀</Text>
            <View>
              <Text className="home-action__title">邀请有礼</Text>
              <Text className="home-action__text">邀请好友入会，双方都有奖励</Text>
            </View>
            <Text className="home-action__go">去邀请</Text>
          </View>
          <View className="home-action" id="leaderboard-entry" onClick={goLeaderboard}>
            <Text className="home-action__icon home-action__icon--board">榜</Text>
            <View>
              <Text className="home-action__title">排行榜</Text>
              <Text className="home-action__text">本月积分榜，看看你排第几</Text>
            </View>
            <Text className="home-action__go">去看看</Text>
          </View>
        </View>
        <CouponEntries />
        <TierProgressView card={card} />
        <StaffEntry />
        <View className="home-footer">
          <Text className="hy-link" id="privacy-centre-entry" onClick={goPrivacyCentre}>
            隐私中心
          </Text>
          <Text className="home-footer__dot">·</Text>
          <Text className="hy-link" id="privacy-policy-entry" onClick={goPrivacy}>
            隐私政策
          </Text>
        </View>
      </>
    )
  else body = <StateView kind="empty" />

  return (
    <View className="hy-page home">
      {erased && !card ? <ErasedNotice notice={erased} /> : null}
      {body}
      {card ? null : <StaffEntry />}
    </View>
  )
}
