/**
 * 收银台: one order per customer. Identify the member (scan or type their code), enter the
 * order's amount, pick their coupons, deduct points and pay part from stored value — the page
 * quotes each change and shows what the cashier collects — then confirm once and check out.
 */
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { CheckoutQuote } from '@huiyuan/shared/checkout/schemas'
import { Button } from '../../../components/nutui/button'
import { Input } from '../../../components/nutui/input'
import { Switch } from '../../../components/nutui/switch'
import { chineseDate, thousands } from '../../../utils/format'
import { yuan2 } from '../../../utils/money'
import TillGate, { NO_ICON, TillHeader } from '../../components/TillGate'
import { AmountField, FieldError, OrderIdField } from '../../components/TillFields'
import MemberSummaryCard from '../../components/MemberSummaryCard'
import IdentifyMember from '../../components/IdentifyMember'
import CheckoutResultView from '../../components/CheckoutResultView'
import { fenOfPoints, MAX_COUPONS, useCheckout, type Checkout } from '../../hooks/useCheckout'
import { mayUseConsole, type TillSession } from '../../hooks/useTillSession'
import { mayMatchStatus } from '../../../utils/staffRoles'
import { pageUrl } from '../../../paths'
import './index.scss'

const goRefund = (storeId: string, orderId?: string) => void Taro.navigateTo({ url: pageUrl('refund', { store: storeId, orderId }) })
const goToday = (storeId: string) => void Taro.navigateTo({ url: pageUrl('tillDay', { store: storeId }) })
const goRedeem = (storeId: string) => void Taro.navigateTo({ url: pageUrl('redeem', { store: storeId }) })
const goTopUp = (storeId: string) => void Taro.navigateTo({ url: pageUrl('topUp', { store: storeId }) })
const goStatusMatch = (storeId: string) => void Taro.navigateTo({ url: pageUrl('statusMatch', { store: storeId }) })
const goConsoleLogin = () => void Taro.navigateTo({ url: pageUrl('consoleLogin') })

type TillCoupon = CheckoutQuote['coupons'][number]

/** One of the member's coupons: tap to pick (usable ones), greyed with why when it cannot be used. */
function CouponRow({ coupon, picked, appliedFen, onTap }: { coupon: TillCoupon; picked: boolean; appliedFen?: number; onTap: () => void }) {
  const off = appliedFen ?? coupon.discountFen
  return (
    <View
      id={`coupon-${coupon.couponCode}`}
      className={`co-coupon ${picked ? 'co-coupon--on' : ''} ${coupon.usable ? '' : 'co-coupon--off'}`}
      onClick={coupon.usable ? onTap : undefined}
    >
      <View className={`co-tick ${picked ? 'co-tick--on' : ''}`}>{picked ? <Text className="co-tick__mark">✓</Text> : null}</View>
      <View className="co-coupon__main">
        <Text className="co-coupon__name">{coupon.name}</Text>
        <Text className="co-coupon__meta">
          {coupon.summary === coupon.name ? '' : `${coupon.summary} · `}
          {chineseDate(coupon.validUntil.slice(0, 10))}到期
        </Text>
      </View>
      {coupon.usable ? (
        <Text className="co-coupon__off">−¥{yuan2(off)}</Text>
      ) : (
        <Text className="co-coupon__reason">{coupon.reason ?? '不可用'}</Text>
      )}
    </View>
  )
}

function Coupons({ c }: { c: Checkout }) {
  const coupons = c.quote?.coupons ?? []
  const usable = coupons.filter((x) => x.usable)
  const applied = new Map(c.quote?.plan.coupons.map((a) => [a.couponCode, a.discountFen]) ?? [])
  // Picked first (in the order they apply), then the other usable ones, then the rest.
  const ordered = [
    ...c.couponCodes.map((code) => coupons.find((x) => x.couponCode === code)).filter((x): x is TillCoupon => Boolean(x)),
    ...usable.filter((x) => !c.couponCodes.includes(x.couponCode)),
    ...coupons.filter((x) => !x.usable && !c.couponCodes.includes(x.couponCode)),
  ]
  return (
    <View className="co-block" id="checkout-coupons">
      <View className="co-block__head">
        <Text className="co-block__title">优惠券</Text>
        {usable.length > 0 ? (
          <Text className="co-block__side" id="coupons-picked">
            已选 {c.couponCodes.length} 张{c.couponCodes.length >= MAX_COUPONS ? `（一单最多 ${MAX_COUPONS} 张）` : ''}
          </Text>
        ) : null}
      </View>
      {!c.quote ? (
        <Text className="co-block__empty">正在读取会员的优惠券…</Text>
      ) : usable.length === 0 ? (
        <Text className="co-block__empty" id="coupons-empty">
          暂无可用优惠券
        </Text>
      ) : null}
      {ordered.map((x) => (
        <CouponRow
          key={x.couponCode}
          coupon={x}
          picked={c.couponCodes.includes(x.couponCode)}
          appliedFen={applied.get(x.couponCode)}
          onTap={() => c.toggleCoupon(x.couponCode)}
        />
      ))}
    </View>
  )
}

