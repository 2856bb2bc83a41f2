import { View, Text } from '@tarojs/components'
import type { TierRule } from '@huiyuan/shared/program/schemas'
import type { MemberCard } from '@huiyuan/shared/members/schemas'
import StateView from '../../../components/StateView'
import { Progress } from '../../../components/nutui/progress'
import { useTiers } from '../../../hooks/useTiers'
import { thousands, yuan } from '../../../utils/format'
import { multiplierText } from '../../../utils/money'
import { tierLook } from '../../../utils/tiers'
import './index.scss'

/** Benefit icons named by the program rules, drawn as one character (no image assets). */
const ICONS: Record<string, string> = {
  points: '积',
  gift: '礼',
  discount: '折',
  service: '享',
  birthday: '寿',
  delivery: '送',
  lounge: '憩',
}

function threshold(t: TierRule, basis: 'spend' | 'points', windowMonths: number): string {
  if (t.thresholdFen === 0) return '加入会员即可享有'
  return basis === 'spend'
    ? `近 ${windowMonths} 个月累计消费满 ¥${yuan(t.thresholdFen)}`
    : `近 ${windowMonths} 个月累计获得 ${thousands(t.thresholdFen)} 积分`
}

function TierCard({
  tier,
  level,
  basis,
  windowMonths,
  current,
}: {
  tier: TierRule
  /** Its place in the program, lowest first (picks the look). */
  level: number
  basis: 'spend' | 'points'
  windowMonths: number
  current: boolean
}) {
  return (
    <View className={`bn-tier bn-tier--${tierLook(level)} ${current ? 'bn-tier--current' : ''}`} id={`tier-${tier.code}`}>
      <View className="bn-tier__head">
        <Text className="bn-tier__name">{tier.name}</Text>
        {current ? (
          <Text className="bn-tier__badge" id="current-tier-badge">
            当前等级
          </Text>
        ) : null}
      </View>
      <Text className="bn-tier__threshold">{threshold(tier, basis, windowMonths)}</Text>
      <Text className="bn-tier__multiplier">积分 {multiplierText(tier.earnMultiplierBp)} 倍</Text>
      <View className="bn-tier__benefits">
        {tier.benefits.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a tier's benefits are a fixed, ordered list
          <View className="bn-benefit" key={i}>
            <Text className={`bn-benefit__icon bn-benefit__icon--${b.icon}`}>{ICONS[b.icon] ?? '✓'}</Text>
            <Text className="bn-benefit__text">{b.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function MyProgress({ card }: { card: MemberCard }) {
  const p = card.tierProgress
  return (
    <View className="hy-section bn-mine" id="benefits-progress">
      <Text className="bn-mine__title">我的等级 · {p.current.name}</Text>
      <Progress percent={p.percent} strokeWidth="8" color="linear-gradient(90deg, #f0b35a, #c8102e)" />
      <Text className="bn-mine__text">{p.next ? `再消费 ¥${yuan(p.remainingFen)} 升级${p.next.name}` : '已是最高等级，感谢你的支持'}</Text>
    </View>
  )
}

export default function BenefitsPage() {
  const { tiers, card } = useTiers()
  const table = tiers.data

  if (tiers.loading && !table) return <StateView kind="loading" title="正在加载会员权益…" />
  if (tiers.error && !table) return <StateView kind="error" message={tiers.error.message} onAction={() => void tiers.reload()} />
  if (!table || table.tiers.length === 0) return <StateView kind="empty" title="暂无会员等级" />

  return (
    <View className="hy-page bn" id="benefits">
      {card ? <MyProgress card={card} /> : null}
      <Text className="bn-intro">
        等级按近 {table.windowMonths} 个月{table.basis === 'spend' ? '累计消费' : '累计积分'}计算，达标即时升级
      </Text>
      {table.tiers.map((t, level) => (
        <TierCard
          key={t.code}
          tier={t}
          level={level}
          basis={table.basis}
          windowMonths={table.windowMonths}
          current={card?.tier.code === t.code}
        />
      ))}
    </View>
  )
}
