import { api } from './request'
import { withSession } from './session'

/** The member's points ledger, newest first; pass the previous page's `nextCursor` for more. */
export const getMyPoints = (cursor?: string, limit = 20) =>
  withSession(() => api('getMyPoints', { query: { limit, ...(cursor ? { cursor } : {}) } }))

/** The member's inbox, newest first; pass the previous page's `nextCursor` for more. */
export const getMyInbox = (cursor?: string, limit = 20) =>
  withSession(() => api('getMyInbox', { query: { limit, ...(cursor ? { cursor } : {}) } }))

/** Tiers and their benefits, lowest first. */
export const getTiers = () => withSession(() => api('getTiers'))
