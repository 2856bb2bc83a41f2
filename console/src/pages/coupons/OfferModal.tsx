/** 新建 / 编辑 an offer of the offer centre: which template, the claim window, who may claim; later only copy and the window's end. */
import { useQueryClient } from '@tanstack/react-query'
import { isApiError } from '@huiyuan/shared/client/core'
import { validateBody } from '@huiyuan/shared/client/typed'
import type { AdminOffer } from '@huiyuan/shared/coupons/admin'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import DatePicker from 'antd/es/date-picker'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import Modal from 'antd/es/modal'
import Select from 'antd/es/select'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { api, type BodyOf, errorText } from '../../api/client'
import { forForm, recheckErrors, toFormFields } from '../../lib/fieldMessages'
import { dateTime } from '../../lib/format'
import { applyFieldErrors } from '../../lib/forms'
import { useTiers } from '../program/queries'
import CouponFace from './CouponFace'
import { TemplateSelect, useTemplateOptions } from './TemplateSelect'

export const OFFERS_KEY = ['coupons', 'offers'] as const

interface Values {
  templateId?: string
  title: string
  description: string
  window: [Dayjs | null, Dayjs | null] | null
  claimUntil: Dayjs | null
  audienceTiers: string[]
}

const iso = (d: Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ')

const createBody = (v: Values): BodyOf<'createOffer'> => {
  const [from, until] = v.window ?? [null, null]
  return {
    templateId: v.templateId ?? '',
    title: v.title ?? '',
    description: v.description ?? '',
    claimFrom: from ? iso(from) : '',
    claimUntil: until ? iso(until) : '',
    audienceTiers: v.audienceTiers ?? [],
  }
}

const offerPath = (f: string) => (f === 'claimFrom' || f === 'claimUntil' ? 'window' : f)

/** `offer` edits it; otherwise a new offer (optionally of `templateId`). */
export type OfferEdit = { offer?: AdminOffer; templateId?: string }

export default function OfferModal({ edit, onClose }: { edit: OfferEdit | null; onClose: () => void }) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const tiers = useTiers()
  const offer = edit?.offer
  const templates = useTemplateOptions(Boolean(edit) && !offer)
  const templateId = Form.useWatch('templateId', form)
  const title = Form.useWatch('title', form)
  const template = templates.data?.items.find((t) => t.templateId === templateId)

  useEffect(() => {
    if (!edit) return
    setError(undefined)
    form.resetFields()
    if (edit.offer)
      form.setFieldsValue({ title: edit.offer.title, description: edit.offer.description, claimUntil: dayjs(edit.offer.claimUntil) })
    else
      form.setFieldsValue({
        templateId: edit.templateId,
        title: '',
        description: '',
        window: [dayjs().startOf('minute'), dayjs().add(30, 'day').endOf('day').second(0)],
        audienceTiers: [],
      })
  }, [edit, form])

  // A chosen template names the offer until someone types a title.
  useEffect(() => {
    if (!offer && template && !form.getFieldValue('title')) form.setFieldValue('title', template.name)
  }, [template, offer, form])

  const showErrors = (e: unknown) =>
    setError(
      applyFieldErrors(
        form,
        forForm(e, (f) => (offer ? f : offerPath(f))),
      ),
    )

  const recheck = () => {
    if (!form.getFieldsError().some((f) => f.errors.length > 0)) return
    const fields = offer ? [] : validateBody('createOffer', createBody(form.getFieldsValue(true)))
    void recheckErrors(form, toFormFields(fields, offerPath))
  }

  const submit = async () => {
    setError(undefined)
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setSaving(true)
    try {
      if (offer) {
        const body: BodyOf<'updateOffer'> = {
          ...(v.title.trim() !== offer.title ? { title: v.title.trim() } : {}),
          ...(v.description !== offer.description ? { description: v.description } : {}),
          ...(v.claimUntil && iso(v.claimUntil) !== iso(dayjs(offer.claimUntil)) ? { claimUntil: iso(v.claimUntil) } : {}),
        }
        if (Object.keys(body).length === 0) return onClose()
        await api.call('updateOffer', { params: { offerId: offer.offerId }, body })
        message.success('已保存')
      } else {
        const body = createBody(v)
        const created = await api.call('createOffer', { body })
        message.success(`「${created.title}」已上架领券中心`)
      }
      void queryClient.invalidateQueries({ queryKey: OFFERS_KEY })
      onClose()
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED') showErrors(e)
      else setError(errorText(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      title={offer ? `编辑领券活动：${offer.title}` : '新建领券活动'}
      open={Boolean(edit)}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={offer ? '保存' : '上架'}
      cancelText="取消"
      confirmLoading={saving}
      width={640}
      forceRender
      okButtonProps={{ id: 'offer-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="offer" layout="vertical" onValuesChange={recheck}>
        {!offer && (
          <Form.Item label="券模板" name="templateId" rules={[{ required: true, message: '请选择券模板' }]}>
            <TemplateSelect templates={templates} placeholder="选择要投放的券" />
          </Form.Item>
        )}
        <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={40} showCount placeholder="会员在领券中心看到的标题，如 满100减20 限量抢" />
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea maxLength={200} showCount rows={2} placeholder="如 限量 100 张，每人限领 1 张" />
        </Form.Item>
        {offer ? (
          <Form.Item
            label="领取截止"
            name="claimUntil"
            rules={[{ required: true, message: '请选择领取截止时间' }]}
            extra={`开始于 ${dateTime(offer.claimFrom)}；提前结束或延长都只影响之后的领取。`}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
          </Form.Item>
        ) : (
          <>
            <Form.Item label="领取时间" name="window" rules={[{ required: true, message: '请选择领取时间' }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="可领等级" name="audienceTiers" extra="不选即全部会员可领">
              <Select mode="multiple" allowClear placeholder="全部会员" options={tiers.map((t) => ({ value: t.code, label: t.name }))} />
            </Form.Item>
          </>
        )}
      </Form>
      {!offer && template && (
        <>
          <Typography.Text type="secondary">领券中心预览</Typography.Text>
          <CouponFace terms={template} title={title || template.name} lines={[template.summary]} testId="offer-preview" />
        </>
      )}
    </Modal>
  )
}
