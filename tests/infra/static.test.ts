/**
 * The local static server for the H5 build (scripts/lib/static.ts): compression as the
 * browser accepts it, precompressed files when the build wrote them, and caching headers
 * (hashed files immutable for a year, index.html revalidated).
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { IMMUTABLE, acceptedEncodings, serveH5 } from '../../scripts/lib/static'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-static-'))
const script = `console.log(${JSON.stringify('会员中心 '.repeat(400))})\n`
const page = `<!doctype html><html><body>${'<div>汇元</div>'.repeat(200)}</body></html>`
let server: { url: string; stop: () => Promise<void> }

/** A GET with the given headers; the body as received (not decoded). */
function get(p: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${server.url}${p}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'js'))
  fs.writeFileSync(path.join(root, 'index.html'), page)
  fs.writeFileSync(path.join(root, 'js/app.1a2b3c4d.js'), script)
  fs.writeFileSync(path.join(root, 'js/app.1a2b3c4d.js.br'), zlib.brotliCompressSync(script))
  fs.writeFileSync(path.join(root, 'js/plain.js'), script)
  fs.writeFileSync(path.join(root, 'tiny.js'), 'x()')
  server = await serveH5({ port: 0, root, apiUrl: 'http://127.0.0.1:9' })
})

afterAll(async () => {
  await server.stop()
  fs.rmSync(root, { recursive: true, force: true })
})

describe('H5 static server', () => {
  test('sends the precompressed brotli copy to a browser that accepts br', async () => {
    const r = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(r.headers['content-encoding']).toBe('br')
    expect(r.headers.vary).toBe('Accept-Encoding')
    expect(Number(r.headers['content-length'])).toBe(r.body.length)
    expect(r.body.length).toBeLessThan(Buffer.byteLength(script) / 5)
    expect(zlib.brotliDecompressSync(r.body).toString()).toBe(script)
  })

  test('gzips what has no precompressed copy, and what a browser without br asks for', async () => {
    for (const p of ['/js/plain.js', '/js/app.1a2b3c4d.js']) {
      const r = await get(p, { 'accept-encoding': 'gzip' })
      expect(r.headers['content-encoding']).toBe('gzip')
      expect(zlib.gunzipSync(r.body).toString()).toBe(script)
    }
    const again = await get('/js/plain.js', { 'accept-encoding': 'gzip' })
    expect(zlib.gunzipSync(again.body).toString()).toBe(script)
  })

  test('sends plain bytes when nothing is accepted, and never compresses tiny files', async () => {
    const plain = await get('/js/plain.js', { 'accept-encoding': 'identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
    const tiny = await get('/tiny.js', { 'accept-encoding': 'br, gzip' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('x()')
  })

  test('hashed files are immutable for a year; index.html and the app routes are revalidated', async () => {
    expect((await get('/js/app.1a2b3c4d.js')).headers['cache-control']).toBe(IMMUTABLE)
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable')
    expect((await get('/js/plain.js')).headers['cache-control']).toBe('no-cache')
    const index = await get('/', { 'accept-encoding': 'gzip' })
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(zlib.gunzipSync(index.body).toString()).toBe(page)
    const fallback = await get('/pages/home/index')
    expect(fallback.headers['cache-control']).toBe('no-cache')
    expect(fallback.body.toString()).toBe(page)
  })

  test('a known ETag gets 304 Not Modified', async () => {
    const first = await get('/')
    const etag = String(first.headers.etag)
    const again = await get('/', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  test('Accept-Encoding is read with its q-values', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip', 'identity'])
    expect(acceptedEncodings('br;q=0, gzip;q=0.8')).toEqual(['gzip', 'identity'])
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip', 'identity'])
    expect(acceptedEncodings(undefined)).toEqual(['identity'])
  })
})
