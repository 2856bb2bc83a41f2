/**
 * The points mall as marketers manage it: each item with its status, stock left and the
 * exchanges so far (report aggregates); edits of the copy, a stock top-up (an atomic ADD, so
 * exchanges running meanwhile are never lost) and pausing — the points cost and what an item
 * gives stay as members exchanged them. Every edit from the version read, and audited.
 */
import type { AdminReward, UpdateRewardRequest } from '@huiyuan/shared/coupons/admin'
import { DomainError } from '@huiyuan/shared/errors'
import { type AuditRepository, auditItems } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import type { AggregatesRepository } from '../reports/repository'
import type { RewardRecord, RewardsRepository } from './repository'

const TZ = 'Asia/Shanghai'

export interface RewardCatalogueDeps {
  rewards: RewardsRepository
  counts: Pick<AggregatesRepository, 'rewardCounts'>
  audit: AuditRepository
  tx: Tx
}

export const rewardCatalogue = (deps: RewardCatalogueDeps) => {
  const view = async (rs: RewardRecord[]): Promise<AdminReward[]> => {
    const counts = await deps.counts.rewardCounts(rs.map((r) => r.rewardId))
    return rs.map((r) => ({
      rewardId: r.rewardId,
      name: r.name,
      description: r.description,
      pointsCost: r.pointsCost,
      kind: r.kind,
      templateId: r.templateId,
      stock: r.stock,
      createdAt: r.createdAt,
      status: r.status ?? 'active',
      exchanged: counts.get(r.rewardId)?.exchanged ?? 0,
      pointsSpent: counts.get(r.rewardId)?.pointsSpent ?? 0,
      updatedAt: r.updatedAt ? isoInZone(new Date(r.updatedAt), TZ) : null,
    }))
  }

  const getRecord = async (rewardId: string): Promise<RewardRecord> => {
    const r = await deps.rewards.getReward(rewardId, true)
    if (!r) throw new DomainError('NOT_FOUND', `Reward ${rewardId} does not exist`)
    return r
  }

  return {
    /** Every item, paused ones too, newest first. */
    async listRewards(page: PageRequest) {
      const p = await deps.rewards.listRewards(page)
      return { items: await view(p.items), nextCursor: p.nextCursor }
    },

    async getReward(rewardId: string): Promise<AdminReward> {
      return (await view([await getRecord(rewardId)]))[0]!
    },

    async updateReward(actor: AuthContext, rewardId: string, patch: UpdateRewardRequest, now: Date): Promise<AdminReward> {
      await deps.tx.retrying(async () => {
        const r = await getRecord(rewardId)
        const changes: Partial<Pick<RewardRecord, 'name' | 'description' | 'status'>> = {}
        if (patch.name !== undefined && patch.name !== r.name) changes.name = patch.name
        if (patch.description !== undefined && patch.description !== r.description) changes.description = patch.description
        if (patch.status !== undefined && patch.status !== (r.status ?? 'active')) changes.status = patch.status
        const addStock = patch.addStock ?? 0
        if (Object.keys(changes).length === 0 && addStock === 0) return
        const current: Record<string, unknown> = { ...r, status: r.status ?? 'active' }
        const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k]]))
        const details =
          addStock > 0
            ? { before: { ...before, stock: r.stock }, after: { ...changes, stock: r.stock + addStock } }
            : { before, after: changes }
        const uow = deps.tx.begin(now).add(deps.rewards.updateRewardItem(r, changes, addStock, now.toISOString()))
        for (const item of auditItems(deps.audit, actor, { action: 'reward.update', subject: `reward:${rewardId}`, details }, now))
          uow.add({ item })
        await uow.commit()
      })
      return this.getReward(rewardId)
    },
  }
}
export type RewardCatalogue = ReturnType<typeof rewardCatalogue>
