/**
 * Campaigns against DynamoDB Local and its real stream: a launch freezes the audience and
 * sends it chunk by chunk — every message delivered twice, as at-least-once delivery may,
 * and still each member gets one notice and one coupon; the control group gets nothing but
 * is recorded; members without consent, at their 7-day cap, or past the budget are recorded
 * with the reason; racing workers never exceed the budget; purchases in the window reach
 * the report, treatment against control.
 */
import type { AuthContext } from '../platform/auth'
import type { WorkMessage, WorkQueue } from '../platform/queue/work'
import { inboxRepository } from '../inbox/repository'
import { campaignsRepoOf, messagingOf, segmentsOf, segmentsRepoOf } from '../platform/wiring'
import { cashOffTemplate, eventually, joinInput, memberCodeAt, seededServices, startConsumers } from '../testing/fixtures'
import { freshTable } from '../testing/table'
import { campaignSender } from './send'
import { isHeldOut } from './rules'
import { campaignsService } from './service'

const admin: AuthContext = { openid: 'admin', memberId: null, roles: ['admin'], storeIds: [], staffId: 'STAFF-ADMIN' }
/** Outside quiet hours (21:00–09:00 Shanghai): 14:00 in Shanghai. */
const noon = () => {
  const d = new Date()
  d.setUTCHours(6, 0, 0, 0)
  return d
}

