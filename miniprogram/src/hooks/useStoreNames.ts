import { useEffect, useState } from 'react'
import { listStores, loadedStores, type StoreInfo } from '../services/stores'

const byId = (stores: StoreInfo[]) => Object.fromEntries(stores.map((s) => [s.storeId, s.name]))

/** Store id → name, from the program's stores (fetched once per launch: services/stores.ts). */
function useStoreList(): { names: Record<string, string>; settled: boolean } {
  const [state, setState] = useState<{ names: Record<string, string>; settled: boolean }>(() => {
    const stores = loadedStores()
    return stores ? { names: byId(stores), settled: true } : { names: {}, settled: false }
  })
  useEffect(() => {
    let live = true
    listStores()
      .then((stores) => live && setState({ names: byId(stores), settled: true }))
      .catch(() => live && setState((s) => ({ ...s, settled: true })))
    return () => {
      live = false
    }
  }, [])
  return state
}

/**
 * Store id → "name" once the list has loaded; until then (or if it fails) callers show the
 * id alone, which is always right, so no loading or error state is needed.
 */
export function useStoreNames(): (storeId: string) => string | undefined {
  const { names } = useStoreList()
  return (storeId) => names[storeId]
}

/**
 * Store id → what to show for it: the store's name; its id only when the list could not
 * load or no longer has it (a closed store); '' while the list is loading, so the id does
 * not flash up before the name.
 */
export function useStoreLabel(): (storeId: string | null | undefined) => string {
  const { names, settled } = useStoreList()
  return (storeId) => (storeId ? (names[storeId] ?? (settled ? storeId : '')) : '')
}
