/** The program's stores: public, rarely changes, so one request per app launch. */
import { api, type ResponseOf } from './request'

export type StoreInfo = ResponseOf<'listStores'>['items'][number]

let cached: Promise<StoreInfo[]> | null = null

export function listStores(): Promise<StoreInfo[]> {
  cached ??= api('listStores').then(
    (r) => r.items,
    (e) => {
      cached = null // a failed fetch is tried again next time
      throw e
    },
  )
  return cached
}
