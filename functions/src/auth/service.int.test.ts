import { membersRepository } from '../members/repository'
import { rateLimiter } from '../platform/rateLimit'
import { freshTable } from '../testing/table'
import { devWechatClient } from './devWechat'
import { authService } from './service'

describe('sign-in limits (DynamoDB Local)', () => {
  it('gives each address its sign-ins per minute, across processes alike, then THROTTLED until the minute ends', async () => {
    const db = await freshTable('signin')
    const build = () =>
      authService({
        wechat: devWechatClient(),
        members: membersRepository(db),
        staffOf: async () => ({ roles: [], storeIds: [] }),
        tokenSecret: 'a-test-token-secret-of-at-least-32-characters',
        tokenTtlSeconds: 3600,
        timeZone: 'Asia/Shanghai',
        limiter: rateLimiter(db),
        signInsPerMinute: 3,
      })
    // Two services over one table stand for two API processes: the count is the table's.
    const [a, b] = [build(), build()]
    const now = new Date('2026-11-25T02:00:20Z')
    const results = await Promise.allSettled([a, b, a, b, a].map((s, i) => s.signIn(`dev:u${i}`, now, '10.0.0.1')))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ code: 'THROTTLED', details: { retryAfterSeconds: 40 } })
    // Another address, or the next minute, is fine.
    await expect(a.signIn('dev:u9', now, '10.0.0.2')).resolves.toMatchObject({ memberId: null })
    await expect(b.signIn('dev:u9', new Date('2026-11-25T02:01:00Z'), '10.0.0.1')).resolves.toMatchObject({ memberId: null })
  })
})
