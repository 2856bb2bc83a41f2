import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { z } from 'zod'
import type { RouteDef } from '@huiyuan/shared/routes'
import { routes } from '@huiyuan/shared/routes'
import { logger } from '../logger'
import { httpHandler, serializeResponse } from './handler'

const Item = z.object({ itemId: z.string(), name: z.string(), tags: z.array(z.object({ code: z.string() })) })
const route = {
  method: 'GET',
  path: '/v1/things',
  operationId: 'listThings',
  summary: 'Things',
  group: 'platform',
  access: 'public',
  status: 200,
  response: z.object({ items: z.array(Item), nextCursor: z.string().nullable() }),
} satisfies RouteDef

const stored = {
  PK: 'THING#1',
  SK: 'THING',
  GSI1PK: 'THINGS',
  GSI1SK: '2026-11-25#1',
  entity: 'Thing',
  itemId: '1',
  name: '帆布袋',
  tags: [{ code: 'gift', GSI2PK: 'TAG#gift' }],
}

const event = (): APIGatewayProxyEventV2 =>
  ({
    routeKey: 'GET /v1/things',
    rawPath: '/v1/things',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/v1/things' } },
  }) as unknown as APIGatewayProxyEventV2

const invoke = (fn: () => Promise<unknown>) =>
  httpHandler(route, fn as never, { authenticate: async () => undefined })(event(), {} as Context)

let logged: jest.SpyInstance
beforeEach(() => {
  logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined)
})
afterEach(() => logged.mockRestore())

describe('serializeResponse', () => {
  it('keeps the fields of the schema and strips everything else, nested too', () => {
    const out = serializeResponse(route, { items: [stored], nextCursor: null, debug: { table: 'huiyuan-prod' } })
    expect(out).toEqual({ ok: true, body: { items: [{ itemId: '1', name: '帆布袋', tags: [{ code: 'gift' }] }], nextCursor: null } })
  })

  it('refuses a result that does not match and logs the route and the issues, not the values', () => {
    const out = serializeResponse(route, { items: [{ ...stored, name: 42 }], nextCursor: undefined })
    expect(out).toEqual({ ok: false })
    expect(logged).toHaveBeenCalledTimes(1)
    const [message, extra] = logged.mock.calls[0]
    expect(message).toBe('response does not match its schema')
    expect(extra.route).toBe('listThings')
    expect(extra.issues.map((i: { path: string }) => i.path).sort()).toEqual(['items.0.name', 'nextCursor'])
    expect(JSON.stringify(extra)).not.toContain('THING#1')
  })

  it('no response schema of the route table lets unknown keys through (no loose / passthrough objects)', () => {
    type Def = { type: string; catchall?: { _zod: { def: { type: string } } }; [k: string]: unknown }
    const isSchema = (v: unknown): v is { _zod: { def: Def } } => typeof v === 'object' && v !== null && '_zod' in v
    const loose: string[] = []
    const seen = new Set<unknown>()
    const walk = (s: unknown, where: string) => {
      if (!isSchema(s) || seen.has(s)) return
      seen.add(s)
      const def = s._zod.def
      if (def.type === 'object' && def.catchall && def.catchall._zod.def.type !== 'never') loose.push(where)
      for (const [k, v] of Object.entries(def)) {
        if (k === 'shape' && v && typeof v === 'object') for (const [f, fv] of Object.entries(v)) walk(fv, `${where}.${f}`)
        else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${where}[${i}]`)
        else walk(v, where)
      }
    }
    for (const r of Object.values(routes) as RouteDef[]) {
      if (r.operationId !== 'getOpenApi') walk(r.response, r.operationId) // the document is a free-form record by design
    }
    expect(loose).toEqual([])
  })
})

describe('the middleware stack serialises results', () => {
  it('answers only the schema fields: no storage keys', async () => {
    const res = await invoke(async () => ({ items: [stored], nextCursor: null }))
    expect(res.statusCode).toBe(200)
    const body = JSON.parse(res.body as string)
    expect(body).toEqual({ items: [{ itemId: '1', name: '帆布袋', tags: [{ code: 'gift' }] }], nextCursor: null })
    expect(res.body).not.toMatch(/PK|SK|entity/)
  })

  it('a result that breaks its schema is a generic 500 that leaks nothing', async () => {
    const res = await invoke(async () => ({ items: [{ ...stored, tags: 'secret-internal-value' }], nextCursor: null }))
    expect(res.statusCode).toBe(500)
    const body = JSON.parse(res.body as string)
    expect(body).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side (request req-1)' } })
    expect(res.body).not.toContain('secret-internal-value')
    expect(res.body).not.toContain('tags')
    expect(logged).toHaveBeenCalledWith('response does not match its schema', expect.objectContaining({ route: 'listThings' }))
  })
})
