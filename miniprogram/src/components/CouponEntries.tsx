import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PAGE } from '../paths'
import './CouponEntries.scss'

const ENTRIES = [
  { id: 'offers-entry', url: PAGE.offers, icon: '领', title: '领券中心', text: '会员好券', tone: 'red' },
  { id: 'wallet-entry', url: PAGE.wallet, icon: '券', title: '我的券包', text: '到店出示', tone: 'orange' },
  { id: 'mall-entry', url: PAGE.mall, icon: '兑', title: '积分商城', text: '积分换好礼', tone: 'gold' },
]

/** The home page's row of coupon entries: 领券中心 · 我的券包 · 积分商城. */
export default function CouponEntries() {
  return (
    <View className="hy-entries" id="coupon-entries">
      {ENTRIES.map((e) => (
        <View key={e.id} className="hy-entries__item" id={e.id} onClick={() => void Taro.navigateTo({ url: e.url })}>
          <Text className={`hy-entries__icon hy-entries__icon--${e.tone}`}>{e.icon}</Text>
          <Text className="hy-entries__title">{e.title}</Text>
          <Text className="hy-entries__text">{e.text}</Text>
        </View>
      ))}
    </View>
  )
}
