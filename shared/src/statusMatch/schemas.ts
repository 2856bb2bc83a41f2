/**
 * Status match (PRODUCT.md §1): a shopper with a partner club's or a mall's VIP card asks for
 * a higher starting tier; a store manager checks the card at the till (a photo of it is
 * optional) and approves. Once per member, audited; the member's tier moves up at once.
 */
import { z } from '../common'
import { StatusMatch } from '../members/schemas'
import { MemberSummary } from '../purchases/schemas'

/** A JPEG of the partner card, downsized on the till so the request stays well under 64 KB. */
export const STATUS_MATCH_PHOTO_MAX_CHARS = 48_000

export const StatusMatchRequest = z
  .object({
    memberCode: z.string().trim().min(1).max(40),
    storeId: z.string().min(1).max(40),
    /** Whose card: 万达广场 VIP, 某航空公司金卡… */
    partner: z.string().trim().min(1).max(40),
    /** The card's own level as printed on it (optional). */
    partnerTier: z.string().trim().min(1).max(20).optional(),
    partnerCardNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,32}$/, 'must be 4 to 32 letters, digits or dashes'),
    /** The tier granted: higher than the member's. */
    tierCode: z.string().min(1).max(20),
    photo: z
      .string()
      .max(STATUS_MATCH_PHOTO_MAX_CHARS)
      .regex(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a JPEG data URL')
      .optional(),
  })
  .strict()
  .meta({ id: 'StatusMatchRequest' })
export type StatusMatchRequest = z.input<typeof StatusMatchRequest>

export { StatusMatch }

export const StatusMatchResult = z
  .object({ statusMatch: StatusMatch, member: MemberSummary, replayed: z.boolean() })
  .meta({ id: 'StatusMatchResult' })
export type StatusMatchResult = z.infer<typeof StatusMatchResult>
