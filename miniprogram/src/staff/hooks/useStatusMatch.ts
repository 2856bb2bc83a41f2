import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import type { StatusMatch, StatusMatchResult } from '@huiyuan/shared/statusMatch/schemas'
import { isApiError } from '../../services/request'
import { createStatusMatch } from '../../services/staff'
import { useTierTable } from '../../hooks/useTierTable'
import { tierLevel, type TierLike } from '../../utils/tiers'
import { encodeCardPhoto } from '../cardPhoto'
import { errorCode, tillError } from '../errors'
import { RESCAN_CODES, useMemberLookup } from './useMemberLookup'

export interface StatusMatchErrors {
  partner?: string
  partnerCardNo?: string
  partnerTier?: string
  tierCode?: string
  photo?: string
  form?: string
}

/** Why the API refused: the member already had their match (the earlier one), or the tier is not above theirs. */
export type StatusMatchRefusal = { kind: 'done'; earlier: StatusMatch | null } | { kind: 'not_higher'; tier: TierLike | null }

const CARD_NO = /^[A-Za-z0-9-]{4,32}$/

/** The card number as printed, without the spaces people type between its groups. */
export const normalizeCardNo = (raw: string): string => raw.replace(/\s+/g, '')

const MESSAGES = {
  partner: '请输入合作方名称（不超过 40 个字）',
  partnerCardNo: '请输入卡号：4–32 位字母、数字或短横线',
  partnerTier: '卡面等级不超过 20 个字',
  tierCode: '请选择匹配等级',
  photo: '照片格式有误或过大，请重拍',
  photoTooLarge: '照片过大，请靠近卡面重拍',
  photoUnreadable: '无法读取这张照片，请直接拍摄卡面',
}

/** The server's field errors (VALIDATION_FAILED) in the till's words, by field. */
function fieldErrors(e: unknown): StatusMatchErrors {
  const fields = isApiError(e) ? (e.fields ?? []) : []
  const out: StatusMatchErrors = {}
  for (const f of fields) {
    const field = f.field.replace(/^body\./, '')
    if (field === 'partner' || field === 'partnerCardNo' || field === 'partnerTier' || field === 'tierCode' || field === 'photo')
      out[field] = MESSAGES[field]
  }
  return Object.keys(out).length > 0 ? out : { form: tillError(e) }
}

const tierOf = (v: unknown): TierLike | null => {
  const t = v as { code?: unknown; name?: unknown } | undefined
  return typeof t?.code === 'string' && typeof t.name === 'string' ? { code: t.code, name: t.name } : null
}

/** Asks the manager to confirm: the tier moves up at once, and a member has one match only. */
async function confirmMatch(memberName: string, tierName: string, partner: string, partnerTier: string, cardNo: string) {
  const lines = [
    `确认将会员 ${memberName} 匹配为 ${tierName}？`,
    `合作方：${partner}${partnerTier ? `（${partnerTier}）` : ''}`,
    `卡号：${cardNo}`,
    '此操作每位会员仅可办理一次。',
  ]
  const { confirm } = await Taro.showModal({
    title: '确认身份匹配',
    content: lines.join('\n'),
    confirmText: '确认匹配',
    cancelText: '返回修改',
  })
  return confirm
}

/**
 * A status match (身份匹配) at the till: the member (their dynamic code), the partner's card
 * (whose, its number, its own level), the program's tier to give (one above the member's;
 * any for a shopper still 待开卡), and optionally a photo of the card, downsized to fit the
 * request. One confirmation, then POST /v1/staff/status-matches.
 */
