/**
 * How a setting of the program rules reads in Chinese: its name and its values (修改记录, the
 * save confirmation); the referral rules in one sentence.
 */
import { SLOT_LABELS, SUBSCRIPTION_PURPOSE_LABELS, type SubscriptionPurpose } from '@huiyuan/shared/messaging/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { ReferralReward, ReferralRules } from '@huiyuan/shared/referrals/schemas'
import { count, yuan } from '../../lib/format'
import { times } from '../../lib/money'

export const PROMOTION_KINDS: Record<string, string> = {
  member_day: '会员日',
  birthday_month: '生日月',
  store: '指定门店',
  category: '指定品类',
}

export const ENTRY_MODES: Record<string, string> = {
  join_at_entry: '任何人可入会',
  qualify: '消费达标后入会',
}

export const BASES: Record<string, string> = { spend: '滚动消费金额', points: '滚动获得积分' }

export const REWARD_ON: Record<string, string> = { join: '好友注册后', first_purchase: '好友首次消费后' }

export const BENEFIT_ICONS: Record<string, string> = {
  points: '积分',
  discount: '折扣',
  gift: '礼遇',
  service: '服务',
}

const FIELDS: Record<string, string> = {
  name: '名称',
  code: '代码',
  thresholdFen: '门槛',
  earnMultiplierBp: '积分倍数',
  benefits: '权益',
  kind: '类型',
  multiplierBp: '倍数',
  dayOfMonth: '每月几号',
  storeIds: '门店',
  categories: '品类',
  from: '开始日期',
  to: '结束日期',
  day: '连续天数',
  points: '奖励积分',
  text: '内容',
  icon: '图标',
  payFen: '充值金额',
  bonusFen: '赠送金额',
  packageId: '套餐编号',
}

const TOP: Record<string, string> = {
  name: '会员计划名称',
  timeZone: '时区',
  minimumAge: '最低入会年龄',
  privacyPolicyVersion: '隐私政策版本',
  'earning.fenPerPoint': '积分比例',
  'earning.promotions': '积分加倍活动',
  'points.validityMonths': '积分有效期（月）',
  'points.reminderDays': '到期提醒（提前天数）',
  'points.pointsPerYuan': '积分价值（多少积分抵 ¥1）',
  tiers: '等级',
  'checkin.basePoints': '签到基础积分',
  'checkin.streakBonuses': '连续签到奖励',
  'marketing.maxMessagesPer7Days': '每 7 天营销消息上限',
  'marketing.quietHours.from': '免打扰开始',
  'marketing.quietHours.to': '免打扰结束',
  'tierPolicy.basis': '定级依据',
  'tierPolicy.windowMonths': '定级周期（月）',
  'tierPolicy.entryMode': '入会方式',
  'tierPolicy.qualifySinglePurchaseFen': '入会单笔消费',
  'tierPolicy.qualifyCumulativeFen': '入会累计消费',
  'packs.welcomeTemplateIds': '新人礼包',
  'packs.birthdayTemplateIds': '生日礼包',
  'memberCode.stepSeconds': '会员码刷新间隔（秒）',
  'memberCode.graceSeconds': '会员码宽限（秒）',
  'storedValue.enabled': '储值',
  'storedValue.packages': '充值套餐',
  'storedValue.customAmounts': '任意金额充值',
  'storedValue.balanceCapFen': '储值余额上限',
  'storedValue.realNameFromFen': '实名充值门槛',
  referral: '推荐有礼',
  'referral.enabled': '推荐有礼',
  'referral.rewardOn': '推荐有礼 · 奖励时机',
  'referral.minPurchaseFen': '推荐有礼 · 首单最低实付',
  'referral.referrer.points': '邀请人奖励 · 积分',
  'referral.referrer.templateIds': '邀请人奖励 · 优惠券',
  'referral.friend.points': '好友奖励 · 积分',
  'referral.friend.templateIds': '好友奖励 · 优惠券',
  'referral.monthlyCap': '推荐有礼 · 每月奖励上限（位好友）',
  'referral.clawbackDays': '推荐有礼 · 退款追回期（天）',
}

/** `tiers.1.thresholdFen` → 等级「银卡」· 门槛 */
export const pathLabel = (path: string, rules?: ProgramRules): string => {
  if (TOP[path]) return TOP[path]
  const tier = /^tiers\.(\d+)(?:\.(\w+))?(?:\.(\d+))?(?:\.(\w+))?$/.exec(path)
  if (tier) {
    const i = Number(tier[1])
    const name = rules?.tiers[i]?.name
    const who = name ? `等级「${name}」` : `第 ${i + 1} 个等级`
    if (!tier[2]) return who
    return `${who} · ${FIELDS[tier[2]] ?? tier[2]}${tier[3] !== undefined ? ` ${Number(tier[3]) + 1}` : ''}`
  }
  const promo = /^earning\.promotions\.(\d+)(?:\.(\w+))?/.exec(path)
  if (promo) {
    const i = Number(promo[1])
    const name = rules?.earning.promotions[i]?.name
    const who = name ? `加倍活动「${name}」` : `第 ${i + 1} 个加倍活动`
    return promo[2] ? `${who} · ${FIELDS[promo[2]] ?? promo[2]}` : who
  }
  const template = /^messaging\.templates\.(\w+)(?:\.(templateId|fields)(?:\.(\w+))?)?$/.exec(path)
  if (template) {
    const who = `订阅消息「${SUBSCRIPTION_PURPOSE_LABELS[template[1] as SubscriptionPurpose] ?? template[1]}」`
    if (template[2] === 'templateId') return `${who} · 模板 ID`
    if (template[2] === 'fields') return template[3] ? `${who} · ${SLOT_LABELS[template[3]] ?? template[3]}字段` : `${who} · 字段`
    return who
  }
  const pkg = /^storedValue\.packages\.(\d+)(?:\.(\w+))?$/.exec(path)
  if (pkg) {
    const i = Number(pkg[1])
    const name = rules?.storedValue.packages[i]?.name
    const who = name ? `充值套餐「${name}」` : `第 ${i + 1} 个充值套餐`
    return pkg[2] ? `${who} · ${FIELDS[pkg[2]] ?? pkg[2]}` : who
  }
  const streak = /^checkin\.streakBonuses\.(\d+)(?:\.(\w+))?$/.exec(path)
  if (streak) return `连续签到奖励 ${Number(streak[1]) + 1}${streak[2] ? ` · ${FIELDS[streak[2]] ?? streak[2]}` : ''}`
  return path
}

