/**
 * A stock bar: the share of a limited stock still left (full: plenty; red when a tenth or
 * less is left), and under it what was taken and used.
 */
import Progress from 'antd/es/progress'
import Typography from 'antd/es/typography'
import { count } from '../../lib/format'

export default function StockBar({
  total,
  remaining,
  taken,
  takenLabel,
  used,
  usedLabel,
  note,
  testId,
}: {
  /** null: unlimited. */
  total: number | null
  remaining: number | null
  taken: number
  takenLabel: string
  used?: number
  usedLabel?: string
  /** One more fact for the line under the bar (e.g. the discount given). */
  note?: string
  testId?: string
}) {
  const limited = total !== null && remaining !== null
  const left = limited && total > 0 ? Math.max(0, Math.min(100, Math.floor((remaining * 100) / total))) : 0
  const low = limited && remaining <= total * 0.1
  return (
    <div style={{ width: 164 }} data-testid={testId}>
      {limited ? (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12 }}>
            <span>
              剩余 <b>{count(remaining)}</b> / {count(total)}
            </span>
            <Typography.Text type={low ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {remaining <= 0 ? '已抢光' : `余 ${left}%`}
            </Typography.Text>
          </div>
          <Progress percent={left} showInfo={false} size="small" strokeColor={low ? '#c8102e' : '#52c41a'} style={{ margin: '2px 0' }} />
        </>
      ) : (
        <div style={{ fontSize: 12 }}>不限量</div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {takenLabel} {count(taken)}
        {used !== undefined && usedLabel ? ` · ${usedLabel} ${count(used)}` : ''}
        {note ? ` · ${note}` : ''}
      </Typography.Text>
    </div>
  )
}
