/**
 * The console's reports, answered from the aggregates alone (a handful of key-range
 * Queries and BatchGets side by side, whatever the number of members). Marketers and
 * admins read every report (the stored-value and settlement figures for finance too); a
 * store manager reads the overview and the stores report of their own stores only.
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import {
  MAX_REPORT_DAYS,
  type CouponsReport,
  type OverviewReport,
  type PointsLiabilityReport,
  type Report,
  type ReportName,
  type ReportQuery,
  type SettlementReport,
  type StoredValueAmount,
  type StoredValueReport,
  type StoresReport,
  type TiersReport,
} from '@huiyuan/shared/reports/schemas'
import type { CouponsRepository } from '../coupons/repository'
import type { AuthContext } from '../platform/auth'
import { addDays, calendarDate, daysInMonth, isoInZone } from '../platform/clock'
import type { ProgramRepository } from '../program/repository'
import { hasRole } from '../staff/access'
import { sortedTiers } from '../tiers/rules'
import { PENDING_TIER } from '../tiers/service'
import { DAY_COUNTERS, type DayCounter, PROGRAM_SCOPE, storeOfScope, storeScope } from './counters'
import type { AggregatesRepository, DayRow } from './repository'
import { quarterBounds, quarterOf } from './quarters'

/** PRODUCT.md §3: expected redemption of outstanding points, cumulative — 30% within a year, 50% within two. */
export const DEFAULT_REDEMPTION_YEAR_ONE_PCT = 30
export const DEFAULT_REDEMPTION_YEAR_TWO_PCT = 50
const DEFAULT_RANGE_DAYS = 30

export interface ReportsDeps {
  aggregates: AggregatesRepository
  program: Pick<ProgramRepository, 'getRules' | 'listStores'>
  /** The catalogue's templates, for their names. */
  templates: Pick<CouponsRepository, 'templatesByIds'>
}

const validation = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fields: [{ field, message, code: 'invalid_range' }] })

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1

