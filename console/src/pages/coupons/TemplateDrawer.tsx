/** 新建券模板: every field of a template, money in yuan, checked by the shared schema, with the coupon drawn live beside it. */
import { useQueryClient } from '@tanstack/react-query'
import { isApiError } from '@huiyuan/shared/client/core'
import { validateBody } from '@huiyuan/shared/client/typed'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Checkbox from 'antd/es/checkbox'
import Col from 'antd/es/col'
import DatePicker from 'antd/es/date-picker'
import Drawer from 'antd/es/drawer'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Radio from 'antd/es/radio'
import Row from 'antd/es/row'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import { useState } from 'react'
import { api, errorText } from '../../api/client'
import { forForm, recheckErrors, toFormFields } from '../../lib/fieldMessages'
import { applyFieldErrors } from '../../lib/forms'
import { useStores, useTiers } from '../program/queries'
import CouponFace, { summaryOf } from './CouponFace'
import { EMPTY_TEMPLATE, KINDS, type TemplateForm, templateFormPath, toTemplateRequest, validityText } from './templateForm'

export const TEMPLATES_KEY = ['coupons', 'templates'] as const

export default function TemplateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<TemplateForm>()
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const stores = useStores().data?.items ?? []
  const tiers = useTiers()
  const values = Form.useWatch((v: TemplateForm) => v, { form, preserve: true }) ?? EMPTY_TEMPLATE
  const kind = values.kind ?? 'cash_off'
  const request = toTemplateRequest({ ...EMPTY_TEMPLATE, ...values })

  const showErrors = (e: unknown) => setError(applyFieldErrors(form, forForm(e, templateFormPath)))

  const submit = async () => {
    setError(undefined)
    try {
      await form.validateFields()
    } catch {
      return
    }
    const body = toTemplateRequest(form.getFieldsValue(true))
    setSaving(true)
    try {
      const created = await api.call('createCouponTemplate', { body })
      message.success(`已创建券模板「${created.name}」`)
      void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY })
      form.resetFields()
      onClose()
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED') showErrors(e)
      else setError(errorText(e))
    } finally {
      setSaving(false)
    }
  }

  const recheck = () => {
    if (!form.getFieldsError().some((f) => f.errors.length > 0)) return
    const fields = validateBody('createCouponTemplate', toTemplateRequest(form.getFieldsValue(true)))
    void recheckErrors(form, toFormFields(fields, templateFormPath))
  }

  const storeLine = request.storeIds?.length ? `限 ${request.storeIds.length} 家门店使用` : '全部门店可用'
  const tierLine = request.tierCodes?.length
    ? `限${request.tierCodes.map((c) => tiers.find((t) => t.code === c)?.name ?? c).join('、')}会员`
    : ''

  return (
    <Drawer
      title="新建券模板"
      open={open}
      onClose={onClose}
      size={1000}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="template-submit">
            创建
          </Button>
        </Space>
      }
    >
      <Row gutter={24} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form<TemplateForm> form={form} name="template" layout="vertical" initialValues={EMPTY_TEMPLATE} onValuesChange={recheck}>
            <Row gutter={16}>
              <Col span={14}>
                <Form.Item label="券名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写券名称' }]}>
                  <Input maxLength={40} showCount placeholder="如 周末闪购券" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item label="类型" name="kind">
                  <Select options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              {kind === 'cash_off' && (
                <Col span={8}>
                  <Form.Item label="减免金额" name="valueYuan" rules={[{ required: true, message: '请填写减免金额' }]}>
                    <InputNumber prefix="¥" min={0.01} precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
              {kind === 'percent_off' && (
                <>
                  <Col span={8}>
                    <Form.Item label="折扣" name="zhe" rules={[{ required: true, message: '请填写折扣' }]} extra="8.5 即 85 折（付 85%）">
                      <InputNumber suffix="折" min={0.1} max={9.9} precision={1} step={0.5} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item label="最多减（可选）" name="capYuan">
                      <InputNumber prefix="¥" min={0.01} precision={2} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </>
              )}
              {(kind === 'gift' || kind === 'service') && (
                <Col span={16}>
                  <Form.Item
                    label={kind === 'gift' ? '赠品' : '服务'}
                    name="itemName"
                    rules={[{ required: true, whitespace: true, message: kind === 'gift' ? '请填写赠品名称' : '请填写服务内容' }]}
                  >
                    <Input maxLength={60} placeholder={kind === 'gift' ? '如 品牌帆布袋' : '如 免费改衣一次'} />
                  </Form.Item>
                </Col>
              )}
              <Col span={8}>
                <Form.Item label="使用门槛" name="thresholdYuan" extra="订单满多少可用，0 为无门槛">
                  <InputNumber prefix="¥" min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label="有效期" required style={{ marginBottom: 8 }}>
              <Form.Item name="validityType" noStyle>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'relative', label: '领取后 N 天' },
                    { value: 'fixed', label: '固定日期' },
                  ]}
                />
              </Form.Item>
            </Form.Item>
            {values.validityType === 'fixed' ? (
              <Form.Item name="window" rules={[{ required: true, message: '请选择有效期' }]}>
                <DatePicker.RangePicker style={{ width: 320 }} />
              </Form.Item>
            ) : (
              <Form.Item name="days" rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber prefix="领取后" suffix="天内有效" min={1} max={3650} precision={0} style={{ width: 240 }} />
              </Form.Item>
            )}
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item label="适用门店" name="storeIds" extra="不选即全部门店">
                  <Select
                    mode="multiple"
                    allowClear
                    placeholder="全部门店"
                    options={stores.map((s) => ({ value: s.storeId, label: s.name }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="适用等级" name="tierCodes" extra="不选即全部等级">
                  <Select
                    mode="multiple"
                    allowClear
                    placeholder="全部等级"
                    options={tiers.map((t) => ({ value: t.code, label: t.name }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item label="发行总量" required>
                  <Space>
                    <Form.Item name="totalStock" noStyle rules={[{ required: !values.unlimited, message: '请填写发行总量' }]}>
                      <InputNumber min={1} max={10_000_000} precision={0} suffix="张" disabled={values.unlimited} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name="unlimited" valuePropName="checked" noStyle>
                      <Checkbox>不限量</Checkbox>
                    </Form.Item>
                  </Space>
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="每人限领" name="perMemberLimit" rules={[{ required: true, message: '请填写每人限领张数' }]}>
                  <InputNumber min={1} max={100} precision={0} suffix="张" style={{ width: 150 }} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Col>
        <Col flex="384px">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            券面预览
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            会员在小程序领券中心看到的样子
          </Typography.Paragraph>
          <CouponFace
            testId="coupon-preview"
            terms={request}
            title={request.name || '券名称'}
            lines={[summaryOf(request), validityText(request.validity)]}
            footer={[
              storeLine,
              tierLine,
              request.totalStock === null ? '不限量' : `限量 ${Number.isNaN(request.totalStock) ? '—' : request.totalStock} 张`,
              request.perMemberLimit && request.perMemberLimit > 1 ? `每人限领 ${request.perMemberLimit} 张` : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </Col>
      </Row>
    </Drawer>
  )
}
