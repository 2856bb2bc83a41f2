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

export const BindStaffRequest = z.object({ code: z.string().trim().min(6).max(40) }).meta({ id: 'BindStaffRequest' })

export const CreatePosKeyResponse = z
  .object({
    keyId: z.string(),
    storeId: z.string(),
    /** Shown once: the server keeps only a derived signing key, encrypted. */
    secret: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'CreatePosKeyResponse' })

export const StoreIdParams = z.object({ storeId: z.string().min(1).max(40) })
export const StaffIdParams = z.object({ staffId: z.string().min(1).max(40) })
