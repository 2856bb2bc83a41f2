import type { JoinRequest } from '@huiyuan/shared/members/schemas'
import { api } from './request'
import { adoptSession, withSession } from './session'

export const getMyCard = () => withSession(() => api('getMe'))

export const getMyCode = () => withSession(() => api('getMyCode'))

/** Join the program; stores the refreshed session (its token now names the member). */
export async function joinProgram(body: JoinRequest) {
  const result = await withSession(() => api('join', { body, loading: '正在提交' }))
  adoptSession(result.session)
  return result.member
}
