import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { StoredValueService } from '../service'

/** Top-ups and spends at the till, and the packages it offers (the staff function). */
export const storedValueTillHandlers = (deps: { storedValue: StoredValueService }, http: HandlerDeps): RouteHandlers => [
  [routes.topUpStoredValue, httpHandler(routes.topUpStoredValue, ({ body, auth, now }) => deps.storedValue.topUp(auth, body, now), http)],
  [routes.spendStoredValue, httpHandler(routes.spendStoredValue, ({ body, auth, now }) => deps.storedValue.spend(auth, body, now), http)],
  [
    routes.getTillStoredValueRules,
    httpHandler(routes.getTillStoredValueRules, ({ query, auth }) => deps.storedValue.tillRules(auth, query.storeId), http),
  ],
]

/** The member's balance and statement (the points function). */
export const myStoredValueHandlers = (deps: { storedValue: StoredValueService }, http: HandlerDeps): RouteHandlers => [
  [routes.getMyStoredValue, httpHandler(routes.getMyStoredValue, ({ memberId, query }) => deps.storedValue.mine(memberId, query), http)],
]
