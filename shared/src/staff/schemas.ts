import { z, IsoDateTime, pageOf } from '../common'
import { StaffRole } from '../auth/schemas'

export const CreateStaffRequest = z
  .object({
    name: z.string().trim().min(1).max(30),
    roles: z.array(StaffRole).min(1).max(4),
    /** Stores the employee may act for (admins act for every store). */
    storeIds: z.array(z.string().min(1).max(40)).max(200).default([]),
  })
  .meta({ id: 'CreateStaffRequest' })
export type CreateStaffRequest = z.input<typeof CreateStaffRequest>

export const Staff = z
  .object({
    staffId: z.string(),
    name: z.string(),
    roles: z.array(StaffRole),
    storeIds: z.array(z.string()),
    bound: z.boolean(),
    /** Disabled accounts are refused on their next request. */
    disabled: z.boolean(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Staff' })
export type Staff = z.infer<typeof Staff>

export const StaffWithBindingCode = Staff.extend({
  /** One-time code the employee enters (or scans) in the mini-program to bind their WeChat. */
  bindingCode: z.string(),
  bindingCodeExpiresAt: IsoDateTime,
}).meta({ id: 'StaffWithBindingCode' })

/** Staff accounts, newest first. */
export const StaffList = pageOf(Staff).meta({ id: 'StaffList' })

/** Changes to a staff account take effect on the account's next request. */
export const UpdateStaffRequest = z
  .object({
    roles: z.array(StaffRole).min(1).max(4).optional(),
    storeIds: z.array(z.string().min(1).max(40)).max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' })
  .meta({ id: 'UpdateStaffRequest' })
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>

export const BindStaffRequest = z.object({ code: z.string().trim().min(6).max(40) }).meta({ id: 'BindStaffRequest' })

export const CreatePosKeyResponse = z
  .object({
    keyId: z.string(),
    storeId: z.string(),
    /** Shown once: the server keeps only a derived signing key, encrypted. */
    secret: z.string(),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'CreatePosKeyResponse' })

export const CreatePosKeyRequest = z
  .object({
    /** The key stops working after this many days (none: until revoked). */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
    /** Rotation: the key this one replaces keeps working for `overlapHours` more, then expires. */
    replaces: z.string().min(1).max(60).optional(),
    overlapHours: z.number().int().min(0).max(720).default(24),
  })
  .strict()
  .meta({ id: 'CreatePosKeyRequest' })

export const PosKey = z
  .object({
    keyId: z.string(),
    storeId: z.string(),
    status: z.enum(['active', 'expired', 'revoked']),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'PosKey' })
export const PosKeyList = pageOf(PosKey).meta({ id: 'PosKeyList' })
export const PosKeyParams = z.object({ storeId: z.string().min(1).max(40), keyId: z.string().min(1).max(60) })

export const StoreIdParams = z.object({ storeId: z.string().min(1).max(40) })
export const StaffIdParams = z.object({ staffId: z.string().min(1).max(40) })
