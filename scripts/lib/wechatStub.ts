/**
 * A small WeChat-compatible server for the local stack: the two calls the subscription
 * message sender makes — `POST /cgi-bin/stable_token` and `POST /cgi-bin/message/subscribe/send`
 * — answered as WeChat does (40001 for a token it did not issue, 47003 for a field over its
 * limit, 43101 for an openid told to refuse), and what it received, for people and tests:
 *   GET  /                       the messages received, newest first (an HTML page)
 *   GET  /__stub/messages        the same as JSON (`?touser=` one member's)
 *   POST /__stub/failures        `{ touser, errcode, times? }`: the next sends to touser answer errcode
 * Started by the consumers' process on HUIYUAN_WECHAT_PORT (npm start: 9325; tests: 8103).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { wechatFieldProblem } from '@huiyuan/shared/messaging/schemas'

export interface StubMessage {
  msgid: number
  touser: string
  templateId: string
  page: string
  data: Record<string, string>
  at: string
}

const MAX_KEPT = 2000

export async function startWechatStub(opts: { port: number; host?: string }) {
  const tokens = new Set<string>()
  const messages: StubMessage[] = []
  const failures = new Map<string, { errcode: number; times: number }>()
  let seq = 0

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(body))
  }
  const bodyOf = async (req: http.IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    try {
      const v = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
      return typeof v === 'object' && v !== null ? v : {}
    } catch {
      return {}
    }
  }

  const send = (body: Record<string, unknown>) => {
    const touser = String(body.touser ?? '')
    const templateId = String(body.template_id ?? '')
    if (!touser) return { errcode: 40003, errmsg: 'invalid openid' }
    if (!templateId) return { errcode: 40037, errmsg: 'invalid template_id' }
    const failure = failures.get(touser)
    if (failure) {
      if (--failure.times <= 0) failures.delete(touser)
      return { errcode: failure.errcode, errmsg: failure.errcode === 43101 ? 'user refuse to accept the msg' : 'arranged failure' }
    }
    const raw = (body.data ?? {}) as Record<string, { value?: unknown }>
    const data = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v?.value ?? '')]))
    for (const [k, v] of Object.entries(data)) {
      const problem = wechatFieldProblem(k, v)
      if (problem) return { errcode: 47003, errmsg: `argument invalid! data.${k}.value invalid: ${problem}` }
    }
    const msgid = ++seq
    messages.unshift({ msgid, touser, templateId, page: String(body.page ?? ''), data, at: new Date().toISOString() })
    messages.length = Math.min(messages.length, MAX_KEPT)
    return { errcode: 0, errmsg: 'ok', msgid }
  }

  const html = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
  const page = () => `<!doctype html><meta charset="utf-8"><title>微信订阅消息（本地模拟）</title>
<style>body{font:14px system-ui;margin:24px;background:#f5f5f5}.m{background:#fff;border-radius:8px;padding:12px 16px;margin:8px 0;max-width:560px}.t{color:#888;font-size:12px}</style>
<h1>微信订阅消息（本地模拟）</h1><p>本地环境的订阅消息发到这里，而不是微信。共 ${messages.length} 条。</p>
${messages
  .slice(0, 200)
  .map(
    (m) =>
      `<div class="m"><div class="t">${html(m.at)} · ${html(m.touser)} · ${html(m.templateId)}</div>${Object.entries(m.data)
        .map(([k, v]) => `<div>${html(k)}：${html(v)}</div>`)
        .join('')}</div>`,
  )
  .join('')}`

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub')
    try {
      if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        const token = `stub-token-${Date.now()}-${tokens.size}`
        tokens.add(token)
        return json(res, 200, { access_token: token, expires_in: 7200 })
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const body = await bodyOf(req)
        if (!tokens.has(url.searchParams.get('access_token') ?? '')) return json(res, 200, { errcode: 40001, errmsg: 'invalid credential' })
        return json(res, 200, send(body))
      }
      if (req.method === 'GET' && url.pathname === '/__stub/messages') {
        const touser = url.searchParams.get('touser')
        return json(res, 200, { items: touser ? messages.filter((m) => m.touser === touser) : messages })
      }
      if (req.method === 'POST' && url.pathname === '/__stub/failures') {
        const body = await bodyOf(req)
        failures.set(String(body.touser), { errcode: Number(body.errcode), times: Number(body.times ?? 1) })
        return json(res, 200, { ok: true })
      }
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        return res.end(page())
      }
      json(res, 404, { errcode: 404, errmsg: 'not found' })
    } catch (e) {
      json(res, 500, { errcode: -1, errmsg: (e as Error).message })
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
