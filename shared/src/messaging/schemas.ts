/**
 * WeChat subscription messages (订阅消息, PRODUCT.md §9). For retail they are one-time: each
 * 允许 a member taps on `requestSubscribeMessage` grants one message of that template. The
 * program names a template for each purpose (its id and which of its fields carries what);
 * members report what they accepted; each send consumes one grant; field limits are checked
 * before anything is sent.
 */
import { z, IsoDateTime, CalendarDate, pageOf } from '../common'

/** What a subscription message is for: each is one template the program chose in WeChat's library. */
export const SUBSCRIPTION_PURPOSES = ['memberActivity', 'couponExpiry', 'checkinReminder'] as const
export const SubscriptionPurpose = z.enum(SUBSCRIPTION_PURPOSES)
export type SubscriptionPurpose = z.infer<typeof SubscriptionPurpose>
export const SUBSCRIPTION_PURPOSE_LABELS: Record<SubscriptionPurpose, string> = {
  memberActivity: '会员活动通知',
  couponExpiry: '优惠券到期提醒',
  checkinReminder: '签到提醒',
}

/** The values each purpose's message carries; the template maps each to one of its fields. */
export const PURPOSE_SLOTS = {
  memberActivity: ['title', 'content', 'time'],
  couponExpiry: ['coupon', 'expiresAt', 'tip'],
  checkinReminder: ['activity', 'status', 'tip'],
} as const satisfies Record<SubscriptionPurpose, readonly string[]>
export type SlotOf<P extends SubscriptionPurpose> = (typeof PURPOSE_SLOTS)[P][number]

export const SLOT_LABELS: Record<string, string> = {
  title: '活动名称',
  content: '活动内容',
  time: '时间',
  coupon: '优惠券',
  expiresAt: '到期时间',
  tip: '温馨提示',
  activity: '活动',
  status: '状态',
}

/** A WeChat template field's key: its type and a number, e.g. `thing1`, `time3`, `phrase2`. */
export const WECHAT_FIELD_KEY =
  /^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase)\d{1,2}$/

export const SubscriptionTemplate = z
  .object({
    /** The template id from the mini-program's WeChat admin ('' while not set up: nothing is asked or sent). */
    templateId: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, - and _'),
    /** Which field of the template carries each value, e.g. `{ "title": "thing1" }`. */
    fields: z.record(z.string(), z.string().regex(WECHAT_FIELD_KEY, 'a WeChat field key such as thing1, time2 or phrase3')),
  })
  .meta({ id: 'SubscriptionTemplate' })
export type SubscriptionTemplate = z.infer<typeof SubscriptionTemplate>

export const MessagingRules = z
  .object({
    templates: z.object({
      memberActivity: SubscriptionTemplate,
      couponExpiry: SubscriptionTemplate,
      checkinReminder: SubscriptionTemplate,
    }),
  })
  .meta({ id: 'MessagingRules' })
export type MessagingRules = z.infer<typeof MessagingRules>

/** Not set up: the field keys of common library templates, no template ids. */
export const DEFAULT_MESSAGING_RULES: MessagingRules = {
  templates: {
    memberActivity: { templateId: '', fields: { title: 'thing1', content: 'thing2', time: 'time3' } },
    couponExpiry: { templateId: '', fields: { coupon: 'thing1', expiresAt: 'time2', tip: 'thing3' } },
    checkinReminder: { templateId: '', fields: { activity: 'thing1', status: 'phrase2', tip: 'thing3' } },
  },
}

const chars = (s: string) => [...s].length

/**
 * WeChat's limit on a field's value, by the key's type (subscribeMessage.send): the problem in
 * words, or null when WeChat will take it (it answers 47003 otherwise).
 */
