/**
 * The one chart component: ECharts from `echarts/core` with only the charts and components
 * the console draws (line, bar, pie; grid, tooltip, legend, dataset), canvas renderer.
 * Imported only by the report pages, so the others never load it (the landing page draws its
 * few small charts as SVG: components/MiniCharts.tsx). The instance is kept on
 * its element (`__chart`) so a browser test can read the series it draws.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { type CSSProperties, useEffect, useRef } from 'react'

echarts.use([
  LineChart,
  BarChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DatasetComponent,
  CanvasRenderer,
])

export type ChartOption = echarts.EChartsCoreOption

export default function Chart({
  option,
  height = 300,
  style,
  testId,
}: {
  option: ChartOption
  height?: number
  style?: CSSProperties
  testId?: string
}) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const instance = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = instance
    ;(el as HTMLDivElement & { __chart?: echarts.ECharts }).__chart = instance
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(el)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={ref} className="hy-chart" data-testid={testId} style={{ width: '100%', height, ...style }} />
}
