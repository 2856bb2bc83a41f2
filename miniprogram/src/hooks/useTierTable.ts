import { useEffect, useState } from 'react'
import { getTierTable, storedTierTable, type TierTable } from '../services/tiers'

/** The program's tier table: the stored one at once, this launch's when it arrives (null until either is there). */
export function useTierTable(): TierTable | null {
  const [table, setTable] = useState<TierTable | null>(storedTierTable)
  useEffect(() => {
    let live = true
    getTierTable().then(
      (t) => live && setTable(t),
      () => undefined, // keep what we have: the looks fall back to the entry tier's
    )
    return () => {
      live = false
    }
  }, [])
  return table
}
