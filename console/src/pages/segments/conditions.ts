/**
 * The condition builder's model: a segment's definition as the builder holds it (rows with
 * a key, a field that may not be picked yet, money in yuan, a birthday's mode) and as the
 * API takes it (`SegmentDefinition`, money in fen). `toWire` builds the request the draft
 * describes — the shared schema judges it — and the schema's field errors (or the API's)
 * are put back on the row they belong to (`errorsByRow`), in Chinese.
 */
import { SegmentDefinition, type SegmentCondition, type SegmentField, type SegmentGroup } from '@huiyuan/shared/segments/schemas'
import { zhFieldMessage } from '../../lib/fieldMessages'
import { fenOf, yuanOf } from '../../lib/money'

/** The inputs of one row; which of them a field uses is the field's own business (see FIELDS). */
export interface CondValues {
  /** rfmGroup, pyramidGroup, tier, stores, category, tags, ageBand, gender. */
  in?: string[]
  dimension?: 'r' | 'f' | 'm'
  /** rfmScore 1–5; a range's ends (yuan for spend12m). */
  min?: number | null
  max?: number | null
  /** sleeping, newMember, active; birthday and pointsExpiring: within N days. */
  days?: number | null
  /** birthday: this month (else within `days`). */
  thisMonth?: boolean
  minPoints?: number | null
  /** unusedCoupons.has, marketingConsent.is. */
  yes?: boolean
}

export interface DraftCondition {
  type: 'condition'
  key: string
  field: SegmentField | null
  v: CondValues
}

export interface DraftGroup {
  type: 'group'
  key: string
  op: 'and' | 'or'
  items: DraftNode[]
}

export type DraftNode = DraftCondition | DraftGroup

export const MAX_DEPTH = 3
export const MAX_PER_GROUP = 20
export const MAX_CONDITIONS = 50

export type FieldInput = 'multi' | 'tags' | 'score' | 'days' | 'birthday' | 'pointsExpiring' | 'yesNo' | 'moneyRange' | 'countRange'

export interface FieldSpec {
  field: SegmentField
  /** As the field picker lists it. */
  label: string
  /** As a row shows it once picked (the row's inputs say the rest: 沉睡 「已连续 90 天未消费」). */
  short?: string
  section: string
  input: FieldInput
  /** What a new row of this field starts with. */
  defaults: CondValues
  /** Text after the days input (沉睡: 「90 天未消费」). */
  daysText?: string
  /** The unit of a count range (次, 分). */
  unit?: string
}

export const FIELDS: FieldSpec[] = [
  { field: 'rfmGroup', label: 'RFM 分组', section: 'RFM 与消费', input: 'multi', defaults: { in: [] } },
  { field: 'pyramidGroup', label: '会员金字塔', section: 'RFM 与消费', input: 'multi', defaults: { in: [] } },
  { field: 'rfmScore', label: 'RFM 五分位评分', section: 'RFM 与消费', input: 'score', defaults: { dimension: 'r', min: 4, max: 5 } },
  { field: 'spend12m', label: '近12个月消费金额', section: 'RFM 与消费', input: 'moneyRange', defaults: {} },
  { field: 'purchases12m', label: '近12个月消费次数', section: 'RFM 与消费', input: 'countRange', defaults: {}, unit: '次' },
  { field: 'category', label: '购买品类', section: 'RFM 与消费', input: 'tags', defaults: { in: [] } },
  {
    field: 'sleeping',
    label: '沉睡（N 天未消费）',
    short: '沉睡',
    section: '活跃度',
    input: 'days',
    defaults: { days: 90 },
    daysText: '天未消费',
  },
  {
    field: 'newMember',
    label: '新会员（N 天内入会）',
    short: '新会员',
    section: '活跃度',
    input: 'days',
    defaults: { days: 30 },
    daysText: '天内入会',
  },
  {
    field: 'active',
    label: '活跃（N 天内消费或签到）',
    short: '活跃',
    section: '活跃度',
    input: 'days',
    defaults: { days: 30 },
    daysText: '天内消费或签到',
  },
  { field: 'tier', label: '等级', section: '会员属性', input: 'multi', defaults: { in: [] } },
  { field: 'joinStore', label: '开卡门店', section: '会员属性', input: 'multi', defaults: { in: [] } },
  { field: 'favouriteStore', label: '常去门店', section: '会员属性', input: 'multi', defaults: { in: [] } },
  { field: 'birthday', label: '生日', section: '会员属性', input: 'birthday', defaults: { thisMonth: true, days: 7 } },
  { field: 'ageBand', label: '年龄段', section: '会员属性', input: 'multi', defaults: { in: [] } },
  { field: 'gender', label: '性别', section: '会员属性', input: 'multi', defaults: { in: [] } },
  { field: 'tags', label: '标签', section: '会员属性', input: 'tags', defaults: { in: [] } },
  { field: 'marketingConsent', label: '接受营销', section: '会员属性', input: 'yesNo', defaults: { yes: true } },
  { field: 'pointsBalance', label: '积分余额', section: '积分与券', input: 'countRange', defaults: {}, unit: '分' },
  { field: 'pointsExpiring', label: '积分即将过期', section: '积分与券', input: 'pointsExpiring', defaults: { days: 30, minPoints: 1 } },
  { field: 'unusedCoupons', label: '有未使用的券', section: '积分与券', input: 'yesNo', defaults: { yes: true } },
]

