/**
 * The sections of the program rules form: earning, tiers, promotions, check-in, marketing
 * caps, subscription message templates, joining; and what they share with the 储值 and
 * 推荐有礼 sections (StoredValueSection.tsx, ReferralSection.tsx).
 */
import DeleteOutlined from '@ant-design/icons/DeleteOutlined'
import MinusCircleOutlined from '@ant-design/icons/MinusCircleOutlined'
import PlusOutlined from '@ant-design/icons/PlusOutlined'
import {
  PURPOSE_SLOTS,
  SLOT_LABELS,
  SUBSCRIPTION_PURPOSE_LABELS,
  SUBSCRIPTION_PURPOSES,
  type SubscriptionPurpose,
  WECHAT_FIELD_KEY,
} from '@huiyuan/shared/messaging/schemas'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import DatePicker from 'antd/es/date-picker'
import Form, { type FormInstance } from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Popconfirm from 'antd/es/popconfirm'
import Radio from 'antd/es/radio'
import Row from 'antd/es/row'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import TimePicker from 'antd/es/time-picker'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import type { ReactNode } from 'react'
import { BENEFIT_ICONS, PROMOTION_KINDS } from './labels'
import type { PromotionForm, RulesForm, TierForm } from './rulesForm'

export interface SectionProps {
  form: FormInstance<RulesForm>
  /** The rules as saved (the form's starting point). */
  rules: ProgramRules
  editable: boolean
  stores: { storeId: string; name: string }[]
}

export const required = (message: string) => ({ required: true, message })
/** A form item inside a table cell or a sentence: no room below for the message. */
export const tight = { marginBottom: 0 }
/** Label above the input (inside a promotion's card, whatever the form's label column). */
const stacked = { layout: 'vertical' as const, labelCol: { span: 24 }, wrapperCol: { span: 24 } }

/** A sentence with inputs in it: 每消费 ¥[1] 积 1 分. */
export const Sentence = ({ children }: { children: ReactNode }) => (
  <Space size={8} wrap align="center">
    {children}
  </Space>
)

export function EarningSection() {
  return (
    <>
      <Form.Item label="积分比例" required extra="按实付金额（分）向下取整；再乘以等级倍数和进行中的加倍活动。">
        <Sentence>
          <span>每消费</span>
          <Form.Item name="yuanPerPoint" noStyle rules={[required('请填写每积 1 分需要消费的金额')]}>
            <InputNumber
              prefix="¥"
              min={0.01}
              max={10000}
              precision={2}
              step={0.5}
              style={{ width: 140 }}
              aria-label="每积 1 分的消费金额"
            />
          </Form.Item>
          <span>积 1 分</span>
        </Sentence>
      </Form.Item>
      <Form.Item label="积分有效期" required extra="某月获得的积分在其后第 N 个月的月底到期；消费时先用最早的积分。">
        <Sentence>
          <Form.Item name={['points', 'validityMonths']} noStyle rules={[required('请填写有效期')]}>
            <InputNumber min={1} max={120} precision={0} style={{ width: 100 }} aria-label="积分有效期（月）" />
          </Form.Item>
          <span>个月</span>
        </Sentence>
      </Form.Item>
      <Form.Item label="到期提醒" required>
        <Sentence>
          <span>到期前</span>
          <Form.Item name={['points', 'reminderDays']} noStyle rules={[required('请填写提醒天数')]}>
            <InputNumber min={0} max={90} precision={0} style={{ width: 100 }} aria-label="到期提醒天数" />
          </Form.Item>
          <span>天提醒会员</span>
        </Sentence>
      </Form.Item>
      <Form.Item label="积分价值" required extra="积分兑换和收银抵现的价值，也用于积分负债报表。">
        <Sentence>
          <Form.Item name={['points', 'pointsPerYuan']} noStyle rules={[required('请填写积分价值')]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: 120 }} aria-label="多少积分抵 1 元" />
          </Form.Item>
          <span>积分 = ¥1</span>
        </Sentence>
      </Form.Item>
      <Form.Item label="收银抵现上限" required extra="每笔订单用券后的金额中，积分最多可抵的比例。">
        <Sentence>
          <span>最多抵</span>
          <Form.Item name={['points', 'deductionCapPct']} noStyle rules={[required('请填写抵现上限')]}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 100 }} aria-label="积分抵现上限百分比" />
          </Form.Item>
          <span>%</span>
        </Sentence>
      </Form.Item>
    </>
  )
}

