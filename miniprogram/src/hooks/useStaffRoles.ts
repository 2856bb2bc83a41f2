import { useCallback, useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import { ensureSession, readSession } from '../services/session'

const rolesNow = (): StaffRole[] => readSession()?.roles ?? []

/**
 * The staff roles of this WeChat identity (from the signed-in session: binding a staff
 * account on the till stores a token naming them). Read again whenever the page shows, so
 * coming back from binding shows what the new roles open.
 */
export function useStaffRoles(): StaffRole[] {
  const [roles, setRoles] = useState<StaffRole[]>(rolesNow)
  const read = useCallback(() => {
    const next = rolesNow()
    setRoles((prev) => (prev.join() === next.join() ? prev : next))
  }, [])
  useEffect(() => {
    // The first visit signs in (the page's own data call shares the sign-in): read after it.
    ensureSession().then(read, () => undefined)
  }, [read])
  useDidShow(read)
  return roles
}
