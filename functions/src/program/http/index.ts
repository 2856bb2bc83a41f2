import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { ProgramAdminService } from '../service'

/** The program rules in the console (served by the admin function). */
export const programAdminHandlers = (deps: { program: ProgramAdminService }, http: HandlerDeps): RouteHandlers => [
  [routes.getProgram, httpHandler(routes.getProgram, () => deps.program.get(), http)],
  [routes.updateProgram, httpHandler(routes.updateProgram, ({ auth, body, now }) => deps.program.update(auth, body, now), http)],
  [routes.listProgramVersions, httpHandler(routes.listProgramVersions, ({ query }) => deps.program.versions(query), http)],
  [routes.previewEarning, httpHandler(routes.previewEarning, ({ body }) => deps.program.preview(body), http)],
]
