/** What an enrolment code's status is called, and its tag colour. */
import type { EnrolmentCode } from './EnrolmentQr'

export const STATUS: Record<EnrolmentCode['status'], { text: string; color: string }> = {
  active: { text: '生效中', color: 'green' },
  not_started: { text: '未开始', color: 'blue' },
  expired: { text: '已过期', color: 'default' },
  used_up: { text: '名额已满', color: 'orange' },
  disabled: { text: '已停用', color: 'red' },
}
