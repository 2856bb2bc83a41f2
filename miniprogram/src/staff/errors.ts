import { isApiError } from '../services/request'
import { messageFor, tillMessageFor } from '../services/messages'

/** The Chinese message a cashier sees for anything a till call threw. */
export const tillError = (e: unknown): string => (isApiError(e) ? tillMessageFor(e.code, e.details) : messageFor('UNKNOWN'))

/** The API's error code, if it was an API error. */
export const errorCode = (e: unknown): string | null => (isApiError(e) ? e.code : null)