export const FIELD_SPECS = Object.fromEntries(FIELDS.map((f) => [f.field, f])) as Record<SegmentField, FieldSpec>

let seq = 0
export const newKey = (): string => `n${++seq}`

export const newCondition = (field: SegmentField | null = null): DraftCondition => ({
  type: 'condition',
  key: newKey(),
  field,
  v: field ? structuredClone(FIELD_SPECS[field].defaults) : {},
})

export const newGroup = (op: 'and' | 'or' = 'and', items: DraftNode[] = [newCondition()]): DraftGroup => ({
  type: 'group',
  key: newKey(),
  op,
  items,
})

const given = (n: number | null | undefined): number | undefined => (n === null || n === undefined ? undefined : n)
const range = (min: number | undefined, max: number | undefined) => ({
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
})

/** The condition a row describes, as the API takes it (possibly invalid: the schema judges). */
const conditionOf = (c: DraftCondition): unknown => {
  const v = c.v
  switch (c.field) {
    case null:
      return {}
    case 'rfmGroup':
    case 'pyramidGroup':
    case 'tier':
    case 'joinStore':
    case 'favouriteStore':
    case 'category':
    case 'ageBand':
    case 'gender':
      return { field: c.field, in: v.in ?? [] }
    case 'tags':
      return { field: 'tags', any: v.in ?? [] }
    case 'rfmScore':
      return { field: 'rfmScore', dimension: v.dimension, min: given(v.min), max: given(v.max) }
    case 'sleeping':
    case 'newMember':
    case 'active':
      return { field: c.field, days: given(v.days) }
    case 'birthday':
      return v.thisMonth ? { field: 'birthday', thisMonth: true } : { field: 'birthday', withinDays: given(v.days) }
    case 'pointsExpiring':
      return { field: 'pointsExpiring', withinDays: given(v.days), minPoints: given(v.minPoints) ?? 1 }
    case 'unusedCoupons':
      return { field: 'unusedCoupons', has: v.yes ?? true }
    case 'marketingConsent':
      return { field: 'marketingConsent', is: v.yes ?? true }
    case 'spend12m':
      return { field: 'spend12m', range: range(fenOf(v.min), fenOf(v.max)) }
    case 'purchases12m':
    case 'pointsBalance':
      return { field: c.field, range: range(given(v.min), given(v.max)) }
  }
}

/** The definition the draft describes, as the API takes it. */
export const toWire = (g: DraftGroup): unknown => ({
  op: g.op,
  conditions: g.items.map((n) => (n.type === 'group' ? toWire(n) : conditionOf(n))),
})

