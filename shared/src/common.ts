import { z } from 'zod'

export { z }

/** Money is always integer fen (1 yuan = 100 fen). */
export const Fen = z.number().int().nonnegative().meta({ description: 'Amount in integer fen (分)' })
/** Points are always integers. */
export const Points = z.number().int()
/**
 * The one real-date check: a YYYY-MM-DD that exists on the (proleptic Gregorian) calendar —
 * 2024-02-29 does, 2026-02-30 and 2100-02-29 do not. Calendar dates and date-times use it.
 */
export const isRealDate = (ymd: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const at = new Date(Date.UTC(y, mo - 1, d))
  at.setUTCFullYear(y) // years 0000–0099 are not 1900–1999
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d
}

/** An ISO-8601 date-time with an offset (Z or ±hh:mm), seconds required, on a real date. */
export const IsoDateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:00:00+08:00', abort: true })
  .refine((v) => isRealDate(v), 'must be on a real calendar date')
  .meta({ description: 'ISO-8601 date-time with offset', example: '2026-11-25T10:00:00+08:00' })
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD', abort: true })
  .refine((v) => isRealDate(v), 'must be a real calendar date')
  .meta({ description: 'A calendar date YYYY-MM-DD (Asia/Shanghai unless stated)', example: '1990-05-17', format: 'date' })
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

/** Every list: `?cursor=` (the previous page's `nextCursor`, opaque) and `?limit=` (1–100, default 20). */
export const PageQuery = z.object({
  cursor: z.string().max(2000).optional().meta({ description: "Opaque: the previous page's nextCursor" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
export type PageQuery = z.output<typeof PageQuery>

/** A page of a list: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().meta({ description: 'null on the last page' }) })
