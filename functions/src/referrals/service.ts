/**
 * Referrals (推荐有礼, PRODUCT.md §8; README.md here). A member's invite token lives in their
 * mini-program code's scene; a friend who joins with it is recorded in the join's own unit of
 * work (`resolveInvite` + `stageJoin`) and the `MemberJoined` event carries the referrer. The
 * rewards are consequences of events (consumers.ts): on the join or on the friend's first
 * qualifying purchase, both are rewarded in one unit of work with a `ReferralRewarded` event;
 * a full refund of that purchase within the clawback window takes both rewards back.
 */
import { isDomainError } from '@huiyuan/shared/errors'
import type { MyReferral, ReferralRules } from '@huiyuan/shared/referrals/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type { AccountsService } from '../accounts'
import type { Account } from '../accounts/account'
import { monthLot } from '../accounts/model'
import type { WechatClient } from '../auth/wechat'
import type { CouponRecord, CouponsRepository } from '../coupons/repository'
import type { CouponsService } from '../coupons/service'
import type { InboxRepository } from '../inbox/repository'
import { ERASED_NAME, type MembersRepository } from '../members/repository'
import { calendarDate, isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import { newShortCode } from '../platform/shortCode'
import type { Tx } from '../platform/tx'
import { isCancelled, type UnitOfWork } from '../platform/unitOfWork'
import type { ProgramRepository } from '../program/repository'
import { h5JoinLink, JOIN_PAGE } from '../stores/service'
import type { ReferralRecord, ReferralsRepository, RewardSide } from './repository'

export interface ReferralsDeps {
  referrals: ReferralsRepository
  members: Pick<MembersRepository, 'getMember' | 'getMembers'>
  accounts: AccountsService
  coupons: Pick<CouponsService, 'stageGrant' | 'shardWasEmpty'>
  couponsRepo: Pick<CouponsRepository, 'getTemplate' | 'getCoupon' | 'revokeItem'>
  inbox: Pick<InboxRepository, 'noticeItem'>
  program: Pick<ProgramRepository, 'getRules' | 'getStore' | 'listStores'>
  tx: Tx
  /** A keyed, irreversible hash (the phone lookup's), for the WeChat identity and the phone. */
  identityHash: (value: string) => string
  /** How codes are made: the H5 join link (stage local) or WeChat's mini-program code, kept. */
  codes: { kind: 'link'; h5Origin: string } | { kind: 'wxacode'; wechat: () => WechatClient }
}

/** The scene of a referrer's code: the store to join at and the token, within WeChat's 32 characters. */
export const referralScene = (storeId: string, token: string) => {
  const scene = `s=${storeId}&r=${token}`
  if (scene.length > 32) throw new Error(`store id ${storeId} is too long for a referral scene`)
  return scene
}
/** 李四 → 李* (the friends list and the leaderboard show the family name only). */
export const surnameOnly = (name: string) => `${[...name][0] ?? ''}*`

/** How far up the chain of referrers a loop is looked for. */
const LOOP_DEPTH = 10

export type InviteRefusal = 'off' | 'unknown' | 'referrer_gone' | 'self' | 'loop'
export type Invite = { referrerId: string; token: string } | { refused: InviteRefusal }

const side = (r: ReferralRules['referrer']): RewardSide => ({ points: r.points, couponCodes: [] })

export const referralsService = (deps: ReferralsDeps) => {
  const hashes = (openid: string, mobileHash: string) => ({ openidHash: deps.identityHash(`openid:${openid}`), mobileHash })

  /** The member's referrer record, made (with a fresh token) the first time it is asked for. */
  const referrerOf = async (memberId: string, now: Date) => {
    for (let i = 0; ; i++) {
      const [item] = await deps.tx.read([deps.referrals.referrerKey(memberId)])
      const found = deps.referrals.referrerOf(item)
      if (found) return found
      const m = await deps.members.getMember(memberId)
      if (!m || m.erasedAt || !m.openid) throw new Error(`member ${memberId} cannot refer`)
      const r = { memberId, token: newShortCode(), ...hashes(m.openid, m.mobileHash) }
      try {
        await deps.tx
          .begin<'referrerExists' | 'tokenTaken'>(now)
          .add(...deps.referrals.newReferrerItems(r, now.toISOString()))
          .commit()
      } catch (e) {
        if ((isCancelled(e, 'tokenTaken') && i < 5) || isCancelled(e, 'referrerExists')) continue
        throw e
      }
    }
  }

  /** The store a friend joins at: the referrer's own while it is open, else the first open one. */
  const storeFor = async (joinStoreId: string) => {
    const own = await deps.program.getStore(joinStoreId)
    if (own?.active) return own.storeId
    return (await deps.program.listStores()).find((s) => s.active)?.storeId ?? joinStoreId
  }

  const rewardView = async (r: ReferralRules['referrer']) => ({
    points: r.points,
    coupons: (
      await Promise.all(
        r.templateIds.map(async (templateId) => {
          const t = await deps.couponsRepo.getTemplate(templateId)
          return t ? { templateId, name: t.name } : null
        }),
      )
    ).filter((c): c is { templateId: string; name: string } => c !== null),
  })

  /**
   * Grants one side's coupons in the unit of work; a template gone or sold out is skipped. The
   * stock shards drawn on are noted, so a refused one ('shardEmpty') is not drawn on again.
   */
  const grantCoupons = async (
    uow: UnitOfWork<string>,
    templateIds: string[],
    memberId: string,
    now: Date,
    shards: Array<{ templateId: string; shard: number }>,
  ) => {
    const codes: string[] = []
    for (const templateId of templateIds) {
      const granted = await deps.coupons
        .stageGrant(uow as UnitOfWork<'shardEmpty' | 'limitReached'>, templateId, memberId, 'referral', now)
        .catch((e: unknown) => {
          if (isDomainError(e) && e.code === 'NOT_FOUND') return null
          throw e
        })
      if (!granted) continue
      codes.push(granted.coupon.code)
      if (granted.shard !== null) shards.push({ templateId, shard: granted.shard })
    }
    return codes
  }

  const credit = (
    uow: UnitOfWork<string>,
    account: Account,
    points: number,
    sourceRef: string,
    description: string,
    rules: ProgramRules,
    today: string,
  ) => {
    const month = today.slice(0, 7)
    account.credit(uow as UnitOfWork<'replay'>, points, {
      type: 'referral',
      sourceRef,
      description,
      lot: monthLot(month, rules.points.validityMonths),
    })
  }

  return {
    /** An erased friend is no longer named in their referrer's list. */
    async forgetFriend(friendId: string, now: Date) {
      const [item] = await deps.tx.read([deps.referrals.referralKey(friendId)])
      const referral = deps.referrals.referralOf(item)
      const listed = referral && (await deps.referrals.getFriend(referral.referrerId, friendId))
      if (!listed || listed.name === ERASED_NAME) return
      await deps.tx
        .begin(now)
        .add(deps.referrals.friendItem(referral.referrerId, { ...listed, name: ERASED_NAME }))
        .commit()
    },

    /**
     * Whether a join may count as an invitation of `token`'s member: not when referrals are
     * off, the token is unknown, its member has left (erased — a member re-joining with their
     * own old code included), the friend is that member (same WeChat identity or phone), or
     * the friend already appears up the chain of whoever invited the referrer (a loop).
     */
    async resolveInvite(token: string, joiner: { openid: string; mobileHash: string }, rules: ProgramRules): Promise<Invite> {
      if (!rules.referral.enabled) return { refused: 'off' }
      const [tokenItem] = await deps.tx.read([deps.referrals.tokenKey(token.toUpperCase())])
      const referrerId = deps.referrals.memberOfToken(tokenItem)
      if (!referrerId) return { refused: 'unknown' }
      const referrer = await deps.members.getMember(referrerId)
      if (!referrer || referrer.erasedAt) return { refused: 'referrer_gone' }
      const mine = hashes(joiner.openid, joiner.mobileHash)
      const same = (r: { openidHash: string; mobileHash: string } | undefined) =>
        Boolean(r && (r.openidHash === mine.openidHash || r.mobileHash === mine.mobileHash))
      let at: string | undefined = referrerId
      for (let depth = 0; at && depth <= LOOP_DEPTH; depth++) {
        const [node, referral] = await deps.tx.read([deps.referrals.referrerKey(at), deps.referrals.referralKey(at)])
        if (same(deps.referrals.referrerOf(node))) return { refused: depth === 0 ? 'self' : 'loop' }
        at = deps.referrals.referralOf(referral)?.referrerId
      }
      return { referrerId, token: token.toUpperCase() }
    },

    /** The friend's referral, in the friend's list and counted for the referrer, in the join's unit of work. */
    stageJoin<R extends string>(
      uow: UnitOfWork<R | 'alreadyReferred'>,
      invite: { referrerId: string },
      friend: { memberId: string; name: string; joinedAt: string },
    ) {
      uow.add(
        deps.referrals.newReferralItem({ friendId: friend.memberId, referrerId: invite.referrerId, joinedAt: friend.joinedAt }),
        deps.referrals.friendItem(invite.referrerId, {
          friendId: friend.memberId,
          name: surnameOnly(friend.name),
          joinedAt: friend.joinedAt,
          status: 'pending',
          points: 0,
          coupons: 0,
          overCap: false,
        }),
        deps.referrals.referrerCountsItem(invite.referrerId, { joined: 1 }),
      )
    },

    /** The member's invitation: token, code, the rewards on offer, the counts and the friends (a page). */
    async mine(memberId: string, page: PageRequest, now: Date): Promise<MyReferral> {
      const rules = await deps.program.getRules()
      const referral = rules.referral
      const month = calendarDate(now, rules.timeZone).slice(0, 7)
      const [r, m] = await Promise.all([referrerOf(memberId, now), deps.members.getMember(memberId)])
      const scene = referralScene(await storeFor(m!.joinStoreId), r.token)
      const [monthItem] = await deps.tx.read([deps.referrals.monthKey(memberId, month)])
      const rewardedThisMonth = deps.referrals.monthCountOf(monthItem)
      const [friends, referrerReward, friendReward] = await Promise.all([
        deps.referrals.friends(memberId, page),
        rewardView(referral.referrer),
        rewardView(referral.friend),
      ])
      let code: Pick<MyReferral, 'kind' | 'url' | 'pngBase64'>
      if (deps.codes.kind === 'link') code = { kind: 'link', url: h5JoinLink(deps.codes.h5Origin, scene) }
      else {
        let image = await deps.referrals.getCode(memberId, scene)
        if (!image) {
          image = (await deps.codes.wechat().miniProgramCode({ scene, page: JOIN_PAGE })).image
          await deps.referrals.putCode(memberId, scene, image, now)
        }
        code = { kind: 'wxacode', pngBase64: Buffer.from(image).toString('base64') }
      }
      return {
        enabled: referral.enabled,
        programName: rules.name,
        token: r.token,
        scene,
        page: JOIN_PAGE,
        ...code,
        rules: {
          rewardOn: referral.rewardOn,
          minPurchaseFen: referral.minPurchaseFen,
          referrer: referrerReward,
          friend: friendReward,
          monthlyCap: referral.monthlyCap,
          clawbackDays: referral.clawbackDays,
        },
        stats: {
          joined: r.joined,
          rewarded: r.rewarded,
          pending: Math.max(0, r.joined - r.rewarded - r.clawedBack),
          pointsEarned: r.pointsEarned,
          couponsEarned: r.couponsEarned,
          rewardedThisMonth,
          leftThisMonth: Math.max(0, referral.monthlyCap - rewardedThisMonth),
        },
        items: friends.items.map((f) => ({
          name: f.name,
          joinedAt: isoInZone(new Date(f.joinedAt), rules.timeZone),
          status: f.status,
          points: f.points,
          coupons: f.coupons,
          overCap: f.overCap,
        })),
        nextCursor: friends.nextCursor,
      }
    },

    /**
     * Rewards a friend's referral once: when they joined (rewardOn join) or on a purchase
     * paying at least the minimum (rewardOn first_purchase; a referral left waiting when the
     * program switched to rewards on joining is rewarded by the purchase too). The friend gets
     * theirs; the referrer theirs unless they have left or the month's cap is reached.
     */
    async reward(
      friendId: string,
      cause: { kind: 'join' } | { kind: 'purchase'; storeId: string; orderId: string; amountFen: number },
      now: Date,
    ) {
      const rules = await deps.program.getRules()
      const settings = rules.referral
      if (!settings.enabled) return
      if (cause.kind === 'join' && settings.rewardOn !== 'join') return
      if (cause.kind === 'purchase' && settings.rewardOn === 'first_purchase' && cause.amountFen < settings.minPurchaseFen) return
      const today = calendarDate(now, rules.timeZone)
      const month = today.slice(0, 7)
      let overCap = false
      for (let tries = 0; ; tries++) {
        const shards: Array<{ templateId: string; shard: number }> = []
        const done = await deps.tx.retrying(async () => {
          shards.length = 0
          const [refItem] = await deps.tx.read([deps.referrals.referralKey(friendId)])
          const referral = deps.referrals.referralOf(refItem)
          if (referral?.status !== 'pending') return true
          const referrerId = referral.referrerId
          const [monthItem, friendPoints, referrerPoints] = await deps.tx.read([
            deps.referrals.monthKey(referrerId, month),
            deps.accounts.key(friendId, 'points'),
            deps.accounts.key(referrerId, 'points'),
          ])
          const [referrer, friend] = await deps.members.getMembers([referrerId, friendId])
          if (!friend || friend.erasedAt) return true
          const referrerGets =
            !overCap && Boolean(referrer && !referrer.erasedAt) && deps.referrals.monthCountOf(monthItem) < settings.monthlyCap
          const uow = deps.tx.begin<'stale' | 'replay' | 'capReached' | 'shardEmpty' | 'limitReached'>(now)
          const friendSide = side(settings.friend)
          credit(
            uow,
            deps.accounts.fromItem(friendId, 'points', friendPoints),
            friendSide.points,
            `referral:friend:${friendId}`,
            '好友邀请 · 入会奖励',
            rules,
            today,
          )
          friendSide.couponCodes = await grantCoupons(uow, settings.friend.templateIds, friendId, now, shards)
          const referrerSide: RewardSide = referrerGets ? side(settings.referrer) : { points: 0, couponCodes: [] }
          if (referrerGets) {
            uow.add(deps.referrals.monthItem(referrerId, month, settings.monthlyCap))
            credit(
              uow,
              deps.accounts.fromItem(referrerId, 'points', referrerPoints),
              referrerSide.points,
              `referral:${friendId}`,
              '邀请好友奖励',
              rules,
              today,
            )
            referrerSide.couponCodes = await grantCoupons(uow, settings.referrer.templateIds, referrerId, now, shards)
          }
          const after: Omit<ReferralRecord, 'version'> = {
            ...referral,
            status: 'rewarded',
            rewardedAt: now.toISOString(),
            referrerReward: referrerSide,
            friendReward: friendSide,
            ...(cause.kind === 'purchase' ? { storeId: cause.storeId, orderId: cause.orderId } : {}),
          }
          const prior = await deps.referrals.getFriend(referrerId, friendId)
          uow.add(
            deps.referrals.referralItem(referral, after),
            deps.referrals.referrerCountsItem(referrerId, {
              rewarded: 1,
              pointsEarned: referrerSide.points,
              couponsEarned: referrerSide.couponCodes.length,
            }),
            deps.referrals.friendItem(referrerId, {
              friendId,
              name: prior?.name ?? surnameOnly(friend.name),
              joinedAt: referral.joinedAt,
              status: 'rewarded',
              points: referrerSide.points,
              coupons: referrerSide.couponCodes.length,
              overCap: !referrerGets,
            }),
            deps.inbox.noticeItem(friendId, { kind: 'referral', title: '好友邀请奖励已到账', body: giftText(friendSide) }, now),
          )
          if (referrerGets)
            uow.add(
              deps.inbox.noticeItem(
                referrerId,
                {
                  kind: 'referral',
                  title: `好友${surnameOnly(friend.name)}${cause.kind === 'join' ? '已加入' : '完成首单'}`,
                  body: giftText(referrerSide),
                },
                now,
              ),
            )
          uow.emit('ReferralRewarded', {
            referrerId,
            friendId,
            ...(cause.kind === 'purchase' ? { storeId: cause.storeId, orderId: cause.orderId } : {}),
            referrerPoints: referrerSide.points,
            referrerCoupons: referrerSide.couponCodes.length,
            friendPoints: friendSide.points,
            friendCoupons: friendSide.couponCodes.length,
            overCap: !referrerGets,
            at: isoInZone(now, rules.timeZone),
          })
          try {
            await uow.commit()
            return true
          } catch (e) {
            // Another friend took the month's last place meanwhile: go again, the referrer over the cap.
            if (isCancelled(e, 'capReached')) {
              overCap = true
              return false
            }
            if (isCancelled(e, 'replay')) return true
            // A stock shard drawn on was empty: go again on the others (or without the coupon, sold out).
            if (isCancelled(e, 'shardEmpty') && tries < 10) {
              for (const s of shards) deps.coupons.shardWasEmpty(s.templateId, s.shard)
              return false
            }
            throw e
          }
        })
        if (done) return
      }
    },

    /**
     * A full refund of the purchase that earned a referral's rewards, within the clawback
     * window, takes them back: points (a debt where already spent) and coupons not yet used.
     */
    async clawBack(friendId: string, order: { storeId: string; orderId: string }, now: Date) {
      const rules = await deps.program.getRules()
      const today = calendarDate(now, rules.timeZone)
      await deps.tx.retrying(async () => {
        const [refItem] = await deps.tx.read([deps.referrals.referralKey(friendId)])
        const referral = deps.referrals.referralOf(refItem)
        if (referral?.status !== 'rewarded' || referral.orderId !== order.orderId || referral.storeId !== order.storeId) return
        const days = (now.getTime() - new Date(referral.rewardedAt!).getTime()) / 86_400_000
        if (days > rules.referral.clawbackDays) return
        const referrerId = referral.referrerId
        const [friendPoints, referrerPoints] = await deps.tx.read([
          deps.accounts.key(friendId, 'points'),
          deps.accounts.key(referrerId, 'points'),
        ])
        const uow = deps.tx.begin<'stale' | 'replay'>(now)
        const sides = [
          [friendId, referral.friendReward, friendPoints, `referral:friend:${friendId}:clawback`],
          [referrerId, referral.referrerReward, referrerPoints, `referral:${friendId}:clawback`],
        ] as const
        let referrerCoupons = 0
        for (const [memberId, reward, item, sourceRef] of sides) {
          if (!reward) continue
          deps.accounts
            .fromItem(memberId, 'points', item)
            .takeBack(uow, reward.points, { type: 'referral', sourceRef, description: '好友订单退款 · 推荐奖励收回', today })
          for (const code of reward.couponCodes) {
            const c: CouponRecord | undefined = await deps.couponsRepo.getCoupon(code)
            if (c?.status !== 'issued') continue
            uow.add(deps.couponsRepo.revokeItem(c, now.toISOString()))
            if (memberId === referrerId) referrerCoupons++
          }
        }
        const referrerPointsBack = referral.referrerReward?.points ?? 0
        const prior = await deps.referrals.getFriend(referrerId, friendId)
        uow.add(
          deps.referrals.referralItem(referral, { ...referral, status: 'clawed_back' }),
          deps.referrals.referrerCountsItem(referrerId, {
            rewarded: -1,
            clawedBack: 1,
            pointsEarned: -referrerPointsBack,
            couponsEarned: -(referral.referrerReward?.couponCodes.length ?? 0),
          }),
          deps.inbox.noticeItem(friendId, { kind: 'referral', title: '推荐奖励已收回', body: '首单已全额退款，好友邀请奖励已收回。' }, now),
        )
        if (prior) uow.add(deps.referrals.friendItem(referrerId, { ...prior, status: 'clawed_back' }))
        if (referrerPointsBack > 0 || (referral.referrerReward?.couponCodes.length ?? 0) > 0)
          uow.add(
            deps.inbox.noticeItem(
              referrerId,
              { kind: 'referral', title: '推荐奖励已收回', body: `好友${prior?.name ?? ''}的首单已全额退款，该笔邀请奖励已收回。` },
              now,
            ),
          )
        uow.emit('ReferralClawedBack', {
          referrerId,
          friendId,
          storeId: order.storeId,
          orderId: order.orderId,
          referrerPoints: referrerPointsBack,
          referrerCoupons,
          friendPoints: referral.friendReward?.points ?? 0,
          at: isoInZone(now, rules.timeZone),
        })
        try {
          await uow.commit()
        } catch (e) {
          if (isCancelled(e, 'replay')) return
          throw e
        }
      })
    },
  }
}
export type ReferralsService = ReturnType<typeof referralsService>

const giftText = (s: RewardSide) =>
  [s.points > 0 ? `${s.points} 积分` : '', s.couponCodes.length > 0 ? `${s.couponCodes.length} 张优惠券` : ''].filter(Boolean).join(' + ') +
  (s.points > 0 || s.couponCodes.length > 0 ? ' 已发放到你的账户。' : '')
