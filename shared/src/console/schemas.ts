import { z, IsoDateTime } from '../common'
import { StaffRole } from '../auth/schemas'

/** Where the console runs, as its browser names itself (e.g. "Chrome · macOS"); shown to the staff member who approves. */
export const StartConsoleSessionRequest = z
  .object({
    client: z
      .string()
      .trim()
      .max(80)
      .refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), 'control characters are not allowed')
      .optional(),
  })
  .strict()
  .meta({ id: 'StartConsoleSessionRequest' })

/**
 * A console sign-in: `qrText` is what the QR shows (it holds the ticket only); `secret` stays
 * with the console that started it — only the poll that sends it collects the token.
 */
export const ConsoleSessionStarted = z
  .object({ ticket: z.string(), secret: z.string(), expiresAt: IsoDateTime, qrText: z.string() })
  .meta({ id: 'ConsoleSessionStarted' })

/** Tickets are 32 URL-safe characters (192 random bits). */
export const ConsoleTicket = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'not a console sign-in ticket')
export const ConsoleSessionParams = z.object({ ticket: ConsoleTicket })
export const ConsoleSessionQuery = z.object({ secret: z.string().min(1).max(100).optional() })

export const ConsoleStaff = z
  .object({ staffId: z.string(), name: z.string(), roles: z.array(StaffRole), storeIds: z.array(z.string()) })
  .meta({ id: 'ConsoleStaff' })

/** The console's token (audience huiyuan-console), handed out once to the poll holding the secret. */
export const ConsoleSession = z.object({ token: z.string(), expiresAt: IsoDateTime, staff: ConsoleStaff }).meta({ id: 'ConsoleSession' })

export const ConsoleSessionStatus = z
  .object({
    status: z.enum(['pending', 'approved', 'consumed', 'expired']),
    client: z.string().nullable(),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime,
    session: ConsoleSession.optional(),
  })
  .meta({ id: 'ConsoleSessionStatus' })
export type ConsoleSessionStatus = z.infer<typeof ConsoleSessionStatus>

/** The signed-in staff member, for the console's header: who, which roles, which stores. */
export const ConsoleMe = z
  .object({
    staffId: z.string(),
    name: z.string(),
    roles: z.array(StaffRole),
    storeIds: z.array(z.string()),
    stores: z.array(z.object({ storeId: z.string(), name: z.string() })),
  })
  .meta({ id: 'ConsoleMe' })
export type ConsoleMe = z.infer<typeof ConsoleMe>
