import { z, IsoDateTime } from '../common'

export const StaffRole = z.enum(['cashier', 'store_manager', 'marketer', 'admin'])
export type StaffRole = z.infer<typeof StaffRole>

export const WechatSignInRequest = z
  .object({
    /** The code from wx.login (or, on stage `local` only, `dev:<name>`). */
    code: z.string().min(1).max(200),
    /**
     * Who the token is for: the mini-program (default) or, on stage `local` with a `dev:<name>`
     * code only, the console (the console otherwise signs in by QR, POST /v1/console/sessions).
     */
    audience: z.enum(['mp', 'console']).optional(),
  })
  .meta({ id: 'WechatSignInRequest' })
export type WechatSignInRequest = z.infer<typeof WechatSignInRequest>

export const SessionResponse = z
  .object({
    token: z.string(),
    expiresAt: IsoDateTime,
    memberId: z.string().nullable(),
    roles: z.array(StaffRole),
    storeIds: z.array(z.string()),
  })
  .meta({ id: 'SessionResponse' })
export type SessionResponse = z.infer<typeof SessionResponse>
