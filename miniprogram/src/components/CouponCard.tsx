import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { CouponFace } from '../utils/couponFace'
import './CouponCard.scss'
import './CouponPill.scss'

const SHANGHAI = 8 * 3600_000
/** ISO instant → "2026.11.25" (Asia/Shanghai). */
export const dotDate = (iso: string): string => new Date(Date.parse(iso) + SHANGHAI).toISOString().slice(0, 10).replace(/-/g, '.')
/** ISO instant → "2026.11.25 14:05" (Asia/Shanghai). */
export const dotDateTime = (iso: string): string => {
  const s = new Date(Date.parse(iso) + SHANGHAI).toISOString()
  return `${s.slice(0, 10).replace(/-/g, '.')} ${s.slice(11, 16)}`
}

export type CouponTone = 'live' | 'muted'

interface Props {
  face: CouponFace
  title: string
  /** Small grey lines under the title (validity, stores…). */
  lines?: ReactNode[]
  /** The right-hand action (button, state label). */
  action?: ReactNode
  /** Under the body: stock bar, "去使用" link… */
  footer?: ReactNode
  tone?: CouponTone
  /** A round stamp over the card: 已使用 / 已过期 / 已领取. */
  stamp?: string
  id?: string
  onClick?: () => void
}

/** A coupon-shaped card: red stub with the value, notched edge, details and an action. */
export default function CouponCard({ face, title, lines = [], action, footer, tone = 'live', stamp, id, onClick }: Props) {
  return (
    <View className={`hy-coupon hy-coupon--${tone}`} id={id} onClick={onClick}>
      <View className="hy-coupon__main">
        <View className="hy-coupon__stub">
          <View className="hy-coupon__value">
            {face.prefix ? <Text className="hy-coupon__unit">{face.prefix}</Text> : null}
            <Text className={`hy-coupon__figure ${face.value.length > 3 ? 'hy-coupon__figure--long' : ''}`}>{face.value}</Text>
            {face.suffix ? <Text className="hy-coupon__unit hy-coupon__unit--after">{face.suffix}</Text> : null}
          </View>
          {face.note ? <Text className="hy-coupon__note">{face.note}</Text> : null}
        </View>
        <View className="hy-coupon__body">
          <Text className="hy-coupon__title">{title}</Text>
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and may repeat
            <Text className="hy-coupon__line" key={i}>
              {l}
            </Text>
          ))}
        </View>
        {action ? <View className="hy-coupon__action">{action}</View> : null}
        {stamp ? (
          <View className="hy-coupon__stamp">
            <Text>{stamp}</Text>
          </View>
        ) : null}
      </View>
      {footer ? <View className="hy-coupon__footer">{footer}</View> : null}
    </View>
  )
}
