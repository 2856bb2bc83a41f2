/** TierChanged → a notice to the member (congratulations on an upgrade; the review's downgrade explained). */
import type { InboxService } from '../../inbox/service'
import { on } from '../../platform/events/dispatch'
import type { ProgramRepository } from '../../program/repository'
import { tierOf } from '../service'

export const tierNotice = (deps: { inbox: Pick<InboxService, 'send'>; program: ProgramRepository }) =>
  on('TierChanged', 'tiers.notice', async (event) => {
    const { memberId, to, direction } = event.payload
    const rules = await deps.program.getRules()
    const tier = tierOf(rules, to)
    if (!tier) return
    const notice =
      direction === 'up'
        ? {
            kind: 'tier_upgrade' as const,
            title: `恭喜升级为${tier.name}`,
            body: `您已升级为${tier.name}，尊享${tier.benefits.map((b) => b.text).join('、')}。`,
          }
        : {
            kind: 'tier_downgrade' as const,
            title: `会员等级调整为${tier.name}`,
            body: `根据过去 ${rules.tierPolicy.windowMonths} 个月的消费，您的会员等级调整为${tier.name}。再次达标即可立即升级。`,
          }
    await deps.inbox.send(memberId, notice, new Date(event.occurredAt), `tier:${event.eventId}`)
  })
