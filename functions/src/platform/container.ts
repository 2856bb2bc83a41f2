/**
 * Composition root: builds each area's service from config, once per container.
 * Tests build services directly with their own table (see *.int.test.ts).
 */
import { config } from './config'
import { db, type Db } from './db'
import { personalDataCipher, lookupHash } from './crypto'
import { programRepository } from '../program/repository'
import { membersRepository } from '../members/repository'
import { membersService } from '../members/service'
import { pointsLedger } from '../points/ledger'
import { checkinsRepository } from '../checkins/repository'
import { checkinsService } from '../checkins/service'
import { authService } from '../auth/service'
import { devWechatClient, realWechatClient, type WechatClient } from '../auth/wechat'
import { staffRepository } from '../staff/repository'
import { staffService } from '../staff/service'
import { purchasesRepository } from '../purchases/repository'
import { purchasesService } from '../purchases/service'
import { inboxRepository } from '../inbox/repository'
import { auditRepository } from '../audit/repository'
import { pointsService } from '../points/service'
import { couponsRepository } from '../coupons/repository'
import { couponsService } from '../coupons/service'

export const buildServices = (d: Db, opts: { stage: string; wechat?: WechatClient }) => {
  const c = config()
  const wechat =
    opts.wechat ?? (opts.stage === 'local' ? devWechatClient() : realWechatClient(c.wechat.appId ?? '', c.wechat.appSecret ?? ''))
  const program = programRepository(d)
  const members = membersRepository(d)
  const ledger = pointsLedger(d)
  const cipher = personalDataCipher()
  const staff = staffRepository(d)
  const inbox = inboxRepository(d)
  const audit = auditRepository(d)
  const staffSvc = staffService({ staff, program, cipher })
  const coupons = couponsService({ coupons: couponsRepository(d), members, program, ledger })
  return {
    coupons,
    audit,
    db: d,
    program,
    members,
    ledger,
    inbox,
    staff,
    staffService: staffSvc,
    purchases: purchasesService({
      purchases: purchasesRepository(d),
      members,
      program,
      ledger,
      inbox,
      memberCodeSecret: c.memberCodeSecret,
      onRefunded: (o, remainingPaidFen, now) => coupons.reverseForRefund(o.storeId, o.orderId, remainingPaidFen, now),
    }),
    points: pointsService({ ledger, members, program, inbox, audit }),
    auth: authService({
      wechat,
      members,
      staffOf: (openid) => staffSvc.rolesOf(openid),
      tokenSecret: c.tokenSecret,
      tokenTtlSeconds: c.tokenTtlSeconds,
      timeZone: 'Asia/Shanghai',
    }),
    membersService: membersService({
      members,
      program,
      ledger,
      cipher,
      onJoined: async (memberId, now) => {
        let granted = 0
        for (const templateId of (await program.getRules()).packs.welcomeTemplateIds) {
          if (await coupons.grant(memberId, templateId, 'welcome', `welcome:${templateId}`, now)) granted++
        }
        const gift = granted > 0 ? '入会礼券已放入您的券包，' : ''
        await inbox.send(memberId, 'welcome', '欢迎加入会员', `感谢加入！${gift}消费可得积分，每日签到还有积分相送。`, now, 'welcome')
      },
      phoneHash: (m) => lookupHash(c.phoneHashSecret, m),
      memberCodeSecret: c.memberCodeSecret,
      resolvePhoneCode: (code) => wechat.phoneNumber(code),
    }),
    checkins: checkinsService({ checkins: checkinsRepository(d), program, ledger }),
  }
}
export type Services = ReturnType<typeof buildServices>

let cached: Services | undefined
export const services = (): Services => (cached ??= buildServices(db(), { stage: config().stage }))
