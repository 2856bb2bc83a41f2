import { useMemo } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import type { Coupon } from '@huiyuan/shared/coupons/schemas'
import StateView from '../../../components/StateView'
import BarcodeView from '../../../components/BarcodeView'
import { dotDateTime } from '../../../components/CouponCard'
import { couponFace } from '../../../utils/couponFace'
import { useCoupon } from '../../../hooks/useCoupons'
import { useStoreLabel } from '../../../hooks/useStoreNames'
import { formatCouponCode } from '@huiyuan/shared/coupons/code'
import { qrDataUrl } from '../../../utils/qr'
import { yuan } from '../../../utils/format'
import { PAGE } from '../../../paths'
import './index.scss'

type Badge = { key: 'usable' | 'pending' | 'used' | 'expired' | 'revoked'; label: string }

function badgeOf(c: Coupon): Badge {
  if (c.status === 'redeemed') return { key: 'used', label: '已使用' }
  if (c.status === 'revoked') return { key: 'revoked', label: '已作废' }
  if (c.status === 'expired' || Date.parse(c.validUntil) <= Date.now()) return { key: 'expired', label: '已过期' }
  if (c.usable) return { key: 'usable', label: '可使用' }
  return { key: 'pending', label: '未生效' }
}

const backToWallet = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: PAGE.wallet }))

function Rule({ label, children }: { label: string; children: string }) {
  return (
    <View className="cp-rule">
      <Text className="cp-rule__label">{label}</Text>
      <Text className="cp-rule__value">{children}</Text>
    </View>
  )
}

function CouponDetail({ coupon }: { coupon: Coupon }) {
  const badge = badgeOf(coupon)
  const face = couponFace(coupon)
  const live = badge.key === 'usable' || badge.key === 'pending'
  const qr = useMemo(() => qrDataUrl(coupon.code, 8, 2), [coupon.code])
  const grouped = formatCouponCode(coupon.code)
  const storeLabel = useStoreLabel()
  const copy = () => void Taro.setClipboardData({ data: coupon.code }).catch(() => undefined)

  return (
    <View className="hy-page cp">
      <View className={`cp-head ${live ? '' : 'cp-head--muted'}`}>
        <View className="cp-head__value">
          {face.prefix ? <Text className="cp-head__unit">{face.prefix}</Text> : null}
          <Text className="cp-head__figure">{face.value}</Text>
          {face.suffix ? <Text className="cp-head__unit">{face.suffix}</Text> : null}
        </View>
        <View className="cp-head__info">
          <Text className="cp-head__name" id="coupon-name">
            {coupon.name}
          </Text>
          <Text className="cp-head__summary">{coupon.summary}</Text>
        </View>
        <Text className={`cp-badge cp-badge--${badge.key}`} id="coupon-status">
          {badge.label}
        </Text>
      </View>

      <View className="cp-code" id="coupon-code-panel">
        <Text className="cp-code__hint">{live ? '结账时向店员出示此码，扫码或输入券码核销' : '此券已不能使用'}</Text>
        <BarcodeView value={coupon.code} id="coupon-barcode" faded={!live} />
        <View className="cp-code__qr-wrap">
          <Image className={`cp-code__qr ${live ? '' : 'cp-code__qr--faded'}`} id="coupon-qr" src={qr} mode="aspectFit" />
          {badge.key === 'used' || badge.key === 'expired' || badge.key === 'revoked' ? (
            <View className="cp-stamp" id="coupon-stamp">
              <Text>{badge.label}</Text>
            </View>
          ) : null}
        </View>
        <Text className={`cp-code__text ${live ? '' : 'cp-code__text--muted'}`} id="coupon-code" onClick={copy}>
          {grouped}
        </Text>
        {live ? <Text className="cp-code__copy">轻触券码可复制</Text> : null}
        {badge.key === 'used' && coupon.redeemedAt ? (
          <Text className="cp-code__used" id="coupon-redeemed">
            {dotDateTime(coupon.redeemedAt)} 于{storeLabel(coupon.redeemedStoreId) || '门店'}使用
          </Text>
        ) : null}
      </View>

      <View className="hy-section cp-rules">
        <Text className="hy-section__title">使用规则</Text>
        <Rule label="使用门槛">{coupon.thresholdFen > 0 ? `订单满 ¥${yuan(coupon.thresholdFen)} 可用` : '无门槛'}</Rule>
        <Rule label="有效期">{`${dotDateTime(coupon.validFrom)} 至 ${dotDateTime(coupon.validUntil)}`}</Rule>
        <Rule label="适用门店">
          {coupon.storeIds.length
            ? coupon.storeIds
                .map((id) => storeLabel(id))
                .filter(Boolean)
                .join('、')
            : '全部门店'}
        </Rule>
        <Rule label="使用说明">每张券限用一次，每笔订单限用一张，不找零、不兑现</Rule>
      </View>

      <View className="cp-back">
        <Text className="hy-link" onClick={backToWallet}>
          返回我的券包
        </Text>
      </View>
    </View>
  )
}

export default function CouponPage() {
  const code = useRouter().params.code ?? ''
  const { data, loading, error, reload } = useCoupon(code)

  if (!code)
    return (
      <StateView
        kind="error"
        title="没有指定券"
        message="请从我的券包打开"
        actionText="去我的券包"
        onAction={() => void Taro.redirectTo({ url: PAGE.wallet })}
      />
    )
  if (loading && !data) return <StateView kind="loading" title="正在加载…" />
  if (error && !data)
    return (
      <StateView
        kind="error"
        message={error.message}
        onAction={error.code === 'COUPON_NOT_FOUND' || error.code === 'NOT_FOUND' ? backToWallet : () => void reload()}
        actionText={error.code === 'COUPON_NOT_FOUND' || error.code === 'NOT_FOUND' ? '返回券包' : '重试'}
      />
    )
  if (!data) return <StateView kind="empty" />
  return <CouponDetail coupon={data} />
}