export function useStatusMatch(storeId: string) {
  const identified = useMemberLookup(storeId)
  const { member, memberCode, rescan, clearMember, updateMember } = identified
  const table = useTierTable()

  const [partner, setPartner] = useState('')
  const [partnerCardNo, setPartnerCardNo] = useState('')
  const [partnerTier, setPartnerTier] = useState('')
  const [tierCode, setTierCode] = useState('')
  const [photo, setPhoto] = useState<string | null>(null)
  const [photoBusy, setPhotoBusy] = useState(false)
  const [errors, setErrors] = useState<StatusMatchErrors>({})
  const [refusal, setRefusal] = useState<StatusMatchRefusal | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<StatusMatchResult | null>(null)

  /** The program's tiers above the member's (all of them while the member is 待开卡); null until the table is here. */
  const tiers = table?.tiers ?? null
  const higherTiers: TierLike[] | null =
    tiers && member ? tiers.slice(member.tier.code === '' ? 0 : tierLevel(tiers, member.tier.code) + 1) : null
  const chosenTier = higherTiers?.find((t) => t.code === tierCode) ?? null

  const edited = useCallback((field: keyof StatusMatchErrors) => {
    setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e))
    setRefusal((r) => (r?.kind === 'not_higher' ? null : r))
  }, [])
  const changePartner = useCallback(
    (v: string) => {
      setPartner(v)
      edited('partner')
    },
    [edited],
  )
  const changePartnerCardNo = useCallback(
    (v: string) => {
      setPartnerCardNo(v)
      edited('partnerCardNo')
    },
    [edited],
  )
  const changePartnerTier = useCallback(
    (v: string) => {
      setPartnerTier(v)
      edited('partnerTier')
    },
    [edited],
  )
  const chooseTier = useCallback(
    (code: string) => {
      setTierCode(code)
      edited('tierCode')
    },
    [edited],
  )

  /** 拍摄卡面 / 重拍: the camera or the album, then the photo downsized until it fits. */
  const takePhoto = useCallback(async () => {
    let path: string | undefined
    try {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      path = picked.tempFilePaths[0]
    } catch {
      return // cancelled
    }
    if (!path) return
    setPhotoBusy(true)
    edited('photo')
    try {
      const fitted = await encodeCardPhoto(path)
      if (fitted.ok) setPhoto(fitted.dataUrl)
      else setErrors((e) => ({ ...e, photo: MESSAGES.photoTooLarge }))
    } catch {
      setErrors((e) => ({ ...e, photo: MESSAGES.photoUnreadable }))
    } finally {
      setPhotoBusy(false)
    }
  }, [edited])

  const removePhoto = useCallback(() => {
    setPhoto(null)
    edited('photo')
  }, [edited])

  const submit = useCallback(async (): Promise<StatusMatchResult | null> => {
    if (!member) return null
    const name = partner.trim()
    const cardNo = normalizeCardNo(partnerCardNo)
    const level = partnerTier.trim()
    const next: StatusMatchErrors = {}
    if (!name || name.length > 40) next.partner = MESSAGES.partner
    if (!CARD_NO.test(cardNo)) next.partnerCardNo = MESSAGES.partnerCardNo
    if (level.length > 20) next.partnerTier = MESSAGES.partnerTier
    if (!chosenTier) next.tierCode = MESSAGES.tierCode
    setErrors(next)
    if (Object.keys(next).length > 0 || !chosenTier) return null

    if (!(await confirmMatch(member.name, chosenTier.name, name, level, cardNo))) return null

    setSubmitting(true)
    setRefusal(null)
    try {
      const r = await createStatusMatch({
        memberCode,
        storeId,
        partner: name,
        ...(level ? { partnerTier: level } : {}),
        partnerCardNo: cardNo,
        tierCode: chosenTier.code,
        ...(photo ? { photo } : {}),
      })
      setResult(r)
      updateMember(r.member)
      return r
    } catch (e) {
      const code = errorCode(e)
      const details = (isApiError(e) ? e.details : undefined) as { statusMatch?: StatusMatch; tier?: unknown } | undefined
      if (code && RESCAN_CODES.has(code)) rescan(tillError(e))
      else if (code === 'STATUS_MATCH_DONE') setRefusal({ kind: 'done', earlier: details?.statusMatch ?? null })
      else if (code === 'STATUS_MATCH_NOT_HIGHER') {
        // The member's tier moved since the lookup: show it, and the tiers above it.
        const tier = tierOf(details?.tier)
        setRefusal({ kind: 'not_higher', tier })
        if (tier) updateMember({ ...member, tier })
        setTierCode('')
      } else if (code === 'FORBIDDEN') setErrors({ form: '身份匹配须由本店店长办理，当前账号无权办理' })
      else if (code === 'VALIDATION_FAILED') setErrors(fieldErrors(e))
      else setErrors({ form: tillError(e) })
      return null
    } finally {
      setSubmitting(false)
    }
  }, [member, memberCode, storeId, partner, partnerCardNo, partnerTier, chosenTier, photo, rescan, updateMember])

  /** Ready for the next member: everything cleared. */
  const next = useCallback(() => {
    clearMember()
    setPartner('')
    setPartnerCardNo('')
    setPartnerTier('')
    setTierCode('')
    setPhoto(null)
    setErrors({})
    setRefusal(null)
    setResult(null)
  }, [clearMember])

  return {
    lookup: identified,
    member,
    changeMember: next,
    tiersLoaded: tiers !== null,
    higherTiers,
    tierCode,
    chosenTier,
    chooseTier,
    partner,
    changePartner,
    partnerCardNo,
    changePartnerCardNo,
    partnerTier,
    changePartnerTier,
    photo,
    photoBusy,
    takePhoto,
    removePhoto,
    errors,
    refusal,
    submitting,
    submit,
    result,
    next,
  }
}

export type StatusMatchForm = ReturnType<typeof useStatusMatch>
