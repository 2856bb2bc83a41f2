/**
 * 储值: the program's stored-value rules as a section of the program form — on or off, the
 * top-up packages (名称, 充 ¥, 送 ¥: add, edit, remove), top-ups of any amount, and the
 * prepaid-card rules (balance cap, the real-name threshold). Yuan on screen.
 */
import DeleteOutlined from '@ant-design/icons/DeleteOutlined'
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Popconfirm from 'antd/es/popconfirm'
import Space from 'antd/es/space'
import Switch from 'antd/es/switch'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { yuan } from '../../lib/format'
import { fenOf } from '../../lib/money'
import { required, type SectionProps, Sentence, tight } from './sections'
import { MAX_PACKAGES, newPackage, type PackageForm } from './storedValueForm'

const SV = 'storedValue'

/** What a package puts on the card: 到账 ¥1,100（赠 10%）. */
function Credited({ pkg }: { pkg: PackageForm | undefined }) {
  const pay = fenOf(pkg?.payYuan) ?? 0
  const bonus = fenOf(pkg?.bonusYuan) ?? 0
  if (pay <= 0) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Typography.Text>
      {yuan(pay + bonus)}
      {bonus > 0 && <Typography.Text type="secondary">（赠 {Math.round((bonus / pay) * 1000) / 10}%）</Typography.Text>}
    </Typography.Text>
  )
}

