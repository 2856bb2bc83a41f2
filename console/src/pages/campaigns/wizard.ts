/**
 * The campaign wizard's model: a campaign as its form holds it (a time as a date picker's
 * value, 不发券 as an option) and as the API takes it (`CreateCampaignRequest`); which
 * step each field is on; the shared schema's field errors renamed to the form's fields, in
 * Chinese; and quiet hours (HH:mm in Asia/Shanghai, spanning midnight when from > to).
 * 周期发送 holds its cadence (每天 / 每周 + weekday / 每月 + day), its time of day and an
 * optional last day (none: 不结束).
 */
import type { FieldError } from '@huiyuan/shared/client/core'
import { validateBody } from '@huiyuan/shared/client/typed'
import type { Campaign, CampaignGoal, CampaignSchedule } from '@huiyuan/shared/campaigns/schemas'
import { DEFAULT_MARKETING_RULES, type MarketingRules } from '@huiyuan/shared/program/schemas'
import dayjs, { type Dayjs } from 'dayjs'
import type { BodyOf } from '../../api/client'
import { toFormFields } from '../../lib/fieldMessages'
import type { Every } from './recurrence'

/** The coupon select's 不发券 (a template id never looks like this). */
export const NO_COUPON = '__none__'

export interface Values {
  name: string
  goal?: CampaignGoal
  segmentId?: string
  templateId: string
  title: string
  body: string
  wechat: boolean
  when: CampaignSchedule['type']
  at: Dayjs | null
  /** 周期发送: the cadence, its weekday (1 = Monday) or day of the month (1–28), the time of day, the last day (null: 不结束). */
  every: Every
  weekday: number | null
  dayOfMonth: number | null
  time: Dayjs | null
  until: Dayjs | null
  maxCoupons: number | null
  attributionDays: number | null
  holdoutPct: number | null
}

export const INITIAL: Values = {
  name: '',
  templateId: NO_COUPON,
  title: '',
  body: '',
  wechat: false,
  when: 'now',
  at: null,
  every: 'day',
  weekday: 1,
  dayOfMonth: 1,
  time: dayjs().hour(10).minute(0).second(0).millisecond(0),
  until: null,
  maxCoupons: null,
  attributionDays: 14,
  holdoutPct: 5,
}

export const iso = (d: Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ')

const given = (n: number | null | undefined): number | undefined => (n === null || n === undefined || Number.isNaN(n) ? undefined : n)

/** The schedule the form describes (possibly invalid: the shared schema judges). */
export const scheduleOf = (v: Partial<Values>): CampaignSchedule => {
  if (v.when === 'at') return { type: 'at', at: v.at ? iso(v.at) : '' }
  if (v.when !== 'recurring') return { type: 'now' }
  const every = v.every ?? 'day'
  return {
    type: 'recurring',
    every,
    time: v.time ? v.time.format('HH:mm') : '',
    ...(every === 'week' && v.weekday ? { weekday: v.weekday } : {}),
    ...(every === 'month' && v.dayOfMonth ? { dayOfMonth: v.dayOfMonth } : {}),
    until: v.until ? v.until.format('YYYY-MM-DD') : null,
  }
}

/** The request the form describes (possibly invalid: the shared schema judges). */
export const bodyOf = (v: Partial<Values>): BodyOf<'createCampaign'> => {
  const coupon = v.templateId && v.templateId !== NO_COUPON ? v.templateId : null
  return {
    name: (v.name ?? '').trim(),
    goal: v.goal as CampaignGoal,
    segmentId: v.segmentId ?? '',
    offer: coupon ? { templateId: coupon } : null,
    message: { title: (v.title ?? '').trim(), body: (v.body ?? '').trim(), wechat: Boolean(v.wechat) },
    schedule: scheduleOf(v),
    // A budget is a number of coupons: without a coupon there is none.
    maxCoupons: coupon ? (given(v.maxCoupons) ?? null) : null,
    attributionDays: given(v.attributionDays) as number,
    holdoutPct: given(v.holdoutPct) as number,
  }
}

/** HH:mm as a time picker's value (today's date: only the time of day counts). */
const timeOf = (hhmm: string): Dayjs => {
  const [h, m] = hhmm.split(':').map(Number)
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0)
}