function Points({ c }: { c: Checkout }) {
  const limits = c.quote?.limits
  if (!limits) return null
  const available = c.quote?.member.points ?? 0
  const worth = (p: number) => fenOfPoints(p, limits.pointsPerYuan)
  const stepBig = limits.pointsPerYuan
  return (
    <View className="co-block" id="checkout-points">
      <View className="co-block__head">
        <View>
          <Text className="co-block__title">积分抵现</Text>
          <Text className="co-block__hint" id="points-limit">
            {c.maxPoints > 0
              ? `可用 ${thousands(available)} 积分 · 本单最多抵 ${thousands(c.maxPoints)} 积分（¥${yuan2(worth(c.maxPoints))}）`
              : available > 0
                ? `可用 ${thousands(available)} 积分 · 本单不可抵扣`
                : '暂无可用积分'}
          </Text>
        </View>
        <Switch
          id="points-switch"
          loadingIcon={null}
          checked={c.pointsOn}
          disabled={c.maxPoints === 0 && !c.pointsOn}
          onChange={c.switchPoints}
        />
      </View>
      {c.pointsOn ? (
        <View className="co-stepper">
          <Text
            id="points-minus"
            className={`co-stepper__btn ${c.points <= 0 ? 'co-stepper__btn--off' : ''}`}
            onClick={() => c.changePoints(c.points - stepBig)}
          >
            −
          </Text>
          <Input
            className="co-stepper__input"
            clearIcon={NO_ICON}
            id="points-input"
            type="number"
            value={String(c.points)}
            onChange={(v) => c.changePoints(Number(v || 0))}
          />
          <Text
            id="points-plus"
            className={`co-stepper__btn ${c.points >= c.maxPoints ? 'co-stepper__btn--off' : ''}`}
            onClick={() => c.changePoints(c.points + stepBig)}
          >
            +
          </Text>
          <Text className="co-stepper__worth" id="points-worth">
            抵 ¥{yuan2(worth(c.points))}
          </Text>
          <Text className="hy-link co-stepper__most" id="points-most" onClick={() => c.changePoints(c.maxPoints)}>
            最多
          </Text>
        </View>
      ) : null}
      <FieldError id="points-error" error={c.errors.points} />
    </View>
  )
}

function StoredValue({ c }: { c: Checkout }) {
  if (!c.quote || c.balanceFen <= 0) return null
  const shown = c.storedValueInput ?? yuan2(c.storedValueMaxFen).replace(/,/g, '')
  return (
    <View className="co-block" id="checkout-stored-value">
      <View className="co-block__head">
        <View>
          <Text className="co-block__title">储值支付</Text>
          <Text className="co-block__hint" id="stored-value-balance">
            储值余额 ¥{yuan2(c.balanceFen)}
          </Text>
        </View>
        <Switch id="stored-value-switch" loadingIcon={null} checked={c.storedValueOn} onChange={c.switchStoredValue} />
      </View>
      {c.storedValueOn ? (
        <View className="co-sv">
          <Text className="co-sv__sign">¥</Text>
          <Input
            className="co-sv__input"
            clearIcon={NO_ICON}
            id="stored-value-input"
            type="digit"
            value={shown}
            onChange={(v) => c.changeStoredValue(v)}
          />
          <Text className="hy-link co-sv__all" id="stored-value-all" onClick={() => c.changeStoredValue(null)}>
            最多 ¥{yuan2(c.storedValueMaxFen)}
          </Text>
        </View>
      ) : null}
      <FieldError id="stored-value-error" error={c.storedValueError ?? c.errors.storedValue} />
    </View>
  )
}

function Summary({ c }: { c: Checkout }) {
  const s = c.summary
  if (!s) return null
  return (
    <View className={`co-summary ${c.fresh ? '' : 'co-summary--stale'}`} id="checkout-summary">
      <View className="co-summary__row">
        <Text>订单金额</Text>
        <Text id="summary-amount">¥{yuan2(s.amountFen)}</Text>
      </View>
      <View className="co-summary__row">
        <Text>优惠券{s.couponCount > 0 ? `（${s.couponCount} 张）` : ''}</Text>
        <Text id="summary-coupons" className="co-summary__minus">
          −¥{yuan2(s.couponDiscountFen)}
        </Text>
      </View>
      <View className="co-summary__row">
        <Text>积分抵现{s.pointsDeducted > 0 ? `（${thousands(s.pointsDeducted)} 积分）` : ''}</Text>
        <Text id="summary-points" className="co-summary__minus">
          −¥{yuan2(s.pointsDeductionFen)}
        </Text>
      </View>
      {c.balanceFen > 0 ? (
        <View className="co-summary__row">
          <Text>储值支付</Text>
          <Text id="summary-stored-value">¥{yuan2(s.storedValueFen)}</Text>
        </View>
      ) : null}
      <View className="co-summary__cash">
        <Text className="co-summary__cash-label">应收现金</Text>
        <Text className="co-summary__cash-value" id="summary-cash">
          ¥{yuan2(s.cashFen)}
        </Text>
      </View>
      <View className="co-summary__row co-summary__row--earn">
        <Text>本单可得积分</Text>
        <Text id="summary-earn">+{thousands(s.pointsToEarn)}</Text>
      </View>
      {c.quoting ? <Text className="co-summary__busy">计算中…</Text> : null}
    </View>
  )
}

