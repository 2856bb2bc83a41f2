import type { z, ZodType } from 'zod'
import { logger } from './logger'
import { countMetric } from './metrics'

export const MALFORMED_ITEM_METRIC = 'MalformedItemSkipped'

/** A stored item a list leaves out because it cannot be shown: logged with its key and counted. */
export const reportSkippedItem = (entity: string, key: { PK?: unknown; SK?: unknown }, issues: unknown): void => {
  logger.warn('malformed item skipped', { entity, PK: key.PK, SK: key.SK, issues })
  countMetric(MALFORMED_ITEM_METRIC, 1, { entity })
}

/**
 * Stored items of a list read → typed records, through the schema of what is stored. One
 * item that does not match (a date that is not a date, a missing field…) never fails the
 * whole list: it is skipped, logged with its key (PK/SK) and counted in the
 * `MalformedItemSkipped` metric (dimension `entity`). Unknown attributes (keys, `entity`)
 * are stripped by the schema.
 */
export function parseStoredItems<S extends ZodType>(
  items: readonly Record<string, unknown>[] | undefined,
  schema: S,
  entity: string,
): z.output<S>[] {
  const out: z.output<S>[] = []
  let skipped = 0
  for (const item of items ?? []) {
    const r = schema.safeParse(item)
    if (r.success) {
      out.push(r.data)
      continue
    }
    skipped++
    logger.warn('malformed item skipped', {
      entity,
      PK: item.PK,
      SK: item.SK,
      issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
    })
  }
  countMetric(MALFORMED_ITEM_METRIC, skipped, { entity })
  return out
}
