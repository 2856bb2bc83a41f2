/**
 * Catalogue edits against DynamoDB Local: a stock top-up adds to every shard and the total
 * atomically and clears the sold-out flag; concurrent edits are each applied from the
 * version they read.
 */
import type { AuthContext } from '../platform/auth'
import { couponCatalogueOf } from '../platform/wiring'
import { cashOffTemplate, joinInput, seededServices } from '../testing/fixtures'
import { freshTable } from '../testing/table'

const now = new Date()
const marketer: AuthContext = { openid: 'marketer', memberId: null, roles: ['marketer'], storeIds: [], staffId: 'STAFF-M' }

describe('coupon catalogue edits', () => {
  it('a top-up over several shards adds exactly what was asked and lets a sold-out template issue again', async () => {
    const db = await freshTable('catalogue-topup')
    const s = await seededServices(db, now)
    const catalogue = couponCatalogueOf(s.core)
    const t = await cashOffTemplate(s, now, { totalStock: 120, perMemberLimit: 1 })
    const members = await Promise.all([0, 1, 2].map((i) => s.membersService.join(`topup-${i}`, joinInput(), now)))
    const before = await catalogue.getTemplate(t.templateId)
    expect(before).toMatchObject({ totalStock: 120, remainingStock: 120 })
    await s.coupons.grant(members[0]!.memberId, t.templateId, 'staff', 'g0', now)
    const [a, b] = await Promise.all([
      catalogue.updateTemplate(marketer, t.templateId, { addStock: 7 }, now),
      catalogue.updateTemplate(marketer, t.templateId, { addStock: 5, name: '加量券' }, now),
    ])
    // Each applied from what it read, one after the other: the later sees the earlier's.
    const totals = [a.totalStock, b.totalStock].sort()
    expect(totals[1]).toBe(132)
    expect([125, 127]).toContain(totals[0])
    const after = await catalogue.getTemplate(t.templateId)
    expect(after).toMatchObject({ totalStock: 132, remainingStock: 131, name: '加量券' })
    expect(after.updatedAt).not.toBeNull()

    const one = await cashOffTemplate(s, now, { totalStock: 1 })
    expect(await s.coupons.grant(members[1]!.memberId, one.templateId, 'staff', 'g1', now)).not.toBeNull()
    expect(await s.coupons.grant(members[2]!.memberId, one.templateId, 'staff', 'g2', now)).toBeNull()
    expect((await s.couponsRepo.getTemplate(one.templateId, true))?.soldOut).toBe(true)
    await catalogue.updateTemplate(marketer, one.templateId, { addStock: 1 }, now)
    expect((await s.couponsRepo.getTemplate(one.templateId, true))?.soldOut).toBeUndefined()
    await new Promise((r) => setTimeout(r, 1_100))
    expect(await s.coupons.grant(members[2]!.memberId, one.templateId, 'staff', 'g3', now)).not.toBeNull()
  })
})
