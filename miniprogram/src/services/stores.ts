/** The program's stores: public, rarely changes, so one request per app launch. */
import * as z from 'zod/mini'
import { api, type ResponseOf } from './request'

const StoreListCheck = z.object({
  items: z.array(z.object({ storeId: z.string(), name: z.string(), city: z.string(), address: z.string() })),
})

export type StoreInfo = ResponseOf<'listStores'>['items'][number]

let cached: Promise<StoreInfo[]> | null = null
let loaded: StoreInfo[] | null = null

/** The list once it has loaded this launch (null before), for a first render without a wait. */
export const loadedStores = (): StoreInfo[] | null => loaded

export function listStores(): Promise<StoreInfo[]> {
  cached ??= api('listStores', { check: StoreListCheck }).then(
    (r) => (loaded = r.items),
    (e) => {
      cached = null // a failed fetch is tried again next time
      throw e
    },
  )
  return cached
}
