import type { MemberCard } from '@huiyuan/shared/members/schemas'
import { getMyCard } from '../services/members'
import { useRemote } from './useRemote'
import { useReloadOnReturn } from './useReloadOnReturn'

/** The member's card; reloads whenever the page shows again (points may have changed). */
export function useMemberCard() {
  const remote = useRemote<MemberCard>(getMyCard)
  useReloadOnReturn(remote.reload)
  const notMember = remote.error?.code === 'NOT_A_MEMBER'
  return { ...remote, notMember }
}
