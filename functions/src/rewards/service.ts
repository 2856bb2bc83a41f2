/**
 * The points mall (积分商城): rewards bought with points. An exchange is one unit of work —
 * the points, one unit of the reward's stock, the coupon it gives and a `RewardExchanged`
 * event — so a reward that runs out takes no points. Idempotent on the member's key.
 */
import { ulid } from 'ulid'
import type { CreateRewardRequest, Reward, RewardRedemption } from '@huiyuan/shared/coupons/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import type { AccountsService } from '../accounts'
import type { CouponsService } from '../coupons/service'
import { calendarDate, isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import { type AuditRepository, auditItems } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { RewardsRepository } from './repository'

const TZ = 'Asia/Shanghai'

export interface RewardsDeps {
  rewards: RewardsRepository
  coupons: Pick<CouponsService, 'couponFor' | 'stageIssue' | 'couponView' | 'templateExists'>
  accounts: AccountsService
  program: ProgramRepository
  tx: Tx
  audit?: AuditRepository
}

export const rewardsService = (deps: RewardsDeps) => ({
  async createReward(input: CreateRewardRequest, now: Date, actor?: AuthContext): Promise<Reward> {
    if (input.kind === 'coupon') await deps.coupons.templateExists(input.templateId!)
    const r: Reward = {
      rewardId: `R${ulid(now.getTime())}`,
      name: input.name,
      description: input.description ?? '',
      pointsCost: input.pointsCost,
      kind: input.kind,
      templateId: input.kind === 'coupon' ? input.templateId! : null,
      stock: input.stock,
      createdAt: isoInZone(now, TZ),
    }
    await deps.rewards.putReward(
      r,
      auditItems(deps.audit, actor, { action: 'reward.create', subject: `reward:${r.rewardId}`, details: { ...input } }, now),
    )
    return r
  },

  /** The member's points mall: paused items are left out. */
  listRewards: (page: PageRequest) => deps.rewards.listRewards(page, { activeOnly: true }),

  async exchange(memberId: string, rewardId: string, idempotencyKey: string, now: Date): Promise<RewardRedemption> {
    const reward = await deps.rewards.getReward(rewardId)
    if (!reward) throw new DomainError('NOT_FOUND', 'No such reward')
    if (reward.status === 'paused') throw new DomainError('REWARD_PAUSED', 'Exchanges of this reward are paused')
    const rules = await deps.program.getRules()
    const today = calendarDate(now, rules.timeZone)
    try {
      return await deps.tx.idempotency.run<Omit<RewardRedemption, 'replayed'>, 'unavailable' | 'shardEmpty' | 'limitReached'>(
        { operation: 'reward-exchange', caller: memberId, key: idempotencyKey },
        now,
        async (uow, fp) => {
          fp.request = { rewardId }
          const points = await deps.accounts.open(memberId, 'points')
          points.debit(uow, reward.pointsCost, {
            type: 'redemption',
            sourceRef: `reward:${idempotencyKey}`,
            description: `积分兑换：${reward.name}`,
            today,
          })
          uow.add(deps.rewards.stockItem(rewardId))
          const coupon = reward.templateId ? await deps.coupons.couponFor(reward.templateId, memberId, 'reward', now) : null
          if (coupon) deps.coupons.stageIssue(uow, coupon, { shard: null, perMemberLimit: null })
          uow.emit('RewardExchanged', {
            memberId,
            rewardId,
            pointsSpent: reward.pointsCost,
            ...(coupon ? { couponCode: coupon.code } : {}),
            at: isoInZone(now, rules.timeZone),
          })
          return {
            rewardId,
            pointsSpent: reward.pointsCost,
            pointsBalance: points.available(today),
            coupon: coupon ? deps.coupons.couponView(coupon, now) : null,
            giftName: reward.kind === 'gift' ? reward.name : null,
          }
        },
      )
    } catch (e) {
      if (isCancelled(e, 'unavailable')) {
        if ((await deps.rewards.getReward(rewardId, true))?.status === 'paused') {
          throw new DomainError('REWARD_PAUSED', 'Exchanges of this reward are paused')
        }
        throw new DomainError('OUT_OF_STOCK', 'This reward is out of stock')
      }
      throw e
    }
  },
})
export type RewardsService = ReturnType<typeof rewardsService>