const newTier = (tiers: TierForm[]): TierForm => {
  const last = tiers[tiers.length - 1]
  return {
    saved: false,
    code: '',
    name: '',
    thresholdYuan: last?.thresholdYuan ? last.thresholdYuan * 2 : 1000,
    multiplier: last?.multiplier ?? 1,
    benefits: [],
  }
}

function Benefits({ tier, editable }: { tier: number; editable: boolean }) {
  return (
    <Form.List name={[tier, 'benefits']}>
      {(fields, { add, remove }) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', flex: 1 }}>
          {fields.map((f) => (
            <Space.Compact key={f.key} style={{ width: 280 }}>
              <Form.Item name={[f.name, 'icon']} noStyle>
                <Select
                  style={{ width: 76 }}
                  options={Object.entries(BENEFIT_ICONS).map(([value, label]) => ({ value, label }))}
                  aria-label="权益类型"
                />
              </Form.Item>
              <Form.Item name={[f.name, 'text']} noStyle rules={[required('请填写权益')]}>
                <Input maxLength={60} placeholder="如：生日礼券 ¥50" />
              </Form.Item>
              {editable && <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="删除权益" />}
            </Space.Compact>
          ))}
          {fields.length === 0 && <Typography.Text type="secondary">没有权益</Typography.Text>}
          {editable && fields.length < 20 && (
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => add({ icon: 'gift', text: '' })}>
              添加权益
            </Button>
          )}
        </div>
      )}
    </Form.List>
  )
}

export function TiersSection({ form, editable }: SectionProps) {
  const isSaved = (row: number) => Boolean(form.getFieldValue(['tiers', row, 'saved']))
  return (
    <>
      <Form.Item label="定级依据" style={{ marginBottom: 16 }}>
        <Sentence>
          <span>按近</span>
          <Form.Item name={['tierPolicy', 'windowMonths']} noStyle rules={[required('请填写月数')]}>
            <InputNumber min={1} max={36} precision={0} style={{ width: 80 }} aria-label="定级周期（月）" />
          </Form.Item>
          <span>个月的</span>
          <Form.Item name={['tierPolicy', 'basis']} noStyle>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'spend', label: '消费金额' },
                { value: 'points', label: '获得积分' },
              ]}
            />
          </Form.Item>
          <span>定级；达到即升级，每年评级时最多降一级。</span>
        </Sentence>
      </Form.Item>
      <Form.List name="tiers">
        {(fields, { add, remove }, { errors }) => (
          <>
            <Table
              data-testid="tier-table"
              size="middle"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              tableLayout="fixed"
              expandable={{
                expandedRowKeys: fields.map((f) => f.key),
                showExpandColumn: false,
                expandedRowRender: (f) => (
                  <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                    <Typography.Text type="secondary" style={{ flex: 'none', lineHeight: '32px' }}>
                      权益
                    </Typography.Text>
                    <Benefits tier={f.name} editable={editable} />
                  </div>
                ),
              }}
              columns={[
                {
                  title: '代码',
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'code']} style={tight} rules={[required('请填写代码')]}>
                      <Input maxLength={20} placeholder="如 platinum" disabled={isSaved(f.name)} />
                    </Form.Item>
                  ),
                },
                {
                  title: '名称',
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'name']} style={tight} rules={[required('请填写名称')]}>
                      <Input maxLength={20} placeholder="如 白金卡" />
                    </Form.Item>
                  ),
                },
                {
                  title: '门槛',
                  width: 150,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'thresholdYuan']} style={tight} rules={[required('请填写门槛')]}>
                      <InputNumber
                        prefix="¥"
                        min={0}
                        precision={2}
                        style={{ width: '100%' }}
                        disabled={f.name === 0}
                        aria-label="等级门槛"
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: '积分倍数',
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'multiplier']} style={tight} rules={[required('请填写倍数')]}>
                      <InputNumber prefix="×" min={0} max={10} precision={2} step={0.1} style={{ width: '100%' }} aria-label="积分倍数" />
                    </Form.Item>
                  ),
                },
                ...(editable
                  ? [
                      {
                        title: '',
                        width: 56,
                        render: (_: unknown, f: { name: number }) =>
                          isSaved(f.name) ? (
                            <Tooltip title="会员可能已持有此等级，不能删除；可以改名或调整门槛和权益">
                              <Button type="text" icon={<DeleteOutlined />} disabled aria-label="不能删除已保存的等级" />
                            </Tooltip>
                          ) : (
                            <Popconfirm
                              title={`删除等级「${form.getFieldValue(['tiers', f.name, 'name']) || '未命名'}」？`}
                              description="这个等级还没有保存，删除后不会生效。"
                              okText="删除"
                              okButtonProps={{ danger: true }}
                              cancelText="取消"
                              onConfirm={() => remove(f.name)}
                            >
                              <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除等级" />
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
                onClick={() => add(newTier(form.getFieldValue('tiers') ?? []))}
                disabled={fields.length >= 10}
              >
                添加等级
              </Button>
            )}
            <Form.ErrorList errors={errors} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              已保存的等级代码不能修改，也不能删除（会员可能已持有）。等级从低到高排列：第一个是入门等级（门槛
              ¥0），之后每一级的门槛都要高于上一级。
            </Typography.Paragraph>
          </>
        )}
      </Form.List>
    </>
  )
}

