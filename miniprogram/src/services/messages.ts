import type { ClientErrorCode } from '@huiyuan/shared/client/core'
import type { ErrorCode } from '@huiyuan/shared/errors'
import { thousands, yuanGrouped } from '../utils/format'

export type AppErrorCode = ErrorCode | ClientErrorCode

type Details =
  | { minimumAge?: number; capFen?: number; balanceFen?: number; roomFen?: number; maxPoints?: number; dueFen?: number }
  | undefined

/** A Chinese message for every error code (shared/src/errors.ts) a member or cashier may meet. */
const MESSAGES: Record<AppErrorCode, string | ((details: Details) => string)> = {
  VALIDATION_FAILED: '填写的信息有误，请检查后重试',
  UNAUTHENTICATED: '登录已过期，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  NOT_A_MEMBER: '请先加入会员',
  ALREADY_MEMBER: '你已经是会员了',
  UNDER_MINIMUM_AGE: (d) => `未满${d?.minimumAge ?? 18}岁暂不能加入会员`,
  BIRTHDAY_LOCKED: '生日只能自行修改一次，如需再改请到门店由店员办理',
  BIRTHDAY_CHANGE_NOT_ALLOWED: '生日不能改到本月或下个月',
  PRIVACY_CONSENT_OUTDATED: '隐私政策已更新，请重新阅读并同意',
  STORE_NOT_FOUND: '门店不存在，请重新扫描门店二维码',
  ALREADY_CHECKED_IN: '今天已经签到过了',
  INSUFFICIENT_POINTS: '积分不足',
  INSUFFICIENT_BALANCE: '储值余额不足',
  IDEMPOTENCY_KEY_REUSED: '该请求已用不同内容提交过，请刷新后重试',
  CODE_EXPIRED: '会员码已过期，请让顾客刷新',
  CODE_INVALID: '会员码无效，请重新扫描',
  WECHAT_LOGIN_FAILED: '微信登录失败，请稍后再试',
  DEV_LOGIN_DISABLED: '当前环境不支持开发登录',
  CONFLICT_RETRY_EXHAUSTED: '操作太频繁，请稍后再试',
  ORDER_NOT_FOUND: '订单不存在，请核对订单号与门店',
  ORDER_CONFLICT: '该订单号已记录过不同的金额或会员，请核对订单号',
  REFUND_EXCEEDS_PURCHASE: '退款金额超过了原订单金额',
  BINDING_CODE_INVALID: '绑定码无效或已过期',
  SIGNATURE_INVALID: '请求签名校验失败',
  REQUEST_EXPIRED: '请求已过期，请重试',
  OUT_OF_STOCK: '手慢了，券已被抢光',
  LIMIT_REACHED: '您已领取过该券，每人限领已达上限',
  OFFER_NOT_AVAILABLE: '该活动当前不可领取',
  OFFER_PAUSED: '该活动已暂停领取',
  REWARD_PAUSED: '该商品已暂停兑换',
  EDIT_NOT_ALLOWED: '该项内容发放后不能这样修改',
  COUPON_NOT_FOUND: '没有找到这张券，请核对券码',
  COUPON_INVALID: '券码有误，请核对后重新输入',
  COUPON_ALREADY_REDEEMED: '这张券已经核销过了',
  COUPON_EXPIRED: '这张券已过期',
  COUPON_NOT_YET_VALID: '这张券还未到使用时间',
  COUPON_NOT_VALID_AT_STORE: '这张券不能在本门店使用',
  THRESHOLD_NOT_MET: '订单金额未达到使用门槛',
  THROTTLED: '请求太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容太大了',
  REQUEST_REPLAYED: '该请求已处理过，请勿重复提交',
  CONSOLE_NOT_ALLOWED: '你的员工账号没有控制台权限（需店长、市场或管理员角色）',
  CONSOLE_QR_REQUIRED: '请在电脑上打开控制台，用小程序扫码登录',
  CONSOLE_SESSION_EXPIRED: '二维码已过期，请在电脑上刷新二维码后重新扫描',
  CONSOLE_SESSION_USED: '该二维码已被使用，请在电脑上刷新二维码后重新扫描',
  VERSION_CONFLICT: '内容已被他人修改，请刷新后重试',
  STORE_EXISTS: '门店编号已存在',
  STORE_CLOSED: '该门店已停止营业，请选择其他门店',
  ENROLMENT_CODE_INVALID: '团体码无效或不在有效期内，请核对后重试，或不使用团体码加入',
  ENROLMENT_CODE_USED_UP: '该团体码的名额已用完，请联系组织方或不使用团体码加入',
  STATUS_MATCH_DONE: '该会员已办理过身份匹配，每位会员仅可办理一次',
  STATUS_MATCH_NOT_HIGHER: '匹配的等级须高于会员当前等级',
  CAMPAIGN_STATE: '活动状态已变化，请刷新后再试',
  WECHAT_API_FAILED: '微信服务暂时不可用，请稍后再试',
  STORED_VALUE_DISABLED: '本会员计划暂不支持储值充值',
  REAL_NAME_REQUIRED: '单笔充值 1 万元及以上须登记付款人实名信息和银行转账凭证',
  BALANCE_CAP_EXCEEDED: (d) => {
    const cap = typeof d?.capFen === 'number' ? `¥${yuanGrouped(d.capFen)}` : ''
    if (typeof d?.roomFen !== 'number') return `充值后余额将超过储值上限${cap}，请减少充值金额`
    if (d.roomFen <= 0) return `该会员储值余额已达上限${cap}，不能再充值`
    return `充值后余额将超过储值上限${cap}，还可充值 ¥${yuanGrouped(d.roomFen)}`
  },
  POINTS_DEDUCTION_CAP_EXCEEDED: (d) =>
    typeof d?.maxPoints === 'number'
      ? `积分抵扣超过本单上限，本单最多可抵扣 ${thousands(d.maxPoints)} 积分`
      : '积分抵扣超过本单上限，请减少抵扣积分',
  STORED_VALUE_EXCEEDS_DUE: (d) =>
    typeof d?.dueFen === 'number' ? `储值支付金额超过应付金额 ¥${yuanGrouped(d.dueFen)}` : '储值支付金额超过应付金额',
  INTERNAL: '服务开小差了，请稍后再试',
  NETWORK_ERROR: '网络不给力，请稍后再试',
  INVALID_RESPONSE: '服务返回了无法识别的数据，请稍后再试',
  UNKNOWN: '出错了，请稍后再试',
}

