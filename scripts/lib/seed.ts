/** Demo data for a fresh local database: the program rules, three stores, staff, coupons (and for npm start, members). */
import { makeDb } from '../../functions/src/platform/db'
import { programRepository } from '../../functions/src/program/repository'
import { defaultProgramRules, localMessagingRules } from '../../functions/src/program/defaults'
import { staffRepository } from '../../functions/src/staff/repository'
import { devWechatClient } from '../../functions/src/auth/devWechat'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import { buildServices } from '../../functions/src/platform/container'
import { seedDemoMembers } from './demoMembers'

export const DEMO_STORES = [
  { storeId: 'S001', name: '南京西路旗舰店', city: '上海', address: '上海市静安区南京西路 1266 号', active: true },
  { storeId: 'S002', name: '三里屯店', city: '北京', address: '北京市朝阳区三里屯路 19 号', active: true },
  { storeId: 'S003', name: '天河城店', city: '广州', address: '广州市天河区天河路 208 号', active: true },
]

/** Demo staff, bound to local dev identities: sign in on H5 as `admin`, `cashier` or `manager`, in the console also as `marketer`. */
export const DEMO_STAFF: Array<{ staffId: string; devName: string; name: string; roles: StaffRole[]; storeIds: string[] }> = [
  { staffId: 'STAFF-ADMIN', devName: 'admin', name: '总部管理员', roles: ['admin'], storeIds: [] },
  { staffId: 'STAFF-CASHIER-S001', devName: 'cashier', name: '收银员小王', roles: ['cashier'], storeIds: ['S001'] },
  { staffId: 'STAFF-MANAGER-S002', devName: 'manager', name: '三里屯店长', roles: ['store_manager'], storeIds: ['S002'] },
  { staffId: 'STAFF-MARKETER', devName: 'marketer', name: '市场部小李', roles: ['marketer'], storeIds: [] },
]

/**
 * Seeds the demo program if the table has none; returns whether it seeded. `demoMembers`
 * (npm start, not the tests) adds a year of demo shoppers (scripts/lib/demoMembers.ts).
 */
export async function seedIfEmpty(opts: { dynamoPort: number; tableName: string; now?: Date; demoMembers?: boolean }): Promise<boolean> {
  const db = makeDb({ tableName: opts.tableName, endpoint: `http://127.0.0.1:${opts.dynamoPort}` })
  const program = programRepository(db)
  const now = opts.now ?? new Date()
  if (await program.hasRules()) {
    // A database from before a demo staff member existed gets them too.
    await seedDemoStaff(db, now)
    return false
  }
  for (const s of DEMO_STORES) await program.putStore(s, now)
  await seedDemoStaff(db, now)
  await seedCoupons(db, now)
  if (opts.demoMembers) await seedDemoMembers(db, { now })
  return true
}

/** The demo staff members that don't exist yet, each bound to its dev identity. */
async function seedDemoStaff(db: ReturnType<typeof makeDb>, now: Date) {
  const staff = staffRepository(db)
  const wechat = devWechatClient()
  for (const d of DEMO_STAFF) {
    if (await staff.get(d.staffId)) continue
    const code = `SEED${d.staffId.replace(/[^A-Z0-9]/g, '')}`.slice(0, 24)
    await staff.create(
      { staffId: d.staffId, name: d.name, roles: d.roles, storeIds: d.storeIds, createdAt: now.toISOString() },
      { code, expiresAt: new Date(now.getTime() + 3600_000).toISOString() },
    )
    const { openid } = await wechat.codeToSession(`dev:${d.devName}`)
    await staff.bind(code, openid, now)
  }
}

/** Demo coupons: a welcome pack, a flash offer, a tier offer and a points mall. */
async function seedCoupons(db: ReturnType<typeof makeDb>, now: Date) {
  const s = buildServices(db, { stage: 'local' })
  const day = 86_400_000
  const welcome = await s.coupons.createTemplate(
    {
      name: '新人礼券',
      kind: 'cash_off',
      valueFen: 1_000,
      thresholdFen: 5_000,
      validity: { type: 'relative', days: 30 },
      totalStock: null,
      perMemberLimit: 1,
    },
    now,
  )
  const flash = await s.coupons.createTemplate(
    {
      name: '周末闪购券',
      kind: 'cash_off',
      valueFen: 2_000,
      thresholdFen: 10_000,
      validity: { type: 'relative', days: 7 },
      totalStock: 100,
      perMemberLimit: 1,
    },
    now,
  )
  const silver = await s.coupons.createTemplate(
    {
      name: '银卡专享折扣',
      kind: 'percent_off',
      percentPaid: 85,
      capFen: 5_000,
      validity: { type: 'relative', days: 14 },
      tierCodes: ['silver', 'gold'],
      totalStock: 500,
      perMemberLimit: 2,
    },
    now,
  )
  const gift = await s.coupons.createTemplate(
    {
      name: '帆布袋兑换券',
      kind: 'gift',
      itemName: '品牌帆布袋',
      validity: { type: 'relative', days: 30 },
      totalStock: null,
      perMemberLimit: 5,
    },
    now,
  )
  const iso = (t: number) => new Date(t).toISOString()
  await s.coupons.createOffer(
    {
      templateId: flash.templateId,
      title: '满100减20 限量抢',
      description: '限量 100 张，每人限领 1 张，领取后 7 天内有效',
      claimFrom: iso(now.getTime() - day),
      claimUntil: iso(now.getTime() + 30 * day),
    },
    now,
  )
  await s.coupons.createOffer(
    {
      templateId: silver.templateId,
      title: '银卡会员 8.5 折',
      description: '银卡及以上会员专享，最多减 50 元',
      claimFrom: iso(now.getTime() - day),
      claimUntil: iso(now.getTime() + 30 * day),
      audienceTiers: ['silver', 'gold'],
    },
    now,
  )
  await s.rewards.createReward(
    { name: '满100减20券', description: '500 积分兑换', pointsCost: 500, kind: 'coupon', templateId: flash.templateId, stock: 200 },
    now,
  )
  await s.rewards.createReward(
    { name: '品牌帆布袋', description: '到店领取', pointsCost: 2_000, kind: 'coupon', templateId: gift.templateId, stock: 50 },
    now,
  )
  const rules = defaultProgramRules()
  await s.program.putRules(
    {
      ...rules,
      packs: { welcomeTemplateIds: [welcome.templateId], birthdayTemplateIds: [welcome.templateId] },
      messaging: localMessagingRules(),
    },
    now,
  )
}
