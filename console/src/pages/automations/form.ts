/**
 * The automation's settings form: an automation as the form holds it (its coupons and
 * message flattened) and as the API takes it (`UpdateAutomationRequest`), and the API's
 * field errors renamed to the form's fields (`offer.templateIds.1` → `templateIds`,
 * `message.title` → `title`), in Chinese.
 */
import type { Automation, AutomationKind } from '@huiyuan/shared/campaigns/automations'
import type { FieldError } from '@huiyuan/shared/client/core'
import { validateBody } from '@huiyuan/shared/client/typed'
import type { BodyOf } from '../../api/client'
import { toFormFields } from '../../lib/fieldMessages'
import { AUTOMATIONS_WITH_DAYS } from './labels'

export interface Values {
  enabled: boolean
  days: number | null
  templateIds: string[]
  title: string
  body: string
  wechat: boolean
  holdoutPct: number | null
  attributionDays: number | null
}

export const valuesOf = (a: Automation): Values => ({
  enabled: a.enabled,
  days: a.days,
  templateIds: [...a.offer.templateIds],
  title: a.message.title,
  body: a.message.body,
  wechat: a.message.wechat,
  holdoutPct: a.holdoutPct,
  attributionDays: a.attributionDays,
})

const given = (n: number | null | undefined): number | undefined => (n === null || n === undefined || Number.isNaN(n) ? undefined : n)

/** The request the form describes (possibly invalid: the shared schema judges); days only for the kinds that have them. */
export const bodyOf = (kind: AutomationKind, v: Partial<Values>, version: number): BodyOf<'updateAutomation'> => ({
  enabled: Boolean(v.enabled),
  days: AUTOMATIONS_WITH_DAYS.includes(kind) ? (given(v.days) ?? null) : null,
  offer: { templateIds: v.templateIds ?? [] },
  message: { title: (v.title ?? '').trim(), body: (v.body ?? '').trim(), wechat: Boolean(v.wechat) },
  holdoutPct: given(v.holdoutPct) as number,
  attributionDays: given(v.attributionDays) as number,
  version,
})

/** The form's field for a request's field. */
export const formPath = (field: string): string => {
  if (field === 'offer' || field.startsWith('offer.')) return 'templateIds'
  if (field === 'message') return 'title'
  if (field.startsWith('message.')) return field.slice('message.'.length)
  return field
}

const MESSAGES: [RegExp, string][] = [
  [/^must not be empty$/, '不能为空'],
  [/^no such coupon template$/, '券模板不存在或已删除，请重新选择'],
  [/^how many days$/, '请填写天数'],
]

/** A request's field errors (the schema's or the API's) on the form's fields, in Chinese; one per field. */
export const formFields = (fields: FieldError[]): FieldError[] => {
  const seen = new Set<string>()
  return toFormFields(fields, formPath)
    .map((f) => ({ ...f, message: MESSAGES.find(([re]) => re.test(f.message))?.[1] ?? f.message }))
    .filter((f) => {
      if (seen.has(f.field)) return false
      seen.add(f.field)
      return true
    })
}

/** The shared schema's field errors of the request the form describes. */
export const schemaErrors = (kind: AutomationKind, v: Partial<Values>): FieldError[] =>
  formFields(validateBody('updateAutomation', bodyOf(kind, v, 0)))
