import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { PointsHistory, PointsLedgerEntry } from '@huiyuan/shared/points/schemas'
import { getMyPoints } from '../services/points'
import { usePaged } from './usePaged'

/** The member's points ledger (newest first) with balance, debt and soonest expiry. */
export function usePointsHistory() {
  const paged = usePaged<PointsLedgerEntry, PointsHistory>((cursor) => getMyPoints(cursor))
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    void paged.reload()
  })
  return paged
}