export const wechatFieldProblem = (key: string, value: string): string | null => {
  const type = WECHAT_FIELD_KEY.exec(key)?.[1]
  if (!type) return `${key} is not a WeChat field key`
  if (value.length === 0) return `${key} must not be empty`
  const n = chars(value)
  switch (type) {
    case 'thing':
      return n <= 20 ? null : `${key} (thing) takes at most 20 characters`
    case 'phrase':
      return n <= 5 && /^[\u4e00-\u9fff]+$/.test(value) ? null : `${key} (phrase) takes at most 5 Chinese characters`
    case 'name':
      return (n <= 10 && /^[\u4e00-\u9fff·]+$/.test(value)) || (n <= 20 && /^[A-Za-z ]+$/.test(value))
        ? null
        : `${key} (name) takes 10 Chinese characters or 20 letters`
    case 'number':
      return n <= 32 && /^-?\d+(\.\d+)?$/.test(value) ? null : `${key} (number) takes up to 32 digits`
    case 'letter':
      return n <= 32 && /^[A-Za-z]+$/.test(value) ? null : `${key} (letter) takes up to 32 letters`
    case 'symbol':
      return n <= 5 ? null : `${key} (symbol) takes up to 5 symbols`
    case 'character_string':
      return n <= 32 && /^[\x21-\x7e]+$/.test(value) ? null : `${key} (character_string) takes up to 32 letters, digits and symbols`
    case 'phone_number':
      return n <= 17 && /^[\d+\-() ]+$/.test(value) ? null : `${key} (phone_number) takes up to 17 digits and symbols`
    case 'car_number':
      return n <= 8 ? null : `${key} (car_number) takes up to 8 characters`
    case 'amount':
      return /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(value) ? null : `${key} (amount) takes an amount such as ¥12.50`
    case 'time':
      return /^(\d{4}年\d{1,2}月\d{1,2}日 ?)?([01]?\d|2[0-3]):[0-5]\d$/.test(value) ||
        /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d$/.test(value)
        ? null
        : `${key} (time) takes a time such as 2026年11月26日 10:00`
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日( ([01]?\d|2[0-3]):[0-5]\d)?$/.test(value) ||
        /^\d{4}-\d{2}-\d{2}( ([01]\d|2[0-3]):[0-5]\d)?$/.test(value)
        ? null
        : `${key} (date) takes a date such as 2026年11月26日`
    default:
      return null
  }
}

/** A thing-type value cut to WeChat's 20 characters (with … when cut). */
export const fitThing = (s: string, max = 20): string => {
  const c = [...s.trim()]
  return c.length <= max ? c.join('') : `${c.slice(0, max - 1).join('')}…`
}

/** One template the member can be asked for, and the grants they hold of it. */
export const MySubscription = z
  .object({
    purpose: SubscriptionPurpose,
    title: z.string(),
    templateId: z.string(),
    /** Messages of this template the member has allowed and not yet received. */
    held: z.number().int(),
  })
  .meta({ id: 'MySubscription' })

/** The templates set up for the program (at most three), with what the member holds. */
export const MySubscriptions = z.object({ templates: z.array(MySubscription) }).meta({ id: 'MySubscriptions' })
export type MySubscriptions = z.infer<typeof MySubscriptions>

/** What `requestSubscribeMessage` answered for each template (WeChat's words). */
export const SubscribeResult = z.enum(['accept', 'reject', 'ban', 'filter'])
export const RecordSubscriptionsRequest = z
  .object({
    results: z
      .array(z.object({ templateId: z.string().min(1).max(64), result: SubscribeResult }))
      .min(1)
      .max(5, 'WeChat asks for at most 5 templates at a time'),
  })
  .meta({ id: 'RecordSubscriptionsRequest' })

/** At most this many unused grants per member and template are kept. */
export const MAX_GRANTS_HELD = 50

export const WechatMessageStatus = z.enum(['queued', 'sending', 'sent', 'failed'])
export type WechatMessageStatus = z.infer<typeof WechatMessageStatus>
export const WECHAT_MESSAGE_STATUS_LABELS: Record<WechatMessageStatus, string> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已送达',
  failed: '失败',
}

/** One subscription message as sent (or refused): the 发送记录. */
export const WechatMessage = z
  .object({
    messageId: z.string(),
    memberId: z.string(),
    cardNo: z.string(),
    purpose: SubscriptionPurpose,
    templateId: z.string(),
    /** The template's fields as sent. */
    data: z.record(z.string(), z.string()),
    page: z.string(),
    source: z.object({ kind: z.enum(['campaign', 'notice']), id: z.string() }),
    status: WechatMessageStatus,
    /** WeChat's error code (43101: the member holds no grant; 47003: a field over its limit). */
    errcode: z.number().int().nullable(),
    error: z.string().nullable(),
    createdAt: IsoDateTime,
    sentAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'WechatMessage' })
export type WechatMessage = z.infer<typeof WechatMessage>
export const WechatMessageList = pageOf(WechatMessage).meta({ id: 'WechatMessageList' })

export const WechatMessagesQuery = z.object({
  /** The day the messages were queued (default today). */
  date: CalendarDate.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
