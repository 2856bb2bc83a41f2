import { useCallback, useState } from 'react'
import type { MemberSummary } from '@huiyuan/shared/purchases/schemas'
import { lookupMember } from '../../services/staff'
import { tillError } from '../errors'

/** The member code on the member's home page: 18 digits (spaces allowed when typed). */
export const normalizeMemberCode = (raw: string): string => raw.replace(/[\s-]/g, '')
const MEMBER_CODE = /^\d{18}$/

/** Codes that mean the member must show a fresh code before the till can go on. */
export const RESCAN_CODES = new Set(['CODE_EXPIRED', 'CODE_INVALID'])

/**
 * Step 1 of every till operation: the member's dynamic code (typed or scanned) → the
 * member, as the till may see them. `memberCode` is the code the member was found with:
 * the operation sends it.
 */
export function useMemberLookup(storeId: string) {
  const [code, setCode] = useState('')
  const [member, setMember] = useState<MemberSummary | null>(null)
  const [memberCode, setMemberCode] = useState('')
  const [lookupError, setLookupError] = useState<string | null>(null)
  const [looking, setLooking] = useState(false)

  const lookup = useCallback(
    async (raw?: string) => {
      const c = normalizeMemberCode(raw ?? code)
      setCode(c)
      if (!MEMBER_CODE.test(c)) {
        setLookupError('请输入 18 位会员码')
        return
      }
      setLooking(true)
      setLookupError(null)
      try {
        setMember(await lookupMember(c, storeId))
        setMemberCode(c)
      } catch (e) {
        setMember(null)
        setLookupError(tillError(e))
      } finally {
        setLooking(false)
      }
    },
    [code, storeId],
  )

  /** Forget the member (another one, or the next customer). */
  const clearMember = useCallback(() => {
    setMember(null)
    setMemberCode('')
    setCode('')
    setLookupError(null)
  }, [])

  /** The member's code was refused (expired, invalid): show it again, with why. */
  const rescan = useCallback((message: string) => {
    setMember(null)
    setMemberCode('')
    setCode('')
    setLookupError(message)
  }, [])

  /** The member as the operation's answer has them now (points, stored value). */
  const updateMember = useCallback((m: MemberSummary) => setMember(m), [])

  return { code, setCode, lookup, looking, lookupError, member, memberCode, clearMember, rescan, updateMember }
}

export type MemberLookup = ReturnType<typeof useMemberLookup>
