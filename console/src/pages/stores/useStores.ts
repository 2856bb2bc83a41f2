/** Every store the signed-in staff member may see (all pages of the list), for names and pickers. */
import { useQuery } from '@tanstack/react-query'
import { api, type ResponseOf } from '../../api/client'

export type AdminStore = ResponseOf<'listStoresAdmin'>['items'][number]

export const STORES_KEY = ['stores'] as const
const MAX_PAGES = 50

export const useAllStores = () =>
  useQuery({
    queryKey: [...STORES_KEY, 'all'],
    queryFn: async () => {
      const stores: AdminStore[] = []
      let cursor: string | undefined
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await api.call('listStoresAdmin', { query: { limit: 100, ...(cursor ? { cursor } : {}) } })
        stores.push(...page.items)
        cursor = page.nextCursor ?? undefined
        if (!cursor) break
      }
      return stores
    },
    staleTime: 60_000,
  })

/** A store's name by id ("S001 南京西路旗舰店" when known, the id otherwise). */
export const useStoreName = () => {
  const stores = useAllStores()
  const names = new Map((stores.data ?? []).map((s) => [s.storeId, s.name]))
  return (storeId: string) => names.get(storeId) ?? storeId
}
