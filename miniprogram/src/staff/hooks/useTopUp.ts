import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import type { TopUpResult } from '@huiyuan/shared/storedValue/schemas'
import { isApiError } from '../../services/request'
import { FIELD_MESSAGES } from '../../services/messages'
import { getTillStoredValueRules, topUpStoredValue } from '../../services/staff'
import { useRemote } from '../../hooks/useRemote'
import { yuanGrouped } from '../../utils/format'
import { newTopUpId, ORDER_ID_PATTERN, parseYuan, yuan2 } from '../../utils/money'
import { errorCode, tillError } from '../errors'
import { RESCAN_CODES, useMemberLookup } from './useMemberLookup'

/** A package of the program's, or an amount typed by the cashier (no bonus). */
export type TopUpChoice = { kind: 'package'; packageId: string } | { kind: 'amount' }

export interface Payer {
  name: string
  idNumber: string
  bankTransferRef: string
}

export interface TopUpErrors {
  choice?: string
  amount?: string
  paymentRef?: string
  payerName?: string
  payerIdNumber?: string
  payerBankRef?: string
  form?: string
}

/** Why the API refused the top-up, for the panel that explains it. */
export type TopUpRefusal =
  | { kind: 'cap'; message: string; roomFen: number | null; capFen: number | null; balanceFen: number | null }
  | { kind: 'disabled'; message: string }

/** What a top-up pays and adds, once chosen. */
export interface TopUpPlan {
  packageId?: string
  payFen: number
  bonusFen: number
}

const EMPTY_PAYER: Payer = { name: '', idNumber: '', bankTransferRef: '' }

const payerErrors = (p: Payer): TopUpErrors => ({
  ...(p.name.trim().length < 2 || p.name.trim().length > 60 ? { payerName: FIELD_MESSAGES['payer.name'] } : {}),
  ...(p.idNumber.trim().length < 8 || p.idNumber.trim().length > 30 ? { payerIdNumber: FIELD_MESSAGES['payer.idNumber'] } : {}),
  ...(p.bankTransferRef.trim().length < 4 || p.bankTransferRef.trim().length > 64
    ? { payerBankRef: FIELD_MESSAGES['payer.bankTransferRef'] }
    : {}),
})

/** The server's field errors (VALIDATION_FAILED) in the till's words, by field. */
function fieldErrors(e: unknown): TopUpErrors {
  const fields = isApiError(e) ? (e.fields ?? []) : []
  const out: TopUpErrors = {}
  for (const f of fields) {
    const field = f.field.replace(/^body\./, '')
    if (field === 'packageId') out.choice = '该套餐已不可用，请选择其他套餐或输入金额'
    else if (field === 'amountFen') out.amount = f.code === 'package_only' ? '本会员计划只能按套餐充值，请选择套餐' : '请输入正确的充值金额'
    else if (field === 'paymentRef') out.paymentRef = FIELD_MESSAGES.paymentRef
    else if (field === 'payer.name') out.payerName = FIELD_MESSAGES['payer.name']
    else if (field === 'payer.idNumber') out.payerIdNumber = FIELD_MESSAGES['payer.idNumber']
    else if (field === 'payer.bankTransferRef') out.payerBankRef = FIELD_MESSAGES['payer.bankTransferRef']
  }
  return Object.keys(out).length > 0 ? out : { form: tillError(e) }
}

/** Asks the cashier to confirm: money put on a card cannot be taken back here. */
async function confirmTopUp(plan: TopUpPlan, memberName: string, cardTail: string, paymentRef: string): Promise<boolean> {
  const lines = [
    `为会员 ${memberName}（卡号尾号 ${cardTail}）充值 ¥${yuan2(plan.payFen)}`,
    plan.bonusFen > 0 ? `赠送 ¥${yuan2(plan.bonusFen)}，到账 ¥${yuan2(plan.payFen + plan.bonusFen)}` : `到账 ¥${yuan2(plan.payFen)}`,
    `支付流水号 ${paymentRef}`,
    '充值后不能撤销，请确认已收款。',
  ]
  const { confirm } = await Taro.showModal({
    title: '确认充值',
    content: lines.join('\n'),
    confirmText: '确认充值',
    cancelText: '返回修改',
  })
  return confirm
}

