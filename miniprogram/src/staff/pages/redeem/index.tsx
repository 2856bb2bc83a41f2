import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { RedemptionResult } from '@huiyuan/shared/coupons/schemas'
import { Button } from '../../../components/nutui/button'
import { Input } from '../../../components/nutui/input'
import { formatCouponCode, isCouponCode } from '@huiyuan/shared/coupons/code'
import { yuan2 } from '../../../utils/money'
import TillGate, { NO_ICON, TillHeader } from '../../components/TillGate'
import ScanButton, { canScan } from '../../components/ScanButton'
import { AmountField, FieldError, OrderIdField } from '../../components/TillFields'
import type { TillSession } from '../../hooks/useTillSession'
import { useStoreLabel } from '../../../hooks/useStoreNames'
import { useRedeemCoupon, type CouponRedemption } from './useRedeemCoupon'
import './index.scss'

const shanghaiTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16)

function RedeemResultView({ result, onNext }: { result: RedemptionResult; onNext: () => void }) {
  const storeLabel = useStoreLabel()
  return (
    <View className="till-result" id="redeem-result">
      {result.replayed ? (
        <View className="till-notice" id="redeem-replayed">
          这张券已在该订单核销过，以下为当时的结果
        </View>
      ) : null}
      <View className="hy-section till-result__main rd-result">
        <View className="rd-result__tick">✓</View>
        <Text className="till-result__status" id="redeem-status">
          核销成功
        </Text>
        {result.discountFen > 0 ? (
          <Text className="rd-result__benefit" id="redeem-discount">
            抵扣 ¥{yuan2(result.discountFen)}
          </Text>
        ) : (
          <Text className="rd-result__benefit" id="redeem-gift">
            赠送：{result.itemName ?? result.summary}
          </Text>
        )}
        <Text className="rd-result__hint">{result.discountFen > 0 ? '请在收银系统中减去抵扣金额后收款' : '请将赠品交给顾客'}</Text>
        <View className="till-explain">
          <View className="till-explain__row">
            <Text>券</Text>
            <Text>
              {result.name} · {result.summary}
            </Text>
          </View>
          <View className="till-explain__row">
            <Text>券码</Text>
            <Text className="rd-mono">{formatCouponCode(result.couponCode)}</Text>
          </View>
          <View className="till-explain__row">
            <Text>订单</Text>
            <Text>{result.orderId}</Text>
          </View>
          <View className="till-explain__row">
            <Text>门店 · 时间</Text>
            <Text>
              {storeLabel(result.storeId)} · {shanghaiTime(result.redeemedAt)}
            </Text>
          </View>
        </View>
      </View>
      <Button className="till-big-button" type="primary" block id="redeem-next" onClick={onNext}>
        核销下一张
      </Button>
    </View>
  )
}

function RedeemForm({ r }: { r: CouponRedemption }) {
  const scannable = canScan()
  const { errors } = r
  const label = r.amountFen !== null && r.amountFen > 0 ? `核销 · 订单 ¥${yuan2(r.amountFen)}` : '核销'
  return (
    <>
      <View className="hy-section till-step" id="redeem-code">
        <Text className="till-step__title">
          <Text className="till-step__no">1</Text>券码
        </Text>
        <ScanButton id="scan-coupon" what="券码" className="rd-scan" onResult={r.setScanned} />
        <Text className="till-step__hint">
          {scannable ? '无法扫码时，输入顾客券码下方的 16 位字母数字' : '输入顾客券码下方的 16 位字母数字'}
        </Text>
        <Input
          className="till-input till-input--code rd-code-input"
          clearIcon={NO_ICON}
          id="coupon-code-input"
          maxLength={24}
          placeholder="XXXX-XXXX-XXXX-XXXX"
          value={r.code}
          onChange={r.setCode}
          onBlur={() => isCouponCode(r.code) && r.setCode(formatCouponCode(r.code))}
        />
        <FieldError id="coupon-code-error" error={errors.code} />
      </View>

      <View className="hy-section till-step" id="redeem-order">
        <Text className="till-step__title">
          <Text className="till-step__no">2</Text>订单
        </Text>
        <AmountField
          id="order-amount-input"
          label="订单金额（元，用券前）"
          value={r.amount}
          onChange={r.setAmount}
          error={errors.amount}
          errorId="order-amount-error"
        />
        <OrderIdField
          id="redeem-order-id"
          value={r.orderId}
          onChange={r.setOrderId}
          onRegenerate={r.newOrderNumber}
          error={errors.orderId}
          errorId="redeem-order-id-error"
        />
      </View>

      {errors.form ? (
        <View className="till-refused rd-failed" id="redeem-error">
          <Text className="till-refused__title">核销失败</Text>
          <Text className="till-refused__text">{errors.form}</Text>
        </View>
      ) : null}
      <Button className="till-big-button" type="primary" block id="redeem-submit" disabled={r.submitting} onClick={() => void r.submit()}>
        {r.submitting ? '正在核销…' : label}
      </Button>
    </>
  )
}

function RedeemPanel({ till }: { till: TillSession }) {
  const r = useRedeemCoupon(till.storeId)
  return (
    <>
      <TillHeader till={till} title="券核销" />
      {r.result ? <RedeemResultView result={r.result} onNext={r.next} /> : <RedeemForm r={r} />}
    </>
  )
}

export default function StaffRedeemPage() {
  const { params } = useRouter()
  return <TillGate preferredStore={params.store}>{(till) => <RedeemPanel key={till.storeId} till={till} />}</TillGate>
}
