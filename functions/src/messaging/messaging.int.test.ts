/**
 * Subscription messages against DynamoDB Local and the WeChat stub: a queued message costs
 * one grant and is delivered once however many deliveries of its event run at once; a value
 * WeChat would refuse is never queued (the grant is kept); WeChat busy (-1) is retried; a
 * sender that stopped mid-call leaves the message failed, never sent twice.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { startWechatStub } from '../../../scripts/lib/wechatStub'
import { realWechatClient } from '../auth/wechat'
import type { Db } from '../platform/db'
import { messagingRepoOf, messagingOf } from '../platform/wiring'
import { localMessagingRules } from '../program/defaults'
import { joinInput, seededServices } from '../testing/fixtures'
import { freshTable } from '../testing/table'
import { wechatSender } from './consumers/sender'

describe('subscription messages: one grant, one delivery', () => {
  let db: Db
  let s: Awaited<ReturnType<typeof seededServices>>
  let stub: Awaited<ReturnType<typeof startWechatStub>>
  const now = new Date()

  const sender = () =>
    wechatSender({
      messaging: messagingRepoOf(s.core),
      tx: s.tx,
      wechat: () => realWechatClient('app', 'secret', fetch, stub.url),
    })

  /** Queues a 会员活动通知 (or another purpose's values) for the member in a unit of work of its own. */
  const queue = async (
    memberId: string,
    values: Record<string, string> = { title: '会员日', content: '全场九折', time: '2026年11月26日 10:00' },
    purpose: 'memberActivity' | 'checkinReminder' = 'memberActivity',
  ) => {
    const rules = await s.program.getRules()
    const messaging = messagingOf(s.core)
    const [grantItem] = await s.tx.read([messaging.grantKey(memberId, purpose, rules)!])
    const uow = s.tx.begin(now)
    const out = messaging.stageSend(
      uow,
      { memberId, cardNo: 'C1', purpose, grantItem, values: values as never, source: { kind: 'campaign', id: 'CAMP-T' } },
      rules,
      now,
    )
    await uow.commit()
    return out
  }

  const member = async (openid: string, grants: number) => {
    const card = await s.membersService.join(openid, joinInput(), now)
    for (let i = 0; i < grants; i++)
      await messagingOf(s.core).record(
        card.memberId,
        {
          results: [
            { templateId: 'local-member-activity', result: 'accept' },
            { templateId: 'local-checkin-reminder', result: 'accept' },
          ],
        },
        `k${i}`,
        now,
      )
    return card.memberId
  }

  beforeAll(async () => {
    db = await freshTable('messaging')
    s = await seededServices(db)
    await s.program.putRules({ ...(await s.program.getRules()), messaging: localMessagingRules() }, now)
    stub = await startWechatStub({ port: 0 })
  })
  afterAll(() => stub.close())

  it('queues once per grant and delivers once, however many deliveries race', async () => {
    const memberId = await member('openid-race', 1)
    const first = await queue(memberId)
    expect(first.queued).toBe(true)
    expect(await queue(memberId)).toEqual({ queued: false, reason: 'no_grant' })
    if (!first.queued) return
    await Promise.allSettled(Array.from({ length: 5 }, () => sender().deliver(memberId, first.messageId)))
    await sender().deliver(memberId, first.messageId)
    expect(stub.messages.filter((m) => m.touser === 'openid-race')).toHaveLength(1)
    const m = messagingRepoOf(s.core).parseMessage((await s.tx.read([messagingRepoOf(s.core).messageKey(memberId, first.messageId)]))[0])
    expect(m).toMatchObject({ status: 'sent', attempts: 1, errcode: null })
    expect((await messagingOf(s.core).mine(memberId)).templates.find((t) => t.purpose === 'memberActivity')?.held).toBe(0)
  })

  it('never queues what WeChat would refuse, and keeps the grant', async () => {
    const memberId = await member('openid-field', 1)
    // `status` is a phrase: at most 5 Chinese characters.
    const out = await queue(memberId, { activity: '每日签到', status: 'not signed in', tip: '签到得积分' }, 'checkinReminder')
    expect(out).toEqual({ queued: false, reason: 'invalid_field' })
    expect((await messagingOf(s.core).mine(memberId)).templates.find((t) => t.purpose === 'checkinReminder')?.held).toBe(1)
    expect(await queue(memberId, { activity: '每日签到', status: '未签到', tip: '今日签到可得 5 积分' }, 'checkinReminder')).toMatchObject({
      queued: true,
    })
  })

  it('retries when WeChat is busy (-1), then sends', async () => {
    const memberId = await member('openid-busy', 1)
    const out = await queue(memberId)
    if (!out.queued) throw new Error('not queued')
    await fetch(`${stub.url}/__stub/failures`, { method: 'POST', body: JSON.stringify({ touser: 'openid-busy', errcode: -1 }) })
    await expect(sender().deliver(memberId, out.messageId)).rejects.toThrow(/-1/)
    await sender().deliver(memberId, out.messageId)
    const m = messagingRepoOf(s.core).parseMessage((await s.tx.read([messagingRepoOf(s.core).messageKey(memberId, out.messageId)]))[0])
    expect(m).toMatchObject({ status: 'sent', attempts: 2 })
    expect(stub.messages.filter((x) => x.touser === 'openid-busy')).toHaveLength(1)
  })

  it('marks a message a stopped sender had claimed as failed, never sending it twice', async () => {
    const memberId = await member('openid-stopped', 1)
    const out = await queue(memberId)
    if (!out.queued) throw new Error('not queued')
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: messagingRepoOf(s.core).messageKey(memberId, out.messageId),
        UpdateExpression: 'SET #s = :s, claimedAt = :at',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'sending', ':at': new Date(Date.now() - 5 * 60_000).toISOString() },
      }),
    )
    await sender().deliver(memberId, out.messageId)
    const m = messagingRepoOf(s.core).parseMessage((await s.tx.read([messagingRepoOf(s.core).messageKey(memberId, out.messageId)]))[0])
    expect(m?.status).toBe('failed')
    expect(m?.error).toMatch(/interrupted/)
    expect(stub.messages.filter((x) => x.touser === 'openid-stopped')).toHaveLength(0)
  })
})