/** At the till some codes mean something narrower: the staff's store, the member's code. */
const TILL_MESSAGES: Partial<Record<AppErrorCode, string>> = {
  FORBIDDEN: '无权在此门店操作',
  NOT_A_MEMBER: '该顾客还不是会员',
  NOT_FOUND: '没有找到该会员',
  STORE_NOT_FOUND: '门店不存在，请重新选择门店',
  INSUFFICIENT_POINTS: '会员积分不足，请减少抵扣积分',
  INSUFFICIENT_BALANCE: '会员储值余额不足，请减少储值支付金额',
}

export const isKnownCode = (code: string): code is AppErrorCode => Object.hasOwn(MESSAGES, code)

export function messageFor(code: string, details?: unknown): string {
  if (!isKnownCode(code)) return MESSAGES.UNKNOWN as string
  const m = MESSAGES[code]
  return typeof m === 'function' ? m(details as Details) : m
}

/** The message for a code met at the till (staff pages). */
export function tillMessageFor(code: string, details?: unknown): string {
  return (isKnownCode(code) && TILL_MESSAGES[code]) || messageFor(code, details)
}

/** Chinese messages for form fields the server rejected (VALIDATION_FAILED details). */
export const FIELD_MESSAGES: Record<string, string> = {
  name: '请输入姓名（不超过30个字）',
  mobile: '请输入正确的手机号',
  phoneCode: '获取微信手机号失败，请手动填写',
  birthday: '请选择生日',
  gender: '请选择性别',
  privacyConsentVersion: '请先阅读并同意隐私政策',
  marketingConsent: '营销信息设置有误',
  storeId: '门店信息有误，请重新扫码',
  referralCode: '邀请码无效',
  enrolmentCode: '团体码为8位字母或数字，请核对后重新输入',
  memberCode: '请输入或扫描 18 位会员码',
  orderId: '订单号只能包含字母、数字和 _-.:',
  refundId: '退货单号只能包含字母、数字和 _-.:',
  amountFen: '请输入正确的金额',
  code: '请输入正确的绑定码',
  topUpId: '充值单号只能包含字母、数字和 _-.:',
  paymentRef: '请输入支付流水号',
  packageId: '请选择充值套餐',
  'payer.name': '请输入付款人姓名或单位名称（至少 2 个字）',
  'payer.idNumber': '请输入正确的证件号或统一社会信用代码',
  'payer.bankTransferRef': '请输入银行转账流水号',
}
