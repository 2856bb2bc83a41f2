import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { MemberCard } from '@huiyuan/shared/members/schemas'
import { getMyCard } from '../services/members'
import { useRemote } from './useRemote'

/** The member's card; reloads whenever the page shows again (points may have changed). */
export function useMemberCard() {
  const remote = useRemote<MemberCard>(getMyCard)
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    void remote.reload()
  })
  const notMember = remote.error?.code === 'NOT_A_MEMBER'
  return { ...remote, notMember }
}
