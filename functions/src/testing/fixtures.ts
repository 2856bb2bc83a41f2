import { buildServices } from '../platform/container'
import type { Db } from '../platform/db'
import { defaultProgramRules } from '../program/defaults'
import type { JoinRequest } from '@huiyuan/shared/members/schemas'

export const joinInput = (over: Partial<JoinRequest> = {}): JoinRequest => ({
  storeId: 'S001',
  name: '测试会员',
  mobile: '13812341234',
  birthday: '1990-05-17',
  gender: 'female',
  privacyConsentVersion: defaultProgramRules().privacyPolicyVersion,
  marketingConsent: false,
  ...over,
})

/** Services over a test table with the default program and one store. */
export async function seededServices(db: Db, now = new Date()) {
  const s = buildServices(db, { stage: 'local' })
  await s.program.putRules(defaultProgramRules(), now)
  await s.program.putStore({ storeId: 'S001', name: '测试店', city: '上海', address: '', active: true }, now)
  return s
}
