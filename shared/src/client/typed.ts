/**
 * The typed client over the route table: `call('listStaff', { query })` sends the route's
 * request and returns its response, typed and checked by the route's own schemas. Input is
 * validated with the same schemas before it is sent, so a form shows the field errors the
 * API would answer without a round trip (`validate`).
 */
import type { z, ZodType } from 'zod'
import { type RouteName, type Routes, routes } from '../routes'
import { ApiError, type CallInput, type ClientCore, type FieldError, send } from './core'

type Part = 'body' | 'query' | 'params'
type InputOf<K extends RouteName, P extends Part> = Routes[K] extends { [k in P]: infer S extends ZodType } ? z.input<S> : never

/** What a call of route K takes: its params, query and body as the schemas accept them. */
export type CallOf<K extends RouteName> = {
  [P in Part as Routes[K] extends { [k in P]: ZodType } ? P : never]: InputOf<K, P>
} & { headers?: Record<string, string> }

export type ResponseOf<K extends RouteName> = z.output<Routes[K]['response']>
export type BodyOf<K extends RouteName> = InputOf<K, 'body'>
export type QueryOf<K extends RouteName> = InputOf<K, 'query'>

/** The field errors of a value against a schema, paths joined with dots (as the API reports them). */
export const fieldErrors = (schema: ZodType, value: unknown): FieldError[] => {
  const parsed = schema.safeParse(value)
  if (parsed.success) return []
  return parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message, code: i.code }))
}

/** The field errors of route K's body, before sending it (empty when valid). */
export const validateBody = <K extends RouteName>(name: K, body: unknown): FieldError[] => {
  const schema = (routes[name] as { body?: ZodType }).body
  return schema ? fieldErrors(schema, body) : []
}

export const typedClient = (core: ClientCore) => ({
  async call<K extends RouteName>(
    name: K,
    ...[input]: keyof CallOf<K> extends 'headers' ? [CallOf<K>?] : [CallOf<K>]
  ): Promise<ResponseOf<K>> {
    const route = routes[name]
    const i = (input ?? {}) as CallInput
    const fields = validateBody(name, i.body)
    if (fields.length > 0)
      throw new ApiError('VALIDATION_FAILED', 400, core.messageFor?.('VALIDATION_FAILED', { fields }) ?? 'Invalid input', fields, {
        fields,
      })
    const data = await send(core, route, i)
    if (route.status === 204) return undefined as ResponseOf<K>
    const checked = (route.response as ZodType).safeParse(data)
    if (!checked.success) {
      throw new ApiError('INVALID_RESPONSE', 200, core.messageFor?.('INVALID_RESPONSE', undefined) ?? 'Unexpected response')
    }
    return checked.data as ResponseOf<K>
  },
})
export type TypedClient = ReturnType<typeof typedClient>
