/**
 * 会员收到的内容: the campaign's message as the member's mini-program inbox draws it (the 惠
 * badge, the title, the time, the body), as WeChat's 服务通知 card draws the 会员活动通知
 * subscription message (活动名称 the title, 活动内容 the body cut to WeChat's 20 characters,
 * 时间 the send time), and the coupon put in the wallet, drawn by the coupons area's own
 * CouponFace.
 */
import type { AdminCouponTemplate } from '@huiyuan/shared/coupons/admin'
import { fitThing, SLOT_LABELS, SUBSCRIPTION_PURPOSE_LABELS } from '@huiyuan/shared/messaging/schemas'
import Typography from 'antd/es/typography'
import type { ReactNode } from 'react'
import CouponFace from '../coupons/CouponFace'
import { validityText } from '../coupons/templateForm'

const BG = '#f5f6f8'

export const Caption = ({ children }: { children: ReactNode }) => (
  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', margin: '12px 0 6px' }}>
    {children}
  </Typography.Text>
)

/** One notice of the member's inbox (消息中心). */
export function InboxNotice({ title, body, when }: { title: string; body: string; when: string }) {
  return (
    <div style={{ background: BG, padding: 12, borderRadius: 8 }} data-testid="preview-inbox">
      <div
        style={{ display: 'flex', gap: 12, padding: 14, background: '#fff', borderRadius: 12, boxShadow: '0 2px 8px rgba(31,35,41,.04)' }}
      >
        <span
          style={{
            flex: 'none',
            width: 36,
            height: 36,
            borderRadius: 10,
            lineHeight: '36px',
            textAlign: 'center',
            fontSize: 16,
            fontWeight: 700,
            color: '#fff',
            background: 'linear-gradient(135deg, #ff7a45, #c8102e)',
          }}
        >
          惠
        </span>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
            <span style={{ fontSize: 15, fontWeight: 600, color: title ? '#1f2329' : '#bfbfbf', wordBreak: 'break-all' }}>
              {title || '消息标题'}
            </span>
            <span style={{ flex: 'none', fontSize: 11, color: '#8f959e' }}>{when}</span>
          </div>
          <div
            style={{
              marginTop: 4,
              fontSize: 13,
              lineHeight: 1.6,
              color: body ? '#5f6670' : '#bfbfbf',
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-word',
            }}
          >
            {body || '消息内容'}
          </div>
        </div>
      </div>
    </div>
  )
}

/**
 * A WeChat subscription message card as the member's 服务通知 shows it: the brand, the
 * template's name, its fields (label and value) and 进入小程序查看.
 */
export function WechatNotice({
  heading,
  rows,
  brand = '汇元会员',
}: {
  heading: string
  rows: { label: string; value: ReactNode; testId: string }[]
  brand?: string
}) {
  return (
    <div style={{ background: '#ededed', padding: 12, borderRadius: 8 }} data-testid="preview-wechat">
      <div style={{ background: '#fff', borderRadius: 8, padding: '12px 16px' }}>
        <div style={{ fontSize: 12, color: '#8f959e', marginBottom: 6 }}>{brand}</div>
        <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 8 }}>{heading}</div>
        {rows.map((r) => (
          <div key={r.testId} style={{ display: 'flex', gap: 12, fontSize: 13, lineHeight: 1.9 }} data-testid={r.testId}>
            <span style={{ flex: '0 0 56px', color: '#8f959e' }}>{r.label}</span>
            <span style={{ color: '#1f2329', minWidth: 0, wordBreak: 'break-all' }}>{r.value}</span>
          </div>
        ))}
        <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 8, paddingTop: 8, fontSize: 13, color: '#576b95' }}>进入小程序查看</div>
      </div>
    </div>
  )
}

/** A placeholder's grey text in an empty field of a preview. */
export const emptyField = (text: string) => <span style={{ color: '#bfbfbf' }}>{text}</span>

/**
 * The 会员活动通知 subscription message: 活动名称 (the title), 活动内容 (the body, cut to 20
 * characters as sent) and 时间.
 */
export function WechatMessage({ title, body, time, brand = '汇元会员' }: { title: string; body: string; time: string; brand?: string }) {
  const content = fitThing(body)
  return (
    <WechatNotice
      brand={brand}
      heading={SUBSCRIPTION_PURPOSE_LABELS.memberActivity}
      rows={[
        { label: SLOT_LABELS.title ?? '活动名称', value: title || emptyField('消息标题'), testId: 'preview-wechat-title' },
        { label: SLOT_LABELS.content ?? '活动内容', value: content || emptyField('消息内容'), testId: 'preview-wechat-content' },
        { label: SLOT_LABELS.time ?? '时间', value: time || emptyField('发送时间'), testId: 'preview-wechat-time' },
      ]}
    />
  )
}

export function MessagePreview({
  title,
  body,
  wechat,
  template,
  when,
  sendTime,
}: {
  title: string
  body: string
  wechat: boolean
  template: AdminCouponTemplate | null
  when: string
  /** The WeChat message's 时间 field: the send time as WeChat writes it (2026年11月26日 10:00). */
  sendTime: string
}) {
  return (
    <div data-testid="campaign-preview">
      <Caption>站内信（消息中心）</Caption>
      <InboxNotice title={title} body={body} when={when} />
      {wechat && (
        <>
          <Caption>微信订阅消息（服务通知）</Caption>
          <WechatMessage title={title} body={body} time={sendTime} />
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }} data-testid="preview-wechat-note">
            仅发给持有「{SUBSCRIPTION_PURPOSE_LABELS.memberActivity}」订阅授权的会员，其余会员只收到站内信。
          </Typography.Text>
        </>
      )}
      {template && (
        <>
          <Caption>券包中的优惠券</Caption>
          <CouponFace
            terms={template}
            title={template.name}
            lines={[template.summary, validityText(template.validity)]}
            action="去使用"
            testId="preview-coupon"
          />
        </>
      )}
    </div>
  )
}