describe('campaigns: send once, suppress with reasons, report against control', () => {
  let s: Awaited<ReturnType<typeof seededServices>>
  let reader: ReturnType<typeof startConsumers>
  const members: Array<{ memberId: string; cardNo: string; consent: boolean }> = []
  let segmentId: string
  let templateId: string
  const sent: WorkMessage[] = []
  const queue: WorkQueue = {
    send: async (messages) => {
      sent.push(...messages)
    },
  }

  /** The campaigns' services over this table, sending to the recording queue at `at` (default: 14:00 Shanghai today). */
  const build = (at = noon()) => {
    const core = s.core
    const sender = campaignSender({
      campaigns: campaignsRepoOf(core),
      segments: segmentsRepoOf(core),
      coupons: s.coupons,
      inbox: inboxRepository(s.db),
      messaging: messagingOf(core),
      program: s.program,
      queue: () => queue,
      tx: s.tx,
      clock: () => at,
    })
    const service = campaignsService({
      campaigns: campaignsRepoOf(core),
      segments: segmentsRepoOf(core),
      segmentsService: segmentsOf(core),
      templates: s.couponsRepo,
      sender,
      program: s.program,
      audit: s.audit,
      tx: s.tx,
    })
    return { sender, service }
  }

  /** Works the queue until it is empty, every message twice; `parallel` runs two workers side by side. */
  const drain = async (sender: ReturnType<typeof campaignSender>, parallel = false) => {
    const [handlerA, handlerB] = sender.handlers
    const byKind = new Map([handlerA, handlerB].map((h) => [h!.kind, h!]))
    while (sent.length > 0) {
      const batch = sent.splice(0)
      const run = async (m: WorkMessage) => {
        const h = byKind.get(m.kind)!
        const parsed = h.schema.parse(m) as WorkMessage
        if (parallel) await Promise.all([h.handle(parsed, { queue }), h.handle(parsed, { queue })])
        else {
          await h.handle(parsed, { queue })
          await h.handle(parsed, { queue })
        }
      }
      if (parallel) await Promise.all(batch.map(run))
      else for (const m of batch) await run(m)
    }
  }

  beforeAll(async () => {
    const db = await freshTable('campaigns', { stream: true })
    s = await seededServices(db)
    reader = startConsumers(db, s, { analytics: true })
    const now = new Date()
    for (let i = 0; i < 24; i++) {
      const consent = i % 6 !== 5
      const m = await s.membersService.join(`camp-${i}`, joinInput({ name: `会员${i}`, marketingConsent: consent }), now)
      members.push({ memberId: m.memberId, cardNo: m.cardNo, consent })
      await s.purchases.record(
        admin,
        { memberCode: memberCodeAt(m.cardNo, now), storeId: 'S001', orderId: `CP-${i}`, amountFen: 33_300 },
        now,
      )
    }
    const seg = await segmentsOf(s.core).create(
      admin,
      { name: '活动测试', definition: { op: 'and', conditions: [{ field: 'spend12m', range: { min: 33_300, max: 33_300 } }] } },
      now,
    )
    segmentId = seg.segmentId
    templateId = (await cashOffTemplate(s, now)).templateId
    await eventually(async () => {
      const p = await segmentsOf(s.core).previewSaved(segmentId, new Date())
      expect(p.count?.size).toBe(24)
    }, 30_000)
  }, 180_000)
  afterAll(async () => {
    await reader.stop()
  })

  it('sends each treated member one notice and one coupon, records the control group, and a second launch changes nothing', async () => {
    const { sender, service } = build()
    const c = await service.create(
      admin,
      {
        name: '回访',
        goal: 'retain',
        segmentId,
        offer: { templateId },
        message: { title: '老朋友专享', body: '送你一张券', wechat: false },
        schedule: { type: 'now' },
        maxCoupons: null,
        attributionDays: 14,
        holdoutPct: 30,
      },
      noon(),
    )
    await service.launch(admin, c.campaignId, noon())
    await service.launch(admin, c.campaignId, noon())
    await drain(sender)
    const done = await service.get(c.campaignId)
    const control = members.filter((m) => isHeldOut(c.campaignId, m.memberId, 30))
    const treated = members.filter((m) => !isHeldOut(c.campaignId, m.memberId, 30))
    expect(done.status).toBe('done')
    expect(done.progress).toMatchObject({
      planned: 24,
      processed: 24,
      sent: treated.filter((m) => m.consent).length,
      couponsIssued: treated.filter((m) => m.consent).length,
      failed: 0,
    })
    expect(done.progress.suppressed).toMatchObject({ holdout: control.length, no_consent: treated.filter((m) => !m.consent).length })
    for (const m of members) {
      const notices = (await s.inbox.list(m.memberId, 50, undefined)).items.filter((n) => n.kind === 'marketing')
      const wallet = await s.coupons.wallet(m.memberId, 'usable', new Date())
      const got = !isHeldOut(c.campaignId, m.memberId, 30) && m.consent
      expect({ member: m.memberId, notices: notices.length, coupons: wallet.items.length }).toEqual({
        member: m.memberId,
        notices: got ? 1 : 0,
        coupons: got ? 1 : 0,
      })
    }
    const recipients = await service.recipients(c.campaignId, { limit: 100 })
    expect(recipients.items).toHaveLength(24)
  })

  it('holds the 7-day cap: a member who had 2 marketing messages gets no third', async () => {
    const { sender, service } = build()
    const create = (name: string) =>
      service.create(
        admin,
        {
          name,
          goal: 'other',
          segmentId,
          offer: null,
          message: { title: name, body: '通知', wechat: false },
          schedule: { type: 'now' },
          maxCoupons: null,
          attributionDays: 7,
          holdoutPct: 0,
        },
        noon(),
      )
    const second = await create('第二次')
    await service.launch(admin, second.campaignId, noon())
    await drain(sender)
    const third = await create('第三次')
    await service.launch(admin, third.campaignId, noon())
    await drain(sender)
    const p = (await service.get(third.campaignId)).progress
    const consenting = members.filter((m) => m.consent).length
    // Everyone who consented had 2 in 7 days now if they got the first one too; the rest had 1.
    expect(p.sent + p.suppressed.cap).toBe(consenting)
    expect(p.suppressed.cap).toBeGreaterThan(0)
  })

  it('never exceeds the budget, even with two workers racing over every chunk', async () => {
    const later = new Date(noon().getTime() + 8 * 86_400_000)
    const { sender, service } = build(later)
    const c = await service.create(
      admin,
      {
        name: '限量',
        goal: 'upsell',
        segmentId,
        offer: { templateId },
        message: { title: '限量券', body: '先到先得', wechat: false },
        schedule: { type: 'now' },
        maxCoupons: 3,
        attributionDays: 7,
        holdoutPct: 0,
      },
      later,
    )
    await service.launch(admin, c.campaignId, later)
    await drain(sender, true)
    const p = (await service.get(c.campaignId)).progress
    expect(p.couponsIssued).toBe(3)
    expect(p.sent).toBe(3)
    expect(p.suppressed.budget_exhausted).toBe(members.filter((m) => m.consent).length - 3)
    expect((await campaignsRepoOf(s.core).budgetLeft(c.campaignId)).reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('reports purchases in the window for treatment and control', async () => {
    const { service } = build()
    const first = (await service.list({ limit: 100 })).items.find((c) => c.name === '回访')!
    // An hour after the send (the sender's clock), inside the 14-day window.
    const after = new Date(noon().getTime() + 3_600_000)
    const treated = members.filter((m) => !isHeldOut(first.campaignId, m.memberId, 30))
    for (const [i, m] of treated.entries()) {
      await s.purchases.record(
        admin,
        { memberCode: memberCodeAt(m.cardNo, after), storeId: 'S001', orderId: `CPA-${i}`, amountFen: 10_000 },
        after,
      )
    }
    await eventually(async () => {
      const r = await service.report(first.campaignId, new Date())
      expect(r.treatment.purchasers).toBe(treated.length)
      expect(r.treatment.revenueFen).toBe(treated.length * 10_000)
      expect(r.control.purchasers).toBe(0)
      expect(r.incrementalRevenueFen).toBe(treated.length * 10_000)
      expect(r.verdict).toBe('too_small')
      expect(r.verdictText).toBe('样本不足，无法判断效果')
      expect(r.funnel[0]).toEqual({ step: '目标会员', treatment: treated.length, control: members.length - treated.length })
    }, 30_000)
  })

  it('runs a recurring campaign once per occurrence, however many runners find it due, until its last day', async () => {
    const day = noon()
    const d0 = day.toISOString().slice(0, 10)
    const d1 = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10)
    // 10:00 Shanghai is 02:00Z.
    const ten = (d: string, minutes = 0) => new Date(Date.parse(`${d}T02:00:00Z`) + minutes * 60_000)
    const { service } = build(ten(d0, 1))
    const c = await service.create(
      admin,
      {
        name: '每日提醒',
        goal: 'retain',
        segmentId,
        offer: null,
        message: { title: '每日好物', body: '今天的会员专享', wechat: false },
        schedule: { type: 'recurring', every: 'day', time: '10:00', until: d1 },
        maxCoupons: null,
        attributionDays: 7,
        holdoutPct: 0,
      },
      ten(d0, -60),
    )
    const scheduled = await service.launch(admin, c.campaignId, ten(d0, -60))
    expect(scheduled).toMatchObject({ status: 'scheduled' })
    expect(Date.parse(scheduled.nextRunAt!)).toBe(ten(d0).getTime())
    // Not due yet; then due, found by two runners at once: one run.
    expect(await service.launchDue(ten(d0, -1))).toEqual({ launched: 0 })
    const both = await Promise.all([service.launchDue(ten(d0, 1)), service.launchDue(ten(d0, 1))])
    expect(both[0]!.launched + both[1]!.launched).toBe(1)
    expect(Date.parse((await service.get(c.campaignId)).nextRunAt!)).toBe(ten(d1).getTime())
    // The last day's run, then the campaign is done.
    expect(await service.launchDue(ten(d1, 1))).toEqual({ launched: 1 })
    const after = await service.get(c.campaignId)
    expect(after).toMatchObject({ status: 'done', nextRunAt: null })
    const runs = await service.runs(c.campaignId, { limit: 10 })
    expect(runs.items).toHaveLength(2)
    expect(runs.items.every((r) => r.parentId === c.campaignId && r.status === 'sending' && r.schedule.type === 'now')).toBe(true)
    expect(runs.items.map((r) => r.name)).toEqual([expect.stringContaining('每日提醒（'), expect.stringContaining('每日提醒（')])
  })

  it('refuses a weekly schedule without its weekday, and one that ends before its first run', async () => {
    const { service } = build()
    const input = {
      name: '每周',
      goal: 'retain' as const,
      segmentId,
      offer: null,
      message: { title: '每周', body: '每周', wechat: false },
      schedule: { type: 'recurring' as const, every: 'week' as const, time: '10:00', until: null },
      maxCoupons: null,
      attributionDays: 7,
      holdoutPct: 0,
    }
    await expect(service.create(admin, input, noon())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    const ended = await service.create(admin, { ...input, schedule: { ...input.schedule, weekday: 1, until: '2020-01-01' } }, noon())
    await expect(service.launch(admin, ended.campaignId, noon())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
