/**
 * Referral rewards as consequences of events, each idempotent (the referral moves from its
 * version read, once): MemberJoined of an invited friend (rewards on joining), PurchaseRecorded
 * of a friend still waiting (rewards on the first purchase) and PurchaseRefunded of the whole
 * qualifying order (the clawback); MemberErased of a friend takes their name off the list.
 */
import { on } from '../platform/events/dispatch'
import type { ReferralsService } from './service'

export const referralRewards = (deps: { referrals: Pick<ReferralsService, 'reward' | 'clawBack' | 'forgetFriend'> }) => [
  on('MemberJoined', 'referrals.rewardOnJoin', async (event) => {
    if (!event.payload.referrerId) return
    await deps.referrals.reward(event.payload.memberId, { kind: 'join' }, new Date(event.occurredAt))
  }),
  on('PurchaseRecorded', 'referrals.rewardOnFirstPurchase', async (event) => {
    const { memberId, storeId, orderId, amountFen } = event.payload
    await deps.referrals.reward(memberId, { kind: 'purchase', storeId, orderId, amountFen }, new Date(event.occurredAt))
  }),
  on('PurchaseRefunded', 'referrals.clawBackOnRefund', async (event) => {
    const { memberId, storeId, orderId, wholeOrder } = event.payload
    if (!wholeOrder) return
    await deps.referrals.clawBack(memberId, { storeId, orderId }, new Date(event.occurredAt))
  }),
  on('MemberErased', 'referrals.forgetFriend', async (event) => {
    await deps.referrals.forgetFriend(event.payload.memberId, new Date(event.occurredAt))
  }),
]
