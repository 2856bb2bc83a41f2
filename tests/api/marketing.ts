/**
 * What the marketing tests (API and console) set up over the API: quiet hours around now,
 * a purchase at the till, a segment's size (following its count job), a campaign as read.
 */
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import { ProgramView } from '@huiyuan/shared/program/schemas'
import { call, uniqueName } from './client'

/** The program rules reach every container within this (PROGRAM_CACHE_SECONDS=1 locally). */
export const PROGRAM_CACHE_MS = 1_200
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** HH:MM in Shanghai, `minutes` from now. */
export const shanghaiClock = (minutes: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + minutes * 60_000),
  )

/** Sets the program's quiet hours (an admin's token) and waits until every container has them. */
export async function setQuietHours(admin: string, from: string, to: string): Promise<void> {
  const p = ProgramView.parse((await call('GET', '/v1/admin/program', { token: admin })).body)
  const rules = { ...p.rules, marketing: { ...p.rules.marketing, quietHours: { from, to } } }
  const r = await call('PUT', '/v1/admin/program', { token: admin, body: { rules, version: p.version } })
  if (r.status !== 200) throw new Error(`quiet hours not set: ${r.status} ${JSON.stringify(r.body)}`)
  await sleep(PROGRAM_CACHE_MS)
}

/** A purchase at the till (a cashier's token) by the member whose token is given. */
export async function buy(cashier: string, memberToken: string, amountFen: number): Promise<void> {
  const code = (await call('GET', '/v1/me/code', { token: memberToken })).body.code as string
  const r = await call('POST', '/v1/staff/purchases', {
    token: cashier,
    body: { memberCode: code, storeId: 'S001', orderId: `MK${uniqueName('o').slice(2)}`, amountFen },
  })
  if (r.status !== 201) throw new Error(`purchase failed: ${r.status} ${JSON.stringify(r.body)}`)
}

/** A segment's size, following the count job if it runs as one. */
export async function segmentSize(marketer: string, segmentId: string): Promise<number> {
  const r = await call('POST', `/v1/admin/segments/${segmentId}/preview`, { token: marketer })
  if (r.status !== 200) throw new Error(`preview failed: ${r.status} ${JSON.stringify(r.body)}`)
  if (r.body.status === 'done') return r.body.count.size
  for (let i = 0; i < 120; i++) {
    await sleep(500)
    const j = await call('GET', `/v1/admin/jobs/${r.body.jobId}`, { token: marketer })
    if (j.body.status === 'done') return j.body.count.size
    if (j.body.status === 'failed') throw new Error(`count job ${r.body.jobId} failed`)
  }
  throw new Error(`count job ${r.body.jobId} did not finish`)
}

export async function readCampaign(marketer: string, campaignId: string): Promise<Campaign> {
  const r = await call('GET', `/v1/admin/campaigns/${campaignId}`, { token: marketer })
  if (r.status !== 200) throw new Error(`campaign ${campaignId}: ${r.status}`)
  return r.body
}
