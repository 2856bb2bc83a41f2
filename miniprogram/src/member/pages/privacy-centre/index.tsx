import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { MemberCard } from '@huiyuan/shared/members/schemas'
import StateView from '../../../components/StateView'
import { Button } from '../../../components/nutui/button'
import TickBox from '../../../components/TickBox'
import { Switch } from '../../../components/nutui/switch'
import { usePrivacyCentre, type Outcome } from '../../../hooks/usePrivacyCentre'
import { usePrivacyPolicy } from '../../../hooks/usePrivacyPolicy'
import { useStoreNames } from '../../../hooks/useStoreNames'
import type { MyDataExport } from '../../../services/privacy'
import { chineseDate, shanghaiDateTime, thousands, yuan } from '../../../utils/format'
import { PAGE } from '../../../paths'
import './index.scss'

const goHome = () => void Taro.reLaunch({ url: PAGE.home })
const goPolicy = () => void Taro.navigateTo({ url: PAGE.privacy })

const GENDER: Record<string, string> = { male: '男', female: '女', undisclosed: '不便透露' }
const CONSENT_KIND: Record<string, string> = { privacy: '隐私政策', marketing: '营销信息' }
const CONSENT_SOURCE: Record<string, string> = { join: '加入会员时', profile: '在隐私中心', erasure: '注销时' }

type Consent = MyDataExport['consents'][number]

const consentAction = (c: Consent) => (c.granted ? '同意' : c.source === 'join' ? '未同意' : '撤回同意')

/** 营销信息: the member's marketing consent, switched on the spot (POST /v1/me/consents). */
function MarketingConsent({
  card,
  saving,
  onChange,
}: {
  card: MemberCard
  saving: boolean
  onChange: (granted: boolean) => Promise<Outcome<boolean>>
}) {
  /** What the member just switched to, until the API answers. */
  const [pending, setPending] = useState<boolean | null>(null)
  const on = pending ?? card.marketingConsent

  const change = async (granted: boolean) => {
    setPending(granted)
    const r = await onChange(granted)
    setPending(null)
    if (r.ok) void Taro.showToast({ title: r.value ? '已开启营销信息' : '已关闭营销信息', icon: 'success' })
    else void Taro.showToast({ title: r.message, icon: 'none' })
  }

  return (
    <View className="hy-section pc-section" id="pc-marketing">
      <View className="pc-row">
        <View className="pc-row__main">
          <Text className="pc-row__title">营销信息</Text>
          <Text className="pc-row__text" id="marketing-status">
            {on ? '已开启：我们可能向你推荐优惠活动和会员专享价' : '已关闭：我们不会向你发送优惠活动等营销信息'}
          </Text>
        </View>
        <Switch id="marketing-switch" checked={on} disabled={saving} loadingIcon={null} onChange={(v) => void change(v)} />
      </View>
      <Text className="pc-note">积分到期、优惠券到期、等级变化等服务通知不属于营销信息，关闭后仍会照常发送。</Text>
    </View>
  )
}

function Field({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className="pc-field">
      <Text className="pc-field__label">{label}</Text>
      <Text className="pc-field__value" id={id}>
        {value}
      </Text>
    </View>
  )
}

