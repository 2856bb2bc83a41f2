/**
 * Automations against DynamoDB Local: the win-back fans out over the features shards and
 * fires for a member whose last purchase was N days ago — once per last purchase however
 * often the job runs, never without marketing consent, and not in quiet hours (the shard
 * waits on the queue); a control group receives nothing but is recorded.
 */
import { automationCampaignId } from '@huiyuan/shared/campaigns/automations'
import type { AuthContext } from '../platform/auth'
import { addDays, calendarDate } from '../platform/clock'
import { featureShardOf } from '../platform/keys'
import type { WorkMessage, WorkQueue } from '../platform/queue/work'
import { automationsOf, campaignsRepoOf, featuresKeeperOf, messagingOf, segmentsRepoOf } from '../platform/wiring'
import { localMessagingRules } from '../program/defaults'
import { joinInput, memberCodeAt, seededServices } from '../testing/fixtures'
import { freshTable } from '../testing/table'
import { dailyAutomations } from './daily'

const admin: AuthContext = { openid: 'admin', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }
/** 14:00 in Shanghai on the day `days` after now (outside quiet hours). */
const afternoon = (days = 0) => {
  const d = new Date(Date.now() + days * 86_400_000)
  d.setUTCHours(6, 0, 0, 0)
  return d
}

describe('the win-back automation', () => {
  let s: Awaited<ReturnType<typeof seededServices>>
  const bought = afternoon()
  const today = calendarDate(bought, 'Asia/Shanghai')
  const sent: WorkMessage[] = []
  const queue: WorkQueue = { send: async (m) => void sent.push(...m) }
  const job = (at: Date) =>
    dailyAutomations({
      automations: automationsOf(s.core),
      segments: segmentsRepoOf(s.core),
      program: s.program,
      queue: () => queue,
      clock: () => at,
    })
  const member = async (openid: string, consent: boolean) => {
    const m = await s.membersService.join(openid, joinInput({ marketingConsent: consent }), bought)
    await s.purchases.record(
      admin,
      { memberCode: memberCodeAt(m.cardNo, bought), storeId: 'S001', orderId: `WB-${openid}`, amountFen: 9_900 },
      bought,
    )
    await featuresKeeperOf(s.core).rebuild(m.memberId, bought)
    return m
  }
  const winBackNotices = async (memberId: string) =>
    (await s.inbox.list(memberId, 20, undefined)).items.filter((n) => n.kind === 'marketing' && n.title === '好久不见，想您了')

  beforeAll(async () => {
    s = await seededServices(await freshTable('automations'), bought)
    await s.program.putRules({ ...(await s.program.getRules()), messaging: localMessagingRules() }, bought)
    const a = (await automationsOf(s.core).list({ limit: 100 })).items.find((x) => x.kind === 'win_back')!
    await automationsOf(s.core).update(
      admin,
      'win_back',
      { enabled: true, days: 30, offer: { templateIds: [] }, message: a.message, holdoutPct: 0, attributionDays: 14, version: a.version },
      bought,
    )
  })

  it('fires once per last purchase, N days after it, only with consent', async () => {
    const [yes, no] = [await member('wb-yes', true), await member('wb-no', false)]
    const later = afternoon(30)
    const run = async (at: Date, day: string) => {
      for (const m of [yes, no]) await job(at).runShard({ shard: featureShardOf(m.memberId), today: day })
    }
    // 29 days on: too early.
    await run(afternoon(29), addDays(today, 29))
    expect(await winBackNotices(yes.memberId)).toHaveLength(0)
    await run(later, addDays(today, 30))
    await run(later, addDays(today, 30))
    // A day later (a catch-up): the same last purchase, not again.
    await run(afternoon(31), addDays(today, 31))
    const notices = await winBackNotices(yes.memberId)
    expect(notices).toHaveLength(1)
    expect(notices[0]!.body).toContain('30 天没来逛逛')
    expect(await winBackNotices(no.memberId)).toHaveLength(0)
    const c = await campaignsRepoOf(s.core).get(automationCampaignId('win_back'))
    expect(c?.counters).toMatchObject({ planned: 2, sent: 1, no_consent: 1 })
  })

  it('waits out quiet hours on the queue instead of firing', async () => {
    const m = await member('wb-quiet', true)
    const night = afternoon(30)
    night.setUTCHours(15, 0, 0, 0) // 23:00 in Shanghai
    sent.length = 0
    await job(night).runShard({ shard: featureShardOf(m.memberId), today: addDays(today, 30) })
    expect(await winBackNotices(m.memberId)).toHaveLength(0)
    expect(sent).toEqual([expect.objectContaining({ kind: 'automations.daily', shard: featureShardOf(m.memberId) })])
  })

  it('reminds members who asked for 签到提醒 and have not checked in, once a day, on WeChat only', async () => {
    const m = await member('ck-yes', true)
    const other = await member('ck-no', true)
    await messagingOf(s.core).record(m.memberId, { results: [{ templateId: 'local-checkin-reminder', result: 'accept' }] }, 'tap', bought)
    await featuresKeeperOf(s.core).rebuild(m.memberId, bought)
    const day = addDays(today, 1)
    for (let i = 0; i < 2; i++)
      for (const x of [m, other]) await job(afternoon(1)).runShard({ shard: featureShardOf(x.memberId), today: day })
    const held = async (id: string) => (await messagingOf(s.core).mine(id)).templates.find((t) => t.purpose === 'checkinReminder')?.held
    expect(await held(m.memberId)).toBe(0)
    const c = await campaignsRepoOf(s.core).get(automationCampaignId('checkin_reminder'))
    expect(c?.counters).toMatchObject({ planned: 1, sent: 1, wechat: 1 })
    // No inbox notice for it.
    expect((await s.inbox.list(m.memberId, 20, undefined)).items.some((n) => n.title === '今天还没签到哦')).toBe(false)
  })

  it('starts one message per features shard', async () => {
    sent.length = 0
    expect(await job(bought).start(bought)).toEqual({ shards: 32 })
    expect(sent).toHaveLength(32)
  })
})
