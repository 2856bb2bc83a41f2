import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers, routeGroup } from '../../platform/http/handler'
import { campaignsHandlers } from '../../campaigns/http'
import { wechatMessagesHandlers } from '../../messaging/http'
import { automationsHandlers } from '../../automations/http'
import { automationsOf, campaignsOf, core, httpDepsOf, messagingOf, segmentsOf } from '../../platform/wiring'
import type { SegmentsService } from '../service'

export const segmentsHandlers = (deps: { segments: SegmentsService }, http: HandlerDeps): RouteHandlers => [
  [routes.listSegments, httpHandler(routes.listSegments, ({ query }) => deps.segments.list(query), http)],
  [routes.createSegment, httpHandler(routes.createSegment, ({ auth, body, now }) => deps.segments.create(auth, body, now), http)],
  [routes.getSegment, httpHandler(routes.getSegment, ({ params }) => deps.segments.get(params.segmentId), http)],
  [
    routes.updateSegment,
    httpHandler(routes.updateSegment, ({ auth, params, body, now }) => deps.segments.update(auth, params.segmentId, body, now), http),
  ],
  [
    routes.deleteSegment,
    httpHandler(
      routes.deleteSegment,
      async ({ auth, params, now }) => {
        await deps.segments.remove(auth, params.segmentId, now)
        return undefined
      },
      http,
    ),
  ],
  [routes.previewSegment, httpHandler(routes.previewSegment, ({ params, now }) => deps.segments.previewSaved(params.segmentId, now), http)],
  [routes.previewDefinition, httpHandler(routes.previewDefinition, ({ body, now }) => deps.segments.preview(body.definition, now), http)],
  [routes.getJob, httpHandler(routes.getJob, ({ params }) => deps.segments.getJob(params.jobId), http)],
  [routes.startJob, httpHandler(routes.startJob, ({ auth, body, now }) => deps.segments.startJob(auth, body.kind, now), http)],
  [routes.getRfm, httpHandler(routes.getRfm, ({ now }) => deps.segments.rfm(now), http)],
  [
    routes.updateRfmThresholds,
    httpHandler(routes.updateRfmThresholds, ({ auth, body, now }) => deps.segments.setThresholds(auth, body.thresholds, now), http),
  ],
]

/** Precision marketing: segments, their counts and the jobs over every member, RFM, campaigns, automations, the 发送记录. */
export const handler = routeGroup(() => {
  const c = core()
  const http = httpDepsOf(c)
  return [
    ...segmentsHandlers({ segments: segmentsOf(c) }, http),
    ...campaignsHandlers({ campaigns: campaignsOf(c) }, http),
    ...wechatMessagesHandlers({ messaging: messagingOf(c) }, http),
    ...automationsHandlers({ automations: automationsOf(c) }, http),
  ]
})
