/**
 * The member's privacy rights (PRODUCT.md §12): a copy of everything held about them, and
 * erasure. The export reads the member's own partition and wallet and maps each kind of
 * item through its schema, field by field: nothing internal (keys, ciphertexts, hashes,
 * idempotency records) can leave.
 */
import { DomainError } from '@huiyuan/shared/errors'
import { type ConsentRecord, MyDataExport } from '@huiyuan/shared/privacy/schemas'
import type { ZodType } from 'zod'
import { coreKeys, couponKeys, keys } from '../platform/keys'
import { isoInZone } from '../platform/clock'
import type { Db } from '../platform/db'
import { queryPartition } from '../platform/db'
import { logger } from '../platform/logger'
import type { Tx } from '../platform/tx'
import { isCancelled } from '../platform/unitOfWork'
import type { MembersRepository } from '../members/repository'
import type { MembersService } from '../members/service'
import type { ProgramRepository } from '../program/repository'
import type { StatusMatchRepository } from '../statusMatch/repository'
import { tierSummaryOf } from '../tiers/service'

const TZ = 'Asia/Shanghai'

export interface PrivacyDeps {
  db: Db
  members: MembersRepository
  card: Pick<MembersService, 'getCard'>
  statusMatch: Pick<StatusMatchRepository, 'erasureItems' | 'key' | 'photoKey' | 'recordOf' | 'photoOf'>
  program: Pick<ProgramRepository, 'getRules'>
  tx: Tx
}

type Section = keyof Pick<MyDataExport, 'ledger' | 'coupons' | 'purchases' | 'checkins' | 'notices' | 'consents'>
const element = <K extends Section>(k: K) => (MyDataExport.shape[k] as unknown as { element: ZodType }).element

/** One stored item → its export line, or undefined (skipped and counted) when it does not fit. */
const line = <K extends Section>(section: K, value: unknown): MyDataExport[K][number] | undefined => {
  const r = element(section).safeParse(value)
  if (r.success) return r.data as MyDataExport[K][number]
  logger.warn('export skipped an item that does not match its schema', { section })
  return undefined
}

const at = (iso: unknown) => (typeof iso === 'string' && iso ? isoInZone(new Date(iso), TZ) : iso)

/** Which section a member-partition item belongs to, by its sort key, and how it reads there. */
function exportLine(item: Record<string, unknown>) {
  const sk = String(item.SK)
  if (sk.startsWith(coreKeys.anyAccountEntryPrefix())) {
    return {
      section: 'ledger' as const,
      value: { at: at(item.createdAt), kind: item.kind, type: item.type, delta: item.delta, description: item.description },
    }
  }
  if (sk.startsWith(keys.purchasePrefix()) || sk.startsWith(keys.refundRecordPrefix())) {
    return {
      section: 'purchases' as const,
      value: {
        kind: item.kind,
        at: at(item.createdAt),
        storeId: item.storeId,
        orderId: item.orderId,
        ...(item.refundId ? { refundId: item.refundId } : {}),
        amountFen: item.amountFen,
        points: item.points,
        ...(Array.isArray(item.items) && item.items.length ? { items: item.items } : {}),
      },
    }
  }
  if (sk.startsWith(keys.checkinPrefix()))
    return { section: 'checkins' as const, value: { date: item.date, points: item.points, streak: item.streak ?? 1 } }
  if (sk.startsWith(keys.noticePrefix())) {
    return { section: 'notices' as const, value: { at: at(item.createdAt), kind: item.kind, title: item.title, body: item.body } }
  }
  if (sk.startsWith(keys.consentPrefix())) {
    return {
      section: 'consents' as const,
      value: {
        kind: item.kind,
        granted: item.granted,
        ...(item.version ? { version: item.version } : {}),
        source: item.source,
        at: at(item.at),
      },
    }
  }
  return undefined
}

