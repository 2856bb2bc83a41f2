import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { CouponCatalogue } from '../catalogue'

/** The marketers' coupon catalogue: templates and offers with their counts, and their safe edits (served by the admin function). */
export const couponCatalogueHandlers = (deps: { catalogue: CouponCatalogue }, http: HandlerDeps): RouteHandlers => [
  [routes.listCouponTemplates, httpHandler(routes.listCouponTemplates, ({ query }) => deps.catalogue.listTemplates(query), http)],
  [
    routes.getCouponTemplateAdmin,
    httpHandler(routes.getCouponTemplateAdmin, ({ params }) => deps.catalogue.getTemplate(params.templateId), http),
  ],
  [
    routes.updateCouponTemplate,
    httpHandler(
      routes.updateCouponTemplate,
      ({ auth, params, body, now }) => deps.catalogue.updateTemplate(auth, params.templateId, body, now),
      http,
    ),
  ],
  [routes.listOffersAdmin, httpHandler(routes.listOffersAdmin, ({ query }) => deps.catalogue.listOffers(query), http)],
  [routes.getOfferAdmin, httpHandler(routes.getOfferAdmin, ({ params }) => deps.catalogue.getOffer(params.offerId), http)],
  [
    routes.updateOffer,
    httpHandler(routes.updateOffer, ({ auth, params, body, now }) => deps.catalogue.updateOffer(auth, params.offerId, body, now), http),
  ],
]