const newPromotion = (): PromotionForm => ({
  id: `promo-${Date.now().toString(36)}`,
  name: '',
  kind: 'member_day',
  multiplier: 2,
  dayOfMonth: 8,
  storeIds: [],
  categories: [],
  dates: null,
})

function PromotionScope({ form, name, stores }: { form: FormInstance<RulesForm>; name: number; stores: SectionProps['stores'] }) {
  const kind = form.getFieldValue(['promotions', name, 'kind']) as PromotionForm['kind']
  if (kind === 'member_day')
    return (
      <Form.Item {...stacked} label="会员日" required>
        <Sentence>
          <span>每月</span>
          <Form.Item name={[name, 'dayOfMonth']} noStyle rules={[required('请选择每月几号')]}>
            <InputNumber min={1} max={31} precision={0} style={{ width: 90 }} aria-label="每月几号" />
          </Form.Item>
          <span>号</span>
        </Sentence>
      </Form.Item>
    )
  if (kind === 'store')
    return (
      <Form.Item
        {...stacked}
        label="门店"
        name={[name, 'storeIds']}
        rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个门店' }]}
      >
        <Select
          mode="multiple"
          placeholder="选择门店"
          options={stores.map((s) => ({ value: s.storeId, label: `${s.name}（${s.storeId}）` }))}
        />
      </Form.Item>
    )
  if (kind === 'category')
    return (
      <Form.Item
        {...stacked}
        label="品类"
        name={[name, 'categories']}
        rules={[{ required: true, type: 'array', min: 1, message: '至少填写一个品类' }]}
      >
        <Select mode="tags" placeholder="输入品类后回车，如 服饰" open={false} />
      </Form.Item>
    )
  return (
    <Form.Item {...stacked} label="范围">
      <Typography.Text type="secondary">会员生日所在的整个月</Typography.Text>
    </Form.Item>
  )
}

