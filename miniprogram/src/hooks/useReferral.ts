import type { MyReferral, ReferredFriend } from '@huiyuan/shared/referrals/schemas'
import { getMyReferral } from '../services/referrals'
import { usePaged } from './usePaged'
import { useReloadOnReturn } from './useReloadOnReturn'

/** The member's invitations: invite code, rewards, what they earned, and the friends who joined (newest first). */
export function useReferral() {
  const paged = usePaged<ReferredFriend, MyReferral>((cursor) => getMyReferral(cursor))
  useReloadOnReturn(paged.reload)
  return paged
}
