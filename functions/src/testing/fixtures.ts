import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'
import { lotExpiresOn } from '../accounts/model'
import { calendarDate } from '../platform/clock'
import { buildServices } from '../platform/container'
import { reportsDispatcherOf } from '../platform/wiring'
import { startStreamReader } from '../platform/events/localStream'

export { eventually } from './eventually'
import type { Db } from '../platform/db'
import { testTablesEndpoint } from './table'
import { defaultProgramRules } from '../program/defaults'
import { issueMemberCode } from '../members/memberCode'
import { readConfig } from '../platform/config'
import type { JoinRequest } from '@huiyuan/shared/members/schemas'
import type { CreateCouponTemplateRequest } from '@huiyuan/shared/coupons/schemas'

export const joinInput = (over: Partial<JoinRequest> = {}): JoinRequest => ({
  storeId: 'S001',
  name: '测试会员',
  mobile: '13812341234',
  birthday: '1990-05-17',
  gender: 'female',
  privacyConsentVersion: defaultProgramRules().privacyPolicyVersion,
  marketingConsent: false,
  ...over,
})

/** Services over a test table with the default program and one store. */
export async function seededServices(db: Db, now = new Date()) {
  const s = buildServices(db, { stage: 'local' })
  await s.program.putRules(defaultProgramRules(), now)
  await s.program.putStore({ storeId: 'S001', name: '测试店', city: '上海', address: '', active: true }, now)
  return s
}

type Services = ReturnType<typeof buildServices>

/** The member code a member's card shows at `now` (local secret, the default program's step). */
export const memberCodeAt = (cardNo: string, now: Date): string =>
  issueMemberCode(cardNo, readConfig({ STAGE: 'local' }).memberCodeSecret, now, defaultProgramRules().memberCode).code

/** A 满减 template (¥10 off ¥50, 7 days, unlimited stock) unless `over` says otherwise. */
export const cashOffTemplate = (s: Services, now: Date, over: Partial<CreateCouponTemplateRequest> = {}) =>
  s.coupons.createTemplate(
    {
      name: '满减',
      kind: 'cash_off',
      valueFen: 1_000,
      thresholdFen: 5_000,
      validity: { type: 'relative', days: 7 },
      totalStock: null,
      perMemberLimit: 5,
      ...over,
    },
    now,
  )

/** The member's points balance as the account holds it. */
export const pointsBalance = async (s: Services, memberId: string): Promise<number> => (await s.accounts.open(memberId, 'points')).balance

/** Balance, Σ ledger and Σ lots of a member's points account (they must always agree). */
export async function pointsTotals(s: Services, memberId: string) {
  const account = await s.accounts.open(memberId, 'points')
  const entries = await s.accounts.allEntries(memberId, 'points')
  return {
    balance: account.balance,
    debt: account.debt,
    ledger: entries.reduce((sum, e) => sum + e.delta, 0),
    lots: Object.values(account.snapshot().lots).reduce((sum, l) => sum + l.remaining, 0),
    entries,
  }
}

/** A points spend through the account (what the points mall and the till's deduction do), idempotent on `sourceRef`. */
export async function spendPoints(
  s: Services,
  memberId: string,
  points: number,
  sourceRef: string,
  now: Date,
): Promise<{ replayed: boolean }> {
  if (await s.accounts.hasSource(memberId, 'points', sourceRef)) return { replayed: true }
  try {
    await s.tx.retrying(async () => {
      const account = await s.accounts.open(memberId, 'points')
      const uow = s.tx.begin<'replay'>(now)
      account.debit(uow, points, { type: 'redemption', sourceRef, description: 'test spend', today: now.toISOString().slice(0, 10) })
      await uow.commit()
    })
    return { replayed: false }
  } catch (e) {
    if ((e as Error).name === 'Cancelled') return { replayed: true }
    throw e
  }
}

/** A points credit through the account (an adjustment), idempotent on `sourceRef`. */
export async function earnPoints(s: Services, memberId: string, points: number, sourceRef: string, now: Date): Promise<void> {
  const rules = await s.program.getRules()
  const month = calendarDate(now, rules.timeZone).slice(0, 7)
  await s.tx.retrying(async () => {
    const account = await s.accounts.open(memberId, 'points')
    const uow = s.tx.begin<'replay'>(now)
    account.credit(uow, points, {
      type: 'adjustment',
      sourceRef,
      description: 'test earn',
      lot: { id: month, expiresOn: lotExpiresOn(month, rules.points.validityMonths) },
    })
    await uow.commit()
  })
}

/**
 * The event consumers over a test's own table: the real stream, read in this process. With
 * `analytics`, also the analytics' own reader (report counters, features, attribution), as on AWS.
 */
export function startConsumers(db: Db, s: Services, opts: { wrap?: (h: EventHandler) => EventHandler; analytics?: boolean } = {}) {
  const handler: EventHandler = (event) => s.dispatcher.handler(event)
  const reader = (h: EventHandler) =>
    startStreamReader({ endpoint: testTablesEndpoint(), tableName: db.tableName, handler: h, backoffMs: 50 })
  const readers = [
    reader(opts.wrap ? opts.wrap(handler) : handler),
    ...(opts.analytics ? [reader((event) => reportsDispatcherOf(s.core).handler(event))] : []),
  ]
  return { stop: async () => void (await Promise.all(readers.map((r) => r.stop()))) }
}
type EventHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>
