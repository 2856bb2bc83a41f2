/**
 * The coupon catalogue as marketers manage it once coupons are out: each template and offer
 * with its stock and what was issued, claimed and redeemed (the report aggregates), and the
 * edits that stay safe — the name and copy, the end of a window, a stock top-up (atomic ADDs
 * on the template and its shards), pausing an offer. Value, kind, thresholds, stores, tiers
 * and limits — the terms members already hold coupons under — are not editable. Every edit
 * is made from the version read and audited with the fields before and after.
 */
import type { AdminCouponTemplate, AdminOffer, UpdateCouponTemplateRequest, UpdateOfferRequest } from '@huiyuan/shared/coupons/admin'
import { DomainError } from '@huiyuan/shared/errors'
import { type AuditRepository, auditItems } from '../audit/repository'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import type { AggregatesRepository } from '../reports/repository'
import type { CouponsRepository, OfferRecord, TemplateRecord } from './repository'
import { splitStock } from './rules'
import { templateView } from './service'

const TZ = 'Asia/Shanghai'

export interface CouponCatalogueDeps {
  coupons: CouponsRepository
  counts: Pick<AggregatesRepository, 'templateCounts' | 'offerCounts'>
  audit: AuditRepository
  tx: Tx
}

const refuse = (message: string, details?: unknown) => new DomainError('EDIT_NOT_ALLOWED', message, details)

/** The end of a window may move, but not into the past and not before its start. */
export function assertWindowEnd(until: string, from: string, now: Date): void {
  if (Date.parse(until) <= now.getTime()) throw refuse('The new end is in the past', { field: 'end' })
  if (Date.parse(until) <= Date.parse(from)) throw refuse('The new end is not after the start', { from })
}

/** Only the fields that change, as `{ before, after }` for the audit. */
const diff = <T extends Record<string, unknown>>(current: T, changes: Partial<T>) => ({
  before: Object.fromEntries(Object.keys(changes).map((k) => [k, current[k]])),
  after: changes,
})

