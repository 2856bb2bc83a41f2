/** Demo data for a fresh local database: the program rules and three stores. */
import { makeDb } from '../../functions/src/platform/db'
import { programRepository } from '../../functions/src/program/repository'
import { defaultProgramRules } from '../../functions/src/program/defaults'
import { staffRepository } from '../../functions/src/staff/repository'
import { devWechatClient } from '../../functions/src/auth/wechat'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'

export const DEMO_STORES = [
  { storeId: 'S001', name: '南京西路旗舰店', city: '上海', address: '上海市静安区南京西路 1266 号', active: true },
  { storeId: 'S002', name: '三里屯店', city: '北京', address: '北京市朝阳区三里屯路 19 号', active: true },
  { storeId: 'S003', name: '天河城店', city: '广州', address: '广州市天河区天河路 208 号', active: true },
]

/** Demo staff, bound to local dev identities: sign in on H5 as `admin`, `cashier` or `manager`. */
export const DEMO_STAFF: Array<{ staffId: string; devName: string; name: string; roles: StaffRole[]; storeIds: string[] }> = [
  { staffId: 'STAFF-ADMIN', devName: 'admin', name: '总部管理员', roles: ['admin'], storeIds: [] },
  { staffId: 'STAFF-CASHIER-S001', devName: 'cashier', name: '收银员小王', roles: ['cashier'], storeIds: ['S001'] },
  { staffId: 'STAFF-MANAGER-S002', devName: 'manager', name: '三里屯店长', roles: ['store_manager'], storeIds: ['S002'] },
]

/** Seeds the demo program if the table has none; returns whether it seeded. */
export async function seedIfEmpty(opts: { dynamoPort: number; tableName: string; now?: Date }): Promise<boolean> {
  const db = makeDb({ tableName: opts.tableName, endpoint: `http://127.0.0.1:${opts.dynamoPort}` })
  const program = programRepository(db)
  if (await program.hasRules()) return false
  const now = opts.now ?? new Date()
  for (const s of DEMO_STORES) await program.putStore(s, now)
  const staff = staffRepository(db)
  const wechat = devWechatClient()
  for (const d of DEMO_STAFF) {
    const code = `SEED${d.staffId.replace(/[^A-Z0-9]/g, '')}`.slice(0, 24)
    await staff.create({ staffId: d.staffId, name: d.name, roles: d.roles, storeIds: d.storeIds, createdAt: now.toISOString() },
      { code, expiresAt: new Date(now.getTime() + 3600_000).toISOString() })
    const { openid } = await wechat.codeToSession(`dev:${d.devName}`)
    await staff.bind(code, openid, now)
  }
  await program.putRules(defaultProgramRules(), now)
  return true
}
