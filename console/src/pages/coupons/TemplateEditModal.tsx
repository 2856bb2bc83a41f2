/**
 * What stays safe to change once a template's coupons are out: its name, the end of a fixed
 * validity (new coupons only), and more stock (补充库存). Value and rules never change.
 */
import { useQueryClient } from '@tanstack/react-query'
import { isApiError } from '@huiyuan/shared/client/core'
import type { AdminCouponTemplate } from '@huiyuan/shared/coupons/admin'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import DatePicker from 'antd/es/date-picker'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { api, type BodyOf, errorText } from '../../api/client'
import { forForm } from '../../lib/fieldMessages'
import { count, date } from '../../lib/format'
import { applyFieldErrors } from '../../lib/forms'
import { TEMPLATES_KEY } from './TemplateDrawer'

interface Values {
  name: string
  validUntil: Dayjs | null
  addStock: number | null
}

export type TemplateEdit = { template: AdminCouponTemplate; mode: 'edit' | 'stock' }

export default function TemplateEditModal({ edit, onClose }: { edit: TemplateEdit | null; onClose: () => void }) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const t = edit?.template
  const fixed = t?.validity.type === 'fixed' ? t.validity : null

  useEffect(() => {
    if (!t) return
    setError(undefined)
    form.setFieldsValue({ name: t.name, validUntil: fixed ? dayjs(fixed.until) : null, addStock: null })
  }, [t, fixed, form])

  const submit = async () => {
    if (!t || !edit) return
    setError(undefined)
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    const body: BodyOf<'updateCouponTemplate'> =
      edit.mode === 'stock'
        ? { addStock: v.addStock ?? Number.NaN }
        : {
            ...(v.name.trim() !== t.name ? { name: v.name.trim() } : {}),
            ...(fixed && v.validUntil && !v.validUntil.isSame(dayjs(fixed.until), 'minute')
              ? { validUntil: v.validUntil.endOf('day').format('YYYY-MM-DDTHH:mm:ssZ') }
              : {}),
          }
    if (Object.keys(body).length === 0) return onClose()
    setSaving(true)
    try {
      const saved = await api.call('updateCouponTemplate', { params: { templateId: t.templateId }, body })
      message.success(edit.mode === 'stock' ? `已补充库存，剩余 ${count(saved.remainingStock ?? 0)} 张` : '已保存')
      void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY })
      onClose()
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED') setError(applyFieldErrors(form, forForm(e)))
      else setError(errorText(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      title={edit?.mode === 'stock' ? `补充库存：${t?.name ?? ''}` : `编辑券模板：${t?.name ?? ''}`}
      open={Boolean(edit)}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={edit?.mode === 'stock' ? '补充' : '保存'}
      cancelText="取消"
      confirmLoading={saving}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="template-edit" layout="vertical">
        {edit?.mode === 'stock' ? (
          <>
            <Typography.Paragraph type="secondary">
              当前剩余 {count(t?.remainingStock ?? 0)} 张，共发行 {count(t?.totalStock ?? 0)} 张。补充后立即可领。
            </Typography.Paragraph>
            <Form.Item label="补充数量" name="addStock" rules={[{ required: true, message: '请填写补充的张数' }]}>
              <InputNumber min={1} max={10_000_000} precision={0} suffix="张" style={{ width: 200 }} autoFocus />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label="券名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写券名称' }]}>
              <Input maxLength={40} showCount />
            </Form.Item>
            {fixed ? (
              <Form.Item
                label="有效期截止"
                name="validUntil"
                extra={`开始于 ${date(fixed.from)}；只影响之后发出的券，已发出的券保持原有效期。`}
              >
                <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isBefore(dayjs(fixed.from), 'day')} />
              </Form.Item>
            ) : (
              <Typography.Paragraph type="secondary">
                有效期为领取后 {t?.validity.type === 'relative' ? t.validity.days : '—'} 天，发出后不可修改。
              </Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              面额、门槛、适用门店和等级在发券后不能修改；需要不同的条件请新建券模板。
            </Typography.Paragraph>
          </>
        )}
      </Form>
    </Modal>
  )
}
