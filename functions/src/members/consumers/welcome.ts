/** MemberJoined → the welcome pack (the program's welcome coupons) and the welcome notice, once. */
import type { CouponsService } from '../../coupons/service'
import type { InboxService } from '../../inbox/service'
import { on } from '../../platform/events/dispatch'
import type { ProgramRepository } from '../../program/repository'

export const welcomePack = (deps: {
  coupons: Pick<CouponsService, 'grant'>
  inbox: Pick<InboxService, 'send'>
  program: ProgramRepository
}) =>
  on('MemberJoined', 'members.welcomePack', async (event) => {
    const { memberId } = event.payload
    const at = new Date(event.occurredAt)
    let granted = 0
    for (const templateId of (await deps.program.getRules()).packs.welcomeTemplateIds) {
      if (await deps.coupons.grant(memberId, templateId, 'welcome', `welcome:${templateId}`, at)) granted++
    }
    const gift = granted > 0 ? '入会礼券已放入您的券包，' : ''
    await deps.inbox.send(
      memberId,
      { kind: 'welcome', title: '欢迎加入会员', body: `感谢加入！${gift}消费可得积分，每日签到还有积分相送。` },
      at,
      'welcome',
    )
  })
