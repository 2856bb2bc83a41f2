import { ulid } from 'ulid'
import { DomainError } from '@huiyuan/shared/errors'
import type {
  Coupon,
  CouponTemplate,
  CouponTerms,
  CreateCouponTemplateRequest,
  CreateOfferRequest,
  Offer,
  RedeemCouponRequest,
  RedemptionResult,
} from '@huiyuan/shared/coupons/schemas'
import type { AuthContext } from '../platform/auth'
import { isoInZone } from '../platform/clock'
import type { Tx } from '../platform/tx'
import { type AuditRepository, auditItems } from '../audit/repository'
import { isCancelled, type UnitOfWork } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import type { TiersService } from '../tiers/service'
import { assertStoreAccess } from '../staff/access'
import { newCouponCode, normalizeCouponCode } from './code'
import { assertRedeemable, couponSummary, discountFor, offerAvailability, shardCountFor, splitStock, validityFor } from './rules'
import type { CouponRecord, CouponsRepository, OfferRecord, TemplateRecord, WalletRange } from './repository'
import type { PageRequest } from '../platform/cursor'
import { couponKeys, ENTITY } from '../platform/keys'
import { reportSkippedItem } from '../platform/storedItems'

const TZ = 'Asia/Shanghai'
/** Templates and offers change rarely; the sold-out flag is picked up within this. */
const CACHE_MS = 1_000
/** How stale this container's view of the stock shards may be. */
const STOCK_VIEW_MS = 500

export interface CouponsDeps {
  coupons: CouponsRepository
  tiers: TiersService
  program: ProgramRepository
  tx: Tx
  /** Admin writes (templates, offers) are audited in their own transaction. */
  audit?: AuditRepository
}

/** The face-value numbers of a template or a coupon, without absent ones. */
const termsOf = (c: CouponTerms): CouponTerms => ({
  kind: c.kind,
  thresholdFen: c.thresholdFen,
  ...(c.valueFen !== undefined ? { valueFen: c.valueFen } : {}),
  ...(c.percentPaid !== undefined ? { percentPaid: c.percentPaid } : {}),
  ...(c.capFen !== undefined ? { capFen: c.capFen } : {}),
  ...(c.itemName !== undefined ? { itemName: c.itemName } : {}),
})

export const couponView = (c: CouponRecord, now: Date): Coupon => ({
  code: c.code,
  templateId: c.templateId,
  name: c.name,
  ...termsOf(c),
  summary: c.summary,
  status: c.status === 'issued' && now.toISOString() > c.validUntil ? 'expired' : c.status,
  usable: c.status === 'issued' && now.toISOString() >= c.validFrom && now.toISOString() <= c.validUntil,
  validFrom: isoInZone(new Date(c.validFrom), TZ),
  validUntil: isoInZone(new Date(c.validUntil), TZ),
  storeIds: c.storeIds,
  source: c.source,
  issuedAt: isoInZone(new Date(c.issuedAt), TZ),
  redeemedAt: c.redeemedAt ? isoInZone(new Date(c.redeemedAt), TZ) : null,
  redeemedStoreId: c.redeemedStoreId ?? null,
})

export const templateView = (t: TemplateRecord): CouponTemplate => ({
  templateId: t.templateId,
  name: t.name,
  kind: t.kind,
  valueFen: t.valueFen,
  percentPaid: t.percentPaid,
  capFen: t.capFen,
  thresholdFen: t.thresholdFen,
  itemName: t.itemName,
  validity: t.validity,
  storeIds: t.storeIds,
  tierCodes: t.tierCodes,
  totalStock: t.totalStock,
  perMemberLimit: t.perMemberLimit,
  summary: t.summary,
  createdAt: isoInZone(new Date(t.createdAt), TZ),
})

