/** Staff names by id (all pages of the staff list), to say who did what. Only admins may list the staff; others get none. */
import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { mayCall } from '../../app/access'
import { useMe } from '../../app/useMe'

export const STAFF_NAMES_KEY = ['staff', 'names'] as const
const MAX_PAGES = 50
const NONE: ReadonlyMap<string, string> = new Map()

export const useStaffNames = (): ReadonlyMap<string, string> => {
  const me = useMe()
  const staff = useQuery({
    queryKey: STAFF_NAMES_KEY,
    queryFn: async () => {
      const names = new Map<string, string>()
      let cursor: string | undefined
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await api.call('listStaff', { query: { limit: 100, ...(cursor ? { cursor } : {}) } })
        for (const s of page.items) names.set(s.staffId, s.name)
        cursor = page.nextCursor ?? undefined
        if (!cursor) break
      }
      return names
    },
    enabled: mayCall(me.data, 'listStaff'),
    staleTime: 60_000,
  })
  return staff.data ?? NONE
}

/** A staff member (a staff id, `staff:`-prefixed or not) in words: 我, their name with the id, or the id alone. */
export const staffText = (staffIdOrActor: string, names: ReadonlyMap<string, string>, me?: { staffId: string; name: string }): string => {
  const staffId = staffIdOrActor.startsWith('staff:') ? staffIdOrActor.slice('staff:'.length) : staffIdOrActor
  if (me?.staffId === staffId) return `${me.name}（我）`
  const name = names.get(staffId)
  return name ? `${name}（${staffId}）` : `员工 ${staffId}`
}
