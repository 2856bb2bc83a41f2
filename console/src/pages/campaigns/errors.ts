/**
 * The campaigns area's refusals in Chinese: the codes the campaign routes answer beside the
 * common ones (api/messages.ts), e.g. launching one that is no longer a draft.
 */
import { errorText, isApiError } from '../../api/client'

const MESSAGES: Record<string, string> = {
  VERSION_CONFLICT: '活动已被他人修改，请刷新后再保存',
  CAMPAIGN_STATE: '活动的状态已变化，不能进行这个操作，请刷新页面后重试',
  NOT_FOUND: '活动不存在或已删除',
}

export const campaignErrorText = (e: unknown): string => (isApiError(e) && MESSAGES[e.code] ? MESSAGES[e.code]! : errorText(e))