const datesOf = (from: string, to: string): string[] => {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

const monthsOf = (fromMonth: string, toMonth: string): string[] => {
  const out: string[] = []
  for (let m = fromMonth; m <= toMonth; ) {
    out.push(m)
    const [y, mo] = m.split('-').map(Number) as [number, number]
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
  }
  return out
}

/** What the overview reads of each day. */
const OVERVIEW_COUNTERS: DayCounter[] = [
  'joins',
  'erasures',
  'activeMembers',
  'purchases',
  'salesFen',
  'refundsFen',
  'pointsIssued',
  'pointsRedeemed',
  'checkins',
  'couponsIssued',
  'couponsRedeemed',
  'couponsReturned',
  'discountFen',
  'discountReturnedFen',
]

/** What the stored-value reports read of each day or month: its `sv…` counters. */
const STORED_VALUE_COUNTERS: DayCounter[] = DAY_COUNTERS.filter((c) => c.startsWith('sv'))

/** What moved on members' cards over some days (or months). */
const storedValueMovements = (rows: DayRow[]) => ({
  topUps: sum(rows, 'svTopUps'),
  toppedUp: { principalFen: sum(rows, 'svTopUpPrincipalFen'), bonusFen: sum(rows, 'svTopUpBonusFen') },
  spends: sum(rows, 'svSpends'),
  spent: { principalFen: sum(rows, 'svSpentPrincipalFen'), bonusFen: sum(rows, 'svSpentBonusFen') },
  refunds: sum(rows, 'svRefunds'),
  refunded: { principalFen: sum(rows, 'svRefundedPrincipalFen'), bonusFen: sum(rows, 'svRefundedBonusFen') },
})

/** How much the cards' balance grew over some days: topped up − spent + refunded. */
const storedValueNet = (rows: DayRow[]): StoredValueAmount => {
  const m = storedValueMovements(rows)
  return {
    principalFen: m.toppedUp.principalFen - m.spent.principalFen + m.refunded.principalFen,
    bonusFen: m.toppedUp.bonusFen - m.spent.bonusFen + m.refunded.bonusFen,
  }
}

const minus = (a: StoredValueAmount, b: StoredValueAmount): StoredValueAmount => ({
  principalFen: a.principalFen - b.principalFen,
  bonusFen: a.bonusFen - b.bonusFen,
})

const zeroRow = (date: string): DayRow => ({ date, ...Object.fromEntries(DAY_COUNTERS.map((c) => [c, 0])) }) as DayRow

const sum = (rows: DayRow[], counter: DayCounter): number => rows.reduce((s, r) => s + r[counter], 0)

/** Rows summed into one, labelled `date`. */
const totalOf = (rows: DayRow[], date: string): DayRow =>
  ({ date, ...Object.fromEntries(DAY_COUNTERS.map((c) => [c, sum(rows, c)])) }) as DayRow

const ratio = (part: number, whole: number, digits = 4): number | null =>
  whole > 0 ? Math.round((part / whole) * 10 ** digits) / 10 ** digits : null

/** The figures of a period: every counter summed over its days. */
const activityOf = (rows: DayRow[]) => {
  const salesFen = sum(rows, 'salesFen')
  const refundsFen = sum(rows, 'refundsFen')
  return {
    newMembers: sum(rows, 'joins'),
    purchases: sum(rows, 'purchases'),
    salesFen,
    refundsFen,
    netSalesFen: salesFen - refundsFen,
    pointsIssued: sum(rows, 'pointsIssued'),
    pointsRedeemed: sum(rows, 'pointsRedeemed'),
    checkins: sum(rows, 'checkins'),
    couponsIssued: sum(rows, 'couponsIssued'),
    couponsRedeemed: sum(rows, 'couponsRedeemed') - sum(rows, 'couponsReturned'),
    discountFen: sum(rows, 'discountFen') - sum(rows, 'discountReturnedFen'),
  }
}

interface Range {
  from: string
  to: string
  today: string
  generatedAt: string
  rules: ProgramRules
}

export const reportsService = (deps: ReportsDeps) => {
  const agg = deps.aggregates

  /** What a caller may read: every report (marketers, admins), or a store manager's own stores' overview and stores report. */
  const scopeOf = (auth: AuthContext, name: ReportName, storeId: string | undefined): { storeIds: string[] | null; storeId?: string } => {
    if (hasRole(auth, ['marketer'])) return { storeIds: null, ...(storeId ? { storeId } : {}) }
    if (name !== 'overview' && name !== 'stores') throw new DomainError('FORBIDDEN', `The ${name} report is for marketers`)
    if (storeId && !auth.storeIds.includes(storeId)) throw new DomainError('FORBIDDEN', `Not allowed to read store ${storeId}`)
    if (name === 'stores') return { storeIds: storeId ? [storeId] : auth.storeIds }
    const only = storeId ?? (auth.storeIds.length === 1 ? auth.storeIds[0] : undefined)
    if (!only) throw validation('query.storeId', 'Name one of your stores')
    return { storeIds: [only], storeId: only }
  }

  const rangeOf = async (q: ReportQuery, now: Date): Promise<Range> => {
    const rules = await deps.program.getRules()
    const today = calendarDate(now, rules.timeZone)
    const to = q.to ?? today
    const from = q.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1))
    if (from > to) throw validation('query.from', 'must not be after to')
    if (daysBetween(from, to) > MAX_REPORT_DAYS) throw validation('query.from', `A report covers at most ${MAX_REPORT_DAYS} days`)
    return { from, to, today, rules, generatedAt: isoInZone(now, rules.timeZone) }
  }

  const byDate = (rows: DayRow[]) => new Map(rows.map((r) => [r.date, r]))
  const rangeFields = (r: Range) => ({ from: r.from, to: r.to, generatedAt: r.generatedAt })

  /**
   * A scope's sums per month of [from, to]: whole months from the month aggregates (one Query
   * of ≤ 13 items), the range's partial first and last months from their days — a year is
   * read as ~12 months and a few dozen days, never 365 days.
   */
  const monthSums = async (
    scope: string,
    from: string,
    to: string,
    counters: DayCounter[],
  ): Promise<Array<{ month: string; row: DayRow }>> => {
    const months = monthsOf(from.slice(0, 7), to.slice(0, 7))
    const whole = months.filter((m) => from <= `${m}-01` && `${m}-${String(daysInMonth(m)).padStart(2, '0')}` <= to)
    const partial = months.filter((m) => !whole.includes(m))
    const [monthRows, ...dayRows] = await Promise.all([
      whole.length ? agg.months(scope, whole[0]!, whole.at(-1)!, counters) : Promise.resolve([]),
      ...partial.map((m) => agg.days(scope, [from, `${m}-01`].sort()[1]!, [to, `${m}-31`].sort()[0]!, counters)),
    ])
    const byMonth = new Map<string, DayRow>(monthRows.map((x) => [x.month, { ...x, date: x.month }]))
    partial.forEach((m, i) => {
      byMonth.set(m, totalOf(dayRows[i]!, m))
    })
    return months.map((m) => ({ month: m, row: byMonth.get(m) ?? zeroRow(m) }))
  }

  async function overview(r: Range, storeId: string | undefined): Promise<OverviewReport> {
    const scope = storeId ? storeScope(storeId) : PROGRAM_SCOPE
    const month = r.today.slice(0, 7)
    const monthStart = `${month}-01`
    const firstMonth = [r.from.slice(0, 7), month].sort()[0]!
    const lastMonth = [r.to.slice(0, 7), month].sort()[1]!
    // This month's days come with the range when it holds them (one read fewer).
    const monthInRange = r.from <= monthStart && r.today <= r.to
    const [rangeRows, monthOnly, laterRows, monthly, total] = await Promise.all([
      agg.days(scope, r.from, r.to, OVERVIEW_COUNTERS),
      monthInRange ? Promise.resolve([]) : agg.days(scope, monthStart, r.today, OVERVIEW_COUNTERS),
      r.to < r.today ? agg.days(scope, addDays(r.to, 1), r.today, ['joins', 'erasures']) : Promise.resolve([]),
      agg.monthlyActive(scope, firstMonth, lastMonth),
      agg.total(scope),
    ])
    const monthRows = monthInRange ? rangeRows.filter((x) => x.date >= monthStart && x.date <= r.today) : monthOnly
    const days = datesOf(r.from, r.to)
    const rows = byDate(rangeRows)
    const todayRow = byDate(monthRows).get(r.today) ?? zeroRow(r.today)
    const activeOf = new Map(monthly.map((m) => [m.month, m.activeMembers]))
    // Members at the end of each day, walking back from now.
    let members = total.members - laterRows.reduce((s, x) => s + x.joins - x.erasures, 0)
    const series = days
      .slice()
      .reverse()
      .map((date) => {
        const row = rows.get(date) ?? zeroRow(date)
        const point = {
          date,
          newMembers: row.joins,
          activeMembers: row.activeMembers,
          purchases: row.purchases,
          salesFen: row.salesFen,
          refundsFen: row.refundsFen,
          pointsIssued: row.pointsIssued,
          pointsRedeemed: row.pointsRedeemed,
          checkins: row.checkins,
          couponsRedeemed: row.couponsRedeemed - row.couponsReturned,
          members: Math.max(0, members),
        }
        members -= row.joins - row.erasures
        return point
      })
      .reverse()
    return {
      name: 'overview',
      ...rangeFields(r),
      storeId: storeId ?? null,
      members: total.members,
      today: { date: r.today, ...activityOf([todayRow]), activeMembers: todayRow.activeMembers },
      month: { month, ...activityOf(monthRows), activeMembers: activeOf.get(month) ?? 0 },
      range: {
        ...activityOf(rangeRows),
        averageDailyActiveMembers: Math.round((sum(rangeRows, 'activeMembers') / days.length) * 100) / 100,
      },
      series,
      monthlyActive: monthsOf(r.from.slice(0, 7), r.to.slice(0, 7)).map((m) => ({ month: m, activeMembers: activeOf.get(m) ?? 0 })),
    }
  }

  async function tiers(r: Range): Promise<TiersReport> {
    const [counts, months] = await Promise.all([agg.tiers(), monthSums(PROGRAM_SCOPE, r.from, r.to, ['tierUps', 'tierDowns'])])
    const known = sortedTiers(r.rules.tiers).map((t) => ({
      tierCode: t.code,
      tierName: t.name,
      members: Math.max(0, counts.get(t.code) ?? 0),
    }))
    const others = [...counts]
      .filter(([code, n]) => n > 0 && !known.some((k) => k.tierCode === code))
      .map(([code, n]) => ({ tierCode: code, tierName: code === PENDING_TIER.code ? PENDING_TIER.name : code, members: n }))
    const all = [...known, ...others]
    const totalMembers = all.reduce((s, t) => s + t.members, 0)
    return {
      name: 'tiers',
      ...rangeFields(r),
      totalMembers,
      distribution: all.map((t) => ({ ...t, share: ratio(t.members, totalMembers) ?? 0 })),
      movements: months.map(({ month, row }) => ({ month, up: row.tierUps, down: row.tierDowns })),
    }
  }

  async function pointsLiability(r: Range, q: ReportQuery): Promise<PointsLiabilityReport> {
    const [total, months] = await Promise.all([
      agg.total(PROGRAM_SCOPE),
      monthSums(PROGRAM_SCOPE, r.from, r.to, [
        'pointsIssued',
        'pointsRedeemed',
        'pointsExpired',
        'pointsReversed',
        'pointsDeducted',
        'salesFen',
        'refundsFen',
      ]),
    ])
    const pointsPerYuan = r.rules.points.pointsPerYuan
    const outstandingPoints = total.pointsOutstanding
    const liabilityFen = Math.round((outstandingPoints * 100) / pointsPerYuan)
    const yearTwo = q.redemptionYearTwoPct ?? Math.max(DEFAULT_REDEMPTION_YEAR_TWO_PCT, q.redemptionYearOnePct ?? 0)
    const yearOne = q.redemptionYearOnePct ?? Math.min(DEFAULT_REDEMPTION_YEAR_ONE_PCT, yearTwo)
    const yearOneCost = Math.round((liabilityFen * yearOne) / 100)
    const yearTwoCost = Math.round((liabilityFen * yearTwo) / 100) - yearOneCost
    const rows = months.map((m) => m.row)
    const netSalesFen = sum(rows, 'salesFen') - sum(rows, 'refundsFen')
    return {
      name: 'points-liability',
      ...rangeFields(r),
      outstandingPoints,
      pointsPerYuan,
      liabilityFen,
      lifetime: {
        issued: total.pointsIssued,
        redeemed: total.pointsRedeemed,
        expired: total.pointsExpired,
        reversed: total.pointsReversed,
        deducted: total.pointsDeducted,
      },
      monthly: months.map(({ month, row }) => ({
        month,
        issued: row.pointsIssued,
        redeemed: row.pointsRedeemed,
        expired: row.pointsExpired,
        reversed: row.pointsReversed,
        deducted: row.pointsDeducted,
      })),
      breakage: {
        redemptionYearOnePct: yearOne,
        redemptionYearTwoPct: yearTwo,
        expectedYearOneCostFen: yearOneCost,
        expectedYearTwoCostFen: yearTwoCost,
        expectedBreakagePct: 100 - yearTwo,
        expectedBreakageFen: liabilityFen - yearOneCost - yearTwoCost,
      },
      netSalesFen,
      liabilityShareOfSales: ratio(liabilityFen, netSalesFen),
      expectedCostShareOfSales: ratio(yearOneCost + yearTwoCost, netSalesFen),
    }
  }

  async function coupons(r: Range): Promise<CouponsReport> {
    const [rows, templates] = await Promise.all([
      agg.days(PROGRAM_SCOPE, r.from, r.to, ['couponsIssued', 'couponsRedeemed', 'couponsReturned', 'discountFen', 'discountReturnedFen']),
      agg.templates(),
    ])
    const names = new Map((await deps.templates.templatesByIds(templates.map((t) => t.templateId))).map((t) => [t.templateId, t]))
    const byDay = byDate(rows)
    const issued = sum(rows, 'couponsIssued')
    const redeemed = sum(rows, 'couponsRedeemed') - sum(rows, 'couponsReturned')
    const figures = (row: DayRow) => ({
      issued: row.couponsIssued,
      redeemed: row.couponsRedeemed - row.couponsReturned,
      discountFen: row.discountFen - row.discountReturnedFen,
    })
    return {
      name: 'coupons',
      ...rangeFields(r),
      range: {
        issued,
        redeemed,
        redemptionRate: ratio(redeemed, issued),
        discountFen: sum(rows, 'discountFen') - sum(rows, 'discountReturnedFen'),
      },
      series: datesOf(r.from, r.to).map((date) => ({ date, ...figures(byDay.get(date) ?? zeroRow(date)) })),
      monthly: monthsOf(r.from.slice(0, 7), r.to.slice(0, 7)).map((month) => ({
        month,
        ...figures(
          totalOf(
            rows.filter((x) => x.date.startsWith(month)),
            month,
          ),
        ),
      })),
      templates: templates
        .filter((t) => t.issued !== 0 || t.redeemed !== 0)
        .map((t) => ({
          templateId: t.templateId,
          name: names.get(t.templateId)?.name ?? t.templateId,
          summary: names.get(t.templateId)?.summary ?? '',
          issued: t.issued,
          redeemed: t.redeemed,
          redemptionRate: ratio(t.redeemed, t.issued),
          discountFen: t.discountFen,
        }))
        .sort((a, b) => b.issued - a.issued || a.templateId.localeCompare(b.templateId)),
    }
  }

  async function stores(r: Range, storeIds: string[] | null): Promise<StoresReport> {
    const [list, totals] = await Promise.all([deps.program.listStores(), agg.totals()])
    const names = new Map(list.map((s) => [s.storeId, s.name]))
    const members = new Map(totals.map((t) => [t.scope, t.members]))
    const counted = totals.map((t) => storeOfScope(t.scope)).filter((id): id is string => Boolean(id))
    const ids = storeIds ?? [...new Set([...list.map((s) => s.storeId), ...counted])]
    const rows = await Promise.all(
      ids.map(async (storeId) => {
        const months = await monthSums(storeScope(storeId), r.from, r.to, [
          'joins',
          'purchases',
          'salesFen',
          'refundsFen',
          'couponsRedeemed',
          'couponsReturned',
          'checkins',
        ])
        const days = months.map((m) => m.row)
        const salesFen = sum(days, 'salesFen')
        const refundsFen = sum(days, 'refundsFen')
        return {
          storeId,
          name: names.get(storeId) ?? storeId,
          members: members.get(storeScope(storeId)) ?? 0,
          newMembers: sum(days, 'joins'),
          purchases: sum(days, 'purchases'),
          salesFen,
          refundsFen,
          netSalesFen: salesFen - refundsFen,
          couponsRedeemed: sum(days, 'couponsRedeemed') - sum(days, 'couponsReturned'),
          checkins: sum(days, 'checkins'),
        }
      }),
    )
    return {
      name: 'stores',
      ...rangeFields(r),
      stores: rows.sort((a, b) => b.netSalesFen - a.netSalesFen || a.storeId.localeCompare(b.storeId)),
    }
  }

  /** The program's stored value held at the end of `date`: what cards hold now less what moved after that day. */
  const storedValueAt = async (date: string, today: string, now: StoredValueAmount): Promise<StoredValueAmount> => {
    if (date >= today) return now
    const after = await monthSums(PROGRAM_SCOPE, addDays(date, 1), today, STORED_VALUE_COUNTERS)
    return minus(now, storedValueNet(after.map((m) => m.row)))
  }

  async function storedValue(r: Range, q: ReportQuery): Promise<StoredValueReport> {
    const quarter = q.quarter ?? quarterOf(r.today)
    const bounds = quarterBounds(quarter)
    if (bounds.from > r.today) throw validation('query.quarter', 'must not be after the current quarter')
    const total = await agg.total(PROGRAM_SCOPE)
    const balance = { principalFen: total.svPrincipalFen, bonusFen: total.svBonusFen }
    const [rangeRows, closingAtTo, quarterMonths, quarterClosing] = await Promise.all([
      agg.days(PROGRAM_SCOPE, r.from, r.to, STORED_VALUE_COUNTERS),
      storedValueAt(r.to, r.today, balance),
      monthSums(PROGRAM_SCOPE, bounds.from, bounds.to, STORED_VALUE_COUNTERS),
      storedValueAt(bounds.to, r.today, balance),
    ])
    const rows = byDate(rangeRows)
    // The balance at the end of each day, walking back from the end of the range.
    let closing = closingAtTo
    const series = datesOf(r.from, r.to)
      .reverse()
      .map((date) => {
        const row = rows.get(date) ?? zeroRow(date)
        const m = storedValueMovements([row])
        const point = { date, toppedUp: m.toppedUp, spent: m.spent, refunded: m.refunded, closing }
        closing = minus(closing, storedValueNet([row]))
        return point
      })
      .reverse()
    const inQuarter = quarterMonths.map((m) => m.row)
    return {
      name: 'stored-value',
      ...rangeFields(r),
      balance,
      range: storedValueMovements(rangeRows),
      series,
      quarter: {
        quarter,
        from: bounds.from,
        to: bounds.to,
        complete: bounds.to < r.today,
        asOf: [bounds.to, r.today].sort()[0]!,
        opening: minus(quarterClosing, storedValueNet(inQuarter)),
        ...storedValueMovements(inQuarter),
        closing: quarterClosing,
      },
    }
  }

  async function settlement(r: Range, q: ReportQuery): Promise<SettlementReport> {
    const thisMonth = r.today.slice(0, 7)
    const month = q.month ?? thisMonth
    if (month > thisMonth) throw validation('query.month', 'must not be after this month')
    const from = `${month}-01`
    const to = `${month}-${String(daysInMonth(month)).padStart(2, '0')}`
    const list = await deps.program.listStores()
    const months = await agg.monthOfScopes(
      list.map((s) => storeScope(s.storeId)),
      month,
    )
    const figures = (rows: DayRow[]) => {
      const m = storedValueMovements(rows)
      const netFen = m.toppedUp.principalFen - m.spent.principalFen + m.refunded.principalFen
      return {
        topUps: m.topUps,
        collectedFen: m.toppedUp.principalFen,
        bonusIssuedFen: m.toppedUp.bonusFen,
        spends: m.spends,
        redeemedPrincipalFen: m.spent.principalFen,
        redeemedBonusFen: m.spent.bonusFen,
        refunds: m.refunds,
        refundedPrincipalFen: m.refunded.principalFen,
        refundedBonusFen: m.refunded.bonusFen,
        netFen,
        position: netFen > 0 ? ('owes_hq' as const) : netFen < 0 ? ('owed_by_hq' as const) : ('even' as const),
      }
    }
    const rows = list
      .map((s) => ({ store: s, row: { ...(months.get(storeScope(s.storeId)) ?? zeroRow(month)), date: month } as DayRow }))
      .filter(({ store, row }) => store.active || row.svTopUps + row.svSpends + row.svRefunds > 0)
      .sort((a, b) => a.store.storeId.localeCompare(b.store.storeId))
    return {
      name: 'settlement',
      month,
      from,
      to,
      generatedAt: r.generatedAt,
      complete: to < r.today,
      stores: rows.map(({ store, row }) => ({ storeId: store.storeId, name: store.name, ...figures([row]) })),
      totals: figures(rows.map((x) => x.row)),
    }
  }

  return {
    async report(auth: AuthContext, name: ReportName, q: ReportQuery, now: Date): Promise<Report> {
      const scope = scopeOf(auth, name, q.storeId)
      const r = await rangeOf(q, now)
      switch (name) {
        case 'overview':
          return overview(r, scope.storeId)
        case 'tiers':
          return tiers(r)
        case 'points-liability':
          return pointsLiability(r, q)
        case 'coupons':
          return coupons(r)
        case 'stores':
          return stores(r, scope.storeIds ?? (q.storeId ? [q.storeId] : null))
        case 'stored-value':
          return storedValue(r, q)
        case 'settlement':
          return settlement(r, q)
      }
    },
  }
}
export type ReportsService = ReturnType<typeof reportsService>
