/**
 * Light charts for the landing page, drawn as SVG without a chart library: a figure card's
 * sparkline and a trend of one line over bars. The landing page is the console's first load,
 * so it doesn't wait for ECharts (~180 KB), which the report pages load when opened. Like
 * `<Chart>`, each keeps what it draws on its element (`__chart.getOption().series`), so a
 * browser test reads the same thing from either.
 */
import { type RefCallback, useCallback, useEffect, useMemo, useRef, useState } from 'react'

interface Series {
  name: string
  type: 'line' | 'bar'
  data: number[]
}

/** Puts the drawn series on the element, as `<Chart>` does with its ECharts instance. */
const useSeriesHook = (series: Series[]): RefCallback<HTMLElement> => {
  const current = useRef(series)
  current.current = series
  return useCallback((el: HTMLElement | null) => {
    if (el) (el as HTMLElement & { __chart?: unknown }).__chart = { getOption: () => ({ series: current.current }) }
  }, [])
}

const useWidth = (): [RefCallback<HTMLDivElement>, number] => {
  const [width, setWidth] = useState(0)
  const observer = useRef<ResizeObserver | null>(null)
  useEffect(() => () => observer.current?.disconnect(), [])
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect()
    if (!el) return
    setWidth(el.clientWidth)
    observer.current = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.current.observe(el)
  }, [])
  return [ref, width]
}

const linePath = (values: number[], x: (i: number) => number, y: (v: number) => number) =>
  values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('')

/** A small line with no axes, for a figure's card. */
export function Sparkline({
  data,
  color = '#1677ff',
  testId,
  height = 40,
}: {
  data: number[]
  color?: string
  testId?: string
  height?: number
}) {
  const [measure, width] = useWidth()
  const hook = useSeriesHook(useMemo(() => [{ name: '', type: 'line' as const, data }], [data]))
  const max = Math.max(...data, 0)
  const min = Math.min(...data, 0)
  const span = max - min || 1
  const x = (i: number) => (data.length <= 1 ? 0 : (i / (data.length - 1)) * width)
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 6)
  const line = linePath(data, x, y)
  return (
    <div
      ref={(el) => {
        measure(el)
        hook(el)
      }}
      data-testid={testId}
      style={{ width: '100%', height }}
    >
      {width > 0 && data.length > 0 && (
        <svg width={width} height={height} role="img" aria-label="近 30 天走势">
          <path d={`${line}L${x(data.length - 1)},${height}L0,${height}Z`} fill={color} opacity={0.12} />
          <path d={line} fill="none" stroke={color} strokeWidth={2} strokeLinejoin="round" />
        </svg>
      )}
    </div>
  )
}

/** Rounded-up axis maximum and 4 gridlines. */
const niceMax = (v: number): number => {
  if (v <= 4) return 4
  const step = 10 ** Math.floor(Math.log10(v / 4))
  const unit = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => s * 4 >= v) ?? step * 10
  return unit * 4
}

const PAD = { left: 52, right: 44, top: 34, bottom: 26 }

/**
 * A line (left axis) over bars (right axis) by day, with a legend and a tooltip on hover:
 * e.g. members in total and new members per day.
 */
