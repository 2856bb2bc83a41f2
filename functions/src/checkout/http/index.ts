import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { CheckoutService } from '../service'

/** One checkout at the till: its quote, the order, the order's view and its refunds (the staff function). */
export const checkoutHandlers = (deps: { checkout: CheckoutService }, http: HandlerDeps): RouteHandlers => [
  [routes.quoteCheckout, httpHandler(routes.quoteCheckout, ({ body, auth, now }) => deps.checkout.quote(auth, body, now), http)],
  [routes.checkout, httpHandler(routes.checkout, ({ body, auth, now }) => deps.checkout.checkout(auth, body, now), http)],
  [
    routes.getTillOrder,
    httpHandler(routes.getTillOrder, ({ params, query, auth }) => deps.checkout.order(auth, query.storeId, params.orderId), http),
  ],
  [routes.recordRefund, httpHandler(routes.recordRefund, ({ body, auth, now }) => deps.checkout.refund(auth, body, now), http)],
]
