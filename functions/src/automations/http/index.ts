import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { AutomationsService } from '../service'

/** The automations (served by the marketing function; their reports are the campaign routes'). */
export const automationsHandlers = (deps: { automations: AutomationsService }, http: HandlerDeps): RouteHandlers => [
  [routes.listAutomations, httpHandler(routes.listAutomations, ({ query }) => deps.automations.list(query), http)],
  [
    routes.updateAutomation,
    httpHandler(routes.updateAutomation, ({ auth, params, body, now }) => deps.automations.update(auth, params.kind, body, now), http),
  ],
]