const valuesOf = (c: SegmentCondition): CondValues => {
  switch (c.field) {
    case 'rfmGroup':
    case 'pyramidGroup':
    case 'tier':
    case 'joinStore':
    case 'favouriteStore':
    case 'category':
    case 'ageBand':
    case 'gender':
      return { in: [...c.in] }
    case 'tags':
      return { in: [...c.any] }
    case 'rfmScore':
      return { dimension: c.dimension, min: c.min, max: c.max }
    case 'sleeping':
    case 'newMember':
    case 'active':
      return { days: c.days }
    case 'birthday':
      return c.thisMonth ? { thisMonth: true, days: 7 } : { thisMonth: false, days: c.withinDays ?? null }
    case 'pointsExpiring':
      return { days: c.withinDays, minPoints: c.minPoints }
    case 'unusedCoupons':
      return { yes: c.has }
    case 'marketingConsent':
      return { yes: c.is }
    case 'spend12m':
      return {
        min: c.range.min === undefined ? null : yuanOf(c.range.min),
        max: c.range.max === undefined ? null : yuanOf(c.range.max),
      }
    case 'purchases12m':
    case 'pointsBalance':
      return { min: c.range.min ?? null, max: c.range.max ?? null }
  }
}

/** A saved definition as the builder holds it. */
export const fromWire = (g: SegmentGroup): DraftGroup => ({
  type: 'group',
  key: newKey(),
  op: g.op,
  items: g.conditions.map((c) => ('op' in c ? fromWire(c) : { type: 'condition', key: newKey(), field: c.field, v: valuesOf(c) })),
})

/** The same definition whatever the order of its keys: for "has it changed?". */
export const wireKey = (g: SegmentGroup): string => JSON.stringify(toWire(fromWire(g)))

export const countConditions = (g: DraftGroup): number => g.items.reduce((n, c) => n + (c.type === 'group' ? countConditions(c) : 1), 0)

// ── Editing the tree (immutably, by the index path of a node) ─────────────────────────────

export const updateAt = (root: DraftGroup, path: number[], fn: (n: DraftNode) => DraftNode | null): DraftGroup => {
  if (path.length === 0) return fn(root) as DraftGroup
  const [i, ...rest] = path as [number, ...number[]]
  const items = root.items.flatMap((n, j) => {
    if (j !== i) return [n]
    if (rest.length === 0) {
      const next = fn(n)
      return next ? [next] : []
    }
    return n.type === 'group' ? [updateAt(n, rest, fn)] : [n]
  })
  return { ...root, items }
}

// ── Errors, on the row they belong to ─────────────────────────────────────────────────────

/** A schema issue or an API field error, its path from the definition's root. */
export interface Issue {
  path: (string | number)[]
  message: string
  code?: string
  minimum?: number | bigint
  maximum?: number | bigint
}

/** A row's key in the errors map: 'r' for the top group, 'r.0.2' for the third row of the first row's group. */
export const rowKey = (path: number[]): string => ['r', ...path].join('.')

const CUSTOM: Record<string, string> = {
  'give min, max or both': '请填写最低值或最高值',
  'must not be below min': '最高值不能低于最低值',
  'give thisMonth or withinDays': '请选择本月生日或填写天数',
  'add at least one condition': '至少添加一个条件',
  'groups nest at most 3 deep': '条件组最多嵌套 3 层',
  'at most 50 conditions': '最多 50 个条件',
}

const SUB_LABELS: Record<string, string> = {
  days: '天数',
  withinDays: '天数',
  minPoints: '积分数',
  dimension: '评分维度',
  min: '最低分',
  max: '最高分',
  'range.min': '最低值',
  'range.max': '最高值',
}

