import { useEffect, useState } from 'react'
import { listStores } from '../services/stores'

/**
 * Store id → "name" once the list has loaded; until then (or if it fails) callers show the
 * id alone, which is always right, so no loading or error state is needed.
 */
export function useStoreNames(): (storeId: string) => string | undefined {
  const [names, setNames] = useState<Record<string, string>>({})
  useEffect(() => {
    let live = true
    listStores()
      .then((stores) => live && setNames(Object.fromEntries(stores.map((s) => [s.storeId, s.name]))))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])
  return (storeId) => names[storeId]
}
