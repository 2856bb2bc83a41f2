/** How a WeChat subscription message reads in the 发送记录: its status, WeChat's refusal in Chinese, its fields by name. */
import {
  PURPOSE_SLOTS,
  SLOT_LABELS,
  SUBSCRIPTION_PURPOSE_LABELS,
  type MessagingRules,
  type WechatMessage,
  type WechatMessageStatus,
  WECHAT_MESSAGE_STATUS_LABELS,
} from '@huiyuan/shared/messaging/schemas'

export { SUBSCRIPTION_PURPOSE_LABELS }

export const STATUS: Record<WechatMessageStatus, { text: string; color: string }> = {
  queued: { text: WECHAT_MESSAGE_STATUS_LABELS.queued, color: 'blue' },
  sending: { text: WECHAT_MESSAGE_STATUS_LABELS.sending, color: 'blue' },
  sent: { text: WECHAT_MESSAGE_STATUS_LABELS.sent, color: 'green' },
  failed: { text: WECHAT_MESSAGE_STATUS_LABELS.failed, color: 'red' },
}

/** WeChat's error codes of subscribeMessage.send as the marketer needs to read them. */
const ERRCODES: Record<number, string> = {
  43101: '用户未授权或授权已用完（已清除该授权）',
  47003: '字段超出微信限制',
  40003: 'openid 无效',
}

/** Why a message failed, in Chinese where WeChat's code is known, else WeChat's own words. */
export const errorOf = (m: Pick<WechatMessage, 'errcode' | 'error'>): string | null => {
  if (m.errcode !== null && ERRCODES[m.errcode]) return ERRCODES[m.errcode] ?? null
  if (m.error) return m.error
  return m.errcode !== null ? `微信返回错误 ${m.errcode}` : null
}

/** True while WeChat has not answered yet (the page reads the list again meanwhile). */
export const inFlight = (m: Pick<WechatMessage, 'status'>): boolean => m.status === 'queued' || m.status === 'sending'

/**
 * The message's fields as `活动名称：双十一回馈 · 活动内容：…`: each field key named by the slot
 * it carries in the program's template (when the message went out on the template set up
 * now), in the slots' order; keys the template does not name are shown as they are.
 */
export const fieldsOf = (
  m: Pick<WechatMessage, 'purpose' | 'templateId' | 'data'>,
  rules?: MessagingRules,
): { label: string; value: string }[] => {
  const template = rules?.templates[m.purpose]
  const named = new Map<string, string>()
  if (template && template.templateId === m.templateId)
    for (const slot of PURPOSE_SLOTS[m.purpose]) {
      const key = template.fields[slot]
      if (key) named.set(key, SLOT_LABELS[slot] ?? slot)
    }
  const order = [...named.keys()]
  const keys = Object.keys(m.data).sort((a, b) => rank(order, a) - rank(order, b))
  return keys.map((k) => ({ label: named.get(k) ?? k, value: m.data[k] ?? '' }))
}

const rank = (order: string[], key: string): number => {
  const i = order.indexOf(key)
  return i < 0 ? order.length : i
}

export const fieldsText = (fields: { label: string; value: string }[]): string => fields.map((f) => `${f.label}：${f.value}`).join(' · ')
