import { z } from 'zod'

export { z }

/** Money is always integer fen (1 yuan = 100 fen). */
export const Fen = z.number().int().nonnegative().meta({ description: 'Amount in integer fen (分)' })
/** Points are always integers. */
export const Points = z.number().int()
export const IsoDateTime = z.string().meta({ description: 'ISO-8601 date-time with offset', example: '2026-11-25T10:00:00+08:00' })
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .meta({ description: 'A calendar date YYYY-MM-DD (Asia/Shanghai unless stated)', example: '1990-05-17' })
export const MonthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' })
export type ErrorResponse = z.infer<typeof ErrorResponse>

export const PageQuery = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })
