import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { MessagingService } from '../service'

/** The member's subscription grants (served by the points function, beside the inbox). */
export const subscriptionHandlers = (deps: { messaging: MessagingService }, http: HandlerDeps): RouteHandlers => [
  [routes.getMySubscriptions, httpHandler(routes.getMySubscriptions, ({ memberId }) => deps.messaging.mine(memberId), http)],
  [
    routes.recordSubscriptions,
    httpHandler(
      routes.recordSubscriptions,
      ({ memberId, body, idempotencyKey, now }) => deps.messaging.record(memberId, body, idempotencyKey, now),
      http,
    ),
  ],
]

/** The 发送记录 (served by the marketing function). */
export const wechatMessagesHandlers = (deps: { messaging: MessagingService }, http: HandlerDeps): RouteHandlers => [
  [routes.listWechatMessages, httpHandler(routes.listWechatMessages, ({ query, now }) => deps.messaging.list(query, now), http)],
]
