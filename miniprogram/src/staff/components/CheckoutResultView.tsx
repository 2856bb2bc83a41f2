import { View, Text } from '@tarojs/components'
import type { CheckoutResult } from '@huiyuan/shared/checkout/schemas'
import { Button } from '../../components/nutui/button'
import { Progress } from '../../components/nutui/progress'
import { thousands, yuan } from '../../utils/format'
import { multiplierText, yuan2 } from '../../utils/money'

/** How the order was paid: amount, what coupons and points took off, stored value and cash. */
function PaidBreakdown({ result }: { result: CheckoutResult }) {
  const p = result.plan
  return (
    <View className="till-explain" id="checkout-paid">
      <View className="till-explain__row">
        <Text>订单金额</Text>
        <Text id="paid-amount">¥{yuan2(p.amountFen)}</Text>
      </View>
      {p.coupons.map((c) => (
        <View className="till-explain__row" key={c.couponCode}>
          <Text>优惠券 {c.name}</Text>
          <Text className="till-explain__minus">−¥{yuan2(c.discountFen)}</Text>
        </View>
      ))}
      {p.pointsDeducted > 0 ? (
        <View className="till-explain__row" id="paid-points">
          <Text>积分抵现 {thousands(p.pointsDeducted)} 积分</Text>
          <Text className="till-explain__minus">−¥{yuan2(p.pointsDeductionFen)}</Text>
        </View>
      ) : null}
      {p.storedValueFen > 0 ? (
        <View className="till-explain__row" id="paid-stored-value">
          <Text>储值支付</Text>
          <Text>¥{yuan2(p.storedValueFen)}</Text>
        </View>
      ) : null}
      <View className="till-explain__row till-explain__row--sum" id="paid-cash">
        <Text>现金 / 其他支付</Text>
        <Text>¥{yuan2(p.cashFen)}</Text>
      </View>
    </View>
  )
}

/** A checked-out order: how it was paid, the points explained, the new balances, a tier change, and its refund. */
export default function CheckoutResultView({
  result,
  onNext,
  onRefund,
}: {
  result: CheckoutResult
  onNext: () => void
  onRefund: () => void
}) {
  const p = result.points
  const progress = result.tierProgress
  const paid = result.plan.paidFen
  return (
    <View className="till-result" id="checkout-result">
      {result.replayed ? (
        <View className="till-notice" id="checkout-replayed">
          该订单已结账，以下为首次结账的结果
        </View>
      ) : null}
      {result.tier.upgraded && result.tier.after ? (
        <View className="till-upgrade" id="tier-upgraded">
          <Text className="till-upgrade__title">恭喜升级</Text>
          <Text className="till-upgrade__text">
            {result.tier.before?.name ?? '会员'} → {result.tier.after.name}
          </Text>
          <Text className="till-upgrade__hint">请告知顾客已升级为{result.tier.after.name}，即刻享受新等级权益</Text>
        </View>
      ) : null}

      <View className="hy-section till-result__main">
        <Text className="till-result__status">{result.replayed ? '已结账' : '结账成功'}</Text>
        <Text className="till-result__cash" id="result-cash">
          收现金 ¥{yuan2(result.plan.cashFen)}
        </Text>
        <Text className="till-result__meta">
          订单 {result.orderId} · 实付 ¥{yuan2(paid)}
        </Text>

        <PaidBreakdown result={result} />

        <Text className="till-result__awarded" id="points-awarded">
          +{thousands(p.awarded)} 积分
        </Text>
        <View className="till-explain" id="points-explanation">
          <View className="till-explain__row">
            <Text>基础积分（实付 ¥{yuan2(paid)}）</Text>
            <Text id="points-base">{thousands(p.basePoints)}</Text>
          </View>
          {p.multipliers.some((m) => m.kind === 'tier') ? null : (
            <View className="till-explain__row">
              <Text>{result.tier.before?.name ?? result.member.tier.name}积分倍率</Text>
              <Text className="till-explain__mul">×1</Text>
            </View>
          )}
          {p.multipliers.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two promotions of one kind may share a name
            <View className="till-explain__row" key={`${m.kind}-${i}`}>
              <Text>
                {m.name}
                {m.appliesToFen < paid ? `（适用 ¥${yuan2(m.appliesToFen)}）` : ''}
              </Text>
              <Text className="till-explain__mul">×{multiplierText(m.multiplierBp)}</Text>
            </View>
          ))}
          {p.multipliers.length > 0 ? (
            <View className="till-explain__row">
              <Text>合计积分</Text>
              <Text id="points-total">{thousands(p.totalPoints)}</Text>
            </View>
          ) : null}
          {p.debtRepaid > 0 ? (
            <View className="till-explain__row till-explain__row--debt" id="points-debt-repaid">
              <Text>抵扣积分欠款</Text>
              <Text>-{thousands(p.debtRepaid)}</Text>
            </View>
          ) : null}
          <View className="till-explain__row till-explain__row--sum">
            <Text>本次实得</Text>
            <Text>{thousands(p.awarded)}</Text>
          </View>
        </View>

        <View className="till-result__balance">
          <Text>
            会员 {result.member.name} · {result.member.tier.name}
          </Text>
          <Text id="points-balance-after">积分余额 {thousands(result.member.points)}</Text>
        </View>
        {result.plan.storedValueFen > 0 || result.storedValue.balanceFen > 0 ? (
          <View className="till-result__balance">
            <Text>储值余额</Text>
            <Text id="stored-value-after">¥{yuan2(result.storedValue.balanceFen)}</Text>
          </View>
        ) : null}

        {progress ? (
          <View className="till-result__progress" id="result-tier-progress">
            <Progress percent={progress.percent} strokeWidth="8" color="linear-gradient(90deg, #f0b35a, #c8102e)" />
            <Text className="till-result__progress-text">
              {progress.next ? `再消费 ¥${yuan(progress.remainingFen)} 升级${progress.next.name}` : `已是最高等级 ${progress.current.name}`}
            </Text>
          </View>
        ) : null}
      </View>

      <Button className="till-big-button" type="primary" block id="next-customer" onClick={onNext}>
        下一位顾客
      </Button>
      <Text className="hy-link till-result__refund" id="refund-this-order" onClick={onRefund}>
        本单退货退款 ›
      </Text>
    </View>
  )
}