/** A saved campaign as the form holds it (editing a draft). */
export const valuesOf = (c: Campaign): Values => ({
  name: c.name,
  goal: c.goal,
  segmentId: c.segmentId,
  templateId: c.offer?.templateId ?? NO_COUPON,
  title: c.message.title,
  body: c.message.body,
  wechat: c.message.wechat,
  when: c.schedule.type,
  at: c.schedule.type === 'at' ? dayjs(c.schedule.at) : null,
  ...(c.schedule.type === 'recurring'
    ? {
        every: c.schedule.every,
        weekday: c.schedule.weekday ?? 1,
        dayOfMonth: c.schedule.dayOfMonth ?? 1,
        time: timeOf(c.schedule.time),
        until: c.schedule.until ? dayjs(c.schedule.until) : null,
      }
    : { every: INITIAL.every, weekday: INITIAL.weekday, dayOfMonth: INITIAL.dayOfMonth, time: INITIAL.time, until: null }),
  maxCoupons: c.maxCoupons,
  attributionDays: c.attributionDays,
  holdoutPct: c.holdoutPct,
})

export const STEPS: { title: string; fields: (keyof Values)[] }[] = [
  { title: '目标', fields: ['name', 'goal'] },
  { title: '人群', fields: ['segmentId'] },
  { title: '权益/消息', fields: ['templateId', 'title', 'body', 'wechat'] },
  { title: '时间与预算', fields: ['when', 'at', 'every', 'weekday', 'dayOfMonth', 'time', 'until', 'maxCoupons', 'attributionDays'] },
  { title: '对照组', fields: ['holdoutPct'] },
  { title: '确认', fields: [] },
]
export const CONFIRM_STEP = STEPS.length - 1

/** The form's field for a request's field (`message.title` → `title`, `offer.templateId` → `templateId`). */
export const formPath = (field: string): string => {
  if (field === 'offer' || field.startsWith('offer.')) return 'templateId'
  if (field === 'message') return 'title'
  if (field.startsWith('message.')) return field.slice('message.'.length)
  const scheduleField = field.match(/^schedule\.(at|every|weekday|dayOfMonth|time|until)$/)?.[1]
  if (scheduleField) return scheduleField
  if (field === 'schedule' || field.startsWith('schedule.')) return 'when'
  return field
}

/** The step a form field is on (the first step when it is none of them). */
export const stepOf = (field: string): number => {
  const i = STEPS.findIndex((s) => (s.fields as string[]).includes(field))
  return Math.max(i, 0)
}

const MESSAGES: [RegExp, string][] = [
  [/^must not be empty$/, '不能为空'],
  [/^no such segment$/, '人群不存在或已删除，请重新选择'],
  [/^no such coupon template$/, '券模板不存在，请重新选择'],
  [/^which day of the week/, '请选择星期几'],
  [/^which day of the month/, '请选择每月几号'],
  [/^ends before the first run$/, '结束日期早于第一次发送，请选择更晚的日期'],
]

/** A request's field errors (the schema's or the API's) on the form's fields, in Chinese. */
export const wizardFields = (fields: FieldError[]): FieldError[] =>
  toFormFields(fields, formPath).map((f) => ({ ...f, message: MESSAGES.find(([re]) => re.test(f.message))?.[1] ?? f.message }))

/** The shared schema's field errors of the request the form describes. */
export const schemaErrors = (v: Partial<Values>): FieldError[] => wizardFields(validateBody('createCampaign', bodyOf(v)))

// ── Quiet hours ──────────────────────────────────────────────────────────────────────────

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** Whether a moment falls in the quiet hours, read on the clock in Asia/Shanghai (UTC+8, no DST). */
export const inQuietHours = (at: Dayjs, quiet: MarketingRules['quietHours']): boolean => {
  const d = at.toDate()
  const m = (d.getUTCHours() * 60 + d.getUTCMinutes() + 8 * 60) % (24 * 60)
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  if (from === to) return false
  return from < to ? m >= from && m < to : m >= from || m < to
}

export { DEFAULT_MARKETING_RULES }