export function PromotionsSection({ form, editable, stores }: SectionProps) {
  return (
    <Form.List name="promotions">
      {(fields, { add, remove }, { errors }) => (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Form.ErrorList errors={errors} />
          {fields.length === 0 && <Alert type="info" showIcon title="还没有积分加倍活动" />}
          {fields.map((f) => (
            <Card
              key={f.key}
              size="small"
              data-testid={`promotion-${f.name}`}
              title={
                <Form.Item noStyle shouldUpdate>
                  {() => form.getFieldValue(['promotions', f.name, 'name']) || '新活动'}
                </Form.Item>
              }
              extra={
                editable && (
                  <Popconfirm
                    title="删除这个加倍活动？"
                    description="保存后生效，之后的消费不再加倍。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove(f.name)}
                  >
                    <Button type="text" danger icon={<DeleteOutlined />}>
                      删除
                    </Button>
                  </Popconfirm>
                )
              }
            >
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item {...stacked} label="活动名称" name={[f.name, 'name']} rules={[required('请填写活动名称')]}>
                    <Input maxLength={40} placeholder="如 会员日双倍积分" />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item {...stacked} label="类型" name={[f.name, 'kind']}>
                    <Select options={Object.entries(PROMOTION_KINDS).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item {...stacked} label="倍数" name={[f.name, 'multiplier']} rules={[required('请填写倍数')]}>
                    <InputNumber prefix="×" min={1} max={10} precision={2} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    noStyle
                    shouldUpdate={(a: RulesForm, b: RulesForm) => a.promotions?.[f.name]?.kind !== b.promotions?.[f.name]?.kind}
                  >
                    {() => <PromotionScope form={form} name={f.name} stores={stores} />}
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item {...stacked} label="活动日期（可选）" name={[f.name, 'dates']} extra="不填则长期有效">
                    <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          {editable && (
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(newPromotion())} disabled={fields.length >= 50}>
              添加加倍活动
            </Button>
          )}
          <Typography.Text type="secondary">多个活动同时适用时倍数相乘（门店和品类活动只作用于对应的门店或商品金额）。</Typography.Text>
        </Space>
      )}
    </Form.List>
  )
}

export function CheckinSection({ editable }: SectionProps) {
  return (
    <>
      <Form.Item label="每日签到" required extra="每个自然日（北京时间）一次，重复点击只计一次。">
        <Sentence>
          <span>签到得</span>
          <Form.Item name={['checkin', 'basePoints']} noStyle rules={[required('请填写签到积分')]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: 100 }} aria-label="签到基础积分" />
          </Form.Item>
          <span>分</span>
        </Sentence>
      </Form.Item>
      <Form.Item label="连续签到奖励" extra="连续签到到第 N 天（及其倍数天）额外奖励；断签后重新计算。">
        <Form.List name={['checkin', 'streakBonuses']}>
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={8}>
              {fields.map((f) => (
                <Sentence key={f.key}>
                  <span>连续第</span>
                  <Form.Item name={[f.name, 'day']} noStyle rules={[required('请填写天数')]}>
                    <InputNumber min={2} max={365} precision={0} style={{ width: 90 }} aria-label="连续天数" />
                  </Form.Item>
                  <span>天 额外</span>
                  <Form.Item name={[f.name, 'points']} noStyle rules={[required('请填写积分')]}>
                    <InputNumber min={0} max={100000} precision={0} style={{ width: 100 }} aria-label="奖励积分" />
                  </Form.Item>
                  <span>分</span>
                  {editable && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="删除奖励" />}
                </Sentence>
              ))}
              {fields.length === 0 && <Typography.Text type="secondary">没有连续签到奖励</Typography.Text>}
              {editable && fields.length < 10 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ day: 7, points: 20 })}>
                  添加奖励
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form.Item>
    </>
  )
}

export function MarketingSection() {
  return (
    <>
      <Form.Item label="发送上限" required extra="积分到期、券到期、生日祝福等服务通知不计入，也不受免打扰限制。">
        <Sentence>
          <span>每位会员任意 7 天内最多收到</span>
          <Form.Item name={['marketing', 'maxMessagesPer7Days']} noStyle rules={[required('请填写条数')]}>
            <InputNumber min={0} max={50} precision={0} style={{ width: 90 }} aria-label="7 天营销消息上限" />
          </Form.Item>
          <span>条营销消息</span>
        </Sentence>
      </Form.Item>
      <Form.Item label="免打扰时段" required extra="时段内到期的营销消息顺延到结束时发送，不会丢弃；开始晚于结束表示跨夜。">
        <Sentence>
          <Form.Item name={['marketing', 'quietFrom']} noStyle rules={[required('请选择开始时间')]}>
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} aria-label="免打扰开始" />
          </Form.Item>
          <span>至</span>
          <Form.Item name={['marketing', 'quietTo']} noStyle rules={[required('请选择结束时间')]}>
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} aria-label="免打扰结束" />
          </Form.Item>
        </Sentence>
      </Form.Item>
      <Form.Item label="毛利率" required extra="营销活动报表按此计算增量利润：增量销售额 × 毛利率 − 券成本。">
        <Sentence>
          <Form.Item name={['marketing', 'grossMarginPct']} noStyle rules={[required('请填写毛利率')]}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 90 }} aria-label="毛利率" />
          </Form.Item>
          <span>%</span>
        </Sentence>
      </Form.Item>
      <Form.Item
        label="全局对照组"
        required
        extra="按会员固定抽取这一比例的会员，任何营销活动和沉睡唤醒都不会触达他们（服务通知照常），用来衡量全部营销带来的增量；0 表示不设。"
      >
        <Sentence>
          <Form.Item name={['marketing', 'globalControlPct']} noStyle rules={[required('请填写全局对照组比例')]}>
            <InputNumber min={0} max={20} precision={1} style={{ width: 90 }} aria-label="全局对照组" />
          </Form.Item>
          <span>% 的会员</span>
        </Sentence>
      </Form.Item>
    </>
  )
}

