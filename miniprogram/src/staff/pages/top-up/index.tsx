/**
 * 储值充值 at the till: identify the member by their code, pick one of the program's packages
 * (or type an amount, where the program takes any), enter the payment's reference, confirm,
 * and see what the card holds now. The packages and rules come from the API. The
 * API's refusals are explained: the card's cap (with the room left), the real-name rule for
 * large top-ups (the payer's details, then send again), stored value switched off.
 */
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { TopUpResult } from '@huiyuan/shared/storedValue/schemas'
import { Button } from '../../../components/nutui/button'
import { yuan2 } from '../../../utils/money'
import { yuanGrouped } from '../../../utils/format'
import TillGate, { TillHeader } from '../../components/TillGate'
import { AmountField, FieldError, TextField } from '../../components/TillFields'
import StateView from '../../../components/StateView'
import IdentifyMember from '../../components/IdentifyMember'
import MemberSummaryCard from '../../components/MemberSummaryCard'
import { useTopUp, type TopUp } from '../../hooks/useTopUp'
import type { TillSession } from '../../hooks/useTillSession'
import './index.scss'

/** Step 2: a package (充500送30…) or another amount. */
function ChooseAmount({ t }: { t: TopUp }) {
  const { choice } = t
  const rules = t.rules.data
  return (
    <View className="hy-section till-step" id="top-up-amount">
      <Text className="till-step__title">
        <Text className="till-step__no">2</Text>充值金额
      </Text>
      <View className="tu-choices">
        {t.packages.map((p) => {
          const on = choice?.kind === 'package' && choice.packageId === p.packageId
          return (
            <View
              key={p.packageId}
              id={`package-${p.packageId}`}
              className={`tu-choice ${on ? 'tu-choice--on' : ''}`}
              onClick={() => t.choose({ kind: 'package', packageId: p.packageId })}
            >
              <Text className="tu-choice__name">{p.name}</Text>
              <Text className="tu-choice__detail">收 ¥{yuanGrouped(p.payFen)}</Text>
              <Text className="tu-choice__detail tu-choice__detail--get">到账 ¥{yuanGrouped(p.payFen + p.bonusFen)}</Text>
            </View>
          )
        })}
        {rules?.customAmounts ? (
          <View
            id="package-custom"
            className={`tu-choice ${choice?.kind === 'amount' ? 'tu-choice--on' : ''}`}
            onClick={() => t.choose({ kind: 'amount' })}
          >
            <Text className="tu-choice__name">其他金额</Text>
            <Text className="tu-choice__detail">按实收金额充值</Text>
            <Text className="tu-choice__detail">无赠送</Text>
          </View>
        ) : null}
      </View>
      {t.packages.length === 0 && !rules?.customAmounts ? (
        <Text className="till-step__hint" id="top-up-no-packages">
          本会员计划暂未设置充值套餐
        </Text>
      ) : null}
      {t.roomFen !== null && rules ? (
        <Text className="till-step__hint" id="top-up-room-hint">
          储值上限 ¥{yuanGrouped(rules.balanceCapFen)}，该卡最多可再存入 ¥{yuan2(t.roomFen)}（含赠送）
        </Text>
      ) : null}
      <FieldError id="top-up-choice-error" error={t.errors.choice} />
      {choice?.kind === 'amount' ? (
        <AmountField
          id="top-up-amount-input"
          label="充值金额（元）"
          value={t.amount}
          onChange={t.changeAmount}
          error={t.errors.amount}
          errorId="top-up-amount-error"
        />
      ) : (
        <FieldError id="top-up-amount-error" error={t.errors.amount} />
      )}
    </View>
  )
}

/** The payer's real name: the prepaid-card rules ask for it on a large single top-up. */
function RealName({ t }: { t: TopUp }) {
  const from = t.rules.data?.realNameFromFen
  return (
    <View className="hy-section till-step tu-real-name" id="real-name">
      <Text className="till-step__title">实名信息</Text>
      <Text className="till-step__hint" id="real-name-hint">
        按预付卡管理规定，{from ? `单笔充值 ¥${yuanGrouped(from)} 及以上` : '大额充值'}须登记付款人的实名信息，并以银行转账付款。
      </Text>
      <TextField
        id="payer-name-input"
        label="付款人姓名 / 单位名称"
        value={t.payer.name}
        onChange={(v) => t.changePayer('name', v)}
        maxLength={60}
        error={t.errors.payerName}
        errorId="payer-name-error"
      />
      <TextField
        id="payer-id-input"
        label="证件号 / 统一社会信用代码"
        value={t.payer.idNumber}
        onChange={(v) => t.changePayer('idNumber', v)}
        maxLength={30}
        error={t.errors.payerIdNumber}
        errorId="payer-id-error"
      />
      <TextField
        id="payer-bank-ref-input"
        label="银行转账流水号"
        value={t.payer.bankTransferRef}
        onChange={(v) => t.changePayer('bankTransferRef', v)}
        error={t.errors.payerBankRef}
        errorId="payer-bank-ref-error"
      />
    </View>
  )
}

/** Why the API refused: the card's cap (and what still fits), or stored value switched off. */
function Refusal({ t }: { t: TopUp }) {
  const r = t.refusal
  if (!r) return null
  return (
    <View className="till-refused" id="top-up-refused">
      <Text className="till-refused__title">{r.kind === 'cap' ? '超出储值上限' : '暂不能充值'}</Text>
      <Text className="till-refused__text" id="top-up-refused-text">
        {r.kind === 'cap' && r.capFen !== null && r.balanceFen !== null
          ? `该会员储值余额 ¥${yuan2(r.balanceFen)}，储值上限 ¥${yuanGrouped(r.capFen)}，本次充值后将超出上限。`
          : r.message}
      </Text>
      {r.kind === 'cap' && r.roomFen !== null && r.roomFen > 0 ? (
        <Text className="tu-refused__room" id="top-up-room">
          还可充值 ¥{yuan2(r.roomFen)}
        </Text>
      ) : null}
    </View>
  )
}