export function TrendChart(props: {
  labels: string[]
  line: { name: string; data: number[]; color: string }
  bars: { name: string; data: number[]; color: string }
  height?: number
  testId?: string
}) {
  const { labels, line, bars, height = 320 } = props
  const [measure, width] = useWidth()
  const hook = useSeriesHook(
    useMemo(
      () => [
        { name: line.name, type: 'line' as const, data: line.data },
        { name: bars.name, type: 'bar' as const, data: bars.data },
      ],
      [line.name, line.data, bars.name, bars.data],
    ),
  )
  const [hover, setHover] = useState<number | null>(null)
  const plotW = Math.max(0, width - PAD.left - PAD.right)
  const plotH = height - PAD.top - PAD.bottom
  const n = labels.length
  const band = n > 0 ? plotW / n : 0
  const x = (i: number) => PAD.left + band * (i + 0.5)
  const lineMax = niceMax(Math.max(...line.data, 0))
  const barMax = niceMax(Math.max(...bars.data, 0))
  const yLine = (v: number) => PAD.top + plotH - (v / lineMax) * plotH
  const yBar = (v: number) => PAD.top + plotH - (v / barMax) * plotH
  const every = Math.max(1, Math.ceil(n / 10))
  const path = linePath(line.data, x, yLine)

  return (
    <div
      ref={(el) => {
        measure(el)
        hook(el)
      }}
      data-testid={props.testId}
      style={{ width: '100%', height, position: 'relative' }}
    >
      {width > 0 && (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`${line.name}与${bars.name}`}
          onMouseLeave={() => setHover(null)}
          onMouseMove={(e) => {
            const left = e.clientX - e.currentTarget.getBoundingClientRect().left - PAD.left
            setHover(n > 0 && left >= 0 && left <= plotW ? Math.min(n - 1, Math.floor(left / band)) : null)
          }}
        >
          <g fontSize={12} fill="#666">
            <rect x={width / 2 - 96} y={6} width={14} height={8} rx={2} fill={line.color} />
            <text x={width / 2 - 78} y={14}>
              {line.name}
            </text>
            <rect x={width / 2 + 8} y={6} width={14} height={8} rx={2} fill={bars.color} />
            <text x={width / 2 + 26} y={14}>
              {bars.name}
            </text>
          </g>
          {[0, 1, 2, 3, 4].map((k) => {
            const y = PAD.top + plotH - (k / 4) * plotH
            return (
              <g key={k} fontSize={11} fill="#888">
                <line x1={PAD.left} x2={PAD.left + plotW} y1={y} y2={y} stroke={k === 0 ? '#bbb' : '#eee'} />
                <text x={PAD.left - 8} y={y + 4} textAnchor="end">
                  {Math.round((lineMax * k) / 4).toLocaleString('zh-CN')}
                </text>
                <text x={PAD.left + plotW + 8} y={y + 4}>
                  {Math.round((barMax * k) / 4).toLocaleString('zh-CN')}
                </text>
              </g>
            )
          })}
          {bars.data.map((v, i) => (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: one bar per day, in order
              key={i}
              x={x(i) - Math.min(14, band * 0.6) / 2}
              y={yBar(v)}
              width={Math.min(14, band * 0.6)}
              height={PAD.top + plotH - yBar(v)}
              fill={bars.color}
            />
          ))}
          <path d={`${path}L${x(n - 1)},${PAD.top + plotH}L${x(0)},${PAD.top + plotH}Z`} fill={line.color} opacity={0.08} />
          <path d={path} fill="none" stroke={line.color} strokeWidth={2} strokeLinejoin="round" />
          {labels.map((l, i) =>
            i % every === 0 ? (
              <text key={l} x={x(i)} y={height - 8} fontSize={11} fill="#888" textAnchor="middle">
                {l}
              </text>
            ) : null,
          )}
          {hover !== null && <line x1={x(hover)} x2={x(hover)} y1={PAD.top} y2={PAD.top + plotH} stroke="#999" strokeDasharray="3 3" />}
        </svg>
      )}
      {hover !== null && (
        <div
          style={{
            position: 'absolute',
            top: PAD.top,
            left: Math.min(x(hover) + 12, width - 150),
            background: '#fff',
            border: '1px solid #eee',
            boxShadow: '0 2px 8px rgba(0,0,0,.12)',
            borderRadius: 6,
            padding: '6px 10px',
            fontSize: 12,
            pointerEvents: 'none',
            minWidth: 130,
          }}
        >
          <div style={{ fontWeight: 600, marginBottom: 2 }}>{labels[hover]}</div>
          <div>
            {line.name}：{(line.data[hover] ?? 0).toLocaleString('zh-CN')}
          </div>
          <div>
            {bars.name}：{(bars.data[hover] ?? 0).toLocaleString('zh-CN')}
          </div>
        </div>
      )}
    </div>
  )
}
