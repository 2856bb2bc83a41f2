/**
 * Choosing coupon templates (campaigns, automations, offers, rewards): the catalogue (newest
 * first, up to 1,000, read 100 a page) under one query key — the coupons area's changes refresh it — each shown with
 * its summary and stock; one that ran out can't be chosen.
 */
import type { AdminCouponTemplate } from '@huiyuan/shared/coupons/admin'
import { useQuery } from '@tanstack/react-query'
import Select, { type SelectProps } from 'antd/es/select'
import Typography from 'antd/es/typography'
import { api } from '../../api/client'
import { count } from '../../lib/format'
import { TEMPLATES_KEY } from './TemplateDrawer'

export const TEMPLATE_OPTIONS_KEY = [...TEMPLATES_KEY, 'options'] as const

/** The most templates a picker lists (newest first): a program's catalogue, read 100 a page. */
const MAX_OPTIONS = 1_000

export const useTemplateOptions = (enabled = true) =>
  useQuery({
    queryKey: TEMPLATE_OPTIONS_KEY,
    queryFn: async () => {
      const items: AdminCouponTemplate[] = []
      let cursor: string | undefined
      do {
        const page = await api.call('listCouponTemplates', { query: { limit: 100, ...(cursor ? { cursor } : {}) } })
        items.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor && items.length < MAX_OPTIONS)
      return { items }
    },
    enabled,
  })

const soldOut = (t: AdminCouponTemplate) => t.remainingStock !== null && t.remainingStock <= 0

type Props = Omit<SelectProps, 'options' | 'optionRender' | 'loading'> & {
  templates: ReturnType<typeof useTemplateOptions>
  /** An option before the templates (如「不发券」). */
  lead?: { value: string; label: string }
  /** Chosen ids kept as options when they are not among the templates read (beyond the first page, or deleted since). */
  keep?: readonly string[]
}

export function TemplateSelect({ templates, lead, keep = [], ...select }: Props) {
  const list = templates.data?.items ?? []
  const options = [
    ...(lead ? [{ ...lead, template: undefined as AdminCouponTemplate | undefined, disabled: false }] : []),
    ...list.map((t) => ({ value: t.templateId, label: `${t.name}（${t.summary}）`, template: t, disabled: soldOut(t) })),
    ...keep
      .filter((id) => templates.data && !list.some((t) => t.templateId === id))
      .map((id) => ({ value: id, label: `券模板 ${id}`, template: undefined, disabled: false })),
  ]
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      {...select}
      loading={templates.isPending && templates.fetchStatus !== 'idle'}
      options={options}
      optionRender={(o) => {
        const t = (o.data as { template?: AdminCouponTemplate }).template
        if (!t) return <span>{o.label}</span>
        return (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {t.name}
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {t.summary}
              </Typography.Text>
            </span>
            <Typography.Text type={soldOut(t) ? 'danger' : 'secondary'} style={{ fontSize: 12, flex: 'none' }}>
              {t.remainingStock === null ? '不限量' : soldOut(t) ? '已抢光' : `剩余 ${count(t.remainingStock)} 张`}
            </Typography.Text>
          </div>
        )
      }}
    />
  )
}
