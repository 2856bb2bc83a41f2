/**
 * The campaigns area's server state: the list, one campaign (polled every 2 s while it
 * sends, so its progress moves), its report and its send records, a recurring campaign's
 * runs. A campaign's changes
 * (launch, pause…) put the answer in the cache and refresh the list. The report and send
 * records also serve the automations (their campaigns `AUTO-<kind>`).
 */
import type { Campaign, CampaignStatus } from '@huiyuan/shared/campaigns/schemas'
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'

export const CAMPAIGNS_KEY = ['campaigns'] as const
export const CAMPAIGN_LIST_KEY = [...CAMPAIGNS_KEY, 'list'] as const
export const campaignKey = (campaignId: string) => [...CAMPAIGNS_KEY, 'one', campaignId] as const
export const reportKey = (campaignId: string) => [...CAMPAIGNS_KEY, 'report', campaignId] as const
export const recipientsKey = (campaignId: string) => [...CAMPAIGNS_KEY, 'recipients', campaignId] as const
export const runsKey = (campaignId: string) => [...CAMPAIGNS_KEY, 'runs', campaignId] as const

/**
 * What the report and send-record tabs need of a campaign. An automation's campaign
 * (`AUTO-<kind>`) gives the same: always on, its figures counted in firings (`automation`).
 */
export interface CampaignRef {
  campaignId: string
  name: string
  status: CampaignStatus
  launchedAt: string | null
  automation?: boolean
}

/** The list refreshes this often while a campaign on its page is sending. */
export const LIST_POLL_MS = 3_000
/** A campaign's page refreshes this often while it sends… */
export const SENDING_POLL_MS = 2_000
/** …and this often while it waits for its time (it starts sending by itself). */
export const SCHEDULED_POLL_MS = 15_000

export const pollFor = (status: CampaignStatus | undefined): number | false =>
  status === 'sending' ? SENDING_POLL_MS : status === 'scheduled' ? SCHEDULED_POLL_MS : false

export const useCampaign = (campaignId: string | undefined) =>
  useQuery({
    queryKey: campaignKey(campaignId ?? ''),
    queryFn: () => api.call('getCampaign', { params: { campaignId: campaignId ?? '' } }),
    enabled: Boolean(campaignId),
    refetchInterval: (q) => pollFor(q.state.data?.status),
  })

/**
 * The report once the campaign has gone out (before that there is nothing to report);
 * refreshed while it sends (an automation's, always on, when the page is opened again).
 */
export const useCampaignReport = (campaign: CampaignRef) =>
  useQuery({
    // A new status (the send done, paused…) reads the report again; the last one shows meanwhile.
    queryKey: [...reportKey(campaign.campaignId), campaign.status],
    queryFn: () => api.call('getCampaignReport', { params: { campaignId: campaign.campaignId } }),
    enabled: campaign.launchedAt !== null,
    refetchInterval: campaign.status === 'sending' && !campaign.automation ? 5_000 : false,
    placeholderData: keepPreviousData,
  })

/** After a change to a campaign: its page shows the answer, the list and the report are read again. */
export const changed = (queryClient: QueryClient, c: Campaign) => {
  queryClient.setQueryData(campaignKey(c.campaignId), c)
  void queryClient.invalidateQueries({ queryKey: CAMPAIGN_LIST_KEY })
  void queryClient.invalidateQueries({ queryKey: reportKey(c.campaignId) })
  void queryClient.invalidateQueries({ queryKey: recipientsKey(c.campaignId) })
  void queryClient.invalidateQueries({ queryKey: runsKey(c.campaignId) })
}

/** processed ÷ planned, 0–100 (floored: 100 only when every member has gone through). */
export const progressPercent = (c: Pick<Campaign, 'progress'>): number =>
  c.progress.planned > 0 ? Math.min(100, Math.floor((c.progress.processed * 100) / c.progress.planned)) : 0

/**
 * Members the campaign did not reach, every reason but `no_grant` (those members hold no
 * WeChat grant and get the inbox message instead: they are reached).
 */
export const suppressedTotal = (c: Pick<Campaign, 'progress'>): number =>
  Object.entries(c.progress.suppressed).reduce((n, [reason, v]) => (reason === 'no_grant' ? n : n + v), 0)
