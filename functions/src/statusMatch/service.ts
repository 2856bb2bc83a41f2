/**
 * Status match (PRODUCT.md §1): a store manager at the till checks a shopper's partner VIP
 * card and gives them a higher tier, once per member. The match, its photo, the tier move
 * (a `TierChanged` event, so the congratulation follows) and the audit entry are one unit of
 * work. A retry of the same approval answers the first; another is 409 STATUS_MATCH_DONE.
 */
import { DomainError, invalidField } from '@huiyuan/shared/errors'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { StatusMatch, StatusMatchRequest, StatusMatchResult } from '@huiyuan/shared/statusMatch/schemas'
import { type AuditRepository, actorOf } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { calendarDate, isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { isCancelled, Stale } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import { summaryOf } from '../purchases/service'
import type { tillIdentity } from '../purchases/till'
import { assertStoreAccess } from '../staff/access'
import { tierIndex } from '../tiers/rules'
import { type TiersService, tierOf, tierSummaryOf } from '../tiers/service'
import type { StatusMatchRecord, StatusMatchRepository } from './repository'

export interface StatusMatchDeps {
  statusMatch: StatusMatchRepository
  tiers: Pick<TiersService, 'match'>
  program: Pick<ProgramRepository, 'getRules'>
  till: ReturnType<typeof tillIdentity>
  audit: Pick<AuditRepository, 'eventItem'>
  tx: Tx
}

/** All but the last 4 characters hidden: VIP-2024-8812 → *********8812 */
const masked = (cardNo: string) => `${'*'.repeat(Math.max(0, cardNo.length - 4))}${cardNo.slice(-4)}`

export const statusMatchView = (r: StatusMatchRecord, rules: ProgramRules): StatusMatch => ({
  partner: r.partner,
  partnerTier: r.partnerTier,
  partnerCardNo: masked(r.partnerCardNo),
  from: tierSummaryOf(rules, r.fromTierCode),
  to: tierSummaryOf(rules, r.tierCode),
  storeId: r.storeId,
  approvedBy: r.approvedBy,
  approvedByName: r.approvedByName,
  approvedAt: isoInZone(new Date(r.approvedAt), rules.timeZone),
  hasPhoto: r.hasPhoto,
})

/** The same approval again (a retry): same card, same tier. */
const sameApproval = (r: StatusMatchRecord, req: StatusMatchRequest) =>
  r.partner === req.partner.trim() && r.partnerCardNo === req.partnerCardNo.trim() && r.tierCode === req.tierCode

export const statusMatchService = (deps: StatusMatchDeps) => ({
  async approve(auth: AuthContext, req: StatusMatchRequest, now: Date): Promise<StatusMatchResult> {
    assertStoreAccess(auth, req.storeId)
    const rules = await deps.program.getRules()
    if (!tierOf(rules, req.tierCode)) throw invalidField('tierCode', `no tier ${req.tierCode} in the program`)
    const { memberId } = await deps.till.identify(auth, req.memberCode, rules, now)
    return deps.tx.retrying(async () => {
      const m = await deps.till.readMember(memberId, rules, [
        deps.statusMatch.key(memberId),
        ...(auth.staffId ? [deps.statusMatch.approverKey(auth.staffId)] : []),
      ])
      const date = calendarDate(now, rules.timeZone)
      const earlier = deps.statusMatch.recordOf(m.extra[0])
      if (earlier) {
        if (!sameApproval(earlier, req))
          throw new DomainError('STATUS_MATCH_DONE', 'This member already had their status match', {
            statusMatch: statusMatchView(earlier, rules),
          })
        return {
          statusMatch: statusMatchView(earlier, rules),
          member: summaryOf(m.profile, rules, m.tier.tierCode, m.points.available(date), m.storedValueFen),
          replayed: true,
        }
      }
      const before = m.tier
      if (before.tierCode !== '' && tierIndex(rules.tiers, req.tierCode) <= tierIndex(rules.tiers, before.tierCode))
        throw new DomainError('STATUS_MATCH_NOT_HIGHER', `The member is already ${tierSummaryOf(rules, before.tierCode).name}`, {
          tier: tierSummaryOf(rules, before.tierCode),
        })
      const at = now.toISOString()
      const record: StatusMatchRecord = {
        memberId,
        partner: req.partner.trim(),
        partnerTier: req.partnerTier?.trim() || null,
        partnerCardNo: req.partnerCardNo.trim(),
        fromTierCode: before.tierCode,
        tierCode: req.tierCode,
        storeId: req.storeId,
        approvedBy: auth.staffId ?? auth.openid,
        approvedByName: deps.statusMatch.approverName(m.extra[1]),
        approvedAt: at,
        hasPhoto: Boolean(req.photo),
      }
      const uow = deps.tx.begin<'matched'>(now)
      deps.tiers.match(uow, before, req.tierCode, date.slice(0, 4))
      uow.add(deps.statusMatch.createItem(record), {
        item: deps.audit.eventItem(
          {
            action: 'member.statusMatch',
            actor: actorOf(auth),
            subject: `member:${memberId}`,
            details: {
              partner: record.partner,
              partnerCardNo: masked(record.partnerCardNo),
              from: before.tierCode,
              to: req.tierCode,
              storeId: req.storeId,
              photo: record.hasPhoto,
            },
          },
          now,
        ),
      })
      if (req.photo) uow.add(deps.statusMatch.photoItem(memberId, req.photo, at))
      try {
        await uow.commit()
      } catch (e) {
        // Another approval landed first: read again, and answer as a retry or refuse.
        if (isCancelled(e, 'matched')) throw new Stale('status match taken meanwhile')
        throw e
      }
      return {
        statusMatch: statusMatchView(record, rules),
        member: summaryOf(m.profile, rules, req.tierCode, m.points.available(date), m.storedValueFen),
        replayed: false,
      }
    })
  },
})
export type StatusMatchService = ReturnType<typeof statusMatchService>