/**
 * A stored-value top-up at the till: the member (their dynamic code), a package of the
 * program's (GET /v1/staff/stored-value/rules, with the card's cap, the real-name threshold
 * and whether other amounts are taken) or an amount, the payment's reference, and the payer's
 * real name for a top-up at or above the threshold (or when the API asks for it).
 * The receipt number (topUpId) is made once per top-up and kept until it succeeds, so a
 * retry after a network error or a refusal never tops up twice (the API answers `replayed`).
 */
export function useTopUp(storeId: string) {
  const rulesRemote = useRemote(() => getTillStoredValueRules(storeId), { key: storeId })
  const rules = rulesRemote.data
  const packages = rules?.packages ?? []
  const identified = useMemberLookup(storeId)
  const { member, memberCode, rescan, clearMember, updateMember } = identified

  const [choice, setChoice] = useState<TopUpChoice | null>(null)
  const [amount, setAmount] = useState('')
  const [paymentRef, setPaymentRef] = useState('')
  const [topUpId, setTopUpId] = useState(() => newTopUpId())
  const [askedRealName, setAskedRealName] = useState(false)
  const [payer, setPayer] = useState<Payer>(EMPTY_PAYER)
  const [errors, setErrors] = useState<TopUpErrors>({})
  const [refusal, setRefusal] = useState<TopUpRefusal | null>(null)
  const [keyReused, setKeyReused] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<TopUpResult | null>(null)

  /** Any change to what would be sent: the old refusal no longer stands. */
  const edited = useCallback((field: keyof TopUpErrors) => {
    setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e))
    setRefusal((r) => (r?.kind === 'cap' ? null : r))
  }, [])

  const choose = useCallback(
    (c: TopUpChoice) => {
      setChoice(c)
      edited('choice')
      setErrors((e) => (e.amount ? { ...e, amount: undefined } : e))
    },
    [edited],
  )
  const changeAmount = useCallback(
    (v: string) => {
      setAmount(v)
      edited('amount')
    },
    [edited],
  )
  const changePaymentRef = useCallback(
    (v: string) => {
      setPaymentRef(v)
      edited('paymentRef')
    },
    [edited],
  )
  const changePayer = useCallback(
    (field: keyof Payer, v: string) => {
      setPayer((p) => ({ ...p, [field]: v }))
      edited(field === 'name' ? 'payerName' : field === 'idNumber' ? 'payerIdNumber' : 'payerBankRef')
    },
    [edited],
  )

  const amountFen = parseYuan(amount)
  const chosenPackage = choice?.kind === 'package' ? packages.find((p) => p.packageId === choice.packageId) : undefined
  const plan: TopUpPlan | null = chosenPackage
    ? { packageId: chosenPackage.packageId, payFen: chosenPackage.payFen, bonusFen: chosenPackage.bonusFen }
    : choice?.kind === 'amount' && rules?.customAmounts && amountFen !== null && amountFen > 0
      ? { payFen: amountFen, bonusFen: 0 }
      : null
  /** The API asked for the payer's real name (a top-up at or above rules.realNameFromFen). */
  const needRealName = askedRealName
  /** What the card may still take under the cap (null until the member and the rules are known). */
  const roomFen = member && rules ? Math.max(0, rules.balanceCapFen - member.storedValueFen) : null

  const submit = useCallback(async (): Promise<TopUpResult | null> => {
    if (!member) return null
    const next: TopUpErrors = {}
    if (!choice) next.choice = '请选择充值套餐或输入金额'
    else if (choice.kind === 'amount') {
      if (amountFen === null) next.amount = '请输入正确的充值金额，如 200 或 88.50'
      else if (amountFen <= 0) next.amount = '充值金额必须大于 0'
    }
    const ref = paymentRef.trim()
    if (!ref) next.paymentRef = '请输入支付流水号（收款凭证上的交易单号）'
    else if (ref.length > 64) next.paymentRef = '支付流水号不能超过 64 个字符'
    if (needRealName) Object.assign(next, payerErrors(payer))
    if (!ORDER_ID_PATTERN.test(topUpId)) next.form = FIELD_MESSAGES.topUpId
    setErrors(next)
    if (Object.keys(next).length > 0 || !plan) return null

    if (!(await confirmTopUp(plan, member.name, member.cardNo.slice(-4), ref))) return null

    setSubmitting(true)
    setRefusal(null)
    try {
      const r = await topUpStoredValue({
        memberCode,
        storeId,
        topUpId,
        ...(plan.packageId ? { packageId: plan.packageId } : { amountFen: plan.payFen }),
        paymentRef: ref,
        ...(needRealName
          ? { payer: { name: payer.name.trim(), idNumber: payer.idNumber.trim(), bankTransferRef: payer.bankTransferRef.trim() } }
          : {}),
      })
      setResult(r)
      updateMember(r.member)
      return r
    } catch (e) {
      const code = errorCode(e)
      if (code && RESCAN_CODES.has(code)) rescan(tillError(e))
      else if (code === 'BALANCE_CAP_EXCEEDED') {
        const d = (isApiError(e) ? e.details : undefined) as { roomFen?: unknown; capFen?: unknown; balanceFen?: unknown } | undefined
        const fen = (v: unknown) => (typeof v === 'number' ? v : null)
        setRefusal({ kind: 'cap', message: tillError(e), roomFen: fen(d?.roomFen), capFen: fen(d?.capFen), balanceFen: fen(d?.balanceFen) })
      } else if (code === 'STORED_VALUE_DISABLED') setRefusal({ kind: 'disabled', message: tillError(e) })
      else if (code === 'REAL_NAME_REQUIRED') {
        setAskedRealName(true)
        setErrors({
          form: rules ? `单笔充值 ¥${yuanGrouped(rules.realNameFromFen)} 及以上须登记付款人实名信息和银行转账凭证` : tillError(e),
        })
      } else if (code === 'IDEMPOTENCY_KEY_REUSED') {
        setKeyReused(true)
        setErrors({
          form: '该充值单号已提交过内容不同的充值。请先核对会员储值余额，确认上一笔是否已到账；确认未到账后再换新单号重新提交。',
        })
      } else if (code === 'VALIDATION_FAILED') setErrors(fieldErrors(e))
      else setErrors({ form: tillError(e) })
      return null
    } finally {
      setSubmitting(false)
    }
  }, [member, memberCode, storeId, topUpId, choice, amountFen, paymentRef, needRealName, payer, plan, rules, rescan, updateMember])

  /** After IDEMPOTENCY_KEY_REUSED, once the cashier has checked: a new receipt number. */
  const newReceipt = useCallback(() => {
    setTopUpId(newTopUpId())
    setKeyReused(false)
    setErrors({})
  }, [])

  /** Ready for the next customer: everything cleared, a new receipt number. */
  const next = useCallback(() => {
    clearMember()
    setChoice(null)
    setAmount('')
    setPaymentRef('')
    setTopUpId(newTopUpId())
    setAskedRealName(false)
    setPayer(EMPTY_PAYER)
    setErrors({})
    setRefusal(null)
    setKeyReused(false)
    setResult(null)
  }, [clearMember])

  return {
    /** The program's top-up rules: packages, other amounts, cap, real-name threshold (loading, error, reload). */
    rules: rulesRemote,
    roomFen,
    lookup: identified,
    member,
    changeMember: clearMember,
    packages,
    choice,
    choose,
    amount,
    changeAmount,
    plan,
    paymentRef,
    changePaymentRef,
    topUpId,
    keyReused,
    newReceipt,
    needRealName,
    payer,
    changePayer,
    errors,
    refusal,
    submitting,
    submit,
    result,
    next,
  }
}

export type TopUp = ReturnType<typeof useTopUp>
