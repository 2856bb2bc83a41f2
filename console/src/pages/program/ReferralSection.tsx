/**
 * 推荐有礼: the program's referral rules as a section of the program form — on or off, when
 * both sides are rewarded (the friend joins, or pays for a first purchase of at least ¥N),
 * what the member who invites and the friend each receive (points and up to 3 coupon
 * templates), the monthly cap on the inviter's rewards and the clawback period after a full
 * refund; and the rules in one sentence. Yuan on screen.
 */
import { ReferralRules } from '@huiyuan/shared/referrals/schemas'
import Alert from 'antd/es/alert'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import Form from 'antd/es/form'
import InputNumber from 'antd/es/input-number'
import Radio from 'antd/es/radio'
import Row from 'antd/es/row'
import Switch from 'antd/es/switch'
import Typography from 'antd/es/typography'
import { TemplateSelect, useTemplateOptions } from '../coupons/TemplateSelect'
import { referralText } from './labels'
import { MAX_REWARD_TEMPLATES, type ReferralForm, referralOf } from './referralForm'
import { required, type SectionProps, Sentence, tight } from './sections'
import { useTemplateName } from './templateNames'

const R = 'referral'
/** Label above the input (inside a side's card, whatever the form's label column). */
const stacked = { layout: 'vertical' as const, labelCol: { span: 24 }, wrapperCol: { span: 24 } }

const SIDES = [
  { side: 'referrer', title: '邀请人奖励', who: '邀请人', extra: '发给分享邀请的会员；受每月奖励上限约束。' },
  { side: 'friend', title: '好友奖励', who: '好友', extra: '发给通过邀请入会的好友；不受每月奖励上限约束。' },
] as const

/** One side's reward: points and the coupon templates, one coupon of each. */
function RewardCard({
  side,
  title,
  who,
  extra,
  chosen,
  templates,
}: (typeof SIDES)[number] & { chosen: string[]; templates: ReturnType<typeof useTemplateOptions> }) {
  return (
    <Card size="small" title={title} data-testid={`referral-${side}`} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {extra}
      </Typography.Paragraph>
      <Form.Item {...stacked} label="积分" required>
        <Sentence>
          <Form.Item name={[R, side, 'points']} noStyle rules={[required(`请填写${who}奖励积分（不奖励积分填 0）`)]}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: 140 }} aria-label={`${who}奖励积分`} />
          </Form.Item>
          <span>分</span>
        </Sentence>
      </Form.Item>
      <Form.Item
        {...stacked}
        label="优惠券"
        name={[R, side, 'templateIds']}
        style={tight}
        extra={`最多 ${MAX_REWARD_TEMPLATES} 种，每种 1 张，放入券包；库存不足的不发，其余照发。`}
        rules={[{ type: 'array', max: MAX_REWARD_TEMPLATES, message: `最多选择 ${MAX_REWARD_TEMPLATES} 种券` }]}
      >
        <TemplateSelect
          templates={templates}
          keep={chosen}
          mode="multiple"
          allowClear
          maxCount={MAX_REWARD_TEMPLATES}
          placeholder="不发券"
          aria-label={`${who}奖励优惠券`}
          data-testid={`referral-${side}-coupons`}
        />
      </Form.Item>
    </Card>
  )
}

export function ReferralSection({ form, rules }: SectionProps) {
  const templates = useTemplateOptions()
  const templateName = useTemplateName()
  const values = Form.useWatch(R, { form, preserve: true }) as ReferralForm | undefined
  const enabled = values?.enabled
  const onPurchase = values?.rewardOn === 'first_purchase'
  // The rules in one sentence, as the form has them (none while a value is missing or wrong).
  const parsed = values ? ReferralRules.safeParse(referralOf(values, rules.referral)) : undefined
  return (
    <div data-testid="referral-rules">
      <Form.Item
        label="推荐有礼"
        name={[R, 'enabled']}
        valuePropName="checked"
        extra="开启后会员可以分享邀请码邀请好友入会，好友达到奖励时机后双方各得奖励。"
      >
        <Switch checkedChildren="开启" unCheckedChildren="关闭" aria-label="开启推荐有礼" />
      </Form.Item>
      {enabled === false && (
        <Alert
          type="warning"
          showIcon
          title="推荐有礼已关闭：保存后不再记录新的邀请，也不发放奖励；好友仍可正常入会。"
          style={{ marginBottom: 16 }}
          data-testid="referral-off"
        />
      )}
      <Form.Item label="奖励时机" name={[R, 'rewardOn']}>
        <Radio.Group
          options={[
            { value: 'join', label: '好友注册后：好友通过邀请入会即发放双方奖励' },
            { value: 'first_purchase', label: '好友首次消费后：好友入会后的第一笔消费达到最低实付时发放，避免只注册不消费' },
          ]}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          data-testid="referral-reward-on"
        />
      </Form.Item>
      {onPurchase && (
        <Form.Item label="首单最低实付" required extra="好友首单的实付金额达到这个金额才发放奖励；0 表示不限金额。">
          <Sentence>
            <span>好友首单实付满</span>
            <Form.Item name={[R, 'minPurchaseYuan']} noStyle rules={[required('请填写首单最低实付（不限金额填 0）')]}>
              <InputNumber prefix="¥" min={0} max={1_000_000} precision={2} style={{ width: 160 }} aria-label="首单最低实付" />
            </Form.Item>
            <span>时发放奖励</span>
          </Sentence>
        </Form.Item>
      )}
      <Form.Item label="奖励内容" required>
        <Row gutter={16}>
          {SIDES.map((s) => (
            <Col span={12} key={s.side}>
              <RewardCard {...s} chosen={values?.[s.side]?.templateIds ?? []} templates={templates} />
            </Col>
          ))}
        </Row>
      </Form.Item>
      <Form.Item
        label="每月奖励上限"
        required
        extra="按自然月（北京时间）计算。超出上限后邀请人不再获得奖励，超出的好友仍照常获得自己的好友奖励；0 表示邀请人不获奖励。"
      >
        <Sentence>
          <span>每位邀请人每月最多因</span>
          <Form.Item name={[R, 'monthlyCap']} noStyle rules={[required('请填写每月奖励上限')]}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: 100 }} aria-label="每月奖励上限" />
          </Form.Item>
          <span>位好友获得奖励</span>
        </Sentence>
      </Form.Item>
      {onPurchase && (
        <Form.Item
          label="退款追回期"
          required
          extra="好友首单在这段时间内全额退款的，邀请人和好友的奖励都会收回；部分退款不收回；0 表示不追回。"
        >
          <Sentence>
            <span>首单发放奖励后</span>
            <Form.Item name={[R, 'clawbackDays']} noStyle rules={[required('请填写退款追回期（不追回填 0）')]}>
              <InputNumber min={0} max={365} precision={0} style={{ width: 100 }} aria-label="退款追回期" />
            </Form.Item>
            <span>天内全额退款，收回双方奖励</span>
          </Sentence>
        </Form.Item>
      )}
      {parsed?.success && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="referral-summary">
          {referralText(parsed.data, templateName)}
        </Typography.Paragraph>
      )}
    </div>
  )
}
