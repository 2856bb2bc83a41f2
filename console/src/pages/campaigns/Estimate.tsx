/**
 * 预计触达: the estimate before launch as a small funnel drawn in plain bars — the segment,
 * less the control group, less those without marketing consent, less those at their
 * 7-day cap, is the reach; of it, those with a WeChat grant — and the figures beside it.
 */
import type { CampaignEstimate } from '@huiyuan/shared/campaigns/schemas'
import Card from 'antd/es/card'
import Col from 'antd/es/col'
import Row from 'antd/es/row'
import Statistic from 'antd/es/statistic'
import Tooltip from 'antd/es/tooltip'
import Typography from 'antd/es/typography'
import { count, percent } from '../../lib/format'

interface Step {
  key: string
  label: string
  value: number
  /** What the step takes away from the one before, in words. */
  less?: string
  color: string
}

export const stepsOf = (e: CampaignEstimate): Step[] => {
  const treated = Math.max(0, e.audience - e.control)
  const consenting = Math.max(0, treated - e.noConsent)
  return [
    { key: 'audience', label: '人群', value: e.audience, color: '#ffa39e' },
    {
      key: 'treated',
      label: '实验组',
      value: treated,
      less: e.control > 0 ? `对照组 ${count(e.control)} 人` : undefined,
      color: '#ff7875',
    },
    {
      key: 'consenting',
      label: '同意营销',
      value: consenting,
      less: e.noConsent > 0 ? `未同意营销 ${count(e.noConsent)} 人` : undefined,
      color: '#f5222d',
    },
    {
      key: 'reach',
      label: '预计触达',
      value: e.reach,
      less: e.capped > 0 ? `已达频次上限 ${count(e.capped)} 人` : undefined,
      color: '#c8102e',
    },
    { key: 'wechat', label: '其中微信', value: e.wechatReach, color: '#07c160' },
  ]
}

export function EstimateFunnel({ estimate }: { estimate: CampaignEstimate }) {
  const steps = stepsOf(estimate)
  const max = Math.max(1, estimate.audience)
  return (
    <div data-testid="estimate-funnel">
      {steps.map((s) => (
        <div key={s.key} style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }} data-testid={`estimate-${s.key}`}>
          <span style={{ flex: '0 0 64px', textAlign: 'right', fontSize: 13, color: '#5f6670' }}>{s.label}</span>
          <div style={{ flex: 1, minWidth: 0, background: '#fafafa', borderRadius: 4, height: 22, position: 'relative' }}>
            <Tooltip title={`${s.label}：${count(s.value)} 人（占人群 ${percent(s.value / max)}）`}>
              <div
                style={{
                  width: `${Math.max(s.value > 0 ? 1 : 0, (s.value / max) * 100)}%`,
                  height: '100%',
                  background: s.color,
                  borderRadius: 4,
                  transition: 'width .3s',
                }}
              />
            </Tooltip>
          </div>
          <span style={{ flex: '0 0 200px', fontSize: 13 }}>
            <b>{count(s.value)}</b> 人
            {s.less && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                −{s.less}
              </Typography.Text>
            )}
          </span>
        </div>
      ))}
    </div>
  )
}

export function EstimateFigures({ estimate }: { estimate: CampaignEstimate }) {
  const items: { key: string; title: string; value: string; strong?: boolean; hint?: string; unit?: string }[] = [
    { key: 'audience', title: '人群人数', value: count(estimate.audience) },
    { key: 'control', title: '对照组', value: count(estimate.control), hint: '不会收到任何内容，用来衡量增量' },
    { key: 'noConsent', title: '未同意营销', value: count(estimate.noConsent) },
    { key: 'capped', title: '已达频次上限', value: count(estimate.capped) },
    { key: 'reach', title: '预计触达', value: count(estimate.reach), strong: true },
    { key: 'wechatReach', title: '其中微信订阅消息', value: count(estimate.wechatReach) },
    ...(estimate.couponsCapped !== null
      ? [{ key: 'couponsCapped', title: '预算内可发券', value: count(estimate.couponsCapped), hint: '受「最多发券数量」限制', unit: '张' }]
      : []),
  ]
  return (
    <Row gutter={[12, 12]} data-testid="campaign-estimate">
      {items.map((f) => (
        <Col key={f.key} span={items.length > 6 ? 6 : 8}>
          <Card size="small" data-testid={`estimate-figure-${f.key}`} style={f.strong ? { borderColor: '#c8102e' } : undefined}>
            <Statistic
              title={f.hint ? <Tooltip title={f.hint}>{f.title}</Tooltip> : f.title}
              value={f.value}
              suffix={f.unit ?? '人'}
              styles={{ content: { fontSize: 20, color: f.strong ? '#c8102e' : undefined } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  )
}
