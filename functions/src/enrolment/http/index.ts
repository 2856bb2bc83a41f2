import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { EnrolmentService } from '../service'

/** Group enrolment codes in the console (the admin function). */
export const enrolmentAdminHandlers = (deps: { enrolment: EnrolmentService }, http: HandlerDeps): RouteHandlers => [
  [routes.listEnrolmentCodes, httpHandler(routes.listEnrolmentCodes, ({ query, now }) => deps.enrolment.list(query, now), http)],
  [
    routes.createEnrolmentCode,
    httpHandler(routes.createEnrolmentCode, ({ auth, body, now }) => deps.enrolment.create(auth, body, now), http),
  ],
  [
    routes.updateEnrolmentCode,
    httpHandler(
      routes.updateEnrolmentCode,
      ({ auth, params, body, now }) => deps.enrolment.setDisabled(auth, params.code, body.disabled, now),
      http,
    ),
  ],
]
