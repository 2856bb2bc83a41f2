import { routes } from '@huiyuan/shared/routes'
import { services } from '../../platform/container'
import { httpHandler, routeGroup } from '../../platform/http/handler'

export const signIn = httpHandler(routes.signIn, async ({ body, now }) => services().auth.signIn(body.code, now))

export const handler = routeGroup([[routes.signIn, signIn]])
