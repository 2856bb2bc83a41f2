/**
 * Field errors as a form shows them: the shared schemas' own messages (English where a
 * schema wrote its own) in Chinese, and field paths renamed from the wire (`thresholdFen`)
 * to the form (`thresholdYuan`), so `applyFieldErrors` puts each error under its input.
 */
import type { FieldError } from '@huiyuan/shared/client/core'
import type { FormInstance } from 'antd/es/form'
import { ApiError, isApiError } from '../api/client'
import { yuan } from './format'

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be above the previous tier's threshold \((\d+)\)$/, (m) => `须高于上一等级的门槛（${yuan(Number(m[1]))}）`],
  [/^the entry tier \(the first\) starts at 0$/, () => '第一个等级（入门等级）的门槛须为 0'],
  [/^lowercase letters, digits, - and _, starting with a letter$/, () => '以小写字母开头，只含小写字母、数字、- 和 _'],
  [/^tier code (.+) is used twice$/, (m) => `等级代码 ${m[1]} 重复`],
  [/^tier name (.+) is used twice$/, (m) => `等级名称 ${m[1]} 重复`],
  [/^promotion id (.+) is used twice$/, (m) => `活动编号 ${m[1]} 重复`],
  [/^a member day needs its day of the month$/, () => '会员日需要选择每月几号'],
  [/^a store promotion needs at least one store$/, () => '门店活动至少选择一个门店'],
  [/^a category promotion needs at least one category$/, () => '品类活动至少填写一个品类'],
  [/^must be a date YYYY-MM-DD$/, () => '请选择日期'],
  [/^must be a real calendar date$/, () => '日期不存在'],
  [/^must not be before the start date$/, () => '结束日期不能早于开始日期'],
  [/^must be on or after validFrom$/, () => '结束日期不能早于开始日期'],
  [/^day (\d+) has two bonuses$/, (m) => `第 ${m[1]} 天的奖励重复`],
  [/^qualifying for the entry card needs/, () => '消费达标入会需要设置单笔或累计金额'],
  [/^must be shorter than the code step$/, () => '须短于会员码刷新间隔'],
  [/^quiet hours must end at another time than they start$/, () => '免打扰的开始和结束时间不能相同'],
  [/^must be an IANA time zone/, () => '时区无效'],
  [/^must be a time HH:mm$/, () => '请选择时间'],
  [/^required for cash_off$/, () => '请填写减免金额'],
  [/^must not exceed the threshold$/, () => '减免金额不能超过使用门槛'],
  [/^required for percent_off$/, () => '请填写折扣'],
  [/^required for gift and service coupons$/, () => '请填写赠品或服务名称'],
  [/^must be after from$/, () => '结束时间须晚于开始时间'],
  [/^must be after claimFrom$/, () => '领取截止须晚于开始时间'],
  [/^required for coupon rewards$/, () => '请选择兑换发放的券模板'],
  [/^must be more than 0$/, () => '须大于 0'],
  [/^at most ¥1,000,000$/, () => '不能超过 ¥1,000,000'],
  [/^must be an ISO-8601 date-time/, () => '请选择时间'],
  [
    /^tier (.+) is missing: tiers can be renamed or re-priced, not removed$/,
    (m) => `等级 ${m[1]} 不能删除（会员可能已持有），可以改名或调整门槛`,
  ],
  [/^no store (.+)$/, (m) => `门店 ${m[1]} 不存在`],
  [/^no such store$/, () => '门店不存在'],
  [/^letters, digits, - and _$/, () => '只含字母、数字、- 和 _'],
  [/^a WeChat field key such as/, () => '请填写微信模板字段的关键词，如 thing1、time2、phrase3'],
  [/^which field of the template carries /, () => '请填写字段关键词'],
  [/^(\w+) carries two values$/, (m) => `${m[1]} 被两个字段同时使用`],
  [/^the bonus cannot be more than what is paid$/, () => '赠送金额不能超过充值金额'],
  [/^with its bonus it exceeds the balance cap \((\d+) fen\)$/, (m) => `充值加赠送超过余额上限（${yuan(Number(m[1]))}）`],
  [/^package (.+) is used twice$/, (m) => `套餐编号 ${m[1]} 重复`],
  [/^letters, digits, _ and - only$/, () => '只含字母、数字、- 和 _'],
]

/** A schema's message in Chinese (the zod locale's own messages are Chinese already). */
export const zhFieldMessage = (message: string): string => {
  for (const [re, to] of RULES) {
    const m = message.match(re)
    if (m) return to(m)
  }
  return message
}

/**
 * The same error with its field paths renamed for a form (`rename` returns the form's path
 * for a wire path, or the path unchanged) and its messages in Chinese.
 */
export const forForm = (e: unknown, rename: (field: string) => string = (f) => f): unknown => {
  if (!isApiError(e) || !e.fields) return e
  return new ApiError(e.code, e.status, e.message, toFormFields(e.fields, rename), e.details)
}

/** Field errors with the form's paths and Chinese messages. */
export const toFormFields = (fields: FieldError[], rename: (field: string) => string = (f) => f): FieldError[] =>
  fields.map((f) => ({ ...f, field: rename(f.field), message: zhFieldMessage(f.message) }))

/**
 * After a change, the errors a form shows are checked again: a field whose own rules and
 * the schema (`fields`, in the form's paths) now accept it loses its error; one the schema
 * still refuses keeps it (with the current message). Fields without an error are left alone
 * until the next submit.
 */
export const recheckErrors = async (form: FormInstance, fields: FieldError[]): Promise<void> => {
  const open = form.getFieldsError().filter((f) => f.errors.length > 0)
  if (open.length === 0) return
  const key = (name: (string | number)[]) => name.join('.')
  const schema = new Map(fields.map((f) => [f.field, f.message]))
  const names = open.map((f) => f.name)
  await form.validateFields(names).catch(() => undefined)
  const refused = form
    .getFieldsError(names)
    .filter((f) => f.errors.length === 0 && schema.has(key(f.name)))
    .map((f) => ({ name: f.name, errors: [schema.get(key(f.name)) ?? ''] }))
  if (refused.length > 0) form.setFields(refused)
}
