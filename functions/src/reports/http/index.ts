import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { core, httpDepsOf, reportsOf } from '../../platform/wiring'
import type { ReportsService } from '../service'

export const reportsHandlers = (deps: { reports: ReportsService }, http: HandlerDeps): RouteHandlers => [
  [
    routes.getReport,
    httpHandler(routes.getReport, ({ auth, params, query, now }) => deps.reports.report(auth, params.name, query, now), http),
  ],
]

/** The console's reports: reads of the aggregates only (its role may not write). */
export const handler = routeGroup(() => {
  const c = core()
  return reportsHandlers({ reports: reportsOf(c) }, httpDepsOf(c))
})
