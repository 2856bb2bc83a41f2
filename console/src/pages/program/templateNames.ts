/** Coupon templates' names by id, for what a setting gives (修改记录, the save confirmation). */
import { useMemo } from 'react'
import { useTemplateOptions } from '../coupons/TemplateSelect'
import type { TemplateName } from './labels'

export const useTemplateName = (): TemplateName => {
  const items = useTemplateOptions().data?.items
  return useMemo(() => {
    const names = new Map((items ?? []).map((t) => [t.templateId, t.name]))
    return (id: string) => names.get(id)
  }, [items])
}
