import { View, Text } from '@tarojs/components'
import type { MemberSummary } from '@huiyuan/shared/purchases/schemas'
import { useTierTable } from '../../hooks/useTierTable'
import { thousands } from '../../utils/format'
import { yuan2 } from '../../utils/money'
import { tierLevel, tierLook } from '../../utils/tiers'

/**
 * What the till may see of a member: masked name and phone, tier (drawn by its level in the
 * program), points, and (for stored-value work) the card's balance.
 */
export default function MemberSummaryCard({
  member,
  onChange,
  showStoredValue = false,
}: {
  member: MemberSummary
  onChange?: () => void
  showStoredValue?: boolean
}) {
  const tiers = useTierTable()
  // 待开卡 (tier code ''): grey, as on the member's own card.
  const look = member.tier.code === '' ? 'pending' : tierLook(tierLevel(tiers?.tiers, member.tier.code))
  return (
    <View className={`till-member till-member--${look}`} id="member-summary">
      <View className="till-member__top">
        <View>
          <Text className="till-member__name" id="member-name">
            {member.name}
          </Text>
          <Text className="till-member__mobile" id="member-mobile">
            {member.mobile}
          </Text>
        </View>
        <Text className="till-member__tier" id="member-tier">
          {member.tier.name}
        </Text>
      </View>
      <View className="till-member__bottom">
        <View>
          <Text className="till-member__points" id="member-points">
            {thousands(member.points)}
          </Text>
          <Text className="till-member__label">积分</Text>
        </View>
        {showStoredValue ? (
          <View>
            <Text className="till-member__points" id="member-stored-value">
              ¥{yuan2(member.storedValueFen)}
            </Text>
            <Text className="till-member__label">储值余额</Text>
          </View>
        ) : null}
        <Text className="till-member__card">卡号尾号 {member.cardNo.slice(-4)}</Text>
      </View>
      {onChange ? (
        <Text className="till-member__change" id="member-change" onClick={onChange}>
          更换会员
        </Text>
      ) : null}
    </View>
  )
}
