/** Serves the H5 build and proxies /v1/* to the API, so the H5 app calls its own origin. */
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
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
}

export function serveH5(opts: { port: number; root: string; apiUrl: string }): Promise<Started> {
  const api = new URL(opts.apiUrl)
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
    const clean = decodeURIComponent(url.split('?')[0] ?? '/')
    let file = path.join(opts.root, path.normalize(clean).replace(/^(\.\.[/\\])+/, ''))
    if (!file.startsWith(opts.root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(opts.root, 'index.html')
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('H5 build not found: run npm run build:h5')
        return
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
      res.end(data)
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () =>
      resolve({
        stop: () =>
          new Promise<void>((r) => {
            server.closeAllConnections()
            server.close(() => r())
          }),
      }),
    )
  })
}
