import { DomainError } from '@huiyuan/shared/errors'

/**
 * Optimistic concurrency: re-runs `attempt` while it throws a retryable conflict, with
 * jittered exponential backoff. Conflicts that outlast the budget surface as a 503-class
 * domain error (nothing was written by the failed attempts).
 */
export async function withConflictRetry<T>(
  attempt: () => Promise<T>,
  isConflict: (e: unknown) => boolean,
  { maxAttempts = 40, baseMs = 5, maxMs = 200 }: { maxAttempts?: number; baseMs?: number; maxMs?: number } = {},
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt()
    } catch (e) {
      if (!isConflict(e)) throw e
      if (i >= maxAttempts) {
        throw new DomainError('CONFLICT_RETRY_EXHAUSTED', 'Too many concurrent updates; please retry')
      }
      const cap = Math.min(maxMs, baseMs * 2 ** Math.min(i, 6))
      await new Promise((r) => setTimeout(r, Math.random() * cap))
    }
  }
}
