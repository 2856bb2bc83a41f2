/**
 * Domain errors with stable codes. No HTTP in here: the API edge maps each code to a
 * status (functions/src/platform/http/errors.ts) and the mini-program maps each code to
 * a Chinese message (miniprogram/src/services/messages.ts).
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'NOT_A_MEMBER',
  'ALREADY_MEMBER',
  'UNDER_MINIMUM_AGE',
  'BIRTHDAY_LOCKED',
  'BIRTHDAY_CHANGE_NOT_ALLOWED',
  'PRIVACY_CONSENT_OUTDATED',
  'STORE_NOT_FOUND',
  'ALREADY_CHECKED_IN',
  'INSUFFICIENT_POINTS',
  'INSUFFICIENT_BALANCE',
  'IDEMPOTENCY_KEY_REUSED',
  'CODE_EXPIRED',
  'CODE_INVALID',
  'WECHAT_LOGIN_FAILED',
  'DEV_LOGIN_DISABLED',
  'CONFLICT_RETRY_EXHAUSTED',
  'ORDER_NOT_FOUND',
  'ORDER_CONFLICT',
  'REFUND_EXCEEDS_PURCHASE',
  'BINDING_CODE_INVALID',
  'SIGNATURE_INVALID',
  'REQUEST_EXPIRED',
  'OUT_OF_STOCK',
  'LIMIT_REACHED',
  'OFFER_NOT_AVAILABLE',
  'OFFER_PAUSED',
  'REWARD_PAUSED',
  'EDIT_NOT_ALLOWED',
  'COUPON_NOT_FOUND',
  'COUPON_INVALID',
  'COUPON_ALREADY_REDEEMED',
  'COUPON_EXPIRED',
  'COUPON_NOT_YET_VALID',
  'COUPON_NOT_VALID_AT_STORE',
  'THRESHOLD_NOT_MET',
  'THROTTLED',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_REPLAYED',
  'CONSOLE_NOT_ALLOWED',
  'CONSOLE_QR_REQUIRED',
  'CONSOLE_SESSION_EXPIRED',
  'CONSOLE_SESSION_USED',
  'VERSION_CONFLICT',
  'STORE_EXISTS',
  'STORE_CLOSED',
  'ENROLMENT_CODE_INVALID',
  'ENROLMENT_CODE_USED_UP',
  'STATUS_MATCH_DONE',
  'STATUS_MATCH_NOT_HIGHER',
  'CAMPAIGN_STATE',
  'WECHAT_API_FAILED',
  'STORED_VALUE_DISABLED',
  'REAL_NAME_REQUIRED',
  'BALANCE_CAP_EXCEEDED',
  'POINTS_DEDUCTION_CAP_EXCEEDED',
  'STORED_VALUE_EXCEEDS_DUE',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError

/** A request body field the service refuses after parsing (400 VALIDATION_FAILED, naming the field). */
export const invalidField = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fields: [{ field: `body.${field}`, message, code: 'custom' }] })
