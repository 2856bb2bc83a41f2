import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { TillOrder } from '@huiyuan/shared/checkout/schemas'
import type { RefundResult } from '@huiyuan/shared/purchases/schemas'
import { Button } from '../../../components/nutui/button'
import { Input } from '../../../components/nutui/input'
import { shanghaiDateTime, thousands } from '../../../utils/format'
import { yuan2 } from '../../../utils/money'
import TillGate, { NO_ICON, TillHeader } from '../../components/TillGate'
import { AmountField, FieldError } from '../../components/TillFields'
import { useRefund } from '../../hooks/useRefund'
import type { TillSession } from '../../hooks/useTillSession'
import { pageUrl } from '../../../paths'

/** Back to the day list the refund was opened from (it reloads when shown again); a fresh one if it is gone. */
const backToDay = (storeId: string) =>
  void Taro.navigateBack().catch(() => Taro.redirectTo({ url: pageUrl('tillDay', { store: storeId }) }))

/** Whether the coupons used on the order came back: only a refund of the whole order returns them. */
function CouponsOutcome({ result }: { result: RefundResult }) {
  if (result.couponsReturned.length > 0) {
    return (
      <Text className="till-step__hint" id="refund-coupons">
        整单已退，该订单使用的 {result.couponsReturned.length} 张优惠券已退回会员券包（已过期的券不能再用）。
      </Text>
    )
  }
  if (result.couponsKept.length > 0) {
    return (
      <Text className="till-step__hint" id="refund-coupons">
        部分退款不退回优惠券：该订单使用的 {result.couponsKept.length} 张优惠券仍为已使用（整单退完时才退回）。
      </Text>
    )
  }
  return null
}

function RefundResultView({ result, onAnother, onBack }: { result: RefundResult; onAnother: () => void; onBack?: () => void }) {
  return (
    <View className="till-result" id="refund-result">
      {result.replayed ? (
        <View className="till-notice" id="refund-replayed">
          该退货已办理，以下为首次办理的结果
        </View>
      ) : null}
      <View className="hy-section till-result__main">
        <Text className="till-result__status">退货已办理</Text>
        <Text className="till-result__awarded till-result__awarded--minus" id="points-reversed">
          -{thousands(result.pointsReversed)} 积分
        </Text>
        <Text className="till-result__meta">
          订单 {result.orderId} · 退货单 {result.refundId}
        </Text>
        <View className="till-explain">
          <View className="till-explain__row till-explain__row--sum">
            <Text>本次退款</Text>
            <Text id="refund-amount">¥{yuan2(result.amountFen)}</Text>
          </View>
          {result.storedValueFen > 0 ? (
            <View className="till-explain__row" id="refund-stored-value">
              <Text>退回储值（回到会员卡）</Text>
              <Text>¥{yuan2(result.storedValueFen)}</Text>
            </View>
          ) : null}
          <View className="till-explain__row" id="refund-cash">
            <Text>退现金 / 原支付方式</Text>
            <Text>¥{yuan2(result.cashFen)}</Text>
          </View>
          {result.pointsReturned > 0 ? (
            <View className="till-explain__row" id="refund-points-returned">
              <Text>退回抵现积分</Text>
              <Text>+{thousands(result.pointsReturned)}</Text>
            </View>
          ) : null}
          <View className="till-explain__row" id="refund-points-reversed">
            <Text>扣回积分</Text>
            <Text>-{thousands(result.pointsReversed)}</Text>
          </View>
          <View className="till-explain__row">
            <Text>该订单累计退款</Text>
            <Text id="refund-total">¥{yuan2(result.totalRefundedFen)}</Text>
          </View>
          {result.pointsDebt > 0 ? (
            <View className="till-explain__row till-explain__row--debt" id="refund-debt">
              <Text>积分已被使用，记为欠款</Text>
              <Text>{thousands(result.pointsDebt)}</Text>
            </View>
          ) : null}
          <View className="till-explain__row till-explain__row--sum">
            <Text>会员积分余额</Text>
            <Text id="refund-balance">{thousands(result.pointsBalance)}</Text>
          </View>
        </View>
        {result.pointsDebt > 0 ? <Text className="till-step__hint">欠款将从该会员之后获得的积分中优先抵扣，请告知顾客。</Text> : null}
        <CouponsOutcome result={result} />
      </View>
      {onBack ? (
        <Button className="till-big-button" type="primary" block id="refund-back-today" onClick={onBack}>
          返回今日流水
        </Button>
      ) : null}
      <Button className="till-big-button" type="primary" fill={onBack ? 'outline' : 'solid'} block id="refund-another" onClick={onAnother}>
        再办一笔退货
      </Button>
    </View>
  )
}

