import { View, Text } from '@tarojs/components'
import type { PointsLedgerEntry } from '@huiyuan/shared/points/schemas'
import StateView from '../../../components/StateView'
import LoadMore from '../../../components/LoadMore'
import { usePointsHistory } from '../../../hooks/usePoints'
import { chineseDate, thousands } from '../../../utils/format'
import './index.scss'

const TYPE_LABELS: Record<PointsLedgerEntry['type'], string> = {
  checkin: '签到',
  purchase: '消费',
  refund: '退货',
  adjustment: '调整',
  expiry: '过期',
  redemption: '兑换',
  referral: '邀请',
  welcome: '入会',
}

/** "2026-11-25T10:00:00+08:00" (already in the program's zone) → "2026-11-25 10:00" */
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ')

function EntryRow({ entry }: { entry: PointsLedgerEntry }) {
  const sign = entry.delta > 0 ? 'plus' : entry.delta < 0 ? 'minus' : 'zero'
  return (
    <View className="pts-entry" id={`entry-${entry.entryId}`}>
      <Text className={`pts-entry__type pts-entry__type--${entry.type}`}>{TYPE_LABELS[entry.type] ?? '其他'}</Text>
      <View className="pts-entry__main">
        <Text className="pts-entry__desc">{entry.description}</Text>
        <Text className="pts-entry__time">{when(entry.createdAt)}</Text>
      </View>
      <View className="pts-entry__side">
        <Text className={`pts-entry__delta pts-entry__delta--${sign}`}>
          {entry.delta > 0 ? '+' : ''}
          {thousands(entry.delta)}
        </Text>
        <Text className="pts-entry__after">余额 {thousands(entry.balanceAfter)}</Text>
      </View>
    </View>
  )
}

export default function PointsPage() {
  const { first, items, loading, loadingMore, hasMore, error, moreError, reload, loadMore } = usePointsHistory()

  if (loading && !first) return <StateView kind="loading" title="正在加载积分明细…" />
  if (error && !first) return <StateView kind="error" message={error.message} onAction={() => void reload()} />
  if (!first) return <StateView kind="empty" />

  return (
    <View className="hy-page pts">
      <View className="pts-head" id="points-balance">
        <Text className="pts-head__label">当前积分</Text>
        <Text className="pts-head__value" id="points-balance-value">
          {thousands(first.balance)}
        </Text>
        {first.pointsDebt > 0 ? (
          <Text className="pts-head__debt" id="points-debt">
            另有 {thousands(first.pointsDebt)} 积分欠款（退货时已使用的积分），将从之后获得的积分中优先抵扣
          </Text>
        ) : null}
      </View>

      {first.expiring && first.expiring.points > 0 ? (
        <View className="pts-expiring" id="points-expiring">
          <Text className="pts-expiring__icon">!</Text>
          <Text>
            {thousands(first.expiring.points)} 积分将于 {chineseDate(first.expiring.expiresOn)} 过期，请尽快使用
          </Text>
        </View>
      ) : null}

      <View className="hy-section pts-list" id="points-ledger">
        <Text className="hy-section__title">积分记录</Text>
        {items.length === 0 ? (
          <StateView kind="empty" title="还没有积分记录" message="消费、每日签到都能获得积分" />
        ) : (
          items.map((e) => <EntryRow key={e.entryId} entry={e} />)
        )}
        {items.length > 0 ? (
          <LoadMore idPrefix="points" hasMore={hasMore} loadingMore={loadingMore} moreError={moreError} onMore={() => void loadMore()} />
        ) : null}
      </View>
    </View>
  )
}
