/**
 * Group enrolment (集体办理, PRODUCT.md §1): an admin creates an enrolment code for an
 * organisation; members joining with it are tagged with the organisation and start at the
 * code's tier, up to its number of uses and within its validity.
 */
import { z, CalendarDate, IsoDateTime, pageOf } from '../common'

/** 8 letters and digits (no 0/O/1/I/L), typed or carried in the join code's scene as `g=<code>`. */
export const EnrolmentCodeValue = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJKMNP-Z2-9]{8}$/, 'must be the 8 letters and digits of an enrolment code')

export const CreateEnrolmentCodeRequest = z
  .object({
    /** The organisation, e.g. 华东电力公司工会; members are tagged with it. */
    organisation: z.string().trim().min(2).max(40),
    /** The tier members joining with it start at. */
    tierCode: z.string().min(1).max(20),
    /** The store its members join at (the code's QR opens that store's join page). */
    storeId: z.string().min(1).max(20),
    maxUses: z.number().int().min(1).max(100_000),
    /** First and last day it can be used (the program's time zone). */
    validFrom: CalendarDate,
    validUntil: CalendarDate,
  })
  .refine((v) => v.validUntil >= v.validFrom, { message: 'must be on or after validFrom', path: ['validUntil'] })
  .meta({ id: 'CreateEnrolmentCodeRequest' })
export type CreateEnrolmentCodeRequest = z.infer<typeof CreateEnrolmentCodeRequest>

export const UpdateEnrolmentCodeRequest = z.object({ disabled: z.boolean() }).meta({ id: 'UpdateEnrolmentCodeRequest' })

export const EnrolmentCodeStatus = z.enum(['active', 'not_started', 'expired', 'used_up', 'disabled'])

export const EnrolmentCode = z
  .object({
    code: z.string(),
    organisation: z.string(),
    tier: z.object({ code: z.string(), name: z.string() }),
    storeId: z.string(),
    maxUses: z.number().int(),
    used: z.number().int().min(0),
    validFrom: z.string(),
    validUntil: z.string(),
    disabled: z.boolean(),
    status: EnrolmentCodeStatus,
    /** The join page's scene for the code: `s=<store>&g=<code>` (a QR the organisation hands out). */
    scene: z.string().max(32),
    createdAt: IsoDateTime,
    createdBy: z.string(),
  })
  .meta({ id: 'EnrolmentCode' })
export type EnrolmentCode = z.infer<typeof EnrolmentCode>

export const EnrolmentCodeList = pageOf(EnrolmentCode).meta({ id: 'EnrolmentCodeList' })

export const EnrolmentCodeParams = z.object({ code: z.string().min(1).max(20) })
