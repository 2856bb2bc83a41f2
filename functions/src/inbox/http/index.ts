import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { InboxService } from '../service'

export const inboxHandlers = (deps: { inbox: InboxService }, http: HandlerDeps): RouteHandlers => [
  [routes.getMyInbox, httpHandler(routes.getMyInbox, ({ memberId, query }) => deps.inbox.list(memberId, query.limit, query.cursor), http)],
]