/** One purpose's template: its id (empty: not set up) and the field key of each value it carries. */
function TemplateCard({ form, purpose }: { form: FormInstance<RulesForm>; purpose: SubscriptionPurpose }) {
  const at = ['messaging', 'templates', purpose] as const
  const templateId = Form.useWatch([...at, 'templateId'], form) as string | undefined
  const configured = Boolean(templateId?.trim())
  return (
    <Card
      size="small"
      data-testid={`template-${purpose}`}
      title={SUBSCRIPTION_PURPOSE_LABELS[purpose]}
      extra={configured ? <Tag color="green">已配置</Tag> : <Tag>未配置</Tag>}
    >
      <Form.Item
        {...stacked}
        label="模板 ID"
        name={[...at, 'templateId']}
        extra="留空表示未配置：不向会员请求授权，也不发送这类消息。"
        rules={[
          { pattern: /^[A-Za-z0-9_-]*$/, message: '模板 ID 只含字母、数字、- 和 _' },
          { max: 64, message: '模板 ID 最多 64 个字符' },
        ]}
      >
        <Input placeholder="未配置" allowClear maxLength={64} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Row gutter={16}>
        {PURPOSE_SLOTS[purpose].map((slot) => (
          <Col span={8} key={slot}>
            <Form.Item
              {...stacked}
              label={`${SLOT_LABELS[slot] ?? slot}字段`}
              name={[...at, 'fields', slot]}
              style={tight}
              rules={[
                required('请填写字段关键词'),
                { pattern: WECHAT_FIELD_KEY, message: '请填写微信模板字段的关键词，如 thing1、time2、phrase3' },
              ]}
            >
              <Input placeholder="如 thing1" maxLength={20} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Card>
  )
}

export function MessagingSection({ form }: SectionProps) {
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="messaging-help">
        在微信公众平台「订阅消息」中选用模板，把模板 ID 和各字段的关键词（如
        thing1）填在这里。每次会员在小程序中点「允许」可收到一条；没有授权的会员只收到站内信。
      </Typography.Paragraph>
      {SUBSCRIPTION_PURPOSES.map((p) => (
        <TemplateCard key={p} form={form} purpose={p} />
      ))}
    </Space>
  )
}

export function EntrySection({ form }: SectionProps) {
  const mode = Form.useWatch(['tierPolicy', 'entryMode'], form)
  return (
    <>
      <Form.Item label="入会方式" name={['tierPolicy', 'entryMode']}>
        <Radio.Group
          options={[
            { value: 'join_at_entry', label: '任何人扫门店码即可入会，从入门等级开始' },
            { value: 'qualify', label: '消费达标后发放会员卡' },
          ]}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      </Form.Item>
      <Form.Item
        label="达标条件"
        extra={mode === 'qualify' ? '满足其一即可；金额为 0 表示不用这一条件。' : '仅在「消费达标后发放会员卡」时使用。'}
      >
        <Sentence>
          <span>单笔消费满</span>
          <Form.Item name={['tierPolicy', 'qualifySingleYuan']} noStyle rules={[required('请填写金额')]}>
            <InputNumber prefix="¥" min={0} precision={2} style={{ width: 140 }} disabled={mode !== 'qualify'} aria-label="单笔消费门槛" />
          </Form.Item>
          <span>或累计消费满</span>
          <Form.Item name={['tierPolicy', 'qualifyCumulativeYuan']} noStyle rules={[required('请填写金额')]}>
            <InputNumber prefix="¥" min={0} precision={2} style={{ width: 140 }} disabled={mode !== 'qualify'} aria-label="累计消费门槛" />
          </Form.Item>
        </Sentence>
      </Form.Item>
    </>
  )
}
