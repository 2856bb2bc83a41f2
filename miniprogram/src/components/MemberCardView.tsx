import { View, Text } from '@tarojs/components'
import type { MemberCard } from '@huiyuan/shared/members/schemas'
import { useTierTable } from '../hooks/useTierTable'
import { groupDigits, thousands, yuan } from '../utils/format'
import { tierLevel, tierLook } from '../utils/tiers'
import './MemberCardView.scss'

/** The membership card itself: tier (drawn by its level in the program), card number, name, points, stored value. */
export default function MemberCardView({
  card,
  onPointsTap,
  onStoredValueTap,
}: {
  card: MemberCard
  onPointsTap?: () => void
  onStoredValueTap?: () => void
}) {
  const tiers = useTierTable()
  // 待开卡: a shopper who has not made the qualifying purchase yet.
  const look = card.qualification ? 'pending' : tierLook(tierLevel(tiers?.tiers, card.tier.code))
  return (
    <View className={`hy-card hy-card--${look}`} id="member-card">
      <View className="hy-card__shine" />
      <View className="hy-card__top">
        <View>
          <Text className="hy-card__brand">HUIYUAN</Text>
          <Text className="hy-card__brand-sub">会员卡</Text>
        </View>
        <Text className="hy-card__tier" id="tier-name">
          {card.tier.name}
        </Text>
      </View>
      <Text className="hy-card__no" id="card-no">
        {groupDigits(card.cardNo)}
      </Text>
      <Text className="hy-card__name">{card.name}</Text>
      <View className="hy-card__stats">
        <View className={`hy-card__stat ${onPointsTap ? 'hy-card__stat--link' : ''}`} id="points-entry" onClick={onPointsTap}>
          <Text className="hy-card__stat-value" id="points">
            {thousands(card.points)}
          </Text>
          <Text className="hy-card__stat-label">{onPointsTap ? '积分 · 明细 ›' : '积分'}</Text>
        </View>
        <View
          className={`hy-card__stat ${onStoredValueTap ? 'hy-card__stat--link' : ''}`}
          id="stored-value-entry"
          onClick={onStoredValueTap}
        >
          <Text className="hy-card__stat-value" id="stored-value">
            ¥{yuan(card.storedValueFen)}
          </Text>
          <Text className="hy-card__stat-label">{onStoredValueTap ? '储值余额 · 明细 ›' : '储值余额'}</Text>
        </View>
      </View>
    </View>
  )
}
