import { routes } from '@huiyuan/shared/routes'
import { type HandlerDeps, httpHandler, type RouteHandlers } from '../../platform/http/handler'
import type { CampaignsService } from '../service'

export const campaignsHandlers = (deps: { campaigns: CampaignsService }, http: HandlerDeps): RouteHandlers => [
  [routes.listCampaigns, httpHandler(routes.listCampaigns, ({ query }) => deps.campaigns.list(query), http)],
  [
    routes.listCampaignRuns,
    httpHandler(routes.listCampaignRuns, ({ params, query }) => deps.campaigns.runs(params.campaignId, query), http),
  ],
  [routes.createCampaign, httpHandler(routes.createCampaign, ({ auth, body, now }) => deps.campaigns.create(auth, body, now), http)],
  [routes.getCampaign, httpHandler(routes.getCampaign, ({ params }) => deps.campaigns.get(params.campaignId), http)],
  [
    routes.updateCampaign,
    httpHandler(routes.updateCampaign, ({ auth, params, body, now }) => deps.campaigns.update(auth, params.campaignId, body, now), http),
  ],
  [
    routes.estimateCampaign,
    httpHandler(routes.estimateCampaign, ({ params, now }) => deps.campaigns.estimate(params.campaignId, now), http),
  ],
  [
    routes.launchCampaign,
    httpHandler(routes.launchCampaign, ({ auth, params, now }) => deps.campaigns.launch(auth, params.campaignId, now), http),
  ],
  [
    routes.pauseCampaign,
    httpHandler(routes.pauseCampaign, ({ auth, params, now }) => deps.campaigns.pause(auth, params.campaignId, now), http),
  ],
  [
    routes.resumeCampaign,
    httpHandler(routes.resumeCampaign, ({ auth, params, now }) => deps.campaigns.resume(auth, params.campaignId, now), http),
  ],
  [
    routes.cancelCampaign,
    httpHandler(routes.cancelCampaign, ({ auth, params, now }) => deps.campaigns.cancel(auth, params.campaignId, now), http),
  ],
  [
    routes.getCampaignReport,
    httpHandler(routes.getCampaignReport, ({ params, now }) => deps.campaigns.report(params.campaignId, now), http),
  ],
  [
    routes.listCampaignRecipients,
    httpHandler(routes.listCampaignRecipients, ({ params, query }) => deps.campaigns.recipients(params.campaignId, query), http),
  ],
]