export function StoredValueSection({ form, editable }: SectionProps) {
  const enabled = Form.useWatch([SV, 'enabled'], form) as boolean | undefined
  const capYuan = Form.useWatch([SV, 'balanceCapYuan'], form) as number | null | undefined
  // `preserve`: with what no input holds (the id, saved or not).
  const packages = (Form.useWatch([SV, 'packages'], { form, preserve: true }) as PackageForm[] | undefined) ?? []
  const pay = (row: number) => form.getFieldValue([SV, 'packages', row, 'payYuan']) as number | null
  return (
    <div data-testid="stored-value-rules">
      <Form.Item
        label="储值"
        name={[SV, 'enabled']}
        valuePropName="checked"
        extra="关闭后门店不能再为会员充值；会员已有的余额仍可在各门店消费和退款。"
      >
        <Switch checkedChildren="开启" unCheckedChildren="关闭" aria-label="开启储值" />
      </Form.Item>
      {enabled === false && (
        <Alert
          type="warning"
          showIcon
          title="储值已关闭：保存后各门店停止充值。"
          style={{ marginBottom: 16 }}
          data-testid="stored-value-off"
        />
      )}
      <Form.Item label="充值套餐" extra="会员按套餐充值时，赠送金额单独记账：本金可退，赠送金不退；消费时本金和赠送金按充值时的比例扣减。">
        <Form.List name={[SV, 'packages']}>
          {(fields, { add, remove }, { errors }) => (
            <>
              <Table
                data-testid="package-table"
                size="middle"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                tableLayout="fixed"
                locale={{ emptyText: '还没有充值套餐：会员只能按任意金额充值（如已开启）' }}
                columns={[
                  {
                    title: '套餐名称',
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'name']}
                        style={tight}
                        rules={[
                          required('请填写套餐名称'),
                          { max: 30, message: '套餐名称最多 30 个字' },
                          { whitespace: true, message: '请填写套餐名称' },
                        ]}
                      >
                        <Input maxLength={30} placeholder="如 充1000送100" aria-label="套餐名称" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '充值金额（充）',
                    width: 130,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'payYuan']}
                        style={tight}
                        rules={[
                          required('请填写充值金额'),
                          { type: 'number', min: 0.01, message: '充值金额须大于 0' },
                          {
                            validator: async (_r, v: number | null) => {
                              if (typeof v === 'number' && typeof capYuan === 'number' && v > capYuan)
                                throw new Error(`不能超过余额上限 ${yuan(fenOf(capYuan) ?? 0)}`)
                            },
                          },
                        ]}
                      >
                        <InputNumber prefix="¥" min={0} precision={2} style={{ width: '100%' }} aria-label="充值金额" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '赠送金额（送）',
                    width: 130,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'bonusYuan']}
                        style={tight}
                        dependencies={[[SV, 'packages', f.name, 'payYuan']]}
                        rules={[
                          required('请填写赠送金额（不赠送填 0）'),
                          {
                            validator: async (_r, v: number | null) => {
                              const paid = pay(f.name)
                              if (typeof v === 'number' && typeof paid === 'number' && v > paid) throw new Error('赠送金额不能超过充值金额')
                            },
                          },
                        ]}
                      >
                        <InputNumber prefix="¥" min={0} precision={2} style={{ width: '100%' }} aria-label="赠送金额" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '到账',
                    width: 150,
                    render: (_, f) => (
                      <Space size={4} wrap>
                        <Credited pkg={packages[f.name]} />
                        {packages[f.name] && !packages[f.name]?.saved && <Tag color="orange">未保存</Tag>}
                      </Space>
                    ),
                  },
                  ...(editable
                    ? [
                        {
                          title: '',
                          width: 48,
                          render: (_: unknown, f: { name: number }) => (
                            <Popconfirm
                              title={`删除套餐「${packages[f.name]?.name || '未命名'}」？`}
                              description="保存后门店不再提供这个套餐；会员已充值的余额不受影响。"
                              okText="删除"
                              okButtonProps={{ danger: true }}
                              cancelText="取消"
                              onConfirm={() => remove(f.name)}
                            >
                              <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除套餐" />
                            </Popconfirm>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              {editable && (
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  style={{ marginTop: 12 }}
                  onClick={() => add(newPackage((form.getFieldValue([SV, 'packages']) as PackageForm[] | undefined) ?? []))}
                  disabled={fields.length >= MAX_PACKAGES}
                  data-testid="add-package"
                >
                  {fields.length >= MAX_PACKAGES ? `最多 ${MAX_PACKAGES} 个套餐` : '添加套餐'}
                </Button>
              )}
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item
        label="任意金额充值"
        name={[SV, 'customAmounts']}
        valuePropName="checked"
        extra="开启后收银台可按任意金额充值（不赠送），不限于上面的套餐。"
      >
        <Switch checkedChildren="允许" unCheckedChildren="不允许" aria-label="任意金额充值" />
      </Form.Item>
      <Form.Item label="余额上限" required extra="记名卡余额（本金加赠送）的上限；《单用途商业预付卡管理办法》规定记名卡不超过 ¥5,000。">
        <Sentence>
          <span>每位会员最多持有</span>
          <Form.Item
            name={[SV, 'balanceCapYuan']}
            noStyle
            rules={[required('请填写余额上限'), { type: 'number', min: 0.01, message: '余额上限须大于 0' }]}
          >
            <InputNumber prefix="¥" min={0} precision={2} style={{ width: 160 }} aria-label="余额上限" />
          </Form.Item>
        </Sentence>
      </Form.Item>
      <Form.Item label="实名充值" required extra="企业或大额充值须登记付款人姓名、证件号码和银行转账凭证；默认单笔 ¥10,000 起。">
        <Sentence>
          <span>单笔充值达到</span>
          <Form.Item
            name={[SV, 'realNameFromYuan']}
            noStyle
            rules={[required('请填写实名充值门槛'), { type: 'number', min: 0.01, message: '实名充值门槛须大于 0' }]}
          >
            <InputNumber prefix="¥" min={0} precision={2} style={{ width: 160 }} aria-label="实名充值门槛" />
          </Form.Item>
          <span>须实名登记</span>
        </Sentence>
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        记名卡余额不设有效期，可在本品牌任一门店消费（门店关闭后也可在其他门店使用），不能在联盟商户使用。各门店之间的储值往来见「储值报表 ·
        门店结算」。
      </Typography.Paragraph>
    </div>
  )
}
