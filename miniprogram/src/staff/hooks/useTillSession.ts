import { useCallback, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import type { StaffRole } from '@huiyuan/shared/auth/schemas'
import { useSession } from '../../hooks/useSession'
import { bindStaff } from '../../services/staff'
import { mayUseConsole, mayWorkTill } from '../../utils/staffRoles'
import { tillError } from '../errors'

const STORE_KEY = 'huiyuan.till.storeId'

/** Stores offered to an admin (who may act for every store) when the token names none. */
export const ADMIN_DEFAULT_STORES = ['S001', 'S002', 'S003']

const ROLE_LABELS: Record<StaffRole, string> = { cashier: '收银员', store_manager: '店长', marketer: '市场专员', admin: '管理员' }

export const roleLabel = (roles: StaffRole[]): string => roles.map((r) => ROLE_LABELS[r] ?? r).join(' · ')

export { mayUseConsole }

/**
 * Who works the till and for which store: the signed-in session, its staff roles, the
 * stores it may act for, the store chosen (remembered on this device), and binding a
 * staff account with a one-time code.
 */
export function useTillSession(preferredStore?: string) {
  const session = useSession()
  const roles = session.session?.roles ?? []
  const isAdmin = roles.includes('admin')
  const canWorkTill = mayWorkTill(roles)
  const stores = useMemo(() => {
    const own = session.session?.storeIds ?? []
    return isAdmin && own.length === 0 ? ADMIN_DEFAULT_STORES : own
  }, [session.session, isAdmin])

  const [chosen, setChosen] = useState<string>(() => preferredStore || (Taro.getStorageSync(STORE_KEY) as string) || '')
  const storeId = stores.includes(chosen) ? chosen : (stores[0] ?? '')
  const chooseStore = useCallback((id: string) => {
    Taro.setStorageSync(STORE_KEY, id)
    setChosen(id)
  }, [])

  const [binding, setBinding] = useState(false)
  const [bindError, setBindError] = useState<string | null>(null)
  const { adopt } = session
  const bind = useCallback(
    async (code: string): Promise<boolean> => {
      if (code.trim().length < 6) {
        setBindError('请输入完整的绑定码')
        return false
      }
      setBinding(true)
      setBindError(null)
      try {
        adopt(await bindStaff(code))
        return true
      } catch (e) {
        setBindError(tillError(e))
        return false
      } finally {
        setBinding(false)
      }
    },
    [adopt],
  )

  return { ...session, roles, isAdmin, canWorkTill, stores, storeId, chooseStore, bind, binding, bindError }
}

export type TillSession = ReturnType<typeof useTillSession>