/** What the export holds, readably: the profile, balances, consents, and how many records of each kind. */
function MyDataView({ data }: { data: MyDataExport }) {
  const storeName = useStoreNames()
  const [copied, setCopied] = useState(false)
  const p = data.profile
  const counts: { label: string; n: number; unit: string; id: string }[] = [
    { label: '积分流水', n: data.ledger.length, unit: '条', id: 'count-ledger' },
    { label: '优惠券', n: data.coupons.length, unit: '张', id: 'count-coupons' },
    { label: '消费记录', n: data.purchases.length, unit: '笔', id: 'count-purchases' },
    { label: '签到', n: data.checkins.length, unit: '次', id: 'count-checkins' },
    { label: '消息', n: data.notices.length, unit: '条', id: 'count-notices' },
  ]

  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: JSON.stringify(data, null, 2) })
      setCopied(true)
    } catch {
      void Taro.showToast({ title: '复制失败，请重试', icon: 'none' })
    }
  }

  return (
    <View className="pc-data" id="my-data">
      <Text className="pc-data__group">个人资料</Text>
      <View className="pc-data__box" id="export-profile">
        <Field label="姓名" value={p.name} />
        <Field label="手机号" value={p.mobile} id="export-mobile" />
        <Field label="生日" value={chineseDate(p.birthday)} />
        <Field label="性别" value={GENDER[p.gender] ?? p.gender} />
        <Field label="会员卡号" value={p.cardNo} />
        <Field label="会员等级" value={p.tier.name} />
        <Field label="入会门店" value={storeName(p.joinStoreId) ?? p.joinStoreId} />
        <Field label="入会时间" value={shanghaiDateTime(p.joinedAt)} />
        <Field label="营销信息" value={p.marketingConsent ? '已同意' : '未同意'} id="export-marketing" />
        <Field label="隐私政策版本" value={p.privacyConsentVersion} />
        <Field label="积分余额" value={thousands(data.balances.points)} />
        <Field label="储值余额" value={`¥${yuan(data.balances.storedValueFen)}`} />
      </View>

      {data.statusMatch ? (
        <>
          <Text className="pc-data__group">身份匹配</Text>
          <View className="pc-data__box" id="export-status-match">
            <Field label="合作方" value={data.statusMatch.partner} />
            <Field label="合作方卡号" value={data.statusMatch.partnerCardNo} />
            {data.statusMatch.partnerTier ? <Field label="卡面等级" value={data.statusMatch.partnerTier} /> : null}
            <Field label="匹配等级" value={`${data.statusMatch.from.name} → ${data.statusMatch.to.name}`} />
            <Field label="办理门店" value={storeName(data.statusMatch.storeId) ?? data.statusMatch.storeId} />
            <Field label="办理时间" value={shanghaiDateTime(data.statusMatch.approvedAt)} />
            <Field label="卡面照片" value={data.statusMatch.photo ? '已留存（注销时删除）' : '未拍照'} />
          </View>
        </>
      ) : null}

      <Text className="pc-data__group">同意记录 · {data.consents.length} 条</Text>
      <View className="pc-data__box" id="export-consents">
        {data.consents.length === 0 ? <Text className="pc-note">暂无同意记录</Text> : null}
        {data.consents.map((c) => (
          <View className="pc-consent" key={`${c.kind}-${c.at}-${c.granted}`}>
            <Text className="pc-consent__what">
              {CONSENT_KIND[c.kind] ?? c.kind} · {consentAction(c)}
              {c.version ? ` · 版本 ${c.version}` : ''}
            </Text>
            <Text className="pc-consent__when">
              {CONSENT_SOURCE[c.source] ?? c.source} · {shanghaiDateTime(c.at)}
            </Text>
          </View>
        ))}
      </View>

      <Text className="pc-data__group">记录</Text>
      <View className="pc-counts" id="export-counts">
        {counts.map((c) => (
          <View className="pc-count" key={c.label} id={c.id}>
            <Text className="pc-count__n">
              {c.n}
              <Text className="pc-count__unit"> {c.unit}</Text>
            </Text>
            <Text className="pc-count__label">{c.label}</Text>
          </View>
        ))}
      </View>

      <Text className="pc-note">导出时间：{shanghaiDateTime(data.exportedAt)}。完整内容可复制为 JSON 自行保存。</Text>
      <Button block fill="outline" type="primary" className="pc-data__copy" id="export-copy" onClick={() => void copy()}>
        复制全部数据（JSON）
      </Button>
      {copied ? (
        <Text className="pc-copied" id="export-copied">
          已复制到剪贴板
        </Text>
      ) : null}
    </View>
  )
}

