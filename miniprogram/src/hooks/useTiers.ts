import type { MemberCard } from '@huiyuan/shared/members/schemas'
import { getTierTable, type TierTable } from '../services/tiers'
import { getMyCard } from '../services/members'
import { useRemote } from './useRemote'

/** The program's tiers and, for a member, their own card (to highlight their tier). */
export function useTiers() {
  const tiers = useRemote<TierTable>(getTierTable)
  const card = useRemote<MemberCard>(getMyCard)
  return { tiers, card: card.data }
}