/** A coupon template's name by its id (undefined until the templates are read, or for one deleted since). */
export type TemplateName = (templateId: string) => string | undefined

/** A setting's value as read: yuan for fen, × for basis points, names for codes and coupon templates. */
export const valueText = (path: string, v: unknown, templateName?: TemplateName): string => {
  if (v === undefined || v === null) return '—'
  if (typeof v === 'boolean')
    return v ? (path === 'storedValue.customAmounts' ? '允许' : '开启') : path === 'storedValue.customAmounts' ? '不允许' : '关闭'
  const last = path.split('.').pop() ?? ''
  if (typeof v === 'number') {
    if (path === 'earning.fenPerPoint') return `每消费 ${yuan(v)} 积 1 分`
    if (last.endsWith('Fen')) return yuan(v)
    if (last.endsWith('Bp')) return times(v)
    return String(v)
  }
  if (typeof v === 'string') {
    if (last === 'entryMode') return ENTRY_MODES[v] ?? v
    if (last === 'basis') return BASES[v] ?? v
    if (last === 'kind') return PROMOTION_KINDS[v] ?? v
    if (last === 'rewardOn') return REWARD_ON[v] ?? v
    if (last === 'templateId' && path.startsWith('messaging.')) return v || '未配置'
    return v
  }
  if (Array.isArray(v) && /templateIds$/i.test(last))
    return v.length === 0 ? '不发券' : v.map((id) => templateName?.(String(id)) ?? `券模板 ${id}`).join('、')
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map((x) => (typeof x === 'object' ? objectText(x) : String(x))).join('；')
  if (typeof v === 'object') return objectText(v as Record<string, unknown>)
  return String(v)
}

const objectText = (o: Record<string, unknown>): string => {
  if ('thresholdFen' in o && 'name' in o) return `${o.name}：门槛 ${yuan(Number(o.thresholdFen))}，${times(Number(o.earnMultiplierBp))}`
  if ('multiplierBp' in o && 'kind' in o)
    return `${o.name}（${PROMOTION_KINDS[String(o.kind)] ?? o.kind} ${times(Number(o.multiplierBp))}）`
  if ('day' in o && 'points' in o) return `第 ${o.day} 天 +${o.points}`
  if ('payFen' in o && 'bonusFen' in o) return `${o.name}：充 ${yuan(Number(o.payFen))} 送 ${yuan(Number(o.bonusFen))}`
  if ('rewardOn' in o && 'referrer' in o) return o.enabled ? `开启，${REWARD_ON[String(o.rewardOn)] ?? o.rewardOn}奖励` : '关闭'
  if ('text' in o) return String(o.text)
  return JSON.stringify(o)
}

/** What one side of a referral receives: 获得 200 积分和「满50减10」1 张. */
const rewardText = (r: ReferralReward, templateName?: TemplateName): string => {
  const coupons = r.templateIds.map((id) => `「${templateName?.(id) ?? `券模板 ${id}`}」`).join('')
  const parts = [
    ...(r.points > 0 ? [`${count(r.points)} 积分`] : []),
    ...(coupons ? [r.templateIds.length > 1 ? `${coupons}各 1 张` : `${coupons}1 张`] : []),
  ]
  return parts.length > 0 ? `获得 ${parts.join('和')}` : '不获奖励'
}

/** 推荐有礼 in one sentence: when both sides are rewarded, with what, and the limits. */
export const referralText = (r: ReferralRules, templateName?: TemplateName): string => {
  if (!r.enabled) return '推荐有礼已关闭：不记录邀请，也不发放奖励。'
  const when =
    r.rewardOn === 'join'
      ? '好友通过邀请入会后'
      : r.minPurchaseFen > 0
        ? `好友通过邀请入会、首次消费实付满 ${yuan(r.minPurchaseFen)} 后`
        : '好友通过邀请入会并首次消费后'
  const cap = r.monthlyCap > 0 ? `每位邀请人每月最多因 ${count(r.monthlyCap)} 位好友获奖，超出后只奖励好友` : '邀请人不获奖励，只奖励好友'
  const clawback = r.rewardOn === 'first_purchase' && r.clawbackDays > 0 ? `；首单 ${r.clawbackDays} 天内全额退款的，收回双方奖励` : ''
  return `${when}，邀请人${rewardText(r.referrer, templateName)}，好友${rewardText(r.friend, templateName)}；${cap}${clawback}。`
}
