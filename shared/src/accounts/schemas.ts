import { z } from '../common'
import { PointsEntryType } from '../points/schemas'

/**
 * The kinds of value a member holds, each an account with its own immutable ledger:
 * points now; stored-value principal and bonus (储值本金 / 赠送金) next.
 */
export const AccountKind = z.enum(['points', 'storedValuePrincipal', 'storedValueBonus'])
export type AccountKind = z.infer<typeof AccountKind>

/** Why an account moved (one list across kinds; points use the PointsEntryType subset). */
export const AccountEntryType = z.enum([...PointsEntryType.options, 'topUp', 'spend'])
export type AccountEntryType = z.infer<typeof AccountEntryType>