export const couponsService = (deps: CouponsDeps) => {
  // Per-container caches: templates and offers change rarely; stock is an indication only.
  const templateCache = new Map<string, { t: TemplateRecord; at: number }>()
  const stockCache = new Map<string, { shards: number[]; at: number }>()
  /** Templates known to be sold out: claims answer OUT_OF_STOCK without any write. */
  const soldOut = new Set<string>()

  const template = async (templateId: string): Promise<TemplateRecord> => {
    const hit = templateCache.get(templateId)
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.t
    const t = await deps.coupons.getTemplate(templateId)
    if (!t) throw new DomainError('NOT_FOUND', `Coupon template ${templateId} does not exist`)
    templateCache.set(templateId, { t, at: Date.now() })
    // A stock top-up clears the flag: claims resume everywhere within the cache time.
    if (t.soldOut) soldOut.add(templateId)
    else soldOut.delete(templateId)
    return t
  }

  const offerCache = new Map<string, { o: OfferRecord | undefined; at: number }>()
  const cachedOffer = async (offerId: string) => {
    const hit = offerCache.get(offerId)
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.o
    const o = await deps.coupons.getOffer(offerId)
    offerCache.set(offerId, { o, at: Date.now() })
    return o
  }

  const remainingStock = async (t: TemplateRecord): Promise<number | null> => {
    if (t.totalStock === null) return null
    const hit = stockCache.get(t.templateId)
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.shards.reduce((a, b) => a + b, 0)
    const shards = await deps.coupons.shardStock(t.templateId, t.shards)
    stockCache.set(t.templateId, { shards, at: Date.now() })
    return shards.reduce((a, b) => a + b, 0)
  }

  /**
   * A shard to try, from this container's view of the shards (refreshed with one BatchGet
   * at most every STOCK_VIEW_MS). Shards seen empty are skipped; when none is left the
   * offer is sold out and claims answer without writing anything.
   */
  const pickShard = async (t: TemplateRecord): Promise<number> => {
    const view = stockCache.get(t.templateId)
    let shards = view && Date.now() - view.at < STOCK_VIEW_MS ? view.shards : undefined
    if (!shards) {
      shards = await deps.coupons.shardStock(t.templateId, t.shards)
      stockCache.set(t.templateId, { shards, at: Date.now() })
    }
    let candidates = shards.map((left, i) => (left > 0 ? i : -1)).filter((i) => i >= 0)
    if (candidates.length === 0) {
      const fresh = await deps.coupons.shardStock(t.templateId, t.shards, true)
      stockCache.set(t.templateId, { shards: fresh, at: Date.now() })
      candidates = fresh.map((left, i) => (left > 0 ? i : -1)).filter((i) => i >= 0)
      if (candidates.length === 0) {
        soldOut.add(t.templateId)
        // One flag for every container; written once (read first, since a failed conditional write still costs).
        if (!(await deps.coupons.getTemplate(t.templateId, true))?.soldOut) await deps.coupons.markSoldOut(t.templateId, t.totalStock)
        throw new DomainError('OUT_OF_STOCK', 'This offer is sold out')
      }
    }
    return candidates[Math.floor(Math.random() * candidates.length)]!
  }

  /** A shard whose conditional decrement failed is empty: remember it until the next refresh. */
  const shardWasEmpty = (templateId: string, shard: number) => {
    const view = stockCache.get(templateId)
    if (view) view.shards[shard] = 0
  }

  const newCoupon = (t: TemplateRecord, memberId: string, source: CouponRecord['source'], now: Date, offerId?: string): CouponRecord => ({
    code: newCouponCode(),
    memberId,
    templateId: t.templateId,
    ...(offerId ? { offerId } : {}),
    name: t.name,
    ...termsOf(t),
    summary: t.summary,
    status: 'issued',
    ...validityFor(t, now),
    storeIds: t.storeIds,
    source,
    issuedAt: now.toISOString(),
  })

  /** A new coupon's items and its `CouponClaimed` event, added to an operation's unit of work. */
  const stageIssue = <R extends string>(
    uow: UnitOfWork<R | 'shardEmpty' | 'limitReached'>,
    c: CouponRecord,
    opts: { shard: number | null; perMemberLimit: number | null },
  ) => {
    uow.add(...deps.coupons.issueItems(c, opts))
    uow.emit('CouponClaimed', {
      memberId: c.memberId,
      code: c.code,
      templateId: c.templateId,
      source: c.source,
      ...(c.offerId ? { offerId: c.offerId } : {}),
      at: c.issuedAt,
    })
  }

  /**
   * Issues one coupon of a template to a member within its stock (and, for claims, the
   * per-member limit), once per idempotency key. Never oversells: every issue decrements a
   * stock shard whose remaining count is above zero, in the same transaction.
   */
  const issue = async (
    t: TemplateRecord,
    memberId: string,
    opts: {
      operation: 'claim' | 'grant'
      key: string
      request: unknown
      source: CouponRecord['source']
      offerId?: string
      enforceLimit: boolean
      /** Refusals decided before issuing (inside the attempt, so a retry of a done claim still gets its result). */
      precheck?: () => void
    },
    now: Date,
  ): Promise<{ coupon: CouponRecord; replayed: boolean }> => {
    let tried: number | null = null
    try {
      return await deps.tx.idempotency.run<{ coupon: CouponRecord }, 'shardEmpty' | 'limitReached'>(
        { operation: opts.operation, caller: memberId, key: opts.key },
        now,
        async (uow, fp) => {
          fp.request = opts.request
          opts.precheck?.()
          if (t.totalStock !== null && soldOut.has(t.templateId)) throw new DomainError('OUT_OF_STOCK', 'This offer is sold out')
          if (opts.enforceLimit && (await deps.coupons.claimedCount(memberId, t.templateId)) >= t.perMemberLimit) {
            throw new DomainError('LIMIT_REACHED', `At most ${t.perMemberLimit} per member`, { perMemberLimit: t.perMemberLimit })
          }
          tried = t.totalStock === null ? null : await pickShard(t)
          const coupon = newCoupon(t, memberId, opts.source, now, opts.offerId)
          stageIssue(uow, coupon, { shard: tried, perMemberLimit: opts.enforceLimit ? t.perMemberLimit : null })
          return { coupon }
        },
        {
          ttlHours: opts.operation === 'grant' ? null : undefined,
          maxAttempts: 60,
          // An empty shard: remember it and try another at once.
          retryOn: (e) => {
            if (!isCancelled(e, 'shardEmpty')) return false
            if (tried !== null) shardWasEmpty(t.templateId, tried)
            return true
          },
        },
      )
    } catch (e) {
      if (isCancelled(e, 'limitReached')) {
        throw new DomainError('LIMIT_REACHED', `At most ${t.perMemberLimit} per member`, { perMemberLimit: t.perMemberLimit })
      }
      throw e
    }
  }

  return {
    async createTemplate(input: CreateCouponTemplateRequest, now: Date, actor?: AuthContext): Promise<CouponTemplate> {
      const totalStock = input.totalStock ?? null
      const shards = shardCountFor(totalStock)
      const t: TemplateRecord = {
        templateId: `T${ulid(now.getTime())}`,
        name: input.name,
        kind: input.kind,
        valueFen: input.valueFen,
        percentPaid: input.percentPaid,
        capFen: input.capFen,
        thresholdFen: input.thresholdFen ?? 0,
        itemName: input.itemName,
        validity: input.validity,
        storeIds: input.storeIds ?? [],
        tierCodes: input.tierCodes ?? [],
        totalStock,
        perMemberLimit: input.perMemberLimit ?? 1,
        summary: '',
        createdAt: now.toISOString(),
        shards,
      }
      t.summary = couponSummary(t)
      const audit = auditItems(
        deps.audit,
        actor,
        { action: 'couponTemplate.create', subject: `template:${t.templateId}`, details: { ...input } },
        now,
      )
      await deps.coupons.putTemplate(t, totalStock === null ? [] : splitStock(totalStock, shards), audit)
      return templateView(t)
    },

    async listTemplates(page: PageRequest) {
      const p = await deps.coupons.listTemplates(page)
      return {
        items: await Promise.all(p.items.map(async (t) => ({ ...templateView(t), remainingStock: await remainingStock(t) }))),
        nextCursor: p.nextCursor,
      }
    },

    async createOffer(input: CreateOfferRequest, now: Date, actor?: AuthContext): Promise<Offer> {
      const t = await template(input.templateId)
      const offer: Offer = {
        offerId: `O${ulid(now.getTime())}`,
        templateId: t.templateId,
        title: input.title,
        description: input.description ?? '',
        claimFrom: input.claimFrom,
        claimUntil: input.claimUntil,
        audienceTiers: input.audienceTiers ?? [],
        summary: t.summary,
        kind: t.kind,
        createdAt: isoInZone(now, TZ),
      }
      await deps.coupons.putOffer(
        offer,
        auditItems(deps.audit, actor, { action: 'offer.create', subject: `offer:${offer.offerId}`, details: { ...input } }, now),
      )
      return offer
    },

    listOffers: (page: PageRequest) => deps.coupons.listAllOffers(page),

    /** The offer centre of a member, ending soonest first: what they may claim, and why not otherwise. */
    async memberOffers(memberId: string, now: Date, page: PageRequest) {
      const rules = await deps.program.getRules()
      const [offers, tier] = await Promise.all([deps.coupons.listOpenOffers(now, page), deps.tiers.read(memberId, rules)])
      const counts = await deps.coupons.claimedCounts(
        memberId,
        offers.items.map((o) => o.templateId),
      )
      const shown = await Promise.all(
        offers.items.map(async (o) => {
          if (o.status === 'paused') return undefined
          const t = await template(o.templateId).catch((e) => {
            if ((e as { code?: string }).code !== 'NOT_FOUND') throw e
            // an offer of a template that does not exist cannot be shown (or claimed): leave it out
            reportSkippedItem(ENTITY.offer, couponKeys.offerKey(o.offerId), [{ path: 'templateId', message: 'no such template' }])
            return undefined
          })
          if (!t) return undefined
          const remaining = await remainingStock(t)
          const claimed = counts.get(t.templateId) ?? 0
          return {
            ...o,
            ...termsOf(t),
            totalStock: t.totalStock,
            availability: offerAvailability(
              o,
              t,
              { tierCode: tier.tierCode, claimed },
              remaining !== null && (remaining <= 0 || soldOut.has(t.templateId)),
              now,
            ),
            remainingStock: remaining,
            claimedByMe: claimed,
            perMemberLimit: t.perMemberLimit,
          }
        }),
      )
      return { items: shown.filter((o) => o !== undefined), nextCursor: offers.nextCursor }
    },

    async claim(memberId: string, offerId: string, idempotencyKey: string, now: Date) {
      const offer = await cachedOffer(offerId)
      if (!offer) throw new DomainError('NOT_FOUND', 'No such offer')
      const t = await template(offer.templateId)
      // The member's tier matters only for tier-restricted offers.
      const restricted = offer.audienceTiers.length > 0 || t.tierCodes.length > 0
      const tierCode = restricted ? (await deps.tiers.read(memberId, await deps.program.getRules())).tierCode : ''
      const r = await issue(
        t,
        memberId,
        {
          operation: 'claim',
          key: idempotencyKey,
          request: { offerId },
          source: 'offer',
          offerId,
          enforceLimit: true,
          precheck: () => {
            if (offer.status === 'paused') throw new DomainError('OFFER_PAUSED', 'Claims of this offer are paused')
            const availability = offerAvailability(offer, t, { tierCode, claimed: 0 }, false, now)
            if (availability !== 'available') {
              throw new DomainError('OFFER_NOT_AVAILABLE', `This offer is ${availability.replace('_', ' ')}`, { availability })
            }
          },
        },
        now,
      )
      return { coupon: couponView(r.coupon, now), replayed: r.replayed }
    },

    /** Issues a pack (welcome, birthday…) once per key; stock-limited templates that are sold out are skipped. */
    async grant(
      memberId: string,
      templateId: string,
      source: CouponRecord['source'],
      key: string,
      now: Date,
    ): Promise<{ coupon: CouponRecord; replayed: boolean } | null> {
      const t = await template(templateId)
      try {
        return await issue(t, memberId, { operation: 'grant', key, request: { templateId, source }, source, enforceLimit: false }, now)
      } catch (e) {
        if ((e as { code?: string }).code === 'OUT_OF_STOCK') return null
        throw e
      }
    },

    /** A coupon for a reward exchange: built here, issued in the exchange's own unit of work. */
    async couponFor(templateId: string, memberId: string, source: CouponRecord['source'], now: Date): Promise<CouponRecord> {
      return newCoupon(await template(templateId), memberId, source, now)
    },
    stageIssue,
    /**
     * A grant staged in another operation's unit of work (a campaign's send), within the
     * template's stock: null when it is sold out. A refused stock shard ('shardEmpty') is for
     * the caller to report with `shardWasEmpty` and retry.
     */
    async stageGrant<R extends string>(
      uow: UnitOfWork<R | 'shardEmpty' | 'limitReached'>,
      templateId: string,
      memberId: string,
      source: CouponRecord['source'],
      now: Date,
    ): Promise<{ coupon: CouponRecord; shard: number | null } | null> {
      const t = await template(templateId)
      if (t.totalStock !== null && soldOut.has(t.templateId)) return null
      let shard: number | null = null
      try {
        shard = t.totalStock === null ? null : await pickShard(t)
      } catch (e) {
        if ((e as { code?: string }).code === 'OUT_OF_STOCK') return null
        throw e
      }
      const coupon = newCoupon(t, memberId, source, now)
      stageIssue(uow, coupon, { shard, perMemberLimit: null })
      return { coupon, shard }
    },
    shardWasEmpty,
    couponView,
    /** Throws NOT_FOUND unless the template exists. */
    templateExists: async (templateId: string): Promise<void> => {
      await template(templateId)
    },

    /**
     * One tab of the wallet, by validity end (soonest first): usable = issued and not yet
     * ended; used = redeemed; expired = issued but lapsed, and those the daily job marked.
     */
    async wallet(memberId: string, status: 'usable' | 'used' | 'expired', now: Date, page: PageRequest = { limit: 20 }) {
      const at = now.toISOString()
      const ranges: WalletRange[] =
        status === 'usable'
          ? [{ status: 'issued', from: at }]
          : status === 'used'
            ? [{ status: 'redeemed' }]
            : [{ status: 'issued', to: at }, { status: 'expired' }]
      const p = await deps.coupons.wallet(memberId, ranges, page)
      return { items: p.items.map((c) => couponView(c, now)), nextCursor: p.nextCursor }
    },

    async myCoupon(memberId: string, code: string, now: Date): Promise<Coupon> {
      const normalized = normalizeCouponCode(code)
      const c = normalized ? await deps.coupons.getCoupon(normalized) : undefined
      if (!c || c.memberId !== memberId) throw new DomainError('COUPON_NOT_FOUND', 'No such coupon')
      return couponView(c, now)
    },

    /** 核销: the coupon is redeemed exactly once, at an eligible store, within validity, above its threshold. */
    async redeem(auth: AuthContext, req: RedeemCouponRequest, now: Date): Promise<RedemptionResult> {
      assertStoreAccess(auth, req.storeId)
      const code = normalizeCouponCode(req.couponCode)
      if (!code) throw new DomainError('COUPON_INVALID', 'This is not a valid coupon code (check digit)')
      const c = await deps.coupons.getCoupon(code)
      if (!c) throw new DomainError('COUPON_NOT_FOUND', 'No such coupon')
      const replay = (x: CouponRecord): RedemptionResult | undefined =>
        x.status === 'redeemed' && x.redeemedStoreId === req.storeId && x.redeemedOrderId === req.orderId
          ? {
              couponCode: x.code,
              name: x.name,
              summary: x.summary,
              discountFen: discountFor(x, req.orderAmountFen),
              itemName: x.itemName ?? null,
              storeId: req.storeId,
              orderId: req.orderId,
              redeemedAt: isoInZone(new Date(x.redeemedAt!), TZ),
              replayed: true,
            }
          : undefined
      const earlier = replay(c)
      if (earlier) return earlier
      assertRedeemable(c, req.storeId, req.orderAmountFen, now)
      const result: RedemptionResult = {
        couponCode: c.code,
        name: c.name,
        summary: c.summary,
        discountFen: discountFor(c, req.orderAmountFen),
        itemName: c.itemName ?? null,
        storeId: req.storeId,
        orderId: req.orderId,
        redeemedAt: isoInZone(now, TZ),
        replayed: false,
      }
      try {
        await deps.tx.retrying(async () => {
          const uow = deps.tx.begin<'notIssued'>(now)
          uow.add(
            ...deps.coupons.redeemItems(c, {
              storeId: req.storeId,
              orderId: req.orderId,
              at: now.toISOString(),
              discountFen: result.discountFen,
            }),
          )
          uow.emit('CouponRedeemed', {
            memberId: c.memberId,
            code: c.code,
            templateId: c.templateId,
            ...(c.offerId ? { offerId: c.offerId } : {}),
            storeId: req.storeId,
            orderId: req.orderId,
            discountFen: result.discountFen,
            at: result.redeemedAt,
          })
          await uow.commit()
        })
        return result
      } catch (e) {
        if (!isCancelled(e, 'notIssued')) throw e
        const again = replay((await deps.coupons.getCoupon(code))!)
        if (again) return again
        throw new DomainError('COUPON_ALREADY_REDEEMED', 'This coupon has already been redeemed')
      }
    },

    /**
     * The consequence of refunding a whole order (PRODUCT.md §6): every coupon redeemed on
     * it comes back — issued again, or expired if its validity has passed — once, with a
     * `CouponReturned` event. A partial refund never returns a coupon.
     */
    async returnRedeemedOn(storeId: string, orderId: string, now: Date): Promise<number> {
      let returned = 0
      for (const r of await deps.coupons.redemptionsOfOrder(storeId, orderId)) {
        if (r.reversedAt) continue
        const c = await deps.coupons.getCoupon(r.code)
        if (c?.status !== 'redeemed' || c.redeemedOrderId !== orderId || c.redeemedStoreId !== storeId) continue
        const back = deps.coupons.returnItems(c, storeId, orderId, now)
        const uow = deps.tx.begin<'notRedeemedThere'>(now).add(...back.items)
        uow.emit('CouponReturned', {
          memberId: c.memberId,
          code: c.code,
          storeId,
          orderId,
          status: back.status,
          templateId: c.templateId,
          ...(c.offerId ? { offerId: c.offerId } : {}),
          ...(r.discountFen !== undefined ? { discountFen: r.discountFen } : {}),
          at: isoInZone(now, TZ),
        })
        try {
          await uow.commit()
          returned++
        } catch (e) {
          if (!isCancelled(e, 'notRedeemedThere')) throw e
        }
      }
      return returned
    },
  }
}
export type CouponsService = ReturnType<typeof couponsService>
