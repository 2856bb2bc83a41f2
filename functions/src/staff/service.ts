import { randomBytes, randomInt, createHash } from 'node:crypto'
import { ulid } from 'ulid'
import { DomainError } from '@huiyuan/shared/errors'
import type { CreateStaffRequest, Staff } from '@huiyuan/shared/staff/schemas'
import type { EnvelopeCipher } from '../platform/crypto/envelope'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { ProgramRepository } from '../program/repository'
import type { StaffRecord, StaffRepository } from './repository'
import { verifySignature } from './pos'

/** Binding codes avoid look-alike characters (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const BINDING_CODE_TTL_HOURS = 72
const TZ = 'Asia/Shanghai'

export const newBindingCode = (): string => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export interface StaffDeps {
  staff: StaffRepository
  program: ProgramRepository
  cipher: EnvelopeCipher
}

const view = (s: StaffRecord): Staff => ({
  staffId: s.staffId,
  name: s.name,
  roles: s.roles,
  storeIds: s.storeIds,
  bound: Boolean(s.openid),
  createdAt: isoInZone(new Date(s.createdAt), TZ),
})

export const staffService = (deps: StaffDeps) => ({
  async create(input: CreateStaffRequest, now: Date) {
    for (const id of input.storeIds ?? []) {
      if (!(await deps.program.getStore(id))) throw new DomainError('STORE_NOT_FOUND', `Store ${id} does not exist`)
    }
    if (
      !input.roles.includes('admin') &&
      (input.storeIds ?? []).length === 0 &&
      input.roles.some((r) => r === 'cashier' || r === 'store_manager')
    ) {
      throw new DomainError('VALIDATION_FAILED', 'Cashiers and store managers need at least one store', {
        fields: [{ field: 'body.storeIds', message: 'at least one store', code: 'too_small' }],
      })
    }
    const record: StaffRecord = {
      staffId: ulid(now.getTime()),
      name: input.name,
      roles: input.roles,
      storeIds: input.storeIds ?? [],
      createdAt: now.toISOString(),
    }
    const code = newBindingCode()
    const expiresAt = new Date(now.getTime() + BINDING_CODE_TTL_HOURS * 3600_000)
    await deps.staff.create(record, { code, expiresAt: expiresAt.toISOString() })
    return { ...view(record), bindingCode: code, bindingCodeExpiresAt: isoInZone(expiresAt, TZ) }
  },

  async list(page: PageRequest) {
    const p = await deps.staff.list(page)
    return { items: p.items.map(view), nextCursor: p.nextCursor }
  },

  bind: (code: string, openid: string, now: Date) => deps.staff.bind(code.toUpperCase(), openid, now),

  /** Roles and stores of a WeChat identity (none if it is not bound to staff). */
  async rolesOf(openid: string): Promise<{ roles: AuthContext['roles']; storeIds: string[] }> {
    const staffId = await deps.staff.staffIdOf(openid)
    const s = staffId ? await deps.staff.get(staffId) : undefined
    return s ? { roles: s.roles, storeIds: s.storeIds } : { roles: [], storeIds: [] }
  },

  async createPosKey(storeId: string, now: Date) {
    if (!(await deps.program.getStore(storeId))) throw new DomainError('STORE_NOT_FOUND', `Store ${storeId} does not exist`)
    const keyId = `pk_${randomBytes(8).toString('hex')}`
    const secret = `hys_${randomBytes(32).toString('base64url')}`
    await deps.staff.putPosKey({
      keyId,
      storeId,
      active: true,
      createdAt: now.toISOString(),
      // An HMAC verifier must hold the key: it is kept envelope-encrypted, with only a fingerprint in clear.
      secretSealed: await deps.cipher.encrypt(secret),
      secretSha256: createHash('sha256').update(secret).digest('hex'),
    })
    return { keyId, storeId, secret, createdAt: isoInZone(now, TZ) }
  },

  /** Authenticates a signed store-system request; it acts as a cashier of its store. */
  async authenticatePos(
    req: { keyId: string; method: string; pathAndQuery: string; timestamp: string; body: string; signature: string },
    now: Date,
  ): Promise<AuthContext> {
    const key = await deps.staff.getPosKey(req.keyId)
    if (!key?.active) throw new DomainError('SIGNATURE_INVALID', 'Unknown API key')
    verifySignature(await deps.cipher.decrypt(key.secretSealed), req, now)
    return { openid: `pos:${key.keyId}`, memberId: null, roles: ['cashier'], storeIds: [key.storeId] }
  },
})
export type StaffService = ReturnType<typeof staffService>
