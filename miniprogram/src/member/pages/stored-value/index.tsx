import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { MyStoredValue, StoredValueMovement, TopUpPackage } from '@huiyuan/shared/storedValue/schemas'
import StateView from '../../../components/StateView'
import LoadMore from '../../../components/LoadMore'
import { useStoredValue } from '../../../hooks/useStoredValue'
import { yuan2 } from '../../../utils/money'
import { yuanGrouped } from '../../../utils/format'
import { PAGE } from '../../../paths'
import './index.scss'

const KIND_LABELS: Record<string, string> = { topUp: '充值', spend: '消费', refund: '退款' }

const goJoin = () => void Taro.navigateTo({ url: PAGE.join })

/** "2026-11-25T10:00:00+08:00" (already in the program's zone) → "2026-11-25 10:00" */
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ')

/** ¥5,000 for round amounts, ¥88.50 otherwise. */
const money = (fen: number) => `¥${yuanGrouped(fen)}`

function Balance({ sv }: { sv: MyStoredValue }) {
  const room = Math.max(0, sv.capFen - sv.balance.balanceFen)
  return (
    <View className="sv-head" id="sv-balance">
      <Text className="sv-head__label">储值余额（元）</Text>
      <Text className="sv-head__value" id="sv-balance-value">
        {yuan2(sv.balance.balanceFen)}
      </Text>
      <View className="sv-head__split">
        <View className="sv-head__part">
          <Text className="sv-head__part-label">本金</Text>
          <Text className="sv-head__part-value" id="sv-principal">
            ¥{yuan2(sv.balance.principalFen)}
          </Text>
        </View>
        <View className="sv-head__part">
          <Text className="sv-head__part-label">赠送</Text>
          <Text className="sv-head__part-value" id="sv-bonus">
            ¥{yuan2(sv.balance.bonusFen)}
          </Text>
        </View>
      </View>
      <Text className="sv-head__cap" id="sv-cap">
        储值上限 {money(sv.capFen)}
        {room > 0 ? ` · 还可充值 ${money(room)}` : ' · 已达上限'}
      </Text>
    </View>
  )
}

function Packages({ packages }: { packages: TopUpPackage[] }) {
  return (
    <View className="hy-section sv-packages" id="sv-packages">
      <Text className="hy-section__title">充值套餐</Text>
      {packages.length === 0 ? (
        <Text className="sv-packages__none" id="sv-packages-none">
          暂未开放储值充值
        </Text>
      ) : (
        <>
          <View className="sv-packages__grid">
            {packages.map((p) => (
              <View className="sv-package" key={p.packageId} id={`package-${p.packageId}`}>
                <Text className="sv-package__name">{p.name}</Text>
                <Text className="sv-package__pay">充 {money(p.payFen)}</Text>
                <Text className="sv-package__get">{p.bonusFen > 0 ? `到账 ${money(p.payFen + p.bonusFen)}` : '无赠送'}</Text>
              </View>
            ))}
          </View>
          <Text className="sv-packages__how" id="sv-how">
            到店出示会员码充值：结账时告诉店员要充的套餐，店员扫码后为你充值（小程序内不支付）。
          </Text>
        </>
      )}
      <Text className="sv-packages__rules">本金可退，赠送金额不退；余额长期有效，全部门店通用。</Text>
    </View>
  )
}

function MovementRow({ m }: { m: StoredValueMovement }) {
  const sign = m.deltaFen > 0 ? 'plus' : m.deltaFen < 0 ? 'minus' : 'zero'
  const parts = [m.principalFen ? `本金 ¥${yuan2(Math.abs(m.principalFen))}` : '', m.bonusFen ? `赠送 ¥${yuan2(Math.abs(m.bonusFen))}` : '']
    .filter(Boolean)
    .join(' + ')
  return (
    <View className="sv-move" id={`move-${m.movementId}`}>
      <Text className={`sv-move__kind sv-move__kind--${m.kind}`}>{KIND_LABELS[m.kind] ?? '其他'}</Text>
      <View className="sv-move__main">
        <Text className="sv-move__store">{m.storeName ?? m.storeId}</Text>
        <Text className="sv-move__time">{when(m.at)}</Text>
        {parts ? <Text className="sv-move__parts">{parts}</Text> : null}
      </View>
      <View className="sv-move__side">
        <Text className={`sv-move__delta sv-move__delta--${sign}`}>
          {m.deltaFen > 0 ? '+' : m.deltaFen < 0 ? '-' : ''}¥{yuan2(Math.abs(m.deltaFen))}
        </Text>
        <Text className="sv-move__after">余额 ¥{yuan2(m.balanceAfterFen)}</Text>
      </View>
    </View>
  )
}

export default function StoredValuePage() {
  const { first, items, loading, loadingMore, hasMore, error, moreError, reload, loadMore } = useStoredValue()

  if (loading && !first) return <StateView kind="loading" title="正在加载储值卡…" />
  if (error && !first)
    return error.code === 'NOT_A_MEMBER' ? (
      <StateView kind="empty" title="加入会员后即可使用储值卡" actionText="去加入会员" onAction={goJoin} />
    ) : (
      <StateView kind="error" message={error.message} onAction={() => void reload()} />
    )
  if (!first) return <StateView kind="empty" />

  return (
    <View className="hy-page sv">
      <Balance sv={first} />
      <Packages packages={first.packages} />
      <View className="hy-section sv-list" id="sv-statement">
        <Text className="hy-section__title">储值明细</Text>
        {items.length === 0 ? (
          <StateView kind="empty" title="还没有储值记录" message="到店充值后，充值和消费记录会显示在这里" />
        ) : (
          items.map((m) => <MovementRow key={m.movementId} m={m} />)
        )}
        {items.length > 0 ? (
          <LoadMore
            idPrefix="stored-value"
            hasMore={hasMore}
            loadingMore={loadingMore}
            moreError={moreError}
            onMore={() => void loadMore()}
          />
        ) : null}
      </View>
    </View>
  )
}
