/**
 * Serves a web build (the H5 app, the console) and proxies /v1/* to the API, so the app
 * calls its own origin; any other path without a file is index.html (client-side routes).
 *
 * - Compression: brotli or gzip, as the browser accepts. The build writes `<file>.br` and
 *   `<file>.gz` beside each text file (miniprogram/config/precompress.ts), sent as they
 *   are; any other text file (a build without them) is gzipped once and kept in memory.
 * - Caching: file names with a content hash (`app.1a2b3c4d.js`) never change content, so
 *   they are `immutable` for a year; everything else (index.html, the SPA fallback) is
 *   `no-cache` and revalidated with its ETag.
 */
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Started } from './stack'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.txt'])
const MIN_COMPRESS_BYTES = 1024
/** `name.<8+ hex>.ext`: webpack's [contenthash]; `assets/name-<8 chars>.ext`: vite's. */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/
const VITE_HASHED = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/
export const IMMUTABLE = 'public, max-age=31536000, immutable'

type Encoding = 'br' | 'gzip' | 'identity'

/** The encodings a request accepts, best first (q=0 refuses one; identity is always possible). */
export function acceptedEncodings(acceptEncoding: string | undefined): Encoding[] {
  const q = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const value = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    q.set(name, value === undefined ? 1 : Number(value))
  }
  const ok = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0
  return [...(['br', 'gzip'] as const).filter(ok), 'identity']
}

export function serveH5(opts: { port: number; root: string; apiUrl: string }): Promise<Started & { url: string }> {
  const api = new URL(opts.apiUrl)
  /** On-the-fly gzip of files the build did not precompress: file + mtime + size → bytes. */
  const gzipped = new Map<string, Buffer>()

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    if (url.startsWith('/v1/')) {
      const upstream = http.request(
        { host: api.hostname, port: api.port, path: url, method: req.method, headers: { ...req.headers, host: api.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        },
      )
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { code: 'API_UNAVAILABLE', message: 'The API is not reachable' } }))
      })
      req.pipe(upstream)
      return
    }

    let clean: string
    try {
      clean = decodeURIComponent(url.split('?')[0] ?? '/')
    } catch {
      clean = '/'
    }
    let file = path.join(opts.root, path.normalize(clean).replace(/^(\.\.[/\\])+/, ''))
    if (!file.startsWith(opts.root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(opts.root, 'index.html')
    }
    let stat: fs.Stats
    try {
      stat = fs.statSync(file)
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('build not found: run npm start')
      return
    }

    const ext = path.extname(file)
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': HASHED.test(path.basename(file)) || VITE_HASHED.test(file) ? IMMUTABLE : 'no-cache',
      etag,
    }
    const compressible = COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES
    if (compressible) headers.vary = 'Accept-Encoding'
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers)
      res.end()
      return
    }

    const send = (body: Buffer, encoding: Encoding) => {
      if (encoding !== 'identity') headers['content-encoding'] = encoding
      headers['content-length'] = String(body.length)
      res.writeHead(200, headers)
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    const fail = () => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('could not read the file')
    }

    const accepted = compressible ? acceptedEncodings(req.headers['accept-encoding']) : (['identity'] as Encoding[])
    const precompressed = accepted
      .filter((e): e is 'br' | 'gzip' => e !== 'identity')
      .map((e) => ({ encoding: e, file: `${file}.${e === 'br' ? 'br' : 'gz'}` }))
      .find((p) => fs.existsSync(p.file))
    if (precompressed) {
      fs.readFile(precompressed.file, (err, data) => (err ? fail() : send(data, precompressed.encoding)))
      return
    }
    fs.readFile(file, (err, data) => {
      if (err) return fail()
      if (!accepted.includes('gzip')) return send(data, 'identity')
      // No precompressed copy: gzip once (fast at level 9 for our sizes) and keep it.
      const key = `${file}:${stat.mtimeMs}:${stat.size}`
      const cached = gzipped.get(key)
      if (cached) return send(cached, 'gzip')
      zlib.gzip(data, { level: 9 }, (e, out) => {
        if (e) return send(data, 'identity')
        gzipped.set(key, out)
        send(out, 'gzip')
      })
    })
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : opts.port
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((r) => {
            server.closeAllConnections()
            server.close(() => r())
          }),
      })
    })
  })
}
