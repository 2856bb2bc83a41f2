/**
 * Store systems (POS / ERP) call the till routes with a per-store API key:
 *   X-Huiyuan-Key: <keyId>
 *   X-Huiyuan-Timestamp: <unix seconds>
 *   X-Huiyuan-Signature: hex(HMAC-SHA256(secret, METHOD \n PATH[?QUERY] \n TIMESTAMP \n hex(SHA-256(body))))
 * Requests more than 5 minutes away from the server clock are refused (replays); the
 * operations themselves are idempotent on the order / refund id.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { DomainError } from '@huiyuan/shared/errors'

export const MAX_SKEW_SECONDS = 300

export const canonicalRequest = (method: string, pathAndQuery: string, timestamp: string, body: string) =>
  `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${createHash('sha256').update(body).digest('hex')}`

export const signRequest = (secret: string, method: string, pathAndQuery: string, timestamp: string, body: string) =>
  createHmac('sha256', secret)
    .update(canonicalRequest(method, pathAndQuery, timestamp, body))
    .digest('hex')

export function verifySignature(
  secret: string,
  req: { method: string; pathAndQuery: string; timestamp: string; body: string; signature: string },
  now: Date,
): void {
  const ts = Number(req.timestamp)
  if (!Number.isInteger(ts) || Math.abs(now.getTime() / 1000 - ts) > MAX_SKEW_SECONDS) {
    throw new DomainError('REQUEST_EXPIRED', 'The request timestamp is more than 5 minutes from the server time')
  }
  const expected = Buffer.from(signRequest(secret, req.method, req.pathAndQuery, req.timestamp, req.body), 'hex')
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(req.signature) ? req.signature : '', 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError('SIGNATURE_INVALID', 'The request signature does not match')
  }
}
