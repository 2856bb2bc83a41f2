/** The program's stores: public, rarely changes, so one request per app launch. */
import * as z from 'zod/mini'
import { api, type ResponseOf } from './request'

const StoreListCheck = z.object({
  items: z.array(z.object({ storeId: z.string(), name: z.string(), city: z.string(), address: z.string() })),
})

export type StoreInfo = ResponseOf<'listStores'>['items'][number]

let cached: Promise<StoreInfo[]> | null = null

export function listStores(): Promise<StoreInfo[]> {
  cached ??= api('listStores', { check: StoreListCheck }).then(
    (r) => r.items,
    (e) => {
      cached = null // a failed fetch is tried again next time
      throw e
    },
  )
  return cached
}
