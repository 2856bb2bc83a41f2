import { randomBytes, randomInt, createHash } from 'node:crypto'
import { ulid } from 'ulid'
import { DomainError } from '@huiyuan/shared/errors'
import type { CreateStaffRequest, Staff, UpdateStaffRequest } from '@huiyuan/shared/staff/schemas'
import { actorOf, type AuditRepository, auditItems } from '../audit/repository'
import type { EnvelopeCipher } from '../platform/crypto/envelope'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { PosKeyInfo, StaffRecord, StaffRepository } from './repository'
import { MAX_SKEW_SECONDS, verifySignature } from './pos'

/** Binding codes avoid look-alike characters (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const BINDING_CODE_TTL_HOURS = 72
const TZ = 'Asia/Shanghai'

export const newBindingCode = (): string => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export interface StaffDeps {
  staff: StaffRepository
  program: ProgramRepository
  cipher: EnvelopeCipher
  audit: AuditRepository
  tx: Tx
}

const view = (s: StaffRecord): Staff => ({
  staffId: s.staffId,
  name: s.name,
  roles: s.roles,
  storeIds: s.storeIds,
  bound: Boolean(s.openid),
  disabled: Boolean(s.disabled),
  createdAt: isoInZone(new Date(s.createdAt), TZ),
})

const iso = (at: string | undefined) => (at ? isoInZone(new Date(at), TZ) : null)
/** A key works until it is revoked or its expiry passes. */
const posKeyStatus = (k: PosKeyInfo, now: Date): 'active' | 'expired' | 'revoked' =>
  !k.active || k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now.toISOString() ? 'expired' : 'active'

const posKeyView = (k: PosKeyInfo, now: Date) => ({
  keyId: k.keyId,
  storeId: k.storeId,
  status: posKeyStatus(k, now),
  createdAt: isoInZone(new Date(k.createdAt), TZ),
  expiresAt: iso(k.expiresAt),
  revokedAt: iso(k.revokedAt),
})

/** Cashiers and store managers act for stores, so they need at least one. */
function assertStaffShape(roles: readonly string[], storeIds: readonly string[]): void {
  if (!roles.includes('admin') && storeIds.length === 0 && roles.some((r) => r === 'cashier' || r === 'store_manager')) {
    throw new DomainError('VALIDATION_FAILED', 'Cashiers and store managers need at least one store', {
      fields: [{ field: 'body.storeIds', message: 'at least one store', code: 'too_small' }],
    })
  }
}