export const privacyService = (deps: PrivacyDeps) => ({
  /** Everything held about the member, as they would read it. */
  async exportMine(memberId: string, now: Date): Promise<MyDataExport> {
    const [card, m, partition, wallet, rules] = await Promise.all([
      deps.card.getCard(memberId, now),
      deps.members.getMember(memberId),
      queryPartition(deps.db, keys.memberPartition(memberId)),
      queryPartition(deps.db, couponKeys.walletPartition(memberId), 'GSI1'),
      deps.program.getRules(),
    ])
    if (!m || m.erasedAt) throw new DomainError('NOT_FOUND', 'Member not found')
    const out: Pick<MyDataExport, Section> = { ledger: [], coupons: [], purchases: [], checkins: [], notices: [], consents: [] }
    const bySk = (key: { SK: string }) => partition.find((i) => i.SK === key.SK)
    const matched = deps.statusMatch.recordOf(bySk(deps.statusMatch.key(memberId)))
    for (const item of partition) {
      const l = exportLine(item)
      if (!l) continue
      const v = line(l.section, l.value)
      if (v) (out[l.section] as unknown[]).push(v)
    }
    for (const c of wallet) {
      const v = line('coupons', {
        code: c.code,
        name: c.name,
        summary: c.summary,
        status: c.status,
        source: c.source,
        issuedAt: at(c.issuedAt),
        validUntil: at(c.validUntil),
        ...(c.redeemedAt ? { redeemedAt: at(c.redeemedAt), redeemedStoreId: c.redeemedStoreId } : {}),
      })
      if (v) out.coupons.push(v)
    }
    // By time; at joining, the policy before marketing.
    const rank = (c: ConsentRecord) => `${c.at}#${c.kind === 'privacy' ? 0 : 1}`
    out.consents.sort((a, b) => rank(a).localeCompare(rank(b)))
    return {
      exportedAt: isoInZone(now, TZ),
      profile: {
        memberId: card.memberId,
        cardNo: card.cardNo,
        name: card.name,
        mobile: card.mobile,
        birthday: card.birthday,
        gender: card.gender,
        joinStoreId: card.joinStoreId,
        joinChannel: m.joinChannel,
        joinedAt: card.joinedAt,
        tier: card.tier,
        marketingConsent: card.marketingConsent,
        privacyConsentVersion: card.privacyConsentVersion,
      },
      balances: { points: card.points, storedValueFen: card.storedValueFen },
      ...out,
      statusMatch: matched
        ? {
            partner: matched.partner,
            partnerTier: matched.partnerTier,
            partnerCardNo: matched.partnerCardNo,
            from: tierSummaryOf(rules, matched.fromTierCode),
            to: tierSummaryOf(rules, matched.tierCode),
            storeId: matched.storeId,
            approvedAt: isoInZone(new Date(matched.approvedAt), TZ),
            photo: deps.statusMatch.photoOf(bySk(deps.statusMatch.photoKey(memberId))),
          }
        : null,
    }
  },

  /**
   * Erasure, in one unit of work: the profile anonymised, the identity and card links
   * deleted (tokens and member codes stop working on their next use), marketing consent
   * withdrawn on the record, a status match's partner card and photo deleted, and a
   * `MemberErased` event. Ledgers and purchases stay for
   * accounting, carrying only the member id and card number.
   */
  async erase(memberId: string, now: Date) {
    const m = await deps.members.getMember(memberId)
    if (!m || m.erasedAt) throw new DomainError('NOT_FOUND', 'Member not found')
    const iso = now.toISOString()
    const uow = deps.tx.begin<'alreadyErased'>(now).add(...deps.members.erasureItems(m, iso), ...deps.statusMatch.erasureItems(memberId))
    if (m.marketingConsent) uow.add(deps.members.consentItem(memberId, { kind: 'marketing', granted: false, source: 'erasure', at: iso }))
    uow.emit('MemberErased', { memberId, storeId: m.joinStoreId, erasedAt: isoInZone(now, TZ) })
    try {
      await uow.commit()
    } catch (e) {
      if (isCancelled(e, 'alreadyErased')) throw new DomainError('NOT_FOUND', 'Member not found')
      throw e
    }
    return {
      erasedAt: isoInZone(now, TZ),
      retained: [
        '积分和储值流水（仅含会员编号，用于财务核算）',
        '消费和退货记录（仅含会员编号和卡号，用于财务核算）',
        '同意记录（证明你曾同意及撤回的时间）',
        '邀请记录中不可还原的身份摘要（仅用于防止用旧账号邀请自己）',
      ],
    }
  },
})
export type PrivacyService = ReturnType<typeof privacyService>