const messageOf = (node: DraftNode | undefined, sub: string, issue: Issue): string => {
  if (node?.type === 'condition' && node.field === 'birthday' && !node.v.thisMonth && issue.message === 'give thisMonth or withinDays')
    return '请填写天数'
  if (CUSTOM[issue.message]) return CUSTOM[issue.message]!
  if (node?.type === 'group') {
    if (issue.code === 'too_small') return '至少添加一个条件'
    if (issue.code === 'too_big') return `每组最多 ${MAX_PER_GROUP} 个条件`
    return zhFieldMessage(issue.message)
  }
  if (node?.type === 'condition' && node.field === null) return '请选择条件'
  const what = SUB_LABELS[sub] ?? ''
  if (sub === 'in' || sub === 'any') return issue.code === 'too_small' || issue.code === 'too_big' ? '请至少选择一项' : '选项无效'
  if (issue.code === 'invalid_type') return what ? `请填写${what}` : '请填写完整'
  if (issue.code === 'too_small' && issue.minimum !== undefined)
    return `${what}不能小于 ${node?.type === 'condition' && node.field === 'spend12m' ? `¥${Number(issue.minimum) / 100}` : issue.minimum}`
  if (issue.code === 'too_big' && issue.maximum !== undefined) return `${what}不能大于 ${issue.maximum}`
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') return '请选择条件'
  return zhFieldMessage(issue.message)
}

/** Each row's messages (by `rowKey`), from issues whose paths run from the definition's root. */
export const errorsByRow = (root: DraftGroup, issues: Issue[]): Map<string, string[]> => {
  const out = new Map<string, string[]>()
  for (const issue of issues) {
    let node: DraftNode = root
    const at: number[] = []
    let i = 0
    while (node.type === 'group' && issue.path[i] === 'conditions' && i + 1 < issue.path.length) {
      const j = Number(issue.path[i + 1])
      const next: DraftNode | undefined = node.items[j]
      if (!next) break
      node = next
      at.push(j)
      i += 2
    }
    const sub = issue.path.slice(i).join('.')
    const key = rowKey(at)
    const text = messageOf(node, sub, issue)
    const list = out.get(key) ?? []
    if (!list.includes(text)) list.push(text)
    out.set(key, list)
  }
  return out
}

type RawIssue = {
  path: PropertyKey[]
  message: string
  code: string
  minimum?: unknown
  maximum?: unknown
  errors?: RawIssue[][]
}

/** The node at an issue's path (`conditions.2.conditions.0`), if the path ends on one. */
const nodeAt = (root: DraftGroup, path: (string | number)[]): DraftNode | undefined => {
  let node: DraftNode = root
  for (let i = 0; i < path.length; i += 2) {
    if (node.type !== 'group' || path[i] !== 'conditions') return undefined
    const next: DraftNode | undefined = node.items[Number(path[i + 1])]
    if (!next) return undefined
    node = next
  }
  return node
}

/**
 * A row is a condition or a group (a union), so the schema reports a bad row as "matches
 * neither" with both explanations: keep the one for what the row is.
 */
const flatten = (root: DraftGroup, issues: RawIssue[], base: (string | number)[]): Issue[] =>
  issues.flatMap((i) => {
    const path = [...base, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]
    if (i.code === 'invalid_union' && i.errors && i.errors.length > 0) {
      const branch = nodeAt(root, path)?.type === 'group' ? i.errors[1] : i.errors[0]
      if (branch && branch.length > 0) return flatten(root, branch, path)
    }
    return [
      {
        path,
        message: i.message,
        code: i.code,
        ...(typeof i.minimum === 'number' ? { minimum: i.minimum } : {}),
        ...(typeof i.maximum === 'number' ? { maximum: i.maximum } : {}),
      },
    ]
  })

/** The draft checked by the shared schema: the definition to send, or the issues. */
export const checkDraft = (root: DraftGroup): { definition: SegmentGroup; issues: [] } | { definition: null; issues: Issue[] } => {
  const parsed = SegmentDefinition.safeParse(toWire(root))
  if (parsed.success) return { definition: parsed.data, issues: [] }
  return { definition: null, issues: flatten(root, parsed.error.issues as unknown as RawIssue[], []) }
}

/** An API field path (`definition.conditions.0.range.max`) as an issue from the definition's root. */
export const issueOfField = (field: string, message: string, code?: string): Issue => ({
  path: field
    .replace(/^definition\.?/, '')
    .split('.')
    .filter((p) => p.length > 0)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
  message,
  ...(code ? { code } : {}),
})
