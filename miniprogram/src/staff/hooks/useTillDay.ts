import type { z } from 'zod'
import type { TillTransaction, TillTransactions } from '@huiyuan/shared/purchases/schemas'
import { listTillTransactions } from '../../services/staff'
import { usePaged } from '../../hooks/usePaged'
import { useReloadOnReturn } from '../../hooks/useReloadOnReturn'

export type TillItem = z.infer<typeof TillTransaction>
type TillDay = z.infer<typeof TillTransactions>

/**
 * A day's purchases and refunds at this store (date YYYY-MM-DD; omitted → today), newest
 * first, with the day's totals; reloads when the page shows again.
 */
export function useTillDay(storeId: string, date?: string) {
  const paged = usePaged<TillItem, TillDay>((cursor) => listTillTransactions(storeId, cursor, date), {
    key: `${storeId}:${date ?? 'today'}`,
    enabled: Boolean(storeId),
  })
  useReloadOnReturn(() => storeId && paged.reload())
  return paged
}
