/**
 * Group enrolment (集体办理, PRODUCT.md §1): admins create a code for an organisation; a member
 * joining with it is tagged with the organisation and starts at the code's tier (members/
 * service.ts asks `forJoin` and stages `stageUse` in the join's transaction, so the uses
 * never exceed the code's number, however many join at once).
 */
import type { CreateEnrolmentCodeRequest, EnrolmentCode } from '@huiyuan/shared/enrolment/schemas'
import { DomainError, invalidField } from '@huiyuan/shared/errors'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import { type AuditRepository, actorOf } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { calendarDate, isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import { newShortCode } from '../platform/shortCode'
import type { Tx } from '../platform/tx'
import { isCancelled, type UnitOfWork } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { EnrolmentCodeRecord, EnrolmentRepository } from './repository'

export interface EnrolmentDeps {
  enrolment: EnrolmentRepository
  program: Pick<ProgramRepository, 'getRules' | 'getStore'>
  audit: AuditRepository
  tx: Tx
}

/** The join page's scene for a code: the store and the code, within WeChat's 32 characters. */
export const enrolmentScene = (storeId: string, code: string) => `s=${storeId}&g=${code}`

const statusOf = (c: EnrolmentCodeRecord, today: string): EnrolmentCode['status'] =>
  c.disabled
    ? 'disabled'
    : today < c.validFrom
      ? 'not_started'
      : today > c.validUntil
        ? 'expired'
        : c.used >= c.maxUses
          ? 'used_up'
          : 'active'

export const enrolmentService = (deps: EnrolmentDeps) => {
  const view = (c: EnrolmentCodeRecord, rules: ProgramRules, now: Date): EnrolmentCode => ({
    code: c.code,
    organisation: c.organisation,
    tier: { code: c.tierCode, name: rules.tiers.find((t) => t.code === c.tierCode)?.name ?? c.tierCode },
    storeId: c.storeId,
    maxUses: c.maxUses,
    used: c.used,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    disabled: c.disabled,
    status: statusOf(c, calendarDate(now, rules.timeZone)),
    scene: enrolmentScene(c.storeId, c.code),
    createdAt: isoInZone(new Date(c.createdAt), rules.timeZone),
    createdBy: c.createdBy,
  })

  return {
    async create(auth: AuthContext, req: CreateEnrolmentCodeRequest, now: Date): Promise<EnrolmentCode> {
      const rules = await deps.program.getRules()
      if (!rules.tiers.some((t) => t.code === req.tierCode)) throw invalidField('tierCode', `no tier ${req.tierCode} in the program`)
      const store = await deps.program.getStore(req.storeId)
      if (!store) throw invalidField('storeId', `no store ${req.storeId}`)
      if (!store.active) throw new DomainError('STORE_CLOSED', `Store ${req.storeId} is closed: it takes no new members`)
      if (enrolmentScene(req.storeId, 'XXXXXXXX').length > 32) throw invalidField('storeId', 'the store id is too long for a QR scene')
      for (let i = 0; ; i++) {
        const c: EnrolmentCodeRecord = {
          ...req,
          code: newShortCode(),
          used: 0,
          disabled: false,
          createdAt: now.toISOString(),
          createdBy: auth.staffId ?? auth.openid,
        }
        try {
          await deps.tx
            .begin<'codeTaken'>(now)
            .add(deps.enrolment.createItem(c), {
              item: deps.audit.eventItem(
                { action: 'enrolment.create', actor: actorOf(auth), subject: `enrolment:${c.code}`, details: { ...req } },
                now,
              ),
            })
            .commit()
          return view(c, rules, now)
        } catch (e) {
          if (isCancelled(e, 'codeTaken') && i < 5) continue
          throw e
        }
      }
    },

    async list(page: PageRequest, now: Date) {
      const [rules, p] = await Promise.all([deps.program.getRules(), deps.enrolment.list(page)])
      return { items: p.items.map((c) => view(c, rules, now)), nextCursor: p.nextCursor }
    },

    async setDisabled(auth: AuthContext, code: string, disabled: boolean, now: Date): Promise<EnrolmentCode> {
      try {
        await deps.tx
          .begin<'notFound'>(now)
          .add(deps.enrolment.disabledItem(code, disabled, now.toISOString()), {
            item: deps.audit.eventItem(
              {
                action: disabled ? 'enrolment.disable' : 'enrolment.enable',
                actor: actorOf(auth),
                subject: `enrolment:${code}`,
                details: {},
              },
              now,
            ),
          })
          .commit()
      } catch (e) {
        if (isCancelled(e, 'notFound')) throw new DomainError('NOT_FOUND', `No enrolment code ${code}`)
        throw e
      }
      return view((await deps.enrolment.get(code))!, await deps.program.getRules(), now)
    },

    /** The code a join names, if it works today: ENROLMENT_CODE_INVALID or _USED_UP otherwise. */
    async forJoin(code: string, rules: ProgramRules, now: Date): Promise<EnrolmentCodeRecord> {
      const c = await deps.enrolment.get(code.trim().toUpperCase())
      const status = c ? statusOf(c, calendarDate(now, rules.timeZone)) : 'unknown'
      if (status === 'used_up') throw new DomainError('ENROLMENT_CODE_USED_UP', `Enrolment code ${code} has been used ${c!.maxUses} times`)
      if (!c || status !== 'active' || !rules.tiers.some((t) => t.code === c.tierCode))
        throw new DomainError('ENROLMENT_CODE_INVALID', `Enrolment code ${code} is not valid today`, { status })
      return c
    },

    /** One use of the code, in the join's unit of work ('enrolmentFull' when the last use went meanwhile). */
    stageUse<R extends string>(uow: UnitOfWork<R | 'enrolmentFull'>, c: EnrolmentCodeRecord) {
      uow.add(deps.enrolment.countUseItem(c.code))
    },
  }
}
export type EnrolmentService = ReturnType<typeof enrolmentService>
