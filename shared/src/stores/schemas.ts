import { z, IsoDateTime, PageQuery, pageOf } from '../common'

/** Store ids: a capital letter and 1–19 capitals or digits (S001). `s=<storeId>` fits a QR scene (≤ 32). */
export const STORE_ID_PATTERN = /^[A-Z][A-Z0-9]{1,19}$/
export const StoreId = z.string().regex(STORE_ID_PATTERN, 'a capital letter then capitals or digits, e.g. S001')

/** Printable text only: no control characters or direction overrides. */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), 'control characters are not allowed')

export const AdminStore = z
  .object({
    storeId: z.string(),
    name: z.string(),
    city: z.string(),
    address: z.string(),
    /** A closed store stays readable (its members keep everything) but refuses joins and till purchases. */
    active: z.boolean(),
    updatedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'AdminStore' })
export type AdminStore = z.infer<typeof AdminStore>

/** Stores by id (a store manager sees their own stores only). */
export const AdminStoreList = pageOf(AdminStore).meta({ id: 'AdminStoreList' })
export const AdminStoreQuery = PageQuery

export const CreateStoreRequest = z
  .object({ storeId: StoreId, name: Text(40), city: Text(20), address: Text(120) })
  .strict()
  .meta({ id: 'CreateStoreRequest' })
export type CreateStoreRequest = z.infer<typeof CreateStoreRequest>

/** `active: false` closes the store, `true` opens it again. */
export const UpdateStoreRequest = z
  .object({ name: Text(40).optional(), city: Text(20).optional(), address: Text(120).optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' })
  .meta({ id: 'UpdateStoreRequest' })
export type UpdateStoreRequest = z.infer<typeof UpdateStoreRequest>

/**
 * A store's join QR: `scene` is what the mini-program's join page reads (`s=<storeId>`).
 * `wxacode`: a WeChat mini-program code image (PNG, base64); `link`: the H5 join page's URL
 * (stage local), which the console draws as a QR itself.
 */
export const StoreJoinCode = z
  .object({
    storeId: z.string(),
    scene: z.string().max(32),
    page: z.string(),
    kind: z.enum(['wxacode', 'link']),
    url: z.string().optional(),
    pngBase64: z.string().optional(),
  })
  .meta({ id: 'StoreJoinCode' })
export type StoreJoinCode = z.infer<typeof StoreJoinCode>
