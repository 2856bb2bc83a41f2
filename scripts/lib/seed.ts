/** Demo data for a fresh local database: the program rules and three stores. */
import { makeDb } from '../../functions/src/platform/db'
import { programRepository } from '../../functions/src/program/repository'
import { defaultProgramRules } from '../../functions/src/program/defaults'

export const DEMO_STORES = [
  { storeId: 'S001', name: '南京西路旗舰店', city: '上海', address: '上海市静安区南京西路 1266 号', active: true },
  { storeId: 'S002', name: '三里屯店', city: '北京', address: '北京市朝阳区三里屯路 19 号', active: true },
  { storeId: 'S003', name: '天河城店', city: '广州', address: '广州市天河区天河路 208 号', active: true },
]

/** Seeds the demo program if the table has none; returns whether it seeded. */
export async function seedIfEmpty(opts: { dynamoPort: number; tableName: string; now?: Date }): Promise<boolean> {
  const db = makeDb({ tableName: opts.tableName, endpoint: `http://127.0.0.1:${opts.dynamoPort}` })
  const program = programRepository(db)
  if (await program.hasRules()) return false
  const now = opts.now ?? new Date()
  for (const s of DEMO_STORES) await program.putStore(s, now)
  await program.putRules(defaultProgramRules(), now)
  return true
}
