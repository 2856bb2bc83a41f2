/**
 * Segments over HTTP as a marketer uses them: conditions counted live (the first API process
 * counts at once; the second counts every preview by a job over the shards, as a large program
 * would), saved, changed over a stale version, counted again, deleted; members' purchases,
 * refunds and erasure moving the counts; the RFM picture with the merchant's thresholds; the
 * jobs an admin starts.
 */
import { randomInt } from 'node:crypto'
import { Job, RfmOverview, Segment, SegmentPreview } from '@huiyuan/shared/segments/schemas'
import { APIS, call, eventually, newMember, type Res, signIn, uniqueName } from './client'

let admin: string
let marketer: string
let marketerStaffId: string
let cashier: string
/** A spend no other test's member has: the segment below matches this file's members only. */
const SPEND = 700_000 + randomInt(0, 99_999) * 2 + 1
const bySpend = (extra: unknown[] = []) => ({
  op: 'and',
  conditions: [{ field: 'spend12m', range: { min: SPEND, max: SPEND } }, ...extra],
})

const orderId = () => `SG${uniqueName('o').slice(2)}`

async function buyer(storeId: string) {
  const m = await newMember({ name: '赵六' })
  const code = (await call('GET', '/v1/me/code', { token: m.token })).body.code
  const order = orderId()
  const r = await call('POST', '/v1/staff/purchases', {
    token: admin,
    body: { memberCode: code, storeId, orderId: order, amountFen: SPEND },
  })
  expect(r.status).toBe(201)
  return { ...m, order, storeId }
}

/** A preview, followed through its job to the count when it runs as one. */
async function preview(definition: unknown, api?: string) {
  const r = await call('POST', '/v1/admin/segment-previews', { token: marketer, body: { definition }, ...(api ? { api } : {}) })
  expect(r.status).toBe(200)
  const p = SegmentPreview.parse(r.body)
  if (p.status === 'done') return p.count!
  let job: Res = { status: 0, body: undefined }
  await eventually(async () => {
    job = await call('GET', `/v1/admin/jobs/${p.jobId}`, { token: marketer, ...(api ? { api } : {}) })
    expect(job.status).toBe(200)
    expect(Job.parse(job.body).status).toBe('done')
  }, 60_000)
  return Job.parse(job.body).count!
}

let a: Awaited<ReturnType<typeof buyer>>
let b: Awaited<ReturnType<typeof buyer>>

beforeAll(async () => {
  ;[admin, cashier] = await Promise.all([signIn('admin'), signIn('cashier')])
  const s = await call('POST', '/v1/admin/staff', { token: admin, body: { name: '市场', roles: ['marketer'], storeIds: [] } })
  marketerStaffId = s.body.staffId
  const t = await signIn(uniqueName('staff'))
  marketer = (await call('POST', '/v1/staff/bind', { token: t, body: { code: s.body.bindingCode } })).body.token
  a = await buyer('S001')
  b = await buyer('S002')
}, 120_000)

