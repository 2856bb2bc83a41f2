/** 新建团体码: an organisation, the tier its members start at, the store they join at, how many may join, and when. */
import Alert from 'antd/es/alert'
import type { ButtonProps } from 'antd/es/button'
import DatePicker from 'antd/es/date-picker'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Select from 'antd/es/select'
import dayjs, { type Dayjs } from 'dayjs'
import { api } from '../../api/client'
import { forForm } from '../../lib/fieldMessages'
import { shanghaiDate } from '../../lib/format'
import { applyFieldErrors, useFormSubmit } from '../../lib/forms'
import { useTiers } from '../program/queries'
import { useAllStores } from '../stores/useStores'
import type { EnrolmentCode } from './EnrolmentQr'

interface CodeFormValues {
  organisation: string
  tierCode: string
  storeId: string
  maxUses: number
  validity: [Dayjs, Dayjs]
}

const DAY = 'YYYY-MM-DD'

export default function CreateCodeModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean
  onClose: () => void
  onCreated: (c: EnrolmentCode) => void
}) {
  const [form] = Form.useForm<CodeFormValues>()
  const tiers = useTiers()
  const stores = useAllStores()
  const today = dayjs(shanghaiDate())
  const { saving, error, submit } = useFormSubmit(
    form,
    async (v) => {
      const created = await api.call('createEnrolmentCode', {
        body: {
          organisation: v.organisation.trim(),
          tierCode: v.tierCode,
          storeId: v.storeId,
          maxUses: v.maxUses,
          validFrom: v.validity[0].format(DAY),
          validUntil: v.validity[1].format(DAY),
        },
      })
      onCreated(created)
    },
    // The two dates are one field here: the server's word on either goes on the range.
    (e) =>
      applyFieldErrors(
        form,
        forForm(e, (f) => (f === 'validFrom' || f === 'validUntil' ? 'validity' : f)),
      ),
  )

  return (
    <Modal
      title="新建团体码"
      open={open}
      okText="创建团体码"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      okButtonProps={{ 'data-testid': 'enrolment-submit' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ maxUses: 100, validity: [today, today.add(3, 'month')] }}
        data-testid="enrolment-form"
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="organisation"
          label="组织名称"
          extra="如 华东电力公司工会；用这个团体码入会的会员会标记为该组织"
          rules={[
            { required: true, whitespace: true, message: '请输入组织名称' },
            { min: 2, message: '组织名称至少 2 个字' },
            { max: 40, message: '组织名称最多 40 个字' },
          ]}
        >
          <Input placeholder="如 华东电力公司工会" maxLength={40} data-testid="enrolment-organisation" />
        </Form.Item>
        <Form.Item name="tierCode" label="起始等级" rules={[{ required: true, message: '请选择起始等级' }]} extra="成员入会即为该等级">
          <Select placeholder="选择等级" loading={tiers.length === 0} options={tiers.map((t) => ({ value: t.code, label: t.name }))} />
        </Form.Item>
        <Form.Item
          name="storeId"
          label="入会门店"
          rules={[{ required: true, message: '请选择入会门店' }]}
          extra="二维码打开该门店的入会页面，会员的入会门店记为该店"
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择门店"
            loading={stores.isPending}
            options={(stores.data ?? []).filter((s) => s.active).map((s) => ({ value: s.storeId, label: `${s.name}（${s.storeId}）` }))}
          />
        </Form.Item>
        <Form.Item name="maxUses" label="名额" rules={[{ required: true, message: '请填写名额' }]} extra="最多可以有多少人用这个团体码入会">
          <InputNumber min={1} max={100_000} precision={0} suffix="人" style={{ width: 200 }} data-testid="enrolment-max-uses" />
        </Form.Item>
        <Form.Item
          name="validity"
          label="有效期"
          rules={[{ required: true, message: '请选择有效期' }]}
          extra="起止日期当天都可使用（按项目时区）"
        >
          <DatePicker.RangePicker style={{ width: 320 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