/** 注销会员: what goes and what stays, an explicit acknowledgement, then a confirmation dialog. */
function EraseAccount({ card, erasing, onErase }: { card: MemberCard; erasing: boolean; onErase: () => Promise<boolean> }) {
  const [understood, setUnderstood] = useState(false)

  const confirmErase = async () => {
    const { confirm } = await Taro.showModal({
      title: '确认注销会员？',
      content: '注销后你的个人信息立即删除且无法恢复，积分、优惠券和储值余额将作废。',
      confirmText: '确认注销',
      confirmColor: '#c8102e',
      cancelText: '再想想',
    })
    if (confirm && (await onErase())) goHome()
  }

  return (
    <View className="hy-section pc-erase" id="pc-erase">
      <Text className="hy-section__title">注销会员</Text>
      <View className="pc-erase__list">
        <Text className="pc-erase__item">· 姓名、手机号、生日等个人信息将立即删除，无法恢复。</Text>
        <Text className="pc-erase__item" id="erase-forfeit">
          · 积分（现有 {thousands(card.points)}）、优惠券和储值余额（¥{yuan(card.storedValueFen)}）将作废，不能退还或转移。
        </Text>
        <Text className="pc-erase__item">· 消费、积分和储值流水按财务要求保留，但做匿名化处理，不再包含你的个人信息。</Text>
        <Text className="pc-erase__item">· 注销后仍可用同一微信重新加入，但将成为新会员，原有积分和等级不会恢复。</Text>
      </View>
      <View className="pc-ack" id="erase-ack" onClick={() => setUnderstood(!understood)}>
        <TickBox checked={understood} />
        <Text className="pc-ack__text">我已了解以上内容，自愿注销会员</Text>
      </View>
      <Button type="danger" block id="erase-button" disabled={!understood || erasing} onClick={() => void confirmErase()}>
        {erasing ? '正在注销…' : '注销会员'}
      </Button>
    </View>
  )
}

export default function PrivacyCentrePage() {
  const { card, savingConsent, changeMarketingConsent, myData, exporting, exportError, loadMyData, erase, erasing } = usePrivacyCentre()
  const policy = usePrivacyPolicy()

  const onErase = async () => {
    const r = await erase()
    if (!r.ok) void Taro.showToast({ title: r.message, icon: 'none' })
    return r.ok
  }

  if (card.loading && !card.data) return <StateView kind="loading" title="正在加载…" />
  if (card.notMember)
    return (
      <StateView kind="empty" title="你还不是会员" message="加入会员后可在这里管理你的个人信息" actionText="返回首页" onAction={goHome} />
    )
  if (card.error && !card.data) return <StateView kind="error" message={card.error.message} onAction={() => void card.reload()} />
  if (!card.data) return <StateView kind="empty" />
  const member = card.data

  return (
    <View className="hy-page pc" id="privacy-centre">
      <View className="pc-head">
        <Text className="pc-head__title">隐私中心</Text>
        <Text className="pc-head__text">管理你的营销信息授权，查看我们保存的关于你的信息，或注销会员。</Text>
      </View>

      <MarketingConsent card={member} saving={savingConsent} onChange={changeMarketingConsent} />

      <View className="hy-section pc-section" id="pc-data">
        <Text className="hy-section__title">我的数据</Text>
        {myData ? (
          <MyDataView data={myData} />
        ) : (
          <>
            <Text className="pc-note">查看我们保存的关于你的全部信息：个人资料、同意记录、积分流水、优惠券、消费、签到和消息。</Text>
            <Button
              block
              type="primary"
              className="pc-data__view"
              id="export-button"
              disabled={exporting}
              onClick={() => void loadMyData()}
            >
              {exporting ? '正在读取…' : '查看我的数据'}
            </Button>
          </>
        )}
        {exportError ? (
          <View className="pc-error" id="export-error">
            <Text>读取失败：{exportError.message}</Text>
            <Text className="hy-link" onClick={() => void loadMyData()}>
              重试
            </Text>
          </View>
        ) : null}
      </View>

      <View className="hy-section pc-section pc-row pc-row--link" id="pc-policy" onClick={goPolicy}>
        <View className="pc-row__main">
          <Text className="pc-row__title">隐私政策</Text>
          <Text className="pc-row__text" id="pc-policy-version">
            {policy.data ? `当前版本 ${policy.data.version}` : policy.error ? '版本加载失败' : '正在加载版本…'} · 你同意的版本{' '}
            {member.privacyConsentVersion}
          </Text>
        </View>
        <Text className="pc-row__go">›</Text>
      </View>

      <EraseAccount card={member} erasing={erasing} onErase={onErase} />
    </View>
  )
}