/** Step 3: how it was paid, the receipt number, and the button (after a confirmation). */
function Pay({ t }: { t: TopUp }) {
  const { plan } = t
  const label = plan
    ? `确认充值 ¥${yuan2(plan.payFen)}${plan.bonusFen > 0 ? `（到账 ¥${yuan2(plan.payFen + plan.bonusFen)}）` : ''}`
    : '确认充值'
  return (
    <>
      <View className="hy-section till-step" id="top-up-payment">
        <Text className="till-step__title">
          <Text className="till-step__no">3</Text>收款
        </Text>
        <TextField
          id="payment-ref-input"
          label="支付流水号"
          placeholder="微信 / 支付宝 / 银行卡交易单号"
          value={t.paymentRef}
          onChange={t.changePaymentRef}
          error={t.errors.paymentRef}
          errorId="payment-ref-error"
        />
        <View className="tu-receipt">
          <Text className="tu-receipt__label">充值单号</Text>
          <Text className="tu-receipt__id" id="top-up-id">
            {t.topUpId}
          </Text>
          {t.keyReused ? (
            <Text className="hy-link tu-receipt__new" id="top-up-new-receipt" onClick={t.newReceipt}>
              换新单号
            </Text>
          ) : null}
        </View>
        <Text className="till-step__hint">自动生成；网络中断后重新提交仍用此单号，不会重复充值</Text>
      </View>
      {t.needRealName ? <RealName t={t} /> : null}
      <Refusal t={t} />
      <FieldError id="top-up-error" error={t.errors.form} />
      <Button
        className="till-big-button"
        type="primary"
        block
        id="top-up-submit"
        disabled={t.submitting || t.refusal?.kind === 'disabled'}
        onClick={() => void t.submit()}
      >
        {t.submitting ? '正在充值…' : t.needRealName ? `补充实名信息后${label}` : label}
      </Button>
    </>
  )
}

function TopUpResultView({ result, paymentRef, onNext }: { result: TopUpResult; paymentRef: string; onNext: () => void }) {
  const b = result.balance
  return (
    <View className="till-result" id="top-up-result">
      {result.replayed ? (
        <View className="till-notice" id="top-up-replayed">
          该充值单已办理，以下为首次办理的结果
        </View>
      ) : null}
      <View className="hy-section till-result__main tu-result">
        <View className="tu-result__tick">✓</View>
        <Text className="till-result__status" id="top-up-status">
          充值成功
        </Text>
        <Text className="tu-result__credited" id="top-up-credited">
          +¥{yuan2(result.paidFen + result.bonusFen)}
        </Text>
        <View className="till-explain">
          <View className="till-explain__row">
            <Text>实收</Text>
            <Text id="top-up-paid">¥{yuan2(result.paidFen)}</Text>
          </View>
          <View className="till-explain__row">
            <Text>赠送</Text>
            <Text id="top-up-bonus">¥{yuan2(result.bonusFen)}</Text>
          </View>
          <View className="till-explain__row">
            <Text>充值单号</Text>
            <Text>{result.topUpId}</Text>
          </View>
          {paymentRef ? (
            <View className="till-explain__row">
              <Text>支付流水号</Text>
              <Text className="tu-result__ref">{paymentRef}</Text>
            </View>
          ) : null}
          <View className="till-explain__row till-explain__row--sum">
            <Text>储值余额</Text>
            <Text id="top-up-balance">¥{yuan2(b.balanceFen)}</Text>
          </View>
        </View>
        <Text className="tu-result__split" id="top-up-split">
          其中本金 ¥{yuan2(b.principalFen)} · 赠送 ¥{yuan2(b.bonusFen)}
        </Text>
        <Text className="tu-result__member">
          会员 {result.member.name} · 卡号尾号 {result.member.cardNo.slice(-4)}
        </Text>
      </View>
      <Button className="till-big-button" type="primary" block id="top-up-next" onClick={onNext}>
        下一位顾客
      </Button>
    </View>
  )
}

function TopUpPanel({ till }: { till: TillSession }) {
  const t = useTopUp(till.storeId)
  return (
    <>
      <TillHeader till={till} title="储值充值" />
      {t.result ? (
        <TopUpResultView result={t.result} paymentRef={t.paymentRef.trim()} onNext={t.next} />
      ) : t.rules.loading ? (
        <StateView kind="loading" title="正在读取充值套餐…" />
      ) : !t.rules.data ? (
        <StateView kind="error" title="充值套餐读取失败" message={t.rules.error?.message} onAction={() => void t.rules.reload()} />
      ) : !t.rules.data.enabled ? (
        <StateView kind="empty" title="暂不能充值" message="本会员计划暂不支持储值充值（已有余额仍可在结账时使用）" />
      ) : t.member ? (
        <>
          <MemberSummaryCard member={t.member} onChange={t.changeMember} showStoredValue />
          <ChooseAmount t={t} />
          <Pay t={t} />
        </>
      ) : (
        <IdentifyMember lookup={t.lookup} />
      )}
    </>
  )
}

export default function StaffTopUpPage() {
  const { params } = useRouter()
  return <TillGate preferredStore={params.store}>{(till) => <TopUpPanel key={till.storeId} till={till} />}</TillGate>
}
