import type { MyStoredValue, StoredValueMovement } from '@huiyuan/shared/storedValue/schemas'
import { getMyStoredValue } from '../services/storedValue'
import { usePaged } from './usePaged'
import { useReloadOnReturn } from './useReloadOnReturn'

/** The member's stored value: balance (principal / bonus), cap, packages, and the statement newest first. */
export function useStoredValue() {
  const paged = usePaged<StoredValueMovement, MyStoredValue>((cursor) => getMyStoredValue(cursor))
  useReloadOnReturn(paged.reload)
  return paged
}
