/**
 * 会员收到的内容: the campaign's message as the member's mini-program inbox draws it (the 惠
 * badge, the title, the time, the body), as a WeChat subscription message (its 标题 field is
 * the same title, at most 20 characters), and the coupon put in the wallet, drawn by the
 * coupons area's own CouponFace.
 */
import type { AdminCouponTemplate } from '@huiyuan/shared/coupons/admin'
import Typography from 'antd/es/typography'
import type { ReactNode } from 'react'
import CouponFace from '../coupons/CouponFace'
import { validityText } from '../coupons/templateForm'

const BG = '#f5f6f8'

const Caption = ({ children }: { children: ReactNode }) => (
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

/** A WeChat subscription message (服务通知) card: its 标题 field is the campaign's title. */
export function WechatMessage({ title, brand = '汇元会员' }: { title: string; brand?: string }) {
  const row = (label: string, value: ReactNode) => (
    <div style={{ display: 'flex', gap: 12, fontSize: 13, lineHeight: 1.9 }}>
      <span style={{ flex: '0 0 56px', color: '#8f959e' }}>{label}</span>
      <span style={{ color: '#1f2329', minWidth: 0, wordBreak: 'break-all' }}>{value}</span>
    </div>
  )
  return (
    <div style={{ background: '#ededed', padding: 12, borderRadius: 8 }} data-testid="preview-wechat">
      <div style={{ background: '#fff', borderRadius: 8, padding: '12px 16px' }}>
        <div style={{ fontSize: 12, color: '#8f959e', marginBottom: 6 }}>{brand}</div>
        <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 8 }}>会员活动通知</div>
        {row('标题', title || <span style={{ color: '#bfbfbf' }}>消息标题</span>)}
        {row('说明', '点击查看活动详情')}
        <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 8, paddingTop: 8, fontSize: 13, color: '#576b95' }}>进入小程序查看</div>
      </div>
    </div>
  )
}

export function MessagePreview({
  title,
  body,
  wechat,
  template,
  when,
}: {
  title: string
  body: string
  wechat: boolean
  template: AdminCouponTemplate | null
  when: string
}) {
  return (
    <div data-testid="campaign-preview">
      <Caption>站内信（消息中心）</Caption>
      <InboxNotice title={title} body={body} when={when} />
      {wechat && (
        <>
          <Caption>微信订阅消息（仅发给已授权的会员）</Caption>
          <WechatMessage title={title} />
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
