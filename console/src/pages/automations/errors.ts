/**
 * The automations' refusals in Chinese: the codes their routes answer beside the common ones
 * (api/messages.ts), e.g. a save on a version someone else has replaced.
 */
import { errorText, isApiError } from '../../api/client'

const MESSAGES: Record<string, string> = {
  VERSION_CONFLICT: '自动化的设置已被他人修改，已重新加载最新设置，请确认后再操作',
  NOT_FOUND: '自动化不存在',
}

export const automationErrorText = (e: unknown): string => (isApiError(e) && MESSAGES[e.code] ? MESSAGES[e.code]! : errorText(e))
