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
}

const MOBILE = /^1[3-9]\d{9}$/

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
  return errors
}

const FORM_FIELDS = new Set<string>(['name', 'mobile', 'phoneCode', 'birthday', 'gender'])

/**
 * The join form: values, validation, submit (stores the new session token). The member
 * accepts the privacy policy the API publishes (GET /v1/privacy-policy): the form loads it
 * first and sends its version; `policy` says whether it is there yet.
 */
export function useJoinForm(scene: JoinScene | null) {
  const { data: policy, error: policyError, loading: policyLoading, reload: loadPolicy } = usePrivacyPolicy()
  const [values, setValues] = useState<JoinFormValues>(EMPTY)
  const [errors, setErrors] = useState<JoinFormErrors>({})
  const [submitting, setSubmitting] = useState(false)

  const set = useCallback(<K extends keyof JoinFormValues>(key: K, value: JoinFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }))
    setErrors((e) => (e[key] || e.form ? { ...e, [key]: undefined, form: undefined } : e))
  }, [])

  /** Resolves to the new card, or null when the form or the server refused. */
  const submit = useCallback(async (): Promise<MemberCard | null> => {
    const found = validateJoinForm(values)
    if (!scene) found.form = '缺少门店信息，请扫描门店二维码加入'
    const policyVersion = policy?.version
    if (!policyVersion && !found.privacyConsent)
      found.privacyConsent = policyError ? '隐私政策加载失败，请重试' : '正在加载隐私政策，请稍候'
    setErrors(found)
    if (Object.keys(found).length > 0 || !scene || !policyVersion) return null

    setSubmitting(true)
    try {
      return await joinProgram({
        storeId: scene.storeId,
        name: values.name.trim(),
        ...(values.phoneCode ? { phoneCode: values.phoneCode } : { mobile: values.mobile.trim() }),
        birthday: values.birthday,
        gender: values.gender as Gender,
        privacyConsentVersion: policyVersion,
        marketingConsent: values.marketingConsent,
        ...(scene.referralCode ? { referralCode: scene.referralCode } : {}),
      })
    } catch (e) {
      const next: JoinFormErrors = { form: errorMessage(e) }
      if (isApiError(e)) {
        for (const f of e.fields ?? []) {
          const key = f.field.split('.')[0] ?? ''
          if (FORM_FIELDS.has(key)) next[(key === 'phoneCode' ? 'mobile' : key) as keyof JoinFormValues] = FIELD_MESSAGES[key] ?? f.message
          else if (key === 'privacyConsentVersion') next.privacyConsent = FIELD_MESSAGES[key]
        }
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
  }, [values, scene, policy, policyError, loadPolicy])

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
    /** The policy version the member accepts (null until loaded), and how loading it went. */
    policy: { version: policy?.version ?? null, loading: policyLoading && !policy, error: policy ? null : policyError },
    reloadPolicy,
  }
}