/** What the order paid how, and what can still be refunded (read once the order number is in). */
function OrderFacts({ order }: { order: TillOrder }) {
  return (
    <View className="till-explain" id="refund-order">
      <View className="till-explain__row">
        <Text>下单时间</Text>
        <Text>{shanghaiDateTime(order.createdAt)}</Text>
      </View>
      <View className="till-explain__row">
        <Text>会员卡号</Text>
        <Text>尾号 {order.memberCardNo.slice(-4)}</Text>
      </View>
      <View className="till-explain__row till-explain__row--sum">
        <Text>实付</Text>
        <Text id="order-paid">¥{yuan2(order.paidFen)}</Text>
      </View>
      {order.storedValueFen > 0 ? (
        <View className="till-explain__row" id="order-stored-value">
          <Text>其中储值</Text>
          <Text>¥{yuan2(order.storedValueFen)}</Text>
        </View>
      ) : null}
      {order.coupons.length > 0 ? (
        <View className="till-explain__row" id="order-coupons">
          <Text>优惠券 {order.coupons.length} 张</Text>
          <Text>−¥{yuan2(order.couponDiscountFen)}</Text>
        </View>
      ) : null}
      {order.pointsDeducted > 0 ? (
        <View className="till-explain__row" id="order-points">
          <Text>积分抵现</Text>
          <Text>{thousands(order.pointsDeducted)} 积分</Text>
        </View>
      ) : null}
      <View className="till-explain__row" id="order-refunded">
        <Text>已退</Text>
        <Text>¥{yuan2(order.refundedFen)}</Text>
      </View>
    </View>
  )
}

function RefundPanel({ till, initialOrderId, fromDay }: { till: TillSession; initialOrderId: string; fromDay: boolean }) {
  const refund = useRefund(till.storeId, initialOrderId)
  const { errors } = refund
  return (
    <>
      <TillHeader till={till} title="退货退款" />
      {refund.result ? (
        <RefundResultView result={refund.result} onAnother={refund.another} onBack={fromDay ? () => backToDay(till.storeId) : undefined} />
      ) : (
        <View className="hy-section till-step" id="refund-form">
          <Text className="till-label">原订单号</Text>
          <Input
            className="till-input"
            clearIcon={NO_ICON}
            id="refund-order-input"
            maxLength={64}
            placeholder="消费时的订单号"
            value={refund.orderId}
            onChange={refund.changeOrderId}
          />
          <FieldError id="refund-order-error" error={errors.orderId} />
          {refund.order ? <OrderFacts order={refund.order} /> : null}
          {refund.orderLoading ? <Text className="till-step__hint">正在读取订单…</Text> : null}
          <AmountField
            id="refund-amount-input"
            label="退款金额（元）"
            value={refund.amount}
            onChange={refund.changeAmount}
            error={errors.amount}
            errorId="refund-amount-error"
          />
          {refund.order ? (
            <Text className="till-step__hint" id="refund-max">
              {refund.order.remainingFen > 0 ? `最多可退 ¥${yuan2(refund.order.remainingFen)}` : '该订单已全部退款'}
            </Text>
          ) : null}
          {refund.order && refund.order.coupons.length > 0 && refund.order.refundedFen === 0 ? (
            <Text className="till-step__hint" id="refund-coupon-rule">
              整单退款时优惠券退回会员；部分退款时优惠券仍为已使用。
            </Text>
          ) : null}
          <Text className="till-label">退货单号</Text>
          <Input
            className="till-input"
            clearIcon={NO_ICON}
            id="refund-id-input"
            maxLength={64}
            value={refund.refundId}
            onChange={refund.changeRefundId}
          />
          <Text className="till-step__hint">已自动生成；同一退货单号重复提交只会退一次</Text>
          <FieldError error={errors.refundId} />
          <FieldError id="refund-error" error={errors.form} />
          <Button
            className="till-big-button"
            type="primary"
            block
            id="refund-submit"
            disabled={refund.submitting || refund.order?.remainingFen === 0}
            onClick={() => void refund.submit()}
          >
            {refund.submitting
              ? '正在办理…'
              : refund.amountFen && refund.amountFen > 0
                ? `确认退款 ¥${yuan2(refund.amountFen)}`
                : '确认退款'}
          </Button>
        </View>
      )}
    </>
  )
}

export default function StaffRefundPage() {
  const { params } = useRouter()
  return (
    <TillGate preferredStore={params.store}>
      {(till) => <RefundPanel key={till.storeId} till={till} initialOrderId={params.orderId ?? ''} fromDay={params.from === 'day'} />}
    </TillGate>
  )
}
