import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics'

/**
 * CloudWatch metrics, written as EMF log lines (namespace `Huiyuan`) that CloudWatch turns
 * into metrics without an API call. Off on stage `local` (tests, `npm start`) so they add no
 * noise there; `POWERTOOLS_METRICS_DISABLED=false|true` overrides that either way.
 */
export const METRICS_NAMESPACE = 'Huiyuan'

export const metricsEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => {
  const flag = env.POWERTOOLS_METRICS_DISABLED?.trim().toLowerCase()
  if (flag) return !['1', 'true', 'yes', 'on'].includes(flag)
  return (env.STAGE ?? 'local') !== 'local'
}

let metrics: Metrics | undefined

/** Adds to a counter at once (one EMF line), with optional low-cardinality dimensions. */
export const countMetric = (name: string, value: number, dimensions: Record<string, string> = {}): void => {
  if (value <= 0 || !metricsEnabled()) return
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'huiyuan' })
  const single = metrics.singleMetric()
  for (const [k, v] of Object.entries(dimensions)) single.addDimension(k, v)
  single.addMetric(name, MetricUnit.Count, value)
}
