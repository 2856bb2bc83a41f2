/**
 * A campaign's actions as its page offers them, each asked first: 发送 (a draft: launched
 * now or scheduled for its time; a recurring one scheduled for its first run), 暂停 / 继续
 * (while it sends), 取消 (a draft or one scheduled, before it sends; a recurring one: no
 * further runs).
 */
import type { Campaign } from '@huiyuan/shared/campaigns/schemas'
import { useQueryClient } from '@tanstack/react-query'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Space from 'antd/es/space'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { api, type ResponseOf } from '../../api/client'
import { count, dateTime } from '../../lib/format'
import { PROGRAM_KEY } from '../program/queries'
import { campaignErrorText } from './errors'
import { CAMPAIGNS_KEY, changed } from './queries'
import { cadenceText, DEFAULT_TIME_ZONE, runTime, upcomingRuns } from './recurrence'

type Action = 'launch' | 'pause' | 'resume' | 'cancel'

/** A launch schedules it (its time is still ahead, or it recurs); a time gone by sends it now, as the API does. */
const later = (c: Campaign) =>
  c.schedule.type === 'recurring' || (c.schedule.type === 'at' && new Date(c.schedule.at).getTime() > Date.now())

export default function CampaignActions({ c }: { c: Campaign }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const [busy, setBusy] = useState<Action | null>(null)
  const params = { params: { campaignId: c.campaignId } }

  const run = async (action: Action, done: string) => {
    setBusy(action)
    try {
      const next =
        action === 'launch'
          ? await api.call('launchCampaign', params)
          : action === 'pause'
            ? await api.call('pauseCampaign', params)
            : action === 'resume'
              ? await api.call('resumeCampaign', params)
              : await api.call('cancelCampaign', params)
      changed(queryClient, next)
      message.success(done)
    } catch (e) {
      message.error(campaignErrorText(e))
    } finally {
      setBusy(null)
    }
  }

  const launch = async () => {
    setBusy('launch')
    const reach = await queryClient
      .fetchQuery({
        queryKey: [...CAMPAIGNS_KEY, 'estimate', c.campaignId, c.version],
        queryFn: () => api.call('estimateCampaign', params),
        staleTime: 30_000,
      })
      .then(
        (e) => e.reach,
        () => null,
      )
    setBusy(null)
    const who = reach === null ? '人群中的会员' : `约 ${count(reach)} 位会员`
    const now = !later(c)
    const s = c.schedule
    const timeZone = queryClient.getQueryData<ResponseOf<'getProgram'>>(PROGRAM_KEY)?.rules.timeZone ?? DEFAULT_TIME_ZONE
    const first = s.type === 'recurring' ? upcomingRuns(s, new Date(), 1, timeZone)[0] : undefined
    modal.confirm({
      title: now ? '确认发送？' : '确认排期？',
      content:
        s.type === 'now'
          ? `发送后无法撤回，确定向${who}发送？`
          : s.type === 'recurring'
            ? `将按「${cadenceText(s)}」周期发送${first ? `，首次 ${runTime(first, timeZone)}` : ''}；每次发送给当时人群中的会员${reach === null ? '' : `（按现在的人群约 ${count(reach)} 位）`}，发送后无法撤回。确定排期？`
            : now
              ? `定时时间 ${dateTime(s.at)} 已过，确认后立即发送，发送后无法撤回。确定向${who}发送？`
              : `将于 ${dateTime(s.at)} 自动发送，发送后无法撤回。确定向${who}排期发送？`,
      okText: now ? '确认发送' : '确认排期',
      cancelText: '再想想',
      onOk: () => run('launch', now ? '活动已开始发送' : '活动已排期'),
    })
  }

  const pause = () =>
    modal.confirm({
      title: '暂停发送？',
      content: '尚未发送的会员会等待，点击「继续」后从暂停处接着发送。',
      okText: '暂停',
      cancelText: '取消',
      onOk: () => run('pause', '已暂停发送'),
    })

  const resume = () =>
    modal.confirm({
      title: '继续发送？',
      content: '从暂停处接着向剩余的会员发送。',
      okText: '继续发送',
      cancelText: '取消',
      onOk: () => run('resume', '已继续发送'),
    })

  const cancel = () =>
    modal.confirm({
      title: `取消活动「${c.name}」？`,
      content:
        c.schedule.type === 'recurring' && c.status === 'scheduled'
          ? '取消后不再发送后续批次（已发送的批次不受影响），也不能恢复。'
          : '取消后活动不会发送，也不能恢复。',
      okText: '取消活动',
      okButtonProps: { danger: true },
      cancelText: '不取消',
      onOk: () => run('cancel', '活动已取消'),
    })

  return (
    <Space data-testid="campaign-actions">
      {c.status === 'draft' && (
        <Button onClick={() => navigate(`/campaigns/${encodeURIComponent(c.campaignId)}/edit`)} data-testid="campaign-edit">
          编辑
        </Button>
      )}
      {(c.status === 'draft' || c.status === 'scheduled') && (
        <Button danger loading={busy === 'cancel'} onClick={cancel} data-testid="campaign-cancel">
          取消活动
        </Button>
      )}
      {c.status === 'sending' && (
        <Button loading={busy === 'pause'} onClick={pause} data-testid="campaign-pause">
          暂停
        </Button>
      )}
      {c.status === 'paused' && (
        <Button type="primary" loading={busy === 'resume'} onClick={resume} data-testid="campaign-resume">
          继续
        </Button>
      )}
      {c.status === 'draft' && (
        <Button type="primary" loading={busy === 'launch'} onClick={() => void launch()} data-testid="campaign-send">
          {later(c) ? '排期发送' : '发送'}
        </Button>
      )}
    </Space>
  )
}
