import { ApiError, type ClientCore, type HttpRequest, requestOf, send } from './core'
import { validateBody } from './typed'

const core = (respond: (r: HttpRequest) => { status: number; data: unknown }, token = 'T'): ClientCore & { sent: HttpRequest[] } => {
  const sent: HttpRequest[] = []
  return {
    sent,
    baseUrl: 'https://api.example',
    token: () => token,
    transport: async (r) => {
      sent.push(r)
      return respond(r)
    },
    messageFor: (code) => `msg:${code}`,
  }
}

describe('the client core', () => {
  it('fills the path, writes the query without empty values and sends the token on non-public routes', () => {
    const c = core(() => ({ status: 200, data: {} }))
    const r = requestOf(
      c,
      { method: 'GET', path: '/v1/admin/stores/{storeId}/pos-keys', access: 'staff' },
      {
        params: { storeId: 'S 1/2' },
        query: { limit: 20, cursor: undefined, q: '' },
      },
    )
    expect(r.url).toBe('https://api.example/v1/admin/stores/S%201%2F2/pos-keys?limit=20')
    expect(r.headers.Authorization).toBe('Bearer T')
    expect(r.body).toBeUndefined()
    const pub = requestOf(c, { method: 'POST', path: '/v1/console/sessions', access: 'public' }, { body: { client: 'x' } })
    expect(pub.headers.Authorization).toBeUndefined()
    expect(pub.body).toBe('{"client":"x"}')
  })

  it('turns the error envelope into an ApiError with its field errors, paths without their part', async () => {
    const c = core(() => ({
      status: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'bad',
          details: { fields: [{ field: 'body.rules.tiers.1.thresholdFen', message: 'too low' }] },
        },
      },
    }))
    const e = (await send(c, { method: 'PUT', path: '/v1/admin/program', access: 'staff' }, { body: {} }).catch((x) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, message: 'msg:VALIDATION_FAILED' })
    expect(e.fields).toEqual([{ field: 'rules.tiers.1.thresholdFen', message: 'too low' }])
  })

  it('parses a JSON text body, and calls a 5xx without an envelope INTERNAL', async () => {
    expect(
      await send(
        core(() => ({ status: 200, data: '{"a":1}' })),
        { method: 'GET', path: '/v1/x', access: 'public' },
      ),
    ).toEqual({ a: 1 })
    const e = (await send(
      core(() => ({ status: 502, data: '<html>' })),
      { method: 'GET', path: '/v1/x', access: 'public' },
    ).catch((x) => x)) as ApiError
    expect(e.code).toBe('INTERNAL')
  })

  it('reports a transport failure as NETWORK_ERROR', async () => {
    const c: ClientCore = { baseUrl: '', transport: () => Promise.reject(new Error('down')) }
    await expect(send(c, { method: 'GET', path: '/v1/health', access: 'public' })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
    })
  })

  it("checks a body against the route's own schema before it is sent", () => {
    expect(validateBody('createStaff', { name: '', roles: [], storeIds: [] }).map((f) => f.field)).toContain('name')
    expect(validateBody('health', undefined)).toEqual([])
  })
})
