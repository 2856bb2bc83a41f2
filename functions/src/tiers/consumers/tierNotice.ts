/**
 * TierChanged → an upgrade fires the tier-up automation (its congratulation, and its coupons
 * if it has any); a downgrade by the review is explained in a notice; a pending shopper's
 * qualifying purchase (from '') is told their card is open.
 */
import type { AutomationsService } from '../../automations/service'
import type { InboxService } from '../../inbox/service'
import { on } from '../../platform/events/dispatch'
import type { ProgramRepository } from '../../program/repository'
import { tierOf } from '../service'

export const tierNotice = (deps: {
  inbox: Pick<InboxService, 'send'>
  automations: Pick<AutomationsService, 'fire'>
  program: ProgramRepository
}) =>
  on('TierChanged', 'tiers.notice', async (event) => {
    const { memberId, to, direction } = event.payload
    const rules = await deps.program.getRules()
    const tier = tierOf(rules, to)
    if (!tier) return
    const at = new Date(event.occurredAt)
    if (event.payload.from === '' && !event.payload.reason) {
      // A pending shopper's qualifying purchase opened the card (entry mode `qualify`).
      await deps.inbox.send(
        memberId,
        { kind: 'tier_upgrade', title: '会员卡已开通', body: `消费达标，您已成为${tier.name}，可享会员积分与权益。` },
        at,
        `tier:${event.eventId}`,
      )
      return
    }
    if (direction === 'up') {
      await deps.automations.fire(
        'tier_up',
        memberId,
        event.eventId,
        { tier: tier.name, benefits: tier.benefits.map((b) => b.text).join('、') },
        at,
      )
      return
    }
    await deps.inbox.send(
      memberId,
      {
        kind: 'tier_downgrade',
        title: `会员等级调整为${tier.name}`,
        body: `根据过去 ${rules.tierPolicy.windowMonths} 个月的消费，您的会员等级调整为${tier.name}。再次达标即可立即升级。`,
      },
      at,
      `tier:${event.eventId}`,
    )
  })