describe('a segment previewed, saved and counted', () => {
  it('counts the members who match, with a masked sample and a breakdown by tier and store', async () => {
    await eventually(async () => {
      const count = await preview(bySpend())
      expect(count.size).toBe(2)
      expect(count.members).toBeGreaterThanOrEqual(2)
      // By join store: both joined at S001 (they bought at S001 and S002).
      expect(count.byStore).toEqual([{ key: 'S001', label: expect.any(String), members: 2 }])
      expect(count.byTier.reduce((n, t) => n + t.members, 0)).toBe(2)
      expect(count.sample.map((m) => m.cardNo).sort()).toEqual([a.member.cardNo, b.member.cardNo].sort())
      expect(count.sample.every((m) => m.nameMasked === '赵*' && m.spend12mFen === SPEND)).toBe(true)
      expect(JSON.stringify(count)).not.toMatch(/1381234|mobile/)
    }, 30_000)
    const narrowed = await preview(bySpend([{ field: 'joinStore', in: ['S001'] }]))
    expect(narrowed.size).toBe(2) // both joined at S001 (the join default)
    const either = await preview({
      op: 'or',
      conditions: [
        {
          op: 'and',
          conditions: [
            { field: 'spend12m', range: { min: SPEND, max: SPEND } },
            { field: 'favouriteStore', in: ['S002'] },
          ],
        },
        { field: 'purchases12m', range: { min: 10_000 } },
      ],
    })
    expect(either.size).toBe(1)
  })

  it('counts the same by a job over the shards (the second API process counts every preview so)', async () => {
    const api2 = APIS()[1]!
    const first = await call('POST', '/v1/admin/segment-previews', { token: marketer, body: { definition: bySpend() }, api: api2 })
    expect(SegmentPreview.parse(first.body)).toMatchObject({ status: 'running', progress: { done: 0, total: 32 } })
    const count = await preview(bySpend(), api2)
    expect(count.size).toBe(2)
  })

  it('saves, changes (a stale version is refused), counts and deletes a segment', async () => {
    const created = await call('POST', '/v1/admin/segments', {
      token: marketer,
      body: { name: '高消费会员', description: '测试人群', definition: bySpend() },
    })
    expect(created.status).toBe(201)
    const seg = Segment.parse(created.body)
    expect(seg).toMatchObject({ version: 1, lastCount: null })
    const list = await call('GET', '/v1/admin/segments?limit=100', { token: marketer })
    expect(list.body.items.map((s: { segmentId: string }) => s.segmentId)).toContain(seg.segmentId)
    const changed = await call('PUT', `/v1/admin/segments/${seg.segmentId}`, {
      token: marketer,
      body: { name: '高消费会员（S002）', definition: bySpend([{ field: 'favouriteStore', in: ['S002'] }]), version: 1 },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.version).toBe(2)
    const stale = await call('PUT', `/v1/admin/segments/${seg.segmentId}`, {
      token: marketer,
      body: { name: '旧的', definition: bySpend(), version: 1 },
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('VERSION_CONFLICT')
    const counted = await call('POST', `/v1/admin/segments/${seg.segmentId}/preview`, { token: marketer })
    expect(counted.body.count.size).toBe(1)
    expect((await call('GET', `/v1/admin/segments/${seg.segmentId}`, { token: marketer })).body.lastCount).toMatchObject({ size: 1 })
    expect((await call('DELETE', `/v1/admin/segments/${seg.segmentId}`, { token: marketer })).status).toBe(204)
    expect((await call('GET', `/v1/admin/segments/${seg.segmentId}`, { token: marketer })).status).toBe(404)
    const audit = await call('GET', `/v1/admin/audit?limit=100&actor=${encodeURIComponent(`staff:${marketerStaffId}`)}`, { token: admin })
    const actions = audit.body.items
      .filter((e: { subject: string }) => e.subject === `segment:${seg.segmentId}`)
      .map((e: { action: string }) => e.action)
    expect(actions).toEqual(['segment.create', 'segment.update', 'segment.delete'])
  })

  it('refuses bad conditions in place, and staff who are not marketers', async () => {
    const bad = await call('POST', '/v1/admin/segment-previews', {
      token: marketer,
      body: { definition: { op: 'and', conditions: [{ field: 'spend12m', range: { min: 10, max: 5 } }] } },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    expect((await call('POST', '/v1/admin/segment-previews', { token: cashier, body: { definition: bySpend() } })).status).toBe(403)
  })

  it('moves with what members do: a whole refund and an erasure take them out', async () => {
    const refund = await call('POST', '/v1/staff/refunds', {
      token: admin,
      body: { storeId: a.storeId, orderId: a.order, refundId: 'R1', amountFen: SPEND },
    })
    expect(refund.status).toBe(201)
    expect((await call('DELETE', '/v1/me', { token: b.token })).status).toBe(200)
    await eventually(async () => expect((await preview(bySpend())).size).toBe(0), 30_000)
  })
})

describe('RFM', () => {
  it('shows the 8 groups and the pyramid; the merchant sets thresholds and goes back to the medians', async () => {
    const r = await call('GET', '/v1/admin/rfm', { token: marketer })
    expect(r.status).toBe(200)
    const rfm = RfmOverview.parse(r.body)
    expect(rfm.groups).toHaveLength(9)
    expect(rfm.pyramid).toHaveLength(5)
    expect(rfm.groups.reduce((n, g) => n + g.members, 0)).toBe(rfm.members)
    const set = await call('PUT', '/v1/admin/rfm/thresholds', {
      token: marketer,
      body: { thresholds: { recencyDays: 30, frequency: 3, monetaryFen: 100_000 } },
    })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ source: 'merchant', thresholds: { recencyDays: 30, frequency: 3, monetaryFen: 100_000 } })
    const back = await call('PUT', '/v1/admin/rfm/thresholds', { token: marketer, body: { thresholds: null } })
    expect(back.body.source).not.toBe('merchant')
  })

  it('an admin refreshes RFM and rebuilds the features; a marketer may not start jobs', async () => {
    expect((await call('POST', '/v1/admin/jobs', { token: marketer, body: { kind: 'rfm-refresh' } })).status).toBe(403)
    for (const kind of ['rfm-refresh', 'features-rebuild']) {
      const started = await call('POST', '/v1/admin/jobs', { token: admin, body: { kind } })
      expect(started.status).toBe(201)
      await eventually(async () => {
        const j = await call('GET', `/v1/admin/jobs/${started.body.jobId}`, { token: admin })
        expect(Job.parse(j.body)).toMatchObject({ kind, status: 'done' })
      }, 90_000)
    }
  })
})
