/**
 * Stores in the console: list, open, edit and close them (audited), and each store's join
 * QR. A closed store stays readable — its members keep everything — but refuses new joins
 * and till purchases (members/service.ts, purchases/service.ts read `active`).
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { AdminStore, CreateStoreRequest, StoreJoinCode, UpdateStoreRequest } from '@huiyuan/shared/stores/schemas'
import { actorOf, type AuditRepository } from '../audit/repository'
import type { WechatClient } from '../auth/wechat'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import { assertStoreAccess } from '../staff/access'
import type { StoreRecord, StoresRepository } from './repository'

/** The mini-program page a store QR opens; it reads `scene` (miniprogram/src/services/scene.ts). */
export const JOIN_PAGE = 'pages/join/index'

/** The scene of a store's join QR: `s=<storeId>`, at most 32 characters (WeChat's limit). */
export const joinScene = (storeId: string): string => {
  const scene = `s=${storeId}`
  if (scene.length > 32) throw new Error(`store id ${storeId} is too long for a QR scene`)
  return scene
}

/** The H5 app's join page for a scene (hash routing, as the H5 build serves it). */
export const h5JoinLink = (h5Origin: string, scene: string): string =>
  `${h5Origin.replace(/\/+$/, '')}/#/${JOIN_PAGE}?scene=${encodeURIComponent(scene)}`

export interface StoresDeps {
  stores: StoresRepository
  program: Pick<ProgramRepository, 'forgetStore'>
  audit: AuditRepository
  tx: Tx
  /**
   * How join QRs are made: `link` (stage local: the H5 join page, which the console draws as
   * a QR) or `wxacode` (WeChat's mini-program code, asked for once per store and kept).
   */
  joinCodes: { kind: 'link'; h5Origin: string } | { kind: 'wxacode'; wechat: () => WechatClient }
}

const TZ = 'Asia/Shanghai'

const view = (s: StoreRecord): AdminStore => ({
  storeId: s.storeId,
  name: s.name,
  city: s.city,
  address: s.address,
  active: s.active,
  updatedAt: s.updatedAt ? isoInZone(new Date(s.updatedAt), TZ) : null,
})

/** Marketers and admins see every store; a store manager (only) their own. */
const seesAll = (auth: AuthContext) => auth.roles.includes('admin') || auth.roles.includes('marketer')
const assertSees = (auth: AuthContext, storeId: string) => {
  if (!seesAll(auth)) assertStoreAccess(auth, storeId)
}

const shape = (s: StoreRecord) => ({ name: s.name, city: s.city, address: s.address, active: s.active })

export const storesService = (deps: StoresDeps) => {
  const existing = async (storeId: string): Promise<StoreRecord> => {
    const s = await deps.stores.get(storeId)
    if (!s) throw new DomainError('NOT_FOUND', `No store ${storeId}`)
    return s
  }
  return {
    async list(auth: AuthContext, page: PageRequest) {
      const p = await deps.stores.list(page, seesAll(auth) ? undefined : auth.storeIds)
      return { items: p.items.map(view), nextCursor: p.nextCursor }
    },

    async get(auth: AuthContext, storeId: string): Promise<AdminStore> {
      assertSees(auth, storeId)
      return view(await existing(storeId))
    },

    /** Opens a store; its id is unique (409 STORE_EXISTS). */
    async create(auth: AuthContext, input: CreateStoreRequest, now: Date): Promise<AdminStore> {
      const store: StoreRecord = { ...input, active: true, createdAt: now.toISOString(), updatedAt: now.toISOString() }
      await deps.tx.retrying(async () => {
        try {
          await deps.tx
            .begin<'storeExists'>(now)
            .add(deps.stores.createItem(store), {
              item: deps.audit.eventItem(
                { action: 'store.create', actor: actorOf(auth), subject: `store:${store.storeId}`, details: shape(store) },
                now,
              ),
            })
            .commit()
        } catch (e) {
          if (isCancelled(e, 'storeExists')) throw new DomainError('STORE_EXISTS', `Store ${input.storeId} already exists`)
          throw e
        }
      })
      deps.program.forgetStore(store.storeId)
      return view(store)
    },

    /** Renames, moves, closes (`active: false`) or reopens a store, with its before and after audited. */
    async update(auth: AuthContext, storeId: string, patch: UpdateStoreRequest, now: Date): Promise<AdminStore> {
      const next = await deps.tx.retrying(async () => {
        const current = await existing(storeId)
        const after: StoreRecord = { ...current, ...patch, updatedAt: now.toISOString() }
        const action =
          patch.active === false && current.active ? 'store.close' : patch.active && !current.active ? 'store.reopen' : 'store.update'
        await deps.tx
          .begin<'stale'>(now)
          .add(deps.stores.updateItem(current, patch, now), {
            item: deps.audit.eventItem(
              { action, actor: actorOf(auth), subject: `store:${storeId}`, details: { before: shape(current), after: shape(after) } },
              now,
            ),
          })
          .commit()
        return after
      })
      deps.program.forgetStore(storeId)
      return view(next)
    },

    /**
     * The store's join QR. Locally a link to the H5 join page; elsewhere WeChat's mini-program
     * code, made once per store and scene and kept in the table. A closed store has none.
     */
    async joinCode(auth: AuthContext, storeId: string, now: Date): Promise<StoreJoinCode> {
      assertSees(auth, storeId)
      const store = await existing(storeId)
      if (!store.active) throw new DomainError('STORE_CLOSED', `Store ${storeId} is closed: it takes no new members`)
      const scene = joinScene(storeId)
      const base = { storeId, scene, page: JOIN_PAGE }
      if (deps.joinCodes.kind === 'link') return { ...base, kind: 'link', url: h5JoinLink(deps.joinCodes.h5Origin, scene) }
      let code = await deps.stores.getJoinCode(storeId, scene)
      if (!code) {
        code = await deps.joinCodes.wechat().miniProgramCode({ scene, page: JOIN_PAGE })
        await deps.stores.putJoinCode(storeId, scene, code, now)
      }
      return { ...base, kind: 'wxacode', pngBase64: Buffer.from(code.image).toString('base64') }
    },
  }
}
export type StoresService = ReturnType<typeof storesService>
