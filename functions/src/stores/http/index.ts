import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { StoresService } from '../service'

/** Stores in the console (served by the admin function). */
export const storesAdminHandlers = (deps: { stores: StoresService }, http: HandlerDeps): RouteHandlers => [
  [routes.listStoresAdmin, httpHandler(routes.listStoresAdmin, ({ auth, query }) => deps.stores.list(auth, query), http)],
  [routes.createStore, httpHandler(routes.createStore, ({ auth, body, now }) => deps.stores.create(auth, body, now), http)],
  [routes.getStoreAdmin, httpHandler(routes.getStoreAdmin, ({ auth, params }) => deps.stores.get(auth, params.storeId), http)],
  [
    routes.updateStore,
    httpHandler(routes.updateStore, ({ auth, params, body, now }) => deps.stores.update(auth, params.storeId, body, now), http),
  ],
  [
    routes.getStoreJoinCode,
    httpHandler(routes.getStoreJoinCode, ({ auth, params, now }) => deps.stores.joinCode(auth, params.storeId, now), http),
  ],
]
