/**
 * The segments area's server state: segments, the RFM overview, and counts — a preview is
 * answered at once for a small program, or is a job over the features shards whose
 * progress is polled every second (GET /v1/admin/jobs/{jobId}) until it is done.
 */
import type { Job, SegmentCountResult, SegmentPreview } from '@huiyuan/shared/segments/schemas'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { api, ApiError } from '../../api/client'

export const SEGMENTS_KEY = ['segments'] as const
export const SEGMENT_LIST_KEY = [...SEGMENTS_KEY, 'list'] as const
export const segmentKey = (segmentId: string) => [...SEGMENTS_KEY, 'one', segmentId] as const
export const RFM_KEY = ['rfm'] as const

export const useSegment = (segmentId: string | undefined) =>
  useQuery({
    queryKey: segmentKey(segmentId ?? ''),
    queryFn: () => api.call('getSegment', { params: { segmentId: segmentId ?? '' } }),
    enabled: Boolean(segmentId),
  })

export const useRfm = () => useQuery({ queryKey: RFM_KEY, queryFn: () => api.call('getRfm') })

const POLL_MS = 1_000

/** A job, polled every second while it runs. */
export const useJob = (jobId: string | null) =>
  useQuery({
    queryKey: [...SEGMENTS_KEY, 'job', jobId ?? ''],
    queryFn: () => api.call('getJob', { params: { jobId: jobId ?? '' } }),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : POLL_MS),
    staleTime: Number.POSITIVE_INFINITY,
  })

/** What to count: a key for the answer, and the call that starts the count. */
export interface CountSource {
  key: readonly unknown[]
  start: () => Promise<SegmentPreview>
}

export type CountState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'running'; progress: Job['progress']; processed: number | null }
  | { status: 'done'; count: SegmentCountResult }
  | { status: 'failed'; error: unknown }

/**
 * A count and its progress. `last` is the last count finished (shown dimmed while the next
 * one runs); `onDone` runs once per count finished (e.g. to refresh the list's last count).
 */
export function useCount(source: CountSource | null, onDone?: (count: SegmentCountResult) => void) {
  const preview = useQuery({
    queryKey: [...SEGMENTS_KEY, 'count', ...(source?.key ?? ['none'])],
    queryFn: () => (source ? source.start() : Promise.reject(new Error('nothing to count'))),
    enabled: Boolean(source),
    staleTime: 60_000,
    retry: false,
  })
  const p = source ? preview.data : undefined
  const jobId = p?.status === 'running' ? p.jobId : null
  const job = useJob(jobId)

  let state: CountState
  if (!source) state = { status: 'idle' }
  else if (preview.isError) state = { status: 'failed', error: preview.error }
  else if (!p || preview.isFetching) state = { status: 'starting' }
  else if (p.status === 'done')
    state = p.count
      ? { status: 'done', count: p.count }
      : { status: 'failed', error: new ApiError('INVALID_RESPONSE', 200, '统计结果为空') }
  else if (!jobId) state = { status: 'failed', error: new ApiError('INVALID_RESPONSE', 200, '统计未能开始，请重试') }
  else if (job.isError) state = { status: 'failed', error: job.error }
  else if (job.data?.status === 'failed') state = { status: 'failed', error: new ApiError('JOB_FAILED', 200, '统计失败，请重试') }
  else if (job.data?.status === 'done')
    state = job.data.count
      ? { status: 'done', count: job.data.count }
      : { status: 'failed', error: new ApiError('INVALID_RESPONSE', 200, '统计结果为空') }
  else state = { status: 'running', progress: job.data?.progress ?? p.progress, processed: job.data?.processed ?? null }

  const last = useRef<SegmentCountResult | null>(null)
  const reported = useRef<string | null>(null)
  const done = state.status === 'done' ? state.count : null
  if (done) last.current = done
  const onDoneRef = useRef(onDone)
  onDoneRef.current = onDone
  useEffect(() => {
    if (!done) return
    const id = `${JSON.stringify(source?.key)}@${done.countedAt}`
    if (reported.current === id) return
    reported.current = id
    onDoneRef.current?.(done)
  }, [done, source?.key])

  return { state, last: last.current, retry: () => void preview.refetch() }
}
