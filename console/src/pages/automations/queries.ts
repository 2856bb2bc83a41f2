/**
 * The automations' server state: the six in one list (read again every 10 s, so what they
 * fired shows as it happens), one of them out of it, and a saved automation put in its place.
 * Each is also the campaign `AUTO-<kind>`: its report and send records are the campaigns'.
 */
import type { Automation, AutomationKind } from '@huiyuan/shared/campaigns/automations'
import { type QueryClient, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'
import { PROGRAM_KEY } from '../program/queries'
import { type CampaignRef, recipientsKey, reportKey } from '../campaigns/queries'

export const AUTOMATIONS_KEY = ['automations'] as const
export const AUTOMATIONS_POLL_MS = 10_000

export const useAutomations = () =>
  useQuery({
    queryKey: AUTOMATIONS_KEY,
    queryFn: () => api.call('listAutomations', { query: { limit: 100 } }),
    refetchInterval: AUTOMATIONS_POLL_MS,
  })

/** One automation, read from the list (there is no route for one). */
export const useAutomation = (kind: AutomationKind | undefined) => {
  const list = useAutomations()
  return { ...list, data: list.data ? list.data.items.find((a) => a.kind === kind) : undefined }
}

/** After a save: the list holds the answer; its report and records are read again. */
export const saved = (queryClient: QueryClient, a: Automation) => {
  queryClient.setQueryData(AUTOMATIONS_KEY, (old: { items: Automation[]; nextCursor: string | null } | undefined) =>
    old ? { ...old, items: old.items.map((x) => (x.kind === a.kind ? a : x)) } : old,
  )
  void queryClient.invalidateQueries({ queryKey: AUTOMATIONS_KEY })
  void queryClient.invalidateQueries({ queryKey: reportKey(a.campaignId) })
  void queryClient.invalidateQueries({ queryKey: recipientsKey(a.campaignId) })
}

/**
 * The automation as the campaigns' report and send-record tabs take it: always on (its
 * campaign is there once it was saved or fired: `updatedAt` is set then), counted in firings.
 */
export const campaignRefOf = (a: Automation): CampaignRef => ({
  campaignId: a.campaignId,
  name: a.name,
  status: a.enabled ? 'sending' : 'paused',
  launchedAt: a.firingSince,
  automation: true,
})

/** The program's points reminder days (the points expiry reminder's N), for those who may read the program. */
export const usePointsReminderDays = (): number | undefined => {
  const me = useMe()
  const program = useQuery({
    queryKey: PROGRAM_KEY,
    queryFn: () => api.call('getProgram'),
    enabled: mayCall(me.data, 'getProgram'),
    staleTime: 60_000,
  })
  return program.data?.rules.points.reminderDays
}
