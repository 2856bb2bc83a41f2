/**
 * 积分与等级: one form over the program rules in sections (earning, tiers, promotions,
 * check-in, marketing caps, subscription message templates, joining, stored value, referral
 * rewards), money in yuan; the section open is in the address (`?tab=storedValue`); saved
 * as a whole by an admin after the shared schema agrees, with the server's field errors in
 * place and a stale version caught (409). Beside it, a preview of what a purchase earns
 * under the unsaved rules; below, who changed what.
 */
import { useQueryClient } from '@tanstack/react-query'
import { isApiError } from '@huiyuan/shared/client/core'
import { validateBody } from '@huiyuan/shared/client/typed'
import { type ProgramView, UpdateProgramRequest } from '@huiyuan/shared/program/schemas'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Badge from 'antd/es/badge'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Form from 'antd/es/form'
import Space from 'antd/es/space'
import Tabs from 'antd/es/tabs'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { ApiError, api, errorText } from '../../api/client'
import { isAdmin } from '../../app/access'
import { useMe } from '../../app/useMe'
import { QueryState } from '../../components/states'
import { forForm, recheckErrors, toFormFields } from '../../lib/fieldMessages'
import { dateTime } from '../../lib/format'
import { applyFieldErrors } from '../../lib/forms'
import { pathLabel, valueText } from './labels'
import PreviewCard from './PreviewCard'
import { ReferralSection } from './ReferralSection'
import { PROGRAM_KEY, useProgram, useStores } from './queries'
import { diffRules, formPath, type RulesForm, type SectionKey, sectionOf, toForm, toRules } from './rulesForm'
import {
  CheckinSection,
  EarningSection,
  EntrySection,
  MarketingSection,
  MessagingSection,
  PromotionsSection,
  type SectionProps,
  TiersSection,
} from './sections'
import { StoredValueSection } from './StoredValueSection'
import { useTemplateName } from './templateNames'
import VersionsCard, { VERSIONS_KEY } from './VersionsCard'

const SECTIONS: { key: SectionKey; label: string; render: (p: SectionProps) => React.ReactNode }[] = [
  { key: 'earning', label: '积分规则', render: () => <EarningSection /> },
  { key: 'tiers', label: '等级', render: (p) => <TiersSection {...p} /> },
  { key: 'promotions', label: '积分加倍活动', render: (p) => <PromotionsSection {...p} /> },
  { key: 'checkin', label: '签到', render: (p) => <CheckinSection {...p} /> },
  { key: 'marketing', label: '营销频控', render: () => <MarketingSection /> },
  { key: 'messaging', label: '订阅消息模板', render: (p) => <MessagingSection {...p} /> },
  { key: 'entry', label: '入会方式', render: (p) => <EntrySection {...p} /> },
  { key: 'storedValue', label: '储值', render: (p) => <StoredValueSection {...p} /> },
  { key: 'referral', label: '推荐有礼', render: (p) => <ReferralSection {...p} /> },
]

export default function ProgramPage() {
  const program = useProgram()
  const stores = useStores()
  const me = useMe()
  const queryClient = useQueryClient()
  const reload = () => {
    void program.refetch()
    void queryClient.invalidateQueries({ queryKey: VERSIONS_KEY })
  }
  return (
    <QueryState query={program} rows={12}>
      {(view) => <ProgramEditor view={view} editable={isAdmin(me.data)} stores={stores.data?.items ?? []} reload={reload} />}
    </QueryState>
  )
}

