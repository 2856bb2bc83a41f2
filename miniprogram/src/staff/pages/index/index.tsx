import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '../../../components/nutui/button'
import { yuan2 } from '../../../utils/money'
import TillGate, { TillHeader } from '../../components/TillGate'
import { AmountField, FieldError, OrderIdField } from '../../components/TillFields'
import MemberSummaryCard from '../../components/MemberSummaryCard'
import IdentifyMember from '../../components/IdentifyMember'
import PurchaseResultView from '../../components/PurchaseResultView'
import { useCheckout, type Checkout } from '../../hooks/useCheckout'
import { mayUseConsole, type TillSession } from '../../hooks/useTillSession'
import { pageUrl } from '../../../paths'

const goRefund = (storeId: string) => void Taro.navigateTo({ url: pageUrl('refund', { store: storeId }) })
const goToday = (storeId: string) => void Taro.navigateTo({ url: pageUrl('tillDay', { store: storeId }) })
const goRedeem = (storeId: string) => void Taro.navigateTo({ url: pageUrl('redeem', { store: storeId }) })
const goTopUp = (storeId: string) => void Taro.navigateTo({ url: pageUrl('topUp', { store: storeId }) })
const goConsoleLogin = () => void Taro.navigateTo({ url: pageUrl('consoleLogin') })

/** Step 2: amount paid and order number → record. */
function RecordPurchase({ checkout }: { checkout: Checkout }) {
  const { errors, amountFen } = checkout
  const label = amountFen !== null && amountFen > 0 ? `记录消费 ¥${yuan2(amountFen)}` : '记录消费'
  return (
    <View className="hy-section till-step" id="purchase-form">
      <Text className="till-step__title">
        <Text className="till-step__no">2</Text>记录消费
      </Text>
      <AmountField
        id="amount-input"
        label="实付金额（元）"
        value={checkout.amount}
        onChange={checkout.changeAmount}
        error={errors.amount}
        errorId="amount-error"
      />
      <OrderIdField
        id="order-id-input"
        value={checkout.orderId}
        onChange={checkout.changeOrderId}
        onRegenerate={checkout.newOrderNumber}
        error={errors.orderId}
        errorId="order-id-error"
      />
      <FieldError id="purchase-error" error={errors.form} />
      <Button
        className="till-big-button"
        type="primary"
        block
        id="purchase-submit"
        disabled={checkout.submitting}
        onClick={() => void checkout.submit()}
      >
        {checkout.submitting ? '正在记录…' : label}
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
        <PurchaseResultView result={checkout.result} onNext={checkout.nextCustomer} />
      ) : (
        <>
          {checkout.member ? (
            <MemberSummaryCard member={checkout.member} onChange={checkout.changeMember} />
          ) : (
            <IdentifyMember lookup={checkout} />
          )}
          {checkout.member ? <RecordPurchase checkout={checkout} /> : null}
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
      {mayUseConsole(till.roles) ? (
        <View className="till-nav">
          <View className="till-nav__item" id="go-console-login" onClick={goConsoleLogin}>
            <Text className="till-nav__icon till-nav__icon--blue">控</Text>
            <Text className="till-nav__text">扫码登录控制台</Text>
          </View>
        </View>
      ) : null}
    </>
  )
}

export default function StaffIndexPage() {
  return <TillGate>{(till) => <CheckoutPanel key={till.storeId} till={till} />}</TillGate>
}
