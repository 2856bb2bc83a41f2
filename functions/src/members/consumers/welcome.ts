/** MemberJoined → the welcome automation (the welcome coupons and notice), once per member. */
import type { AutomationsService } from '../../automations/service'
import { on } from '../../platform/events/dispatch'

export const welcomePack = (deps: { automations: Pick<AutomationsService, 'fire'> }) =>
  on('MemberJoined', 'members.welcomePack', async (event) => {
    await deps.automations.fire('welcome', event.payload.memberId, 'join', {}, new Date(event.occurredAt))
  })
