/**
 * The program's tiers, lowest first (GET /v1/tiers): every tier name, code and their order
 * in the app come from here, never from the app's own code. Fetched once per launch; the
 * last table is kept in storage, so on the next launch the card shows its tier's look at
 * once.
 */
import Taro from '@tarojs/taro'
import * as z from 'zod/mini'
import { api, type ResponseOf } from './request'
import { withSession } from './session'

export type TierTable = ResponseOf<'getTiers'>

const TIERS_KEY = 'huiyuan.tiers'

const TierTableCheck = z.object({
  basis: z.string(),
  windowMonths: z.number(),
  tiers: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      thresholdFen: z.number(),
      earnMultiplierBp: z.number(),
      benefits: z.array(z.object({ icon: z.string(), text: z.string() })),
    }),
  ),
})

let fetched: Promise<TierTable> | null = null

/** This launch's tier table (one request, shared by every caller; a failed one is tried again next time). */
export function getTierTable(): Promise<TierTable> {
  fetched ??= withSession(() => api('getTiers', { check: TierTableCheck })).then(
    (table) => {
      Taro.setStorageSync(TIERS_KEY, table)
      return table
    },
    (e) => {
      fetched = null
      throw e
    },
  )
  return fetched
}

/** The table kept from an earlier launch, if any (to draw before this launch's arrives). */
export function storedTierTable(): TierTable | null {
  try {
    const t = Taro.getStorageSync(TIERS_KEY) as TierTable | '' | undefined
    return t && typeof t === 'object' && Array.isArray(t.tiers) && TierTableCheck.safeParse(t).success ? t : null
  } catch {
    return null
  }
}
