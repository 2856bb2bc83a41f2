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

export const buildServices = (d: Db, opts: { stage: string; wechat?: WechatClient }) => {
  const c = config()
  const wechat = opts.wechat ?? (opts.stage === 'local'
    ? devWechatClient()
    : realWechatClient(c.wechat.appId ?? '', c.wechat.appSecret ?? ''))
  const program = programRepository(d)
  const members = membersRepository(d)
  const ledger = pointsLedger(d)
  const cipher = personalDataCipher()
  return {
    db: d,
    program,
    members,
    ledger,
    auth: authService({
      wechat, members,
      staffOf: async () => ({ roles: [], storeIds: [] }),
      tokenSecret: c.tokenSecret, tokenTtlSeconds: c.tokenTtlSeconds, timeZone: 'Asia/Shanghai',
    }),
    membersService: membersService({
      members, program, ledger, cipher,
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