/** Step 2: the order, what pays it, and the one button. */
function CheckoutForm({ c }: { c: Checkout }) {
  const { errors } = c
  const ready = c.fresh && !c.submitting
  const label = c.submitting
    ? '正在结账…'
    : c.summary && c.fresh
      ? `确认结账 · 收现金 ¥${yuan2(c.summary.cashFen)}`
      : c.amountOk
        ? '计算中…'
        : '确认结账'
  return (
    <View className="hy-section till-step" id="checkout-form">
      <Text className="till-step__title">
        <Text className="till-step__no">2</Text>结账
      </Text>
      <AmountField
        id="amount-input"
        label="订单金额（元）"
        value={c.amount}
        onChange={c.changeAmount}
        error={errors.amount}
        errorId="amount-error"
      />
      {c.amountOk ? (
        <>
          <Coupons c={c} />
          <Points c={c} />
          <StoredValue c={c} />
          {c.notice ? (
            <Text className="co-notice" id="checkout-notice">
              {c.notice}
            </Text>
          ) : null}
          {c.quoteError ? (
            <View className="co-quote-error" id="quote-error">
              <Text>{c.quoteError}</Text>
              <Text className="hy-link" id="quote-retry" onClick={c.retryQuote}>
                重试
              </Text>
            </View>
          ) : null}
          <Summary c={c} />
        </>
      ) : (
        <Text className="till-step__hint">输入订单金额后，显示会员可用的优惠券、积分抵现和储值支付</Text>
      )}
      <OrderIdField
        id="order-id-input"
        value={c.orderId}
        onChange={c.changeOrderId}
        onRegenerate={c.newOrderNumber}
        error={errors.orderId}
        errorId="order-id-error"
      />
      <FieldError id="checkout-error" error={errors.form} />
      <Button
        className="till-big-button"
        type="primary"
        block
        id="checkout-submit"
        disabled={!ready && c.amountOk}
        onClick={() => void c.submit()}
      >
        {label}
      </Button>
    </View>
  )
}

function CheckoutPanel({ till }: { till: TillSession }) {
  const checkout = useCheckout(till.storeId)
  return (
    <>
      <TillHeader till={till} title="收银台" />
      {checkout.result ? (
        <CheckoutResultView
          result={checkout.result}
          onNext={checkout.nextCustomer}
          onRefund={() => goRefund(till.storeId, checkout.result?.orderId)}
        />
      ) : (
        <>
          {checkout.member ? (
            <MemberSummaryCard member={checkout.member} onChange={checkout.changeMember} showStoredValue />
          ) : (
            <IdentifyMember lookup={checkout} />
          )}
          {checkout.member ? <CheckoutForm c={checkout} /> : null}
        </>
      )}
      <View className="till-nav">
        <View className="till-nav__item" id="go-redeem" onClick={() => goRedeem(till.storeId)}>
          <Text className="till-nav__icon">券</Text>
          <Text className="till-nav__text">券核销</Text>
        </View>
        <View className="till-nav__item" id="go-top-up" onClick={() => goTopUp(till.storeId)}>
          <Text className="till-nav__icon till-nav__icon--gold">储</Text>
          <Text className="till-nav__text">储值充值</Text>
        </View>
      </View>
      <View className="till-nav">
        <View className="till-nav__item" id="go-refund" onClick={() => goRefund(till.storeId)}>
          <Text className="till-nav__icon">退</Text>
          <Text className="till-nav__text">退货退款</Text>
        </View>
        <View className="till-nav__item" id="go-today" onClick={() => goToday(till.storeId)}>
          <Text className="till-nav__icon till-nav__icon--blue">账</Text>
          <Text className="till-nav__text">今日流水</Text>
        </View>
      </View>
      {mayMatchStatus(till.roles) || mayUseConsole(till.roles) ? (
        <View className="till-nav">
          {/* Store managers and admins only: a cashier cannot approve a status match. */}
          {mayMatchStatus(till.roles) ? (
            <View className="till-nav__item" id="go-status-match" onClick={() => goStatusMatch(till.storeId)}>
              <Text className="till-nav__icon till-nav__icon--gold">匹</Text>
              <Text className="till-nav__text">身份匹配</Text>
            </View>
          ) : null}
          {mayUseConsole(till.roles) ? (
            <View className="till-nav__item" id="go-console-login" onClick={goConsoleLogin}>
              <Text className="till-nav__icon till-nav__icon--blue">控</Text>
              <Text className="till-nav__text">登录控制台</Text>
            </View>
          ) : null}
        </View>
      ) : null}
    </>
  )
}

export default function StaffIndexPage() {
  return <TillGate>{(till) => <CheckoutPanel key={till.storeId} till={till} />}</TillGate>
}
