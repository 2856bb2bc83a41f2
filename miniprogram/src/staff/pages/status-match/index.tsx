/**
 * 身份匹配 at the till (store managers only): a shopper shows a partner club's or a mall's
 * VIP card; the manager identifies the member by their code, enters the card (whose, its
 * number, its own level), picks the program's tier to give (above the member's), may take a
 * photo of the card, confirms, and sees the member's new tier. Once per member: a second
 * match is refused with the first one shown.
 */
import { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import type { StatusMatch, StatusMatchResult } from '@huiyuan/shared/statusMatch/schemas'
import { Button } from '../../../components/nutui/button'
import StateView from '../../../components/StateView'
import { chineseDate } from '../../../utils/format'
import { mayMatchStatus } from '../../../utils/staffRoles'
import TillGate, { TillHeader } from '../../components/TillGate'
import { FieldError, TextField } from '../../components/TillFields'
import IdentifyMember from '../../components/IdentifyMember'
import MemberSummaryCard from '../../components/MemberSummaryCard'
import { useStatusMatch, type StatusMatchForm } from '../../hooks/useStatusMatch'
import type { TillSession } from '../../hooks/useTillSession'
import './index.scss'

/** Step 2: the partner's card as the shopper shows it. */
function PartnerCard({ f }: { f: StatusMatchForm }) {
  return (
    <View className="hy-section till-step" id="sm-partner">
      <Text className="till-step__title">
        <Text className="till-step__no">2</Text>合作方会员卡
      </Text>
      <Text className="till-step__hint">核对顾客出示的合作方会员卡（实体卡或电子卡），按卡面填写</Text>
      <TextField
        id="sm-partner-input"
        label="合作方"
        placeholder="如 万达广场VIP、某航空公司常旅客"
        maxLength={40}
        value={f.partner}
        onChange={f.changePartner}
        error={f.errors.partner}
      />
      <TextField
        id="sm-card-no-input"
        label="卡号"
        placeholder="卡面上的会员卡号"
        maxLength={40}
        value={f.partnerCardNo}
        onChange={f.changePartnerCardNo}
        error={f.errors.partnerCardNo}
      />
      <TextField
        id="sm-partner-tier-input"
        label="卡面等级（选填）"
        placeholder="如 金卡、白金会员"
        maxLength={20}
        value={f.partnerTier}
        onChange={f.changePartnerTier}
        error={f.errors.partnerTier}
      />
    </View>
  )
}

/** Step 3: the program's tier to give, one of those above the member's. */
function ChooseTier({ f }: { f: StatusMatchForm }) {
  const current = f.member?.tier
  const tiers = f.higherTiers
  return (
    <View className="hy-section till-step" id="sm-tier">
      <Text className="till-step__title">
        <Text className="till-step__no">3</Text>匹配等级
      </Text>
      <Text className="till-step__hint" id="sm-tier-hint">
        {current?.code === '' ? '该顾客尚未开卡，可匹配任一等级' : `会员当前为${current?.name ?? ''}，可匹配更高等级`}
      </Text>
      {!f.tiersLoaded ? (
        <Text className="till-step__hint">正在读取会员等级…</Text>
      ) : tiers && tiers.length > 0 ? (
        <View className="sm-tiers">
          {tiers.map((t) => (
            <View
              key={t.code}
              id={`sm-tier-${t.code}`}
              className={`sm-tier ${t.code === f.tierCode ? 'sm-tier--on' : ''}`}
              onClick={() => f.chooseTier(t.code)}
            >
              <Text className="sm-tier__name">{t.name}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className="till-step__hint sm-top" id="sm-tier-top">
          该会员已是最高等级，无需匹配
        </Text>
      )}
      <FieldError id="sm-tier-error" error={f.errors.tierCode} />
    </View>
  )
}

/** Step 4: a photo of the card, for the record (optional). */
function CardPhoto({ f }: { f: StatusMatchForm }) {
  return (
    <View className="hy-section till-step" id="sm-photo">
      <Text className="till-step__title">
        <Text className="till-step__no">4</Text>卡面照片（选填）
      </Text>
      {f.photo ? (
        <View className="sm-photo">
          <Image className="sm-photo__img" id="sm-photo-thumb" src={f.photo} mode="aspectFit" />
          <View className="sm-photo__actions">
            <Text className="sm-photo__saved">已拍摄，随匹配记录留存</Text>
            <Text className="hy-link sm-photo__action" id="sm-photo-retake" onClick={() => void f.takePhoto()}>
              重拍
            </Text>
            <Text className="sm-photo__action sm-photo__action--remove" id="sm-photo-remove" onClick={f.removePhoto}>
              删除
            </Text>
          </View>
        </View>
      ) : (
        <>
          <Text className="till-step__hint">拍下卡面（含卡号）随匹配记录留存，便于日后核对</Text>
          <Button
            className="sm-photo__take"
            type="primary"
            fill="outline"
            block
            id="sm-photo-take"
            disabled={f.photoBusy}
            onClick={() => void f.takePhoto()}
          >
            {f.photoBusy ? '正在处理照片…' : '拍摄卡面'}
          </Button>
        </>
      )}
      {f.photo && f.photoBusy ? <Text className="till-step__hint">正在处理照片…</Text> : null}
      <FieldError id="sm-photo-error" error={f.errors.photo} />
    </View>
  )
}

const cardLine = (m: Pick<StatusMatch, 'partner' | 'partnerTier'>) => `${m.partner}${m.partnerTier ? ` · ${m.partnerTier}` : ''}`

/** Why the API refused: the earlier match, or the member's tier (already as high). */
function Refusal({ f }: { f: StatusMatchForm }) {
  const r = f.refusal
  if (!r) return null
  if (r.kind === 'done')
    return (
      <View className="till-refused" id="sm-refused">
        <Text className="till-refused__title">该会员已办理过身份匹配</Text>
        {r.earlier ? (
          <Text className="till-refused__text" id="sm-refused-text">
            {`已于${chineseDate(r.earlier.approvedAt.slice(0, 10))}凭「${cardLine(r.earlier)}」（卡号尾号 ${r.earlier.partnerCardNo.slice(-4)}）匹配为${r.earlier.to.name}。每位会员仅可办理一次。`}
          </Text>
        ) : (
          <Text className="till-refused__text" id="sm-refused-text">
            每位会员仅可办理一次。
          </Text>
        )}
      </View>
    )
  return (
    <View className="till-refused" id="sm-refused">
      <Text className="till-refused__title">匹配等级须高于会员当前等级</Text>
      <Text className="till-refused__text" id="sm-refused-text">
        {r.tier ? `该会员当前已是${r.tier.name}，请选择更高的等级。` : '请选择更高的等级。'}
      </Text>
    </View>
  )
}

function Submit({ f }: { f: StatusMatchForm }) {
  const done = f.refusal?.kind === 'done'
  const none = f.higherTiers?.length === 0
  return (
    <>
      <Refusal f={f} />
      <FieldError id="sm-error" error={f.errors.form} />
      {done ? (
        <Button className="till-big-button" type="primary" block id="sm-next" onClick={f.next}>
          办理下一位
        </Button>
      ) : (
        <Button
          className="till-big-button"
          type="primary"
          block
          id="sm-submit"
          disabled={f.submitting || f.photoBusy || none}
          onClick={() => void f.submit()}
        >
          {f.submitting ? '正在办理…' : f.chosenTier ? `确认匹配为${f.chosenTier.name}` : '确认匹配'}
        </Button>
      )}
    </>
  )
}

function ResultView({ result, onNext }: { result: StatusMatchResult; onNext: () => void }) {
  const m = result.statusMatch
  return (
    <View className="till-result" id="sm-result">
      {result.replayed ? (
        <View className="till-notice" id="sm-replayed">
          该会员已凭同一张卡办理过，以下为首次办理的结果
        </View>
      ) : null}
      <View className="hy-section till-result__main sm-result">
        <View className="sm-result__tick">✓</View>
        <Text className="till-result__status">身份匹配成功</Text>
        <Text className="sm-result__tier" id="sm-result-tier">
          已匹配为{m.to.name}
        </Text>
        <View className="till-explain">
          <View className="till-explain__row">
            <Text>合作方</Text>
            <Text id="sm-result-partner">{cardLine(m)}</Text>
          </View>
          <View className="till-explain__row">
            <Text>卡号</Text>
            <Text id="sm-result-card-no">{m.partnerCardNo}</Text>
          </View>
          <View className="till-explain__row">
            <Text>等级</Text>
            <Text id="sm-result-move">
              {m.from.name} → {m.to.name}
            </Text>
          </View>
          <View className="till-explain__row">
            <Text>卡面照片</Text>
            <Text id="sm-result-photo">{m.hasPhoto ? '已留存' : '未拍摄'}</Text>
          </View>
        </View>
        <Text className="sm-result__member">
          会员 {result.member.name} · 卡号尾号 {result.member.cardNo.slice(-4)}
        </Text>
      </View>
      <Button className="till-big-button" type="primary" block id="sm-next" onClick={onNext}>
        继续办理下一位
      </Button>
    </View>
  )
}

function StatusMatchPanel({ till }: { till: TillSession }) {
  const f = useStatusMatch(till.storeId)
  return (
    <>
      <TillHeader till={till} title="身份匹配" />
      {f.result ? (
        <ResultView result={f.result} onNext={f.next} />
      ) : f.member ? (
        <>
          <MemberSummaryCard member={f.member} onChange={f.changeMember} />
          <PartnerCard f={f} />
          <ChooseTier f={f} />
          <CardPhoto f={f} />
          <Submit f={f} />
        </>
      ) : (
        <>
          <View className="sm-intro" id="sm-intro">
            顾客出示合作方（商场、航司、酒店等）的会员卡，经店长核对后，可直接获得更高的会员等级。每位会员仅可办理一次。
          </View>
          <IdentifyMember lookup={f.lookup} />
        </>
      )}
    </>
  )
}

export default function StaffStatusMatchPage() {
  const { params } = useRouter()
  return (
    <TillGate preferredStore={params.store}>
      {(till) =>
        mayMatchStatus(till.roles) ? (
          <StatusMatchPanel key={till.storeId} till={till} />
        ) : (
          <>
            <TillHeader till={till} title="身份匹配" />
            <StateView kind="empty" title="仅店长可办理" message="身份匹配须由店长核对合作方会员卡后办理，请联系本店店长" />
          </>
        )
      }
    </TillGate>
  )
}
