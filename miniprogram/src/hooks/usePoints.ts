import type { Inbox, InboxNotice, PointsHistory, PointsLedgerEntry } from '@huiyuan/shared/points/schemas'
import { getMyInbox, getMyPoints } from '../services/points'
import { usePaged } from './usePaged'
import { useReloadOnReturn } from './useReloadOnReturn'

/** The member's points ledger (newest first) with balance, debt and soonest expiry. */
export function usePointsHistory() {
  const paged = usePaged<PointsLedgerEntry, PointsHistory>((cursor) => getMyPoints(cursor))
  useReloadOnReturn(paged.reload)
  return paged
}

/** The member's notices (tier changes, expiry reminders, packs), newest first. */
export function useInbox() {
  const paged = usePaged<InboxNotice, Inbox>((cursor) => getMyInbox(cursor))
  useReloadOnReturn(paged.reload)
  return paged
}
