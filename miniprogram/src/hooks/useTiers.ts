import type { MemberCard } from '@huiyuan/shared/members/schemas'
import { getTiers } from '../services/points'
import { getMyCard } from '../services/members'
import { useRemote } from './useRemote'

type TierTable = Awaited<ReturnType<typeof getTiers>>

/** The program's tiers and, for a member, their own card (to highlight their tier). */
export function useTiers() {
  const tiers = useRemote<TierTable>(getTiers)
  const card = useRemote<MemberCard>(getMyCard)
  return { tiers, card: card.data }
}
