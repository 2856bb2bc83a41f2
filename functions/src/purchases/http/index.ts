import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { PurchasesService } from '../service'

/** The till: identify a member, record purchases, the store's day. */
export const purchasesHandlers = (deps: { purchases: PurchasesService }, http: HandlerDeps): RouteHandlers => [
  [
    routes.lookupMember,
    httpHandler(routes.lookupMember, ({ body, auth, now }) => deps.purchases.lookup(auth, body.memberCode, body.storeId, now), http),
  ],
  [routes.recordPurchase, httpHandler(routes.recordPurchase, ({ body, auth, now }) => deps.purchases.record(auth, body, now), http)],
  [
    routes.listTillTransactions,
    httpHandler(routes.listTillTransactions, ({ query, auth, now }) => deps.purchases.tillTransactions(auth, query, now), http),
  ],
]
