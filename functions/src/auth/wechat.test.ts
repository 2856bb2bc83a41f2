import { realWechatClient } from './wechat'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=UTF-8' } })
const image = () => new Response(PNG, { headers: { 'content-type': 'image/png' } })

/** A fake WeChat: answers by URL, and records every call. */
function fakeWechat(answer: (url: string, body: Record<string, unknown>, n: number) => Response) {
  const calls: Array<{ url: string; body: Record<string, unknown> }> = []
  const http = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input)
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ url, body })
    return answer(url, body, calls.filter((c) => c.url.split('?')[0] === url.split('?')[0]).length)
  }) as typeof fetch
  return { http, calls }
}

describe('WeChat client: store join codes (getwxacodeunlimit)', () => {
  it('asks for the scene and page with a stable access token, which it keeps for the next call', async () => {
    const { http, calls } = fakeWechat((url) =>
      url.includes('stable_token') ? json({ access_token: 'TOKEN-1', expires_in: 7200 }) : image(),
    )
    const wechat = realWechatClient('wx-app', 'wx-secret', http)
    const code = await wechat.miniProgramCode({ scene: 's=S001', page: 'pages/join/index' })
    expect(code.contentType).toBe('image/png')
    expect([...code.image]).toEqual([...PNG])
    expect(calls[0]).toEqual({
      url: 'https://api.weixin.qq.com/cgi-bin/stable_token',
      body: { grant_type: 'client_credential', appid: 'wx-app', secret: 'wx-secret', force_refresh: false },
    })
    expect(calls[1]!.url).toBe('https://api.weixin.qq.com/wxa/getwxacodeunlimit?access_token=TOKEN-1')
    expect(calls[1]!.body).toMatchObject({ scene: 's=S001', page: 'pages/join/index', check_path: true, env_version: 'release' })

    await wechat.miniProgramCode({ scene: 's=S002', page: 'pages/join/index' })
    expect(calls.filter((c) => c.url.includes('stable_token'))).toHaveLength(1)
    expect(calls[2]!.body.scene).toBe('s=S002')
  })

  it('renews an access token WeChat no longer accepts, once', async () => {
    let issued = 0
    const { http, calls } = fakeWechat((url, _body, n) => {
      if (url.includes('stable_token')) return json({ access_token: `TOKEN-${++issued}`, expires_in: 7200 })
      return n === 1 ? json({ errcode: 40001, errmsg: 'invalid credential' }) : image()
    })
    const code = await realWechatClient('wx-app', 'wx-secret', http).miniProgramCode({ scene: 's=S001', page: 'pages/join/index' })
    expect(code.image.length).toBe(PNG.length)
    expect(calls.map((c) => c.url.replace(/\?.*/, ''))).toEqual([
      'https://api.weixin.qq.com/cgi-bin/stable_token',
      'https://api.weixin.qq.com/wxa/getwxacodeunlimit',
      'https://api.weixin.qq.com/cgi-bin/stable_token',
      'https://api.weixin.qq.com/wxa/getwxacodeunlimit',
    ])
    expect(calls[2]!.body.force_refresh).toBe(true)
    expect(calls[3]!.url).toContain('access_token=TOKEN-2')
  })

  it("turns WeChat's refusals into WECHAT_API_FAILED with its error code", async () => {
    const refusing = fakeWechat((url) =>
      url.includes('stable_token') ? json({ access_token: 'T', expires_in: 7200 }) : json({ errcode: 41030, errmsg: 'invalid page' }),
    )
    await expect(
      realWechatClient('a', 's', refusing.http).miniProgramCode({ scene: 's=S001', page: 'pages/join/index' }),
    ).rejects.toMatchObject({ code: 'WECHAT_API_FAILED', details: { wechatErrcode: 41030 } })

    const noToken = fakeWechat(() => json({ errcode: 40013, errmsg: 'invalid appid' }))
    await expect(
      realWechatClient('a', 's', noToken.http).miniProgramCode({ scene: 's=S001', page: 'pages/join/index' }),
    ).rejects.toMatchObject({ code: 'WECHAT_API_FAILED', details: { wechatErrcode: 40013 } })
    expect(noToken.calls).toHaveLength(1)
  })
})
