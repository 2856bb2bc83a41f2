/**
 * Subscription messages (订阅消息), the rules without the platform: which templates a tap
 * asks for, and what the member's answer means. services/subscriptions.ts asks and records.
 * Types only from the shared contract: its values would bring zod's classic API along.
 */
import type { MySubscriptions, SubscriptionPurpose } from '@huiyuan/shared/messaging/schemas'

export type { SubscriptionPurpose }
export type MySubscription = MySubscriptions['templates'][number]
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter'

/** One template's answer, as POST /v1/me/subscriptions takes it (with the purpose, for the caller). */
export interface SubscribeAnswer {
  purpose: SubscriptionPurpose
  templateId: string
  result: SubscribeResult
}

/** A tap asks again only while the member holds fewer grants than this (no question at every tap). */
export const ASK_WHILE_HELD_BELOW = 3
/** The server keeps at most this many unused grants per template (MAX_GRANTS_HELD in the contract). */
export const MAX_GRANTS_HELD = 50
/** WeChat asks for at most 5 templates at a time. */
const MAX_TEMPLATES_PER_ASK = 5

/** What the H5 build shows in place of WeChat's dialog. */
export const DIALOG_TITLE = '「汇元会员」申请发送以下消息'

const RESULTS: readonly string[] = ['accept', 'reject', 'ban', 'filter'] satisfies SubscribeResult[]

/**
 * The templates a tap asks for: set up (a template id), of one of `purposes`, and held
 * fewer than ASK_WHILE_HELD_BELOW times; `always` (the member tapped 订阅 themselves)
 * asks up to what the server keeps.
 */
export function templatesToAsk(
  templates: readonly MySubscription[],
  purposes: readonly SubscriptionPurpose[],
  options: { always?: boolean } = {},
): MySubscription[] {
  const below = options.always ? MAX_GRANTS_HELD : ASK_WHILE_HELD_BELOW
  return templates.filter((t) => t.templateId !== '' && purposes.includes(t.purpose) && t.held < below).slice(0, MAX_TEMPLATES_PER_ASK)
}

/** WeChat's answer (`{ [templateId]: 'accept' | …, errMsg }`) for the templates asked; anything else is left out. */
export function wechatAnswers(asked: readonly MySubscription[], res: Record<string, unknown>): SubscribeAnswer[] {
  return asked.flatMap((t) => {
    const result = res[t.templateId]
    return typeof result === 'string' && RESULTS.includes(result)
      ? [{ purpose: t.purpose, templateId: t.templateId, result: result as SubscribeResult }]
      : []
  })
}

/** The H5 dialog's answer: 允许 accepts every template listed, 取消 rejects them. */
export const dialogAnswers = (asked: readonly MySubscription[], allowed: boolean): SubscribeAnswer[] =>
  asked.map((t) => ({ purpose: t.purpose, templateId: t.templateId, result: allowed ? 'accept' : 'reject' }))

/** The H5 dialog's text: the titles of the templates asked for. */
export const dialogContent = (asked: readonly MySubscription[]): string => asked.map((t) => t.title).join('、')
