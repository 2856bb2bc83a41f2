/** One report (GET /v1/admin/reports/{name}) for a range and store, typed by its name. */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { Report, ReportName } from '@huiyuan/shared/reports/schemas'
import { api, ApiError } from '../../api/client'

export type ReportOf<N extends ReportName> = Extract<Report, { name: N }>

export interface ReportFilter {
  from?: string
  to?: string
  storeId?: string
  /** points-liability: the redemption assumptions (percent within one year, within two). */
  redemptionYearOnePct?: number
  redemptionYearTwoPct?: number
  /** stored-value: the quarter of the prepaid-funds figures (2026-Q4). */
  quarter?: string
  /** settlement: the month (2026-11). */
  month?: string
}

export const REPORTS_KEY = ['reports'] as const

export const fetchReport = async <N extends ReportName>(name: N, filter: ReportFilter): Promise<ReportOf<N>> => {
  const report = await api.call('getReport', {
    params: { name },
    query: {
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
      ...(filter.storeId ? { storeId: filter.storeId } : {}),
      ...(filter.redemptionYearOnePct !== undefined ? { redemptionYearOnePct: filter.redemptionYearOnePct } : {}),
      ...(filter.redemptionYearTwoPct !== undefined ? { redemptionYearTwoPct: filter.redemptionYearTwoPct } : {}),
      ...(filter.quarter ? { quarter: filter.quarter } : {}),
      ...(filter.month ? { month: filter.month } : {}),
    },
  })
  if (report.name !== name) throw new ApiError('INVALID_RESPONSE', 200, '服务返回了无法识别的数据，请刷新重试')
  return report as ReportOf<N>
}

export const useReport = <N extends ReportName>(name: N, filter: ReportFilter, opts: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [...REPORTS_KEY, name, filter],
    queryFn: () => fetchReport(name, filter),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  })