export const couponCatalogue = (deps: CouponCatalogueDeps) => {
  const remainingOf = async (t: TemplateRecord): Promise<number | null> =>
    t.totalStock === null ? null : (await deps.coupons.shardStock(t.templateId, t.shards, true)).reduce((a, b) => a + b, 0)

  const templatesView = async (ts: TemplateRecord[]): Promise<AdminCouponTemplate[]> => {
    const [counts, remaining] = await Promise.all([
      deps.counts.templateCounts(ts.map((t) => t.templateId)),
      Promise.all(ts.map(remainingOf)),
    ])
    return ts.map((t, i) => {
      const c = counts.get(t.templateId)
      return {
        ...templateView(t),
        remainingStock: remaining[i]!,
        issued: c?.issued ?? 0,
        redeemed: c?.redeemed ?? 0,
        discountFen: c?.discountFen ?? 0,
        updatedAt: t.updatedAt ? isoInZone(new Date(t.updatedAt), TZ) : null,
      }
    })
  }

  const offersView = async (os: OfferRecord[]): Promise<AdminOffer[]> => {
    const templateIds = [...new Set(os.map((o) => o.templateId))]
    const [counts, templates] = await Promise.all([
      deps.counts.offerCounts(os.map((o) => o.offerId)),
      Promise.all(templateIds.map(async (id) => [id, await deps.coupons.getTemplate(id)] as const)),
    ])
    const stock = new Map(
      await Promise.all(
        templates.map(async ([id, t]) => [id, t ? { total: t.totalStock, remaining: await remainingOf(t) } : undefined] as const),
      ),
    )
    return os.map((o) => {
      const c = counts.get(o.offerId)
      const s = stock.get(o.templateId)
      return {
        offerId: o.offerId,
        templateId: o.templateId,
        title: o.title,
        description: o.description,
        claimFrom: o.claimFrom,
        claimUntil: o.claimUntil,
        audienceTiers: o.audienceTiers,
        summary: o.summary,
        kind: o.kind,
        createdAt: o.createdAt,
        status: o.status ?? 'active',
        totalStock: s?.total ?? null,
        remainingStock: s?.remaining ?? null,
        claimed: c?.claimed ?? 0,
        redeemed: c?.redeemed ?? 0,
        discountFen: c?.discountFen ?? 0,
        updatedAt: o.updatedAt ? isoInZone(new Date(o.updatedAt), TZ) : null,
      }
    })
  }

  const getTemplateRecord = async (templateId: string): Promise<TemplateRecord> => {
    const t = await deps.coupons.getTemplate(templateId, true)
    if (!t) throw new DomainError('NOT_FOUND', `Coupon template ${templateId} does not exist`)
    return t
  }
  const getOfferRecord = async (offerId: string): Promise<OfferRecord> => {
    const o = await deps.coupons.getOffer(offerId, true)
    if (!o) throw new DomainError('NOT_FOUND', `Offer ${offerId} does not exist`)
    return o
  }

  return {
    async listTemplates(page: PageRequest) {
      const p = await deps.coupons.listTemplates(page)
      return { items: await templatesView(p.items), nextCursor: p.nextCursor }
    },

    async getTemplate(templateId: string): Promise<AdminCouponTemplate> {
      return (await templatesView([await getTemplateRecord(templateId)]))[0]!
    },

    async updateTemplate(actor: AuthContext, templateId: string, patch: UpdateCouponTemplateRequest, now: Date) {
      await deps.tx.retrying(async () => {
        const t = await getTemplateRecord(templateId)
        const changes: Partial<Pick<TemplateRecord, 'name' | 'validity'>> = {}
        if (patch.name !== undefined && patch.name !== t.name) changes.name = patch.name
        if (patch.validUntil !== undefined) {
          if (t.validity.type !== 'fixed') throw refuse('Only a fixed validity has an end to move; a relative one counts from each claim')
          assertWindowEnd(patch.validUntil, t.validity.from, now)
          if (Date.parse(patch.validUntil) !== Date.parse(t.validity.until)) changes.validity = { ...t.validity, until: patch.validUntil }
        }
        let addPerShard: number[] = []
        if (patch.addStock !== undefined) {
          if (t.totalStock === null) throw refuse('This template has unlimited stock')
          addPerShard = splitStock(patch.addStock, t.shards)
        }
        if (Object.keys(changes).length === 0 && addPerShard.length === 0) return
        const { before, after } = diff(t as unknown as Record<string, unknown>, changes)
        const uow = deps.tx.begin(now).add(...deps.coupons.updateTemplateItems(t, changes, addPerShard, now.toISOString()))
        const details =
          patch.addStock !== undefined
            ? { before: { ...before, totalStock: t.totalStock }, after: { ...after, totalStock: (t.totalStock ?? 0) + patch.addStock } }
            : { before, after }
        for (const item of auditItems(
          deps.audit,
          actor,
          { action: 'couponTemplate.update', subject: `template:${templateId}`, details },
          now,
        ))
          uow.add({ item })
        await uow.commit()
      })
      return this.getTemplate(templateId)
    },

    async listOffers(page: PageRequest) {
      const p = await deps.coupons.listAllOffers(page)
      return { items: await offersView(p.items), nextCursor: p.nextCursor }
    },

    async getOffer(offerId: string): Promise<AdminOffer> {
      return (await offersView([await getOfferRecord(offerId)]))[0]!
    },

    async updateOffer(actor: AuthContext, offerId: string, patch: UpdateOfferRequest, now: Date) {
      await deps.tx.retrying(async () => {
        const o = await getOfferRecord(offerId)
        const changes: Partial<Pick<OfferRecord, 'title' | 'description' | 'claimUntil' | 'status'>> = {}
        if (patch.title !== undefined && patch.title !== o.title) changes.title = patch.title
        if (patch.description !== undefined && patch.description !== o.description) changes.description = patch.description
        if (patch.claimUntil !== undefined && Date.parse(patch.claimUntil) !== Date.parse(o.claimUntil)) {
          assertWindowEnd(patch.claimUntil, o.claimFrom, now)
          changes.claimUntil = patch.claimUntil
        }
        if (patch.status !== undefined && patch.status !== (o.status ?? 'active')) changes.status = patch.status
        if (Object.keys(changes).length === 0) return
        const uow = deps.tx.begin(now).add(deps.coupons.updateOfferItem(o, changes, now.toISOString()))
        const details = diff({ ...o, status: o.status ?? 'active' } as unknown as Record<string, unknown>, changes)
        for (const item of auditItems(deps.audit, actor, { action: 'offer.update', subject: `offer:${offerId}`, details }, now))
          uow.add({ item })
        await uow.commit()
      })
      return this.getOffer(offerId)
    },
  }
}
export type CouponCatalogue = ReturnType<typeof couponCatalogue>
