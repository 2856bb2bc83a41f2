import { useCallback, useState } from 'react'
import type { Gender, MemberCard } from '@huiyuan/shared/members/schemas'
import { joinProgram } from '../services/members'
import { forgetPrivacyPolicy } from '../services/policy'
import { isApiError, errorMessage } from '../services/request'
import { FIELD_MESSAGES } from '../services/messages'
import type { JoinScene } from '../services/scene'
import { usePrivacyPolicy } from './usePrivacyPolicy'

export interface JoinFormValues {
  name: string
  mobile: string
  /** From WeChat's getPhoneNumber button (weapp); replaces the manual number. */
  phoneCode: string
  birthday: string
  gender: Gender | ''
  privacyConsent: boolean
  marketingConsent: boolean
  /** A group's enrolment code typed by the member (团体码，选填); the scene's code is not typed. */
  enrolmentCode: string
}

export type JoinFormErrors = Partial<Record<keyof JoinFormValues | 'form', string>>

const EMPTY: JoinFormValues = {
  name: '',
  mobile: '',
  phoneCode: '',
  birthday: '',
  gender: '',
  privacyConsent: false,
  marketingConsent: false,
  enrolmentCode: '',
}

const MOBILE = /^1[3-9]\d{9}$/
/** What an enrolment code looks like (the API knows which ones exist). */
const ENROLMENT_CODE = /^[A-Z0-9]{8}$/

/** A typed enrolment code as the API issues it: upper case, no spaces. */
export const normaliseEnrolmentCode = (typed: string) => typed.replace(/\s+/g, '').toUpperCase()

/** Checks the form before it goes to the server; messages in Chinese. */
export function validateJoinForm(v: JoinFormValues): JoinFormErrors {
  const errors: JoinFormErrors = {}
  const name = v.name.trim()
  if (!name) errors.name = '请输入姓名'
  else if (name.length > 30) errors.name = '姓名不能超过30个字'
  if (!v.phoneCode && !MOBILE.test(v.mobile.trim())) errors.mobile = '请输入正确的手机号'
  if (!v.birthday) errors.birthday = '请选择生日'
  if (!v.gender) errors.gender = '请选择性别'
  if (!v.privacyConsent) errors.privacyConsent = '请先阅读并同意隐私政策'
  const code = normaliseEnrolmentCode(v.enrolmentCode)
  if (code && !ENROLMENT_CODE.test(code)) errors.enrolmentCode = FIELD_MESSAGES.enrolmentCode
  return errors
}

/** The API's refusals of an enrolment code: shown by the code, with the way to join without it. */
const ENROLMENT_REFUSALS = new Set<string>(['ENROLMENT_CODE_INVALID', 'ENROLMENT_CODE_USED_UP'])

const FORM_FIELDS = new Set<string>(['name', 'mobile', 'phoneCode', 'birthday', 'gender'])

/**
 * The join form: values, validation, submit (stores the new session token). The member
 * accepts the privacy policy the API publishes (GET /v1/privacy-policy): the form loads it
 * first and sends its version; `policy` says whether it is there yet.
 *
 * A group's enrolment code (集体办理) comes from the scene (`g=`) or is typed; the one sent
 * is `enrolmentCode` (the scene's until the member drops it). When the API refuses it, the
 * message is `errors.enrolmentCode` and `joinWithoutCode` joins without it.
 */
