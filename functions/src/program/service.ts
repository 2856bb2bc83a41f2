/**
 * The program rules in the console: read them with their version, replace them as a whole
 * (checked as a whole, optimistic on the version, each change kept as a version with its
 * diff and audited), list the changes, and preview what a purchase would earn — with the
 * till's own earning function, under the saved rules or a draft.
 */
import { DomainError } from '@huiyuan/shared/errors'
import type {
  PreviewEarningRequest,
  PreviewEarningResult,
  ProgramEditor,
  ProgramRules,
  ProgramView,
  UpdateProgramRequest,
} from '@huiyuan/shared/program/schemas'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import { purchasePoints } from '../points/earning'
import type { StaffRepository } from '../staff/repository'
import { diffRules } from './diff'
import type { ProgramRepository, RulesRecord } from './repository'

export interface ProgramAdminDeps {
  program: ProgramRepository
  staff: Pick<StaffRepository, 'get'>
  audit: AuditRepository
  tx: Tx
}

const TZ = 'Asia/Shanghai'
const iso = (at: string | null) => (at ? isoInZone(new Date(at), TZ) : null)

const fieldError = (message: string, fields: Array<{ field: string; message: string; code: string }>) =>
  new DomainError('VALIDATION_FAILED', message, { fields })

const view = (r: RulesRecord): ProgramView => ({ rules: r.rules, version: r.version, updatedAt: iso(r.updatedAt), updatedBy: r.updatedBy })

export const programAdminService = (deps: ProgramAdminDeps) => {
  /** What the saved rules already hold that members depend on: their tiers (codes stay; names and numbers may change). */
  const assertKeepsTiers = (before: ProgramRules, after: ProgramRules) => {
    const kept = new Set(after.tiers.map((t) => t.code))
    const removed = before.tiers.filter((t) => !kept.has(t.code)).map((t) => t.code)
    if (removed.length > 0) {
      throw fieldError('A tier members may hold cannot be removed', [
        {
          field: 'body.rules.tiers',
          message: `tier ${removed.join(', ')} is missing: tiers can be renamed or re-priced, not removed`,
          code: 'tier_removed',
        },
      ])
    }
  }

  const assertStoresExist = async (rules: ProgramRules) => {
    const known = new Set((await deps.program.listStores()).map((s) => s.storeId))
    const fields = rules.earning.promotions.flatMap((p, i) =>
      (p.storeIds ?? []).flatMap((id, j) =>
        known.has(id)
          ? []
          : [{ field: `body.rules.earning.promotions.${i}.storeIds.${j}`, message: `no store ${id}`, code: 'unknown_store' }],
      ),
    )
    if (fields.length > 0) throw fieldError('A promotion names a store that does not exist', fields)
  }

  const editorOf = async (auth: AuthContext): Promise<ProgramEditor | null> => {
    if (!auth.staffId) return null
    const s = await deps.staff.get(auth.staffId)
    return { staffId: auth.staffId, name: s?.name ?? auth.staffId }
  }

  const updateOnce = async (auth: AuthContext, body: UpdateProgramRequest, now: Date): Promise<ProgramView> => {
    const current = await deps.program.getRecord()
    const conflict = () =>
      new DomainError('VERSION_CONFLICT', `The rules changed since version ${body.version}: reload them and apply your change again`, {
        currentVersion: current.version,
      })
    if (body.version !== current.version) throw conflict()
    assertKeepsTiers(current.rules, body.rules)
    await assertStoresExist(body.rules)
    const changes = diffRules(current.rules, body.rules)
    if (changes.length === 0) return view(current)
    const editor = await editorOf(auth)
    const version = current.version + 1
    try {
      await deps.tx
        .begin<'versionConflict'>(now)
        .add(
          deps.program.rulesItem(current, body.rules, editor, now),
          deps.program.versionItem({ version, updatedAt: now.toISOString(), updatedBy: editor, changes }, body.rules),
          {
            item: deps.audit.eventItem(
              { action: 'program.update', actor: actorOf(auth), subject: 'program', details: { version, changes } },
              now,
            ),
          },
        )
        .commit()
    } catch (e) {
      if (isCancelled(e, 'versionConflict')) throw conflict()
      throw e
    }
    deps.program.forgetRules()
    return view({ rules: body.rules, version, versioned: true, updatedAt: now.toISOString(), updatedBy: editor })
  }

  return {
    async get(): Promise<ProgramView> {
      return view(await deps.program.getRecord())
    },

    /**
     * Replaces the rules when `version` is the stored one (else 409 VERSION_CONFLICT, also
     * when another update wins the race): the rules, the version record with the diff and
     * the audit event in one transaction. No change → nothing is written.
     */
    update: (auth: AuthContext, body: UpdateProgramRequest, now: Date): Promise<ProgramView> =>
      // A transaction that collides with another update re-reads: the version has moved then.
      deps.tx.retrying(() => updateOnce(auth, body, now)),

    async versions(page: PageRequest) {
      const p = await deps.program.listVersions(page)
      return {
        items: p.items.map((v) => ({ ...v, updatedAt: isoInZone(new Date(v.updatedAt), TZ) })),
        nextCursor: p.nextCursor,
      }
    },

    /** The points of a purchase as the till computes them (points/earning.ts), for a tier, store and day. */
    async preview(body: PreviewEarningRequest): Promise<PreviewEarningResult> {
      const saved = body.rules ? undefined : await deps.program.getRecord()
      const rules = body.rules ?? saved!.rules
      const tier = rules.tiers.find((t) => t.code === body.tierCode)
      if (!tier) {
        throw fieldError(`No tier ${body.tierCode} in these rules`, [
          { field: 'body.tierCode', message: `one of ${rules.tiers.map((t) => t.code).join(', ')}`, code: 'unknown_tier' },
        ])
      }
      if (!(await deps.program.getStore(body.storeId))) {
        throw fieldError(`No store ${body.storeId}`, [{ field: 'body.storeId', message: 'no such store', code: 'unknown_store' }])
      }
      const { basePoints, multipliers, totalPoints } = purchasePoints(
        { amountFen: body.amountFen, storeId: body.storeId, date: body.date, birthday: body.birthday ?? '', tier, items: body.items },
        rules,
      )
      return {
        amountFen: body.amountFen,
        storeId: body.storeId,
        date: body.date,
        tier: { code: tier.code, name: tier.name },
        points: { basePoints, multipliers, totalPoints },
        rulesVersion: saved ? saved.version : null,
      }
    },
  }
}
export type ProgramAdminService = ReturnType<typeof programAdminService>