function ProgramEditor({
  view,
  editable,
  stores,
  reload,
}: {
  view: ProgramView
  editable: boolean
  stores: { storeId: string; name: string }[]
  reload: () => void
}) {
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const templateName = useTemplateName()
  const [form] = Form.useForm<RulesForm>()
  const initial = useMemo(() => toForm(view.rules), [view.rules])
  const [params, setParams] = useSearchParams()
  const tab = SECTIONS.find((s) => s.key === params.get('tab'))?.key ?? 'earning'
  const setTab = (key: SectionKey) => {
    const next = new URLSearchParams(params)
    if (key === 'earning') next.delete('tab')
    else next.set('tab', key)
    setParams(next, { replace: true })
  }
  const [errorTabs, setErrorTabs] = useState<SectionKey[]>([])
  const [formError, setFormError] = useState<string>()
  const [conflict, setConflict] = useState(false)
  const [saving, setSaving] = useState(false)

  // A new version (saved here, or reloaded after a conflict): the form starts again from it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version is what changes
  useEffect(() => {
    form.resetFields()
    setConflict(false)
    setFormError(undefined)
    setErrorTabs([])
  }, [view.version])

  const values = Form.useWatch((v: RulesForm) => v, { form, preserve: true })
  const draft = useMemo(() => (values ? toRules({ ...initial, ...values }, view.rules) : view.rules), [values, initial, view.rules])
  const draftKey = JSON.stringify(draft)
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the draft's content
  const { changes, invalid } = useMemo(
    () => ({
      changes: diffRules(view.rules, draft),
      invalid: !UpdateProgramRequest.safeParse({ rules: draft, version: view.version }).success,
    }),
    [draftKey, view],
  )

  const errorSections = () =>
    [...new Set(form.getFieldsError().flatMap((f) => (f.errors.length > 0 ? [sectionOf(f.name.join('.'))] : [])))] as SectionKey[]

  /** Shows the first error: its tab, then the field. */
  const goToFirstError = () => {
    const first = form.getFieldsError().find((f) => f.errors.length > 0)
    setErrorTabs(errorSections())
    if (!first) return
    setTab(sectionOf(first.name.join('.')))
    setTimeout(() => form.scrollToField(first.name, { block: 'center' }), 60)
  }

  const showFieldErrors = (e: unknown) => {
    const rest = applyFieldErrors(form, forForm(e, formPath))
    goToFirstError()
    return rest
  }

  const send = async (rules: ReturnType<typeof toRules>) => {
    setSaving(true)
    try {
      const saved = await api.call('updateProgram', { body: { rules, version: view.version } })
      message.success(`规则已保存（第 ${saved.version} 版），30 秒内在所有门店生效`)
      void queryClient.invalidateQueries({ queryKey: VERSIONS_KEY })
      queryClient.setQueryData(PROGRAM_KEY, saved)
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
        setConflict(true)
        void queryClient.invalidateQueries({ queryKey: VERSIONS_KEY })
      } else if (isApiError(e) && e.code === 'VALIDATION_FAILED') setFormError(showFieldErrors(e))
      else setFormError(errorText(e))
    } finally {
      setSaving(false)
    }
  }

  const save = async () => {
    setFormError(undefined)
    try {
      await form.validateFields()
    } catch {
      goToFirstError()
      return
    }
    const rules = toRules({ ...initial, ...form.getFieldsValue(true) }, view.rules)
    const fields = validateBody('updateProgram', { rules, version: view.version })
    if (fields.length > 0) {
      setFormError(showFieldErrors(new ApiError('VALIDATION_FAILED', 400, '规则有误，请按提示修改', fields, { fields })))
      return
    }
    const list = diffRules(view.rules, rules)
    modal.confirm({
      title: '保存积分与等级规则？',
      width: 560,
      content: (
        <div data-testid="save-confirm">
          <Typography.Paragraph>共修改 {list.length} 项，保存后 30 秒内在所有门店生效：</Typography.Paragraph>
          <ul style={{ paddingLeft: 20, margin: 0 }}>
            {list.slice(0, 8).map((c) => (
              <li key={c.path}>
                {pathLabel(c.path, view.rules)}：{valueText(c.path, c.before, templateName)} →{' '}
                <b>{valueText(c.path, c.after, templateName)}</b>
              </li>
            ))}
            {list.length > 8 && <li>…… 等 {list.length} 项</li>}
          </ul>
        </div>
      ),
      okText: '保存',
      cancelText: '取消',
      onOk: () => send(rules),
    })
  }

  /** After a failed save, each change checks the shown errors again (fixed ones go away). */
  const recheck = () => {
    if (!form.getFieldsError().some((f) => f.errors.length > 0)) return
    const rules = toRules({ ...initial, ...form.getFieldsValue(true) }, view.rules)
    const fields = toFormFields(validateBody('updateProgram', { rules, version: view.version }), formPath)
    void recheckErrors(form, fields).then(() => setErrorTabs(errorSections()))
  }

  const discard = () => {
    form.resetFields()
    setErrorTabs([])
    setFormError(undefined)
  }

  const sectionProps: SectionProps = { form, editable, stores, rules: view.rules }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {!editable && <Alert type="info" showIcon title="只有管理员可以修改积分与等级规则；你可以查看规则，并用右侧预览试算积分。" />}
      {conflict && (
        <Alert
          type="error"
          showIcon
          data-testid="version-conflict"
          title="规则已被他人修改"
          description={`你打开的是第 ${view.version} 版，之后已有人保存了新版本。重新加载最新规则后再修改（本页未保存的修改会丢失）。`}
          action={
            <Button type="primary" danger onClick={reload}>
              重新加载
            </Button>
          }
        />
      )}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card
          style={{ flex: 1, minWidth: 0 }}
          title={
            <Space size={12}>
              <span>积分与等级</span>
              <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
                第 {view.version} 版{view.updatedAt ? ` · ${dateTime(view.updatedAt)}` : ''}
                {view.updatedBy ? ` · ${view.updatedBy.name}` : ''}
              </Typography.Text>
            </Space>
          }
          extra={
            editable && (
              <Space>
                {changes.length > 0 && (
                  <Tag color="orange" data-testid="unsaved">
                    未保存 {changes.length} 项修改
                  </Tag>
                )}
                <Button onClick={discard} disabled={changes.length === 0 || saving}>
                  撤销修改
                </Button>
                <Button
                  type="primary"
                  onClick={() => void save()}
                  loading={saving}
                  disabled={changes.length === 0 || conflict}
                  data-testid="save-rules"
                >
                  保存
                </Button>
              </Space>
            )
          }
        >
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="rules-error" />}
          <Form<RulesForm>
            form={form}
            name="rules"
            initialValues={initial}
            disabled={!editable}
            labelCol={{ flex: '120px' }}
            labelAlign="left"
            colon={false}
            onFieldsChange={() => setErrorTabs(errorSections())}
            onValuesChange={recheck}
            scrollToFirstError={false}
          >
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as SectionKey)}
              items={SECTIONS.map((s) => ({
                key: s.key,
                forceRender: true,
                label: (
                  <Badge dot={errorTabs.includes(s.key)} offset={[6, 0]}>
                    {s.label}
                  </Badge>
                ),
                children: <div style={{ paddingTop: 8 }}>{s.render(sectionProps)}</div>,
              }))}
            />
          </Form>
        </Card>
        <div style={{ width: 360, flex: 'none', position: 'sticky', top: 16 }}>
          <PreviewCard draft={draft} draftInvalid={invalid} stores={stores} />
        </div>
      </div>
      <VersionsCard rules={view.rules} />
    </Space>
  )
}
