/**
 * 券面预览: a coupon drawn the way the member's mini-program draws it (components/CouponCard):
 * a red stub with the value and its condition, notched where it meets the body, the title
 * and small grey lines, and the claim pill.
 */
import type { CouponTerms } from '@huiyuan/shared/coupons/schemas'
import type { ReactNode } from 'react'

/** 12345 fen → "123.45", 2000 → "20" (integer maths, no ¥). */
const plainYuan = (fen: number): string => {
  const y = Math.floor(Math.abs(fen) / 100)
  const f = Math.abs(fen) % 100
  return `${fen < 0 ? '-' : ''}${f === 0 ? y : `${y}.${String(f).padStart(2, '0')}`}`
}

export interface Face {
  value: string
  prefix?: string
  suffix?: string
  note: string
}

/** The stub of a coupon from its terms, as the mini-program's couponFace: ¥20 · 满100可用; 8.5折; 赠品. */
export function faceOf(c: Partial<CouponTerms>): Face {
  const threshold = c.thresholdFen && c.thresholdFen > 0 ? `满${plainYuan(c.thresholdFen)}可用` : ''
  if (c.kind === 'cash_off')
    return { value: c.valueFen !== undefined ? plainYuan(c.valueFen) : '—', prefix: '¥', note: threshold || '无门槛' }
  if (c.kind === 'percent_off')
    return {
      value: c.percentPaid !== undefined ? String(c.percentPaid / 10) : '—',
      suffix: '折',
      note: threshold || (c.capFen ? `最高减${plainYuan(c.capFen)}元` : '全场可用'),
    }
  if (c.kind === 'gift') return { value: '赠品', note: c.itemName || threshold }
  if (c.kind === 'service') return { value: '服务', note: c.itemName || '' }
  return { value: '—', note: '' }
}

/** 满100减20 / 8.5折 / 赠：帆布袋 — the summary line the API writes. */
export function summaryOf(c: Partial<CouponTerms>): string {
  const t = c.thresholdFen && c.thresholdFen > 0 ? `满${plainYuan(c.thresholdFen)}` : ''
  if (c.kind === 'cash_off') return c.valueFen ? `${t || '无门槛'}减${plainYuan(c.valueFen)}` : '满减券'
  if (c.kind === 'percent_off')
    return c.percentPaid ? `${t}${c.percentPaid / 10}折${c.capFen ? `（最高减${plainYuan(c.capFen)}）` : ''}` : '折扣券'
  if (c.kind === 'gift') return `赠：${c.itemName || '礼品'}`
  if (c.kind === 'service') return `服务：${c.itemName || '服务'}`
  return ''
}

const BG = '#f5f6f8'

export default function CouponFace({
  terms,
  title,
  lines = [],
  action = '立即领取',
  footer,
  muted = false,
  testId,
}: {
  terms: Partial<CouponTerms>
  title: string
  lines?: ReactNode[]
  action?: string | null
  footer?: ReactNode
  muted?: boolean
  testId?: string
}) {
  const face = faceOf(terms)
  const notch = { position: 'absolute', right: -7, width: 14, height: 14, borderRadius: '50%', background: BG } as const
  return (
    <div style={{ background: BG, padding: 16, borderRadius: 8 }} data-testid={testId}>
      <div
        className="hy-coupon"
        style={{
          position: 'relative',
          background: '#fff',
          borderRadius: 10,
          boxShadow: '0 2px 8px rgba(31,35,41,.06)',
          overflow: 'hidden',
        }}
      >
        <div style={{ display: 'flex', alignItems: 'stretch', minHeight: 94 }}>
          <div
            style={{
              position: 'relative',
              flex: '0 0 100px',
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              padding: '10px 4px',
              color: '#fff',
              background: muted ? 'linear-gradient(150deg, #c4c8ce 0%, #a2a7af 100%)' : 'linear-gradient(150deg, #f25b4a 0%, #c8102e 100%)',
            }}
          >
            <span style={{ ...notch, top: -7 }} />
            <span style={{ ...notch, bottom: -7 }} />
            <div style={{ display: 'flex', alignItems: 'baseline', lineHeight: 1 }}>
              {face.prefix && <span style={{ fontSize: 15, fontWeight: 600, marginRight: 1 }}>{face.prefix}</span>}
              <span
                className="hy-coupon__figure"
                style={{
                  fontSize: face.value.length > 3 ? 24 : 36,
                  fontWeight: 700,
                  letterSpacing: -0.5,
                  fontFamily: '"DIN Alternate","Helvetica Neue",Arial,sans-serif',
                }}
              >
                {face.value}
              </span>
              {face.suffix && <span style={{ fontSize: 15, fontWeight: 600, marginLeft: 2 }}>{face.suffix}</span>}
            </div>
            {face.note && (
              <span className="hy-coupon__note" style={{ marginTop: 6, fontSize: 11, opacity: 0.92, textAlign: 'center', lineHeight: 1.3 }}>
                {face.note}
              </span>
            )}
          </div>
          <div
            style={{
              flex: 1,
              minWidth: 0,
              display: 'flex',
              flexDirection: 'column',
              justifyContent: 'center',
              padding: '10px 6px 10px 16px',
            }}
          >
            <span
              className="hy-coupon__title"
              style={{
                fontSize: 15,
                fontWeight: 600,
                color: muted ? '#5f6670' : '#1f2329',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
            >
              {title || '券名称'}
            </span>
            {lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              <span key={i} style={{ display: 'block', marginTop: 3, fontSize: 11, color: '#8f959e', lineHeight: 1.4 }}>
                {l}
              </span>
            ))}
          </div>
          {action && (
            <div style={{ flex: '0 0 auto', display: 'flex', alignItems: 'center', paddingRight: 12 }}>
              <span
                style={{
                  display: 'inline-block',
                  minWidth: 66,
                  padding: '6px 12px',
                  borderRadius: 999,
                  textAlign: 'center',
                  fontSize: 13,
                  lineHeight: 1.3,
                  whiteSpace: 'nowrap',
                  background: muted ? '#f0f1f3' : '#c8102e',
                  color: muted ? '#8f959e' : '#fff',
                }}
              >
                {action}
              </span>
            </div>
          )}
        </div>
        {footer && (
          <div style={{ borderTop: '1px dashed #eceef1', padding: '7px 12px 8px 16px', fontSize: 11, color: '#8f959e' }}>{footer}</div>
        )}
      </div>
    </div>
  )
}