export const staffService = (deps: StaffDeps) => {
  const assertStoresExist = async (storeIds: readonly string[]) => {
    for (const id of storeIds) {
      if (!(await deps.program.getStore(id))) throw new DomainError('STORE_NOT_FOUND', `Store ${id} does not exist`)
    }
  }
  return {
    async create(input: CreateStaffRequest, now: Date, actor?: AuthContext) {
      await assertStoresExist(input.storeIds ?? [])
      assertStaffShape(input.roles, input.storeIds ?? [])
      const record: StaffRecord = {
        staffId: ulid(now.getTime()),
        name: input.name,
        roles: input.roles,
        storeIds: input.storeIds ?? [],
        createdAt: now.toISOString(),
      }
      const code = newBindingCode()
      const expiresAt = new Date(now.getTime() + BINDING_CODE_TTL_HOURS * 3600_000)
      await deps.staff.create(
        record,
        { code, expiresAt: expiresAt.toISOString() },
        auditItems(
          deps.audit,
          actor,
          { action: 'staff.create', subject: `staff:${record.staffId}`, details: { roles: record.roles, storeIds: record.storeIds } },
          now,
        ),
      )
      return { ...view(record), bindingCode: code, bindingCodeExpiresAt: isoInZone(expiresAt, TZ) }
    },

    async list(page: PageRequest) {
      const p = await deps.staff.list(page)
      return { items: p.items.map(view), nextCursor: p.nextCursor }
    },

    bind: (code: string, openid: string, now: Date) => deps.staff.bind(code.toUpperCase(), openid, now),

    /**
     * Changes roles, stores or status (disable) with an audit event in the same unit of work.
     * The version moves, so the account's tokens stop working on their next request.
     */
    async update(actor: AuthContext, staffId: string, patch: UpdateStaffRequest, now: Date): Promise<Staff> {
      if (patch.storeIds) await assertStoresExist(patch.storeIds)
      if (actor.staffId === staffId && (patch.disabled || (patch.roles && !patch.roles.includes('admin')))) {
        throw new DomainError('VALIDATION_FAILED', 'You cannot disable your own account or remove your own admin role', {
          fields: [{ field: 'params.staffId', message: 'your own account', code: 'self' }],
        })
      }
      return deps.tx.retrying(async () => {
        const current = await deps.staff.get(staffId, true)
        if (!current) throw new DomainError('NOT_FOUND', `No staff account ${staffId}`)
        const next: StaffRecord = {
          ...current,
          ...(patch.roles ? { roles: patch.roles } : {}),
          ...(patch.storeIds ? { storeIds: patch.storeIds } : {}),
          ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
          version: (current.version ?? 0) + 1,
        }
        assertStaffShape(next.roles, next.storeIds)
        const shape = (r: StaffRecord) => ({ roles: r.roles, storeIds: r.storeIds, disabled: Boolean(r.disabled) })
        await deps.tx
          .begin<'stale'>(now)
          .add(deps.staff.updateItem(current, { roles: patch.roles, storeIds: patch.storeIds, disabled: patch.disabled }, now), {
            item: deps.audit.eventItem(
              {
                action: 'staff.update',
                actor: actorOf(actor),
                subject: `staff:${staffId}`,
                details: { before: shape(current), after: shape(next) },
              },
              now,
            ),
          })
          .commit()
        return view(next)
      })
    },

    /** Roles and stores of a WeChat identity (none if it is not bound to staff, or the account is disabled). */
    async rolesOf(openid: string): Promise<{ roles: AuthContext['roles']; storeIds: string[]; staffId?: string; staffVersion?: number }> {
      const staffId = await deps.staff.staffIdOf(openid)
      const s = staffId ? await deps.staff.get(staffId, true) : undefined
      if (!s || s.disabled) return { roles: [], storeIds: [] }
      return { roles: s.roles, storeIds: s.storeIds, staffId: s.staffId, staffVersion: s.version ?? 0 }
    },

    /** A store system's key; with `replaces`, a rotation: the old key keeps working for the overlap, then ends. */
    async createPosKey(
      actor: AuthContext,
      storeId: string,
      input: { expiresInDays?: number; replaces?: string; overlapHours?: number },
      now: Date,
    ) {
      if (!(await deps.program.getStore(storeId))) throw new DomainError('STORE_NOT_FOUND', `Store ${storeId} does not exist`)
      const keyId = `pk_${randomBytes(8).toString('hex')}`
      const secret = `hys_${randomBytes(32).toString('base64url')}`
      const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : undefined
      const uow = deps.tx.begin<'keyExists' | 'noSuchKey'>(now)
      if (input.replaces) {
        const old = await deps.staff.getPosKey(input.replaces)
        if (old?.storeId !== storeId) throw new DomainError('NOT_FOUND', `No API key ${input.replaces} at store ${storeId}`)
        const overlapEnds = new Date(now.getTime() + (input.overlapHours ?? 24) * 3600_000).toISOString()
        const ends = old.expiresAt && old.expiresAt < overlapEnds ? old.expiresAt : overlapEnds
        uow.add(deps.staff.endPosKeyItem(storeId, input.replaces, { expiresAt: ends }))
      }
      uow.add(
        deps.staff.posKeyItem({
          keyId,
          storeId,
          active: true,
          createdAt: now.toISOString(),
          ...(expiresAt ? { expiresAt } : {}),
          // An HMAC verifier must hold the key: it is kept envelope-encrypted, with only a fingerprint in clear.
          secretSealed: await deps.cipher.encrypt(secret, { keyId }),
          secretSha256: createHash('sha256').update(secret).digest('hex'),
        }),
        {
          item: deps.audit.eventItem(
            {
              action: input.replaces ? 'posKey.rotate' : 'posKey.create',
              actor: actorOf(actor),
              subject: `store:${storeId}`,
              details: { keyId, ...(expiresAt ? { expiresAt } : {}), ...(input.replaces ? { replaces: input.replaces } : {}) },
            },
            now,
          ),
        },
      )
      await uow.commit()
      return { keyId, storeId, secret, createdAt: isoInZone(now, TZ), expiresAt: iso(expiresAt) }
    },

    /** Revokes a store system's key: its next request is refused. */
    async revokePosKey(actor: AuthContext, storeId: string, keyId: string, now: Date) {
      try {
        await deps.tx
          .begin<'noSuchKey'>(now)
          .add(deps.staff.endPosKeyItem(storeId, keyId, { revokedAt: now.toISOString() }), {
            item: deps.audit.eventItem(
              { action: 'posKey.revoke', actor: actorOf(actor), subject: `store:${storeId}`, details: { keyId } },
              now,
            ),
          })
          .commit()
      } catch (e) {
        if (isCancelled(e, 'noSuchKey')) throw new DomainError('NOT_FOUND', `No API key ${keyId} at store ${storeId}`)
        throw e
      }
    },

    async listPosKeys(storeId: string, page: PageRequest, now: Date) {
      const p = await deps.staff.listPosKeys(storeId, page)
      return { items: p.items.map((k) => posKeyView(k, now)), nextCursor: p.nextCursor }
    },

    /** Authenticates a signed store-system request; it acts as a cashier of its store. */
    async authenticatePos(
      req: { keyId: string; method: string; pathAndQuery: string; timestamp: string; body: string; signature: string },
      now: Date,
    ): Promise<AuthContext> {
      const key = await deps.staff.getPosKey(req.keyId)
      if (!key || posKeyStatus(key, now) !== 'active') {
        throw new DomainError('SIGNATURE_INVALID', 'Unknown, revoked or expired API key')
      }
      verifySignature(await deps.cipher.decrypt(key.secretSealed, { keyId: key.keyId }), req, now)
      // A signature is good once: kept for the window in which its timestamp is accepted.
      const keepUntil = new Date((Number(req.timestamp) + MAX_SKEW_SECONDS + 60) * 1000)
      if (!(await deps.staff.claimSignature(key.keyId, req.signature.toLowerCase(), keepUntil))) {
        throw new DomainError('REQUEST_REPLAYED', 'This signed request was already received: sign each request anew')
      }
      return { openid: `pos:${key.keyId}`, memberId: null, roles: ['cashier'], storeIds: [key.storeId] }
    },
  }
}
export type StaffService = ReturnType<typeof staffService>
