/**
 * WeChat subscription messages (订阅消息): the templates the program set up and the grants
 * the member holds (GET /v1/me/subscriptions), asking at a tap, and recording the answer
 * (POST /v1/me/subscriptions).
 *
 * WeChat lets `requestSubscribeMessage` run only inside a tap's handler, so the templates
 * are loaded beforehand (when the pages that ask mount) and kept here for the launch;
 * `askToSubscribe` reads them synchronously. Asking never stands in the way of what the
 * member tapped for: it resolves once they answered (or at once when there is nothing to
 * ask) and never rejects; recording runs in the background and its errors are only logged.
 */
import Taro from '@tarojs/taro'
import * as z from 'zod/mini'
import { IS_H5 } from '../config'
import {
  DIALOG_TITLE,
  dialogAnswers,
  dialogContent,
  templatesToAsk,
  wechatAnswers,
  type MySubscription,
  type SubscribeAnswer,
  type SubscriptionPurpose,
} from '../utils/subscriptions'
import { newIdempotencyKey } from './idempotency'
import { api, isApiError, type ResponseOf } from './request'
import { withSession } from './session'
import { readSession } from './tokenStore'

export type MySubscriptionsView = ResponseOf<'getMySubscriptions'>
export type { MySubscription, SubscribeAnswer, SubscriptionPurpose }

const MySubscriptionsCheck = z.object({
  templates: z.array(z.object({ purpose: z.string(), title: z.string(), templateId: z.string(), held: z.number() })),
})

/** How long a loaded view is good for a tap's question (grants are used up by messages sent meanwhile). */
const FRESH_FOR_MS = 5 * 60_000

export const getMySubscriptions = () => withSession(() => api('getMySubscriptions', { check: MySubscriptionsCheck }))

export const recordSubscriptions = (results: { templateId: string; result: SubscribeAnswer['result'] }[], idempotencyKey: string) =>
  withSession(() =>
    api('recordSubscriptions', {
      body: { results },
      headers: { 'Idempotency-Key': idempotencyKey },
      check: MySubscriptionsCheck,
    }),
  )

// ---------------------------------------------------------------------------------------
// The view kept for this launch
// ---------------------------------------------------------------------------------------

let kept: { view: MySubscriptionsView; memberId: string | null; at: number } | null = null
let loading: Promise<MySubscriptionsView> | null = null
/** Bumped by every recorded answer: a load that started before one must not overwrite what it returned. */
let recorded = 0
const listeners = new Set<(view: MySubscriptionsView | null) => void>()

const memberId = () => readSession()?.memberId ?? null

/** The kept view, if it is this member's. */
export function keptSubscriptions(): MySubscriptionsView | null {
  return kept && kept.memberId === memberId() ? kept.view : null
}

function keep(view: MySubscriptionsView): void {
  kept = { view, memberId: memberId(), at: Date.now() }
  for (const l of listeners) l(view)
}

/** Calls `listener` whenever the kept view changes; returns the unsubscribe. */
export function onSubscriptionsChange(listener: (view: MySubscriptionsView | null) => void): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/**
 * The member's templates and grants: the kept view while younger than `maxAgeMs`, else
 * loaded (concurrent callers share one request; a failed one is tried again next time).
 */
export function loadSubscriptions(maxAgeMs = FRESH_FOR_MS): Promise<MySubscriptionsView> {
  const current = keptSubscriptions()
  if (current && kept && Date.now() - kept.at < maxAgeMs) return Promise.resolve(current)
  if (!loading) {
    const recordedBefore = recorded
    loading = getMySubscriptions()
      .then((view) => {
        if (recorded === recordedBefore) keep(view)
        return keptSubscriptions() ?? view
      })
      .finally(() => {
        loading = null
      })
  }
  return loading
}

// ---------------------------------------------------------------------------------------
// Asking
// ---------------------------------------------------------------------------------------

const warn = (what: string, e: unknown) => console.warn(`[subscriptions] ${what}`, e)

/** WeChat's own dialog. Missing where the client (or a simulator) lacks the API: nothing is asked. */
function askInWechat(asked: MySubscription[]): Promise<SubscribeAnswer[]> {
  const request = (Taro as { requestSubscribeMessage?: typeof Taro.requestSubscribeMessage }).requestSubscribeMessage
  if (typeof request !== 'function') return Promise.resolve([])
  return request({ tmplIds: asked.map((t) => t.templateId) } as Taro.requestSubscribeMessage.Option).then((res) =>
    wechatAnswers(asked, res as unknown as Record<string, unknown>),
  )
}

/** H5 has no such API: the same question in a dialog that looks like WeChat's. */
function askInDialog(asked: MySubscription[]): Promise<SubscribeAnswer[]> {
  return Taro.showModal({
    title: DIALOG_TITLE,
    content: dialogContent(asked),
    confirmText: '允许',
    cancelText: '取消',
    confirmColor: '#07c160',
  }).then((res) => dialogAnswers(asked, res.confirm))
}

/** Sends the answers with one idempotency key; a lost answer (network) is sent once more with the same key. */
async function record(answers: SubscribeAnswer[]): Promise<void> {
  const key = newIdempotencyKey()
  const results = answers.map(({ templateId, result }) => ({ templateId, result }))
  for (let attempt = 1; ; attempt++) {
    try {
      const view = await recordSubscriptions(results, key)
      recorded++
      keep(view)
      return
    } catch (e) {
      if (attempt === 1 && isApiError(e) && e.status === 0) {
        await new Promise((r) => setTimeout(r, 1000))
        continue
      }
      warn('could not record the answer', e)
      // Refused (e.g. a template the program has since replaced): ask with what the server has now next time.
      if (isApiError(e) && e.status >= 400 && e.status < 500) void loadSubscriptions(0).catch(() => undefined)
      return
    }
  }
}

/**
 * Call synchronously from a tap's handler, then do what the tap was for once it resolves
 * (whatever the answer). Asks for the set-up templates of `purposes` the member holds
 * fewer than 3 grants of (`always`: up to what the server keeps, for a tap on 订阅 itself);
 * resolves to the answers (none when nothing was asked) and never rejects.
 */
export function askToSubscribe(purposes: SubscriptionPurpose[], options: { always?: boolean } = {}): Promise<SubscribeAnswer[]> {
  try {
    const asked = templatesToAsk(keptSubscriptions()?.templates ?? [], purposes, options)
    if (asked.length === 0) return Promise.resolve([])
    return (IS_H5 ? askInDialog(asked) : askInWechat(asked)).then(
      (answers) => {
        if (answers.length > 0) void record(answers)
        return answers
      },
      (e) => {
        // e.g. errCode 20004: the member switched subscription messages off in WeChat's settings
        warn('could not ask', e)
        return []
      },
    )
  } catch (e) {
    warn('could not ask', e)
    return Promise.resolve([])
  }
}
