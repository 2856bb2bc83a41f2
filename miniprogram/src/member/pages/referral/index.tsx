import { useMemo, useState } from 'react'
import Taro, { useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import type { MyReferral, ReferredFriend } from '@huiyuan/shared/referrals/schemas'
import { Button } from '../../../components/nutui/button'
import StateView from '../../../components/StateView'
import LoadMore from '../../../components/LoadMore'
import { useReferral } from '../../../hooks/useReferral'
import { explainAlbumDenied, saveBase64ToAlbum } from '../../../services/album'
import { IS_H5, IS_WEAPP } from '../../../config'
import { thousands } from '../../../utils/format'
import {
  friendReward,
  friendStatus,
  invitePath,
  inviteImage,
  joinedOn,
  rewardSummary,
  ruleNotes,
  type ReferralRulesView,
} from '../../../utils/referral'
import { PAGE } from '../../../paths'
import './index.scss'

const goJoin = () => void Taro.navigateTo({ url: PAGE.join })

/** H5: the link to the clipboard (Taro shows 内容已复制). */
const copyLink = (url: string) =>
  void Taro.setClipboardData({ data: url }).catch(() => void Taro.showToast({ title: '复制失败，请长按链接复制', icon: 'none' }))

/** Weapp: 保存海报 writes the code to the album; a refused album permission is explained, with the way to the settings. */
function useSavePoster(referral: MyReferral) {
  const [saving, setSaving] = useState(false)
  const image = useMemo(() => inviteImage(referral), [referral])
  const save = async () => {
    if (!image || saving) return
    setSaving(true)
    try {
      const result = await saveBase64ToAlbum(image.base64, `invite-${referral.token}.${image.ext}`)
      if (result === 'saved') void Taro.showToast({ title: '已保存到相册', icon: 'success' })
      else if (result === 'denied') await explainAlbumDenied()
      else if (result === 'failed') void Taro.showToast({ title: '保存失败，请稍后重试', icon: 'none' })
    } finally {
      setSaving(false)
    }
  }
  return { image, saving, save }
}

function Poster({ referral }: { referral: MyReferral }) {
  const { image, saving, save } = useSavePoster(referral)
  const summary = rewardSummary(referral.rules)
  return (
    <View className="ref-poster" id="referral-poster">
      <View className="ref-poster__head">
        <Text className="ref-poster__brand" id="referral-program">
          {referral.programName} · 邀请有礼
        </Text>
        <Text className="ref-poster__title">邀请好友加入会员</Text>
        {summary ? (
          <Text className="ref-poster__summary" id="referral-summary">
            {summary}
          </Text>
        ) : null}
      </View>
      <View className="ref-poster__code">
        {image ? (
          <Image className="ref-poster__image" id="referral-code" src={image.src} mode="aspectFit" />
        ) : (
          <View className="ref-poster__image ref-poster__image--none">
            <Text>邀请码暂时无法生成，请稍后再试</Text>
          </View>
        )}
        <Text className="ref-poster__hint">{IS_WEAPP ? '微信扫一扫，加入会员' : '扫码或打开链接，加入会员'}</Text>
      </View>
      <View className="ref-poster__actions">
        {IS_WEAPP ? (
          <>
            <Button className="ref-poster__button" type="primary" openType="share" id="share-invite">
              分享给好友
            </Button>
            <Button className="ref-poster__button" fill="outline" id="save-poster" disabled={!image || saving} onClick={() => void save()}>
              {saving ? '正在保存…' : '保存海报'}
            </Button>
          </>
        ) : null}
        {IS_H5 && referral.url ? (
          <Button className="ref-poster__button" type="primary" id="copy-link" onClick={() => copyLink(referral.url ?? '')}>
            复制链接
          </Button>
        ) : null}
      </View>
      {IS_H5 && referral.url ? (
        <Text className="ref-poster__link" id="referral-link" userSelect>
          {referral.url}
        </Text>
      ) : null}
    </View>
  )
}

function Stats({ referral }: { referral: MyReferral }) {
  const { stats, rules } = referral
  const waitingLabel = rules.rewardOn === 'first_purchase' ? '待首单' : '待发放'
  return (
    <View className="hy-section ref-stats" id="referral-stats">
      <Text className="hy-section__title">我的邀请</Text>
      <View className="ref-stats__grid">
        <View className="ref-stats__cell" id="stat-joined">
          <Text className="ref-stats__value">{thousands(stats.joined)}</Text>
          <Text className="ref-stats__label">已邀请</Text>
        </View>
        <View className="ref-stats__cell" id="stat-rewarded">
          <Text className="ref-stats__value">{thousands(stats.rewarded)}</Text>
          <Text className="ref-stats__label">已获奖励</Text>
        </View>
        <View className="ref-stats__cell" id="stat-pending">
          <Text className="ref-stats__value">{thousands(stats.pending)}</Text>
          <Text className="ref-stats__label">{waitingLabel}</Text>
        </View>
      </View>
      <View className="ref-stats__earned" id="stat-earned">
        <Text className="ref-stats__earned-label">累计获得</Text>
        <Text className="ref-stats__earned-value">
          <Text className="ref-stats__em">{thousands(stats.pointsEarned)}</Text> 积分 ·{' '}
          <Text className="ref-stats__em">{stats.couponsEarned}</Text> 张券
        </Text>
      </View>
      {rules.monthlyCap > 0 && referral.enabled ? (
        <Text className={`ref-stats__month ${stats.leftThisMonth === 0 ? 'ref-stats__month--full' : ''}`} id="stat-month">
          {stats.leftThisMonth > 0
            ? `本月还可获奖 ${stats.leftThisMonth} 位（已获奖 ${stats.rewardedThisMonth} 位，每月最多 ${rules.monthlyCap} 位）`
            : `本月获奖名额已满（${rules.monthlyCap} 位），好友加入仍可获得奖励`}
        </Text>
      ) : null}
    </View>
  )
}

function Rules({ rules }: { rules: ReferralRulesView }) {
  return (
    <View className="hy-section ref-rules" id="referral-rules">
      <Text className="hy-section__title">活动规则</Text>
      {ruleNotes(rules).map((n, i) => (
        <Text className="ref-rules__item" key={n}>
          {i + 1}. {n}
        </Text>
      ))}
    </View>
  )
}

function FriendRow({ friend, rewardOn }: { friend: ReferredFriend; rewardOn: ReferralRulesView['rewardOn'] }) {
  const status = friendStatus(friend, rewardOn)
  const reward = friendReward(friend)
  return (
    <View className="ref-friend">
      <Text className="ref-friend__avatar">{friend.name.slice(0, 1) || '友'}</Text>
      <View className="ref-friend__main">
        <Text className="ref-friend__name">{friend.name}</Text>
        <Text className="ref-friend__time">{joinedOn(friend.joinedAt)} 加入</Text>
      </View>
      <View className="ref-friend__side">
        <Text className={`ref-friend__tag ref-friend__tag--${status.tone}`}>{status.label}</Text>
        {reward ? <Text className="ref-friend__reward">{reward}</Text> : null}
      </View>
    </View>
  )
}

export default function ReferralPage() {
  const { first, items, loading, loadingMore, hasMore, error, moreError, reload, loadMore } = useReferral()
  useReachBottom(() => {
    if (hasMore && !loadingMore && !moreError) void loadMore()
  })
  useShareAppMessage(() => ({
    title: `我在${first?.programName ?? '会员中心'}，邀你一起加入会员`,
    path: first?.enabled ? invitePath(first.scene) : PAGE.home,
  }))

  if (loading && !first) return <StateView kind="loading" title="正在加载邀请有礼…" />
  if (error && !first)
    return error.code === 'NOT_A_MEMBER' ? (
      <StateView kind="empty" title="加入会员后即可邀请好友" actionText="去加入会员" onAction={goJoin} />
    ) : (
      <StateView kind="error" message={error.message} onAction={() => void reload()} />
    )
  if (!first) return <StateView kind="empty" />

  // Switched off: no poster, but what earlier invitations earned stays visible.
  const history = first.enabled || first.stats.joined > 0
  return (
    <View className="hy-page ref">
      {first.enabled ? (
        <Poster referral={first} />
      ) : (
        <View className="hy-section ref-off" id="referral-off">
          <StateView kind="empty" title="邀请有礼活动暂未开放" message="活动开放后，你可以在这里邀请好友加入会员，双方都有奖励" />
        </View>
      )}
      {history ? <Stats referral={first} /> : null}
      {first.enabled ? <Rules rules={first.rules} /> : null}
      {history ? (
        <View className="hy-section ref-list" id="referral-friends">
          <Text className="hy-section__title">邀请的好友</Text>
          {items.length === 0 ? (
            <StateView kind="empty" title="还没有好友通过你的邀请加入" message="把海报分享给好友，好友加入后会显示在这里" />
          ) : (
            items.map((f) => <FriendRow key={`${f.joinedAt}-${f.name}`} friend={f} rewardOn={first.rules.rewardOn} />)
          )}
          {items.length > 0 ? (
            <LoadMore
              idPrefix="referral"
              hasMore={hasMore}
              loadingMore={loadingMore}
              moreError={moreError}
              onMore={() => void loadMore()}
            />
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
