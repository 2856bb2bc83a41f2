/**
 * Forms that check with the shared schemas before sending and show the server's field
 * errors in place: an `ApiError` with field paths (`tiers.1.thresholdFen`) becomes
 * antd `Form` field errors; anything else becomes one message above the form.
 */
import type { FormInstance } from 'antd/es/form'
import { useState } from 'react'
import { isApiError } from '../api/client'

const namePath = (field: string): (string | number)[] => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))

/**
 * Puts a failed call's field errors on the form (those under `prefix`, e.g. `rules`, with it
 * stripped) and returns the message for anything no field took.
 */
export const applyFieldErrors = (form: FormInstance, e: unknown, prefix?: string): string | undefined => {
  if (!isApiError(e)) return '操作失败，请稍后重试'
  const fields = (e.fields ?? [])
    .filter((f) => !prefix || f.field === prefix || f.field.startsWith(`${prefix}.`))
    .map((f) => ({ ...f, field: prefix ? f.field.slice(prefix.length + 1) : f.field }))
    .filter((f) => f.field.length > 0)
  const values = form.getFieldsValue(true)
  const known = fields.filter((f) => hasPath(values, namePath(f.field)))
  if (known.length > 0) {
    form.setFields(known.map((f) => ({ name: namePath(f.field), errors: [f.message] })))
    form.scrollToField(namePath(known[0]!.field))
  }
  const rest = fields.filter((f) => !known.includes(f))
  if (known.length > 0 && rest.length === 0) return undefined
  return rest.length > 0 ? `${e.message}：${rest.map((f) => `${f.field} ${f.message}`).join('；')}` : e.message
}

const hasPath = (value: unknown, path: (string | number)[]): boolean => {
  let v: unknown = value
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !(p in (v as object))) return false
    v = (v as Record<string | number, unknown>)[p]
  }
  return true
}

/**
 * A form's submit: check the fields, send, and keep what the dialog shows — `saving` while
 * it runs, and the message no field took when it fails (`failed` may put a refusal on a
 * field itself and return nothing, or return its own message).
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  send: (values: V) => Promise<void>,
  failed: (e: unknown) => string | undefined = (e) => applyFieldErrors(form, e),
) {
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()
  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    setSaving(true)
    setError(undefined)
    try {
      await send(values)
    } catch (e) {
      setError(failed(e))
    } finally {
      setSaving(false)
    }
  }
  return { saving, error, setError, submit }
}