export function useJoinForm(scene: JoinScene | null) {
  const { data: policy, error: policyError, loading: policyLoading, reload: loadPolicy } = usePrivacyPolicy()
  const [values, setValues] = useState<JoinFormValues>(EMPTY)
  const [errors, setErrors] = useState<JoinFormErrors>({})
  const [submitting, setSubmitting] = useState(false)
  /** The scene's code the member chose not to use. */
  const [droppedCode, setDroppedCode] = useState<string | null>(null)
  /** The API refused the code sent last (not only its shape, checked here). */
  const [codeRefused, setCodeRefused] = useState(false)
  const sceneCode = scene?.enrolmentCode && scene.enrolmentCode !== droppedCode ? scene.enrolmentCode : ''

  const set = useCallback(<K extends keyof JoinFormValues>(key: K, value: JoinFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }))
    setErrors((e) => (e[key] || e.form ? { ...e, [key]: undefined, form: undefined } : e))
  }, [])

  /** Resolves to the new card, or null when the form or the server refused. */
  const send = useCallback(
    async (form: JoinFormValues, codeFromScene: string): Promise<MemberCard | null> => {
      const found = validateJoinForm(codeFromScene ? { ...form, enrolmentCode: codeFromScene } : form)
      const enrolmentCode = codeFromScene || normaliseEnrolmentCode(form.enrolmentCode)
      if (!scene) found.form = '缺少门店信息，请扫描门店二维码加入'
      const policyVersion = policy?.version
      if (!policyVersion && !found.privacyConsent)
        found.privacyConsent = policyError ? '隐私政策加载失败，请重试' : '正在加载隐私政策，请稍候'
      setErrors(found)
      setCodeRefused(false)
      if (Object.keys(found).length > 0 || !scene || !policyVersion) return null

      setSubmitting(true)
      try {
        return await joinProgram({
          storeId: scene.storeId,
          name: form.name.trim(),
          ...(form.phoneCode ? { phoneCode: form.phoneCode } : { mobile: form.mobile.trim() }),
          birthday: form.birthday,
          gender: form.gender as Gender,
          privacyConsentVersion: policyVersion,
          marketingConsent: form.marketingConsent,
          ...(scene.referralCode ? { referralCode: scene.referralCode } : {}),
          ...(enrolmentCode ? { enrolmentCode } : {}),
        })
      } catch (e) {
        const next: JoinFormErrors = {}
        if (isApiError(e) && ENROLMENT_REFUSALS.has(e.code)) next.enrolmentCode = e.message
        else next.form = errorMessage(e)
        if (isApiError(e)) {
          for (const f of e.fields ?? []) {
            const key = f.field.split('.')[0] ?? ''
            if (FORM_FIELDS.has(key))
              next[(key === 'phoneCode' ? 'mobile' : key) as keyof JoinFormValues] = FIELD_MESSAGES[key] ?? f.message
            else if (key === 'privacyConsentVersion') next.privacyConsent = FIELD_MESSAGES[key]
            else if (key === 'enrolmentCode') next.enrolmentCode = FIELD_MESSAGES[key]
          }
          setCodeRefused(Boolean(next.enrolmentCode))
          if (e.code === 'UNDER_MINIMUM_AGE') next.birthday = e.message
          if (e.code === 'PRIVACY_CONSENT_OUTDATED') {
            // A newer policy was published since the form loaded it: load it again, and the
            // member reads and ticks it again.
            next.privacyConsent = e.message
            setValues((v) => ({ ...v, privacyConsent: false }))
            forgetPrivacyPolicy()
            void loadPolicy()
          }
        }
        setErrors(next)
        return null
      } finally {
        setSubmitting(false)
      }
    },
    [scene, policy, policyError, loadPolicy],
  )

  const submit = useCallback(() => send(values, sceneCode), [send, values, sceneCode])

  /** Drops the code (the scene's or the typed one) and joins with the rest of the form as it is. */
  const joinWithoutCode = useCallback(() => {
    const without = { ...values, enrolmentCode: '' }
    if (scene?.enrolmentCode) setDroppedCode(scene.enrolmentCode)
    setValues(without)
    setErrors((e) => ({ ...e, enrolmentCode: undefined }))
    return send(without, '')
  }, [send, values, scene])

  /** Load the policy again after it failed to load. */
  const reloadPolicy = useCallback(() => {
    setErrors((e) => ({ ...e, privacyConsent: undefined }))
    void loadPolicy()
  }, [loadPolicy])

  return {
    values,
    errors,
    set,
    submit,
    submitting,
    /** The scene's enrolment code while the member uses it ('' when none or dropped). */
    sceneCode,
    /** The code in use was refused (or the scene's is malformed): offer joining without it. */
    offerJoinWithoutCode: Boolean(errors.enrolmentCode) && (codeRefused || Boolean(sceneCode)),
    joinWithoutCode,
    /** The policy version the member accepts (null until loaded), and how loading it went. */
    policy: { version: policy?.version ?? null, loading: policyLoading && !policy, error: policy ? null : policyError },
    reloadPolicy,
  }
}
