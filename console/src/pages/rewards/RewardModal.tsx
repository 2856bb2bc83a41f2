/** 新建 / 编辑 / 补充库存 of a points-mall item: once members exchange it, only its copy and stock change. */
import { useQueryClient } from '@tanstack/react-query'
import { TemplateSelect, useTemplateOptions } from '../coupons/TemplateSelect'
import { isApiError } from '@huiyuan/shared/client/core'
import { validateBody } from '@huiyuan/shared/client/typed'
import type { AdminReward } from '@huiyuan/shared/coupons/admin'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Radio from 'antd/es/radio'
import Typography from 'antd/es/typography'
import { useEffect, useState } from 'react'
import { api, type BodyOf, errorText } from '../../api/client'
import { forForm, recheckErrors, toFormFields } from '../../lib/fieldMessages'
import { count } from '../../lib/format'
import { applyFieldErrors } from '../../lib/forms'

export const REWARDS_KEY = ['rewards'] as const

interface Values {
  name: string
  description: string
  pointsCost: number | null
  kind: 'coupon' | 'gift'
  templateId?: string
  stock: number | null
  addStock: number | null
}

export type RewardEdit = { mode: 'create' } | { mode: 'edit' | 'stock'; reward: AdminReward }

const createBody = (v: Values): BodyOf<'createReward'> => ({
  name: v.name ?? '',
  description: v.description ?? '',
  pointsCost: v.pointsCost ?? Number.NaN,
  kind: v.kind,
  ...(v.kind === 'coupon' ? { templateId: v.templateId } : {}),
  stock: v.stock ?? Number.NaN,
})

const TITLES = { create: '新建积分商品', edit: '编辑积分商品', stock: '补充库存' }

export default function RewardModal({ edit, onClose }: { edit: RewardEdit | null; onClose: () => void }) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const kind = Form.useWatch('kind', form)
  const reward = edit && edit.mode !== 'create' ? edit.reward : undefined
  const templates = useTemplateOptions(edit?.mode === 'create')

  useEffect(() => {
    if (!edit) return
    setError(undefined)
    form.resetFields()
    if (edit.mode === 'create') form.setFieldsValue({ kind: 'coupon', description: '', stock: 100 })
    else form.setFieldsValue({ name: edit.reward.name, description: edit.reward.description })
  }, [edit, form])

  const showErrors = (e: unknown) => setError(applyFieldErrors(form, forForm(e)))

  const recheck = () => {
    if (!form.getFieldsError().some((f) => f.errors.length > 0)) return
    const fields = edit?.mode === 'create' ? validateBody('createReward', createBody(form.getFieldsValue(true))) : []
    void recheckErrors(form, toFormFields(fields))
  }

  const submit = async () => {
    if (!edit) return
    setError(undefined)
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setSaving(true)
    try {
      if (edit.mode === 'create') {
        const body = createBody(v)
        const created = await api.call('createReward', { body })
        message.success(`「${created.name}」已上架积分商城`)
      } else {
        const r = edit.reward
        const body: BodyOf<'updateReward'> =
          edit.mode === 'stock'
            ? { addStock: v.addStock ?? Number.NaN }
            : {
                ...(v.name.trim() !== r.name ? { name: v.name.trim() } : {}),
                ...(v.description !== r.description ? { description: v.description ?? '' } : {}),
              }
        if (Object.keys(body).length === 0) return onClose()
        const saved = await api.call('updateReward', { params: { rewardId: r.rewardId }, body })
        message.success(edit.mode === 'stock' ? `已补充库存，剩余 ${count(saved.stock)} 件` : '已保存')
      }
      void queryClient.invalidateQueries({ queryKey: REWARDS_KEY })
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
      title={edit ? `${TITLES[edit.mode]}${reward ? `：${reward.name}` : ''}` : ''}
      open={Boolean(edit)}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={edit?.mode === 'create' ? '上架' : edit?.mode === 'stock' ? '补充' : '保存'}
      cancelText="取消"
      confirmLoading={saving}
      width={560}
      forceRender
      okButtonProps={{ id: 'reward-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="reward" layout="vertical" onValuesChange={recheck}>
        {edit?.mode === 'stock' ? (
          <>
            <Typography.Paragraph type="secondary">
              当前剩余 {count(reward?.stock ?? 0)} 件，已兑换 {count(reward?.exchanged ?? 0)} 件。补充后立即可兑换。
            </Typography.Paragraph>
            <Form.Item label="补充数量" name="addStock" rules={[{ required: true, message: '请填写补充的数量' }]}>
              <InputNumber min={1} max={10_000_000} precision={0} suffix="件" style={{ width: 200 }} autoFocus />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label="商品名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写商品名称' }]}>
              <Input maxLength={40} showCount placeholder="如 满100减20券" />
            </Form.Item>
            <Form.Item label="说明" name="description">
              <Input.TextArea maxLength={200} showCount rows={2} placeholder="如 到店领取" />
            </Form.Item>
            {edit?.mode === 'create' ? (
              <>
                <Form.Item label="所需积分" name="pointsCost" rules={[{ required: true, message: '请填写所需积分' }]}>
                  <InputNumber min={1} max={10_000_000} precision={0} suffix="积分" style={{ width: 200 }} />
                </Form.Item>
                <Form.Item label="兑换得到" name="kind">
                  <Radio.Group
                    options={[
                      { value: 'coupon', label: '一张券（放入会员券包）' },
                      { value: 'gift', label: '实物礼品' },
                    ]}
                  />
                </Form.Item>
                {kind === 'coupon' && (
                  <Form.Item label="发放的券" name="templateId" rules={[{ required: true, message: '请选择券模板' }]}>
                    <TemplateSelect templates={templates} placeholder="选择券模板" />
                  </Form.Item>
                )}
                <Form.Item label="库存" name="stock" rules={[{ required: true, message: '请填写库存' }]}>
                  <InputNumber min={0} max={10_000_000} precision={0} suffix="件" style={{ width: 200 }} />
                </Form.Item>
              </>
            ) : (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                所需积分和兑换内容在上架后不能修改；需要调整请新建商品并暂停旧商品。
              </Typography.Paragraph>
            )}
          </>
        )}
      </Form>
    </Modal>
  )
}
