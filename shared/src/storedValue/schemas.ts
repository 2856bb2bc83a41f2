/**
 * Stored value (储值卡, PRODUCT.md §7): the program's packages and prepaid-card rules, top-ups
 * and spends at the till, and the member's balance and statement. Money in integer fen.
 */
import { z, Fen, IsoDateTime } from '../common'
import { OrderId, MemberSummary } from '../purchases/schemas'

/** 充 ¥1,000 送 ¥100: what the member pays, and the bonus it adds. */
export const TopUpPackage = z
  .object({
    packageId: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
    name: z.string().trim().min(1).max(30),
    payFen: Fen.refine((v) => v > 0, 'must be more than 0'),
    bonusFen: Fen,
  })
  .meta({ id: 'TopUpPackage' })
export type TopUpPackage = z.infer<typeof TopUpPackage>

/**
 * The program's stored-value rules, with China's prepaid-card defaults (单用途商业预付卡管理办法):
 * a registered (记名) card holds at most ¥5,000; a single top-up of ¥10,000 or more needs the
 * payer's real name and a bank-transfer reference. Registered balances never expire.
 */
export const StoredValueRules = z
  .object({
    /** Off: no top-ups (a balance already held is still spendable and refundable). */
    enabled: z.boolean(),
    packages: z.array(TopUpPackage).max(12),
    /** Top-ups of any amount (no bonus) besides the packages. */
    customAmounts: z.boolean(),
    /** The most a card may hold, principal and bonus together. */
    balanceCapFen: Fen.refine((v) => v > 0, 'must be more than 0'),
    /** A single top-up paying this much or more needs real-name details and a bank-transfer reference. */
    realNameFromFen: Fen.refine((v) => v > 0, 'must be more than 0'),
  })
  .meta({ id: 'StoredValueRules' })
export type StoredValueRules = z.infer<typeof StoredValueRules>

export const DEFAULT_STORED_VALUE_RULES: StoredValueRules = {
  enabled: true,
  packages: [
    { packageId: 'P500', name: '充500送30', payFen: 50_000, bonusFen: 3_000 },
    { packageId: 'P1000', name: '充1000送100', payFen: 100_000, bonusFen: 10_000 },
  ],
  customAmounts: true,
  balanceCapFen: 500_000,
  realNameFromFen: 1_000_000,
}

/** The payer of a large (corporate / bulk) top-up, as the prepaid-card rules require. */
export const RealNamePayer = z
  .object({
    name: z.string().trim().min(2).max(60),
    /** 身份证号 or 统一社会信用代码. */
    idNumber: z.string().trim().min(8).max(30),
    bankTransferRef: z.string().trim().min(4).max(64),
  })
  .meta({ id: 'RealNamePayer' })

export const TopUpRequest = z
  .object({
    memberCode: z.string().trim().min(1).max(40),
    storeId: z.string().min(1).max(40),
    /** The till's receipt number for this top-up: a retry with it returns the first result. */
    topUpId: OrderId,
    /** A package of the program's, or an amount without bonus (when custom amounts are allowed). */
    packageId: z.string().min(1).max(20).optional(),
    amountFen: Fen.refine((v) => v > 0, 'must be more than 0').optional(),
    /** How it was paid: the payment's reference (WeChat Pay / card / cash receipt). */
    paymentRef: z.string().trim().min(1).max(64),
    payer: RealNamePayer.optional(),
  })
  .refine((b) => (b.packageId === undefined) !== (b.amountFen === undefined), {
    message: 'a package or an amount, not both',
    path: ['packageId'],
  })
  .meta({ id: 'TopUpRequest' })
export type TopUpRequest = z.infer<typeof TopUpRequest>

export const StoredValueBalance = z
  .object({
    balanceFen: Fen,
    principalFen: Fen,
    bonusFen: Fen,
  })
  .meta({ id: 'StoredValueBalance' })
export type StoredValueBalance = z.infer<typeof StoredValueBalance>

export const TopUpResult = z
  .object({
    topUpId: z.string(),
    storeId: z.string(),
    paidFen: Fen,
    bonusFen: Fen,
    createdAt: IsoDateTime,
    member: MemberSummary,
    balance: StoredValueBalance,
    replayed: z.boolean(),
  })
  .meta({ id: 'TopUpResult' })
export type TopUpResult = z.infer<typeof TopUpResult>

export const SpendRequest = z
  .object({
    memberCode: z.string().trim().min(1).max(40),
    storeId: z.string().min(1).max(40),
    /** The order paid: a retry with it returns the first result. */
    orderId: OrderId,
    amountFen: Fen.refine((v) => v > 0, 'must be more than 0'),
  })
  .meta({ id: 'SpendRequest' })
export type SpendRequest = z.infer<typeof SpendRequest>

export const SpendResult = z
  .object({
    orderId: z.string(),
    storeId: z.string(),
    amountFen: Fen,
    /** Of which principal and bonus (in the ratio they were loaded). */
    principalFen: Fen,
    bonusFen: Fen,
    createdAt: IsoDateTime,
    member: MemberSummary,
    balance: StoredValueBalance,
    replayed: z.boolean(),
  })
  .meta({ id: 'SpendResult' })
export type SpendResult = z.infer<typeof SpendResult>

export const StoredValueMovementKind = z.enum(['topUp', 'spend', 'refund'])

/** One line of the member's statement: a top-up, a spend or a refund of one, split. */
export const StoredValueMovement = z
  .object({
    movementId: z.string(),
    kind: StoredValueMovementKind,
    /** Positive in, negative out; principal + bonus. */
    deltaFen: z.number().int(),
    principalFen: z.number().int(),
    bonusFen: z.number().int(),
    balanceAfterFen: Fen,
    storeId: z.string(),
    storeName: z.string().nullable(),
    /** The top-up's receipt or the order's id. */
    reference: z.string(),
    at: IsoDateTime,
  })
  .meta({ id: 'StoredValueMovement' })
export type StoredValueMovement = z.infer<typeof StoredValueMovement>

export const MyStoredValue = z
  .object({
    balance: StoredValueBalance,
    capFen: Fen,
    packages: z.array(TopUpPackage),
    items: z.array(StoredValueMovement),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MyStoredValue' })
export type MyStoredValue = z.infer<typeof MyStoredValue>
