import { api } from './request'
import { withSession } from './session'

export const checkIn = () => withSession(() => api('checkIn', { loading: '签到中' }))

/** month: YYYY-MM; omitted → the current month (Asia/Shanghai). */
export const getCheckinCalendar = (month?: string) => withSession(() => api('getCheckins', { query: month ? { month } : {} }))
