import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Leaderboard, LeaderboardBoard, LeaderboardEntry } from '@huiyuan/shared/leaderboard/schemas'
import { Button } from '../../../components/nutui/button'
import { Switch } from '../../../components/nutui/switch'
import StateView from '../../../components/StateView'
import { useLeaderboard } from '../../../hooks/useLeaderboard'
import { BOARDS, boardRule, boardTitle, emptyBoard, medal, myPlace, scoreText, takingPart } from '../../../utils/leaderboard'
import { PAGE } from '../../../paths'
import './index.scss'

const goJoin = () => void Taro.navigateTo({ url: PAGE.join })

/** 参与排名 when not taking part: what it shows of the member, and the button; taking part: the switch to leave. */
function OptInCard({ board, saving, onChange }: { board: Leaderboard; saving: boolean; onChange: (optIn: boolean) => Promise<void> }) {
  if (!board.optedIn)
    return (
      <View className="hy-section lb-optin" id="leaderboard-optin">
        <View className="lb-optin__main">
          <Text className="lb-optin__title">参与本月排名</Text>
          <Text className="lb-optin__text" id="leaderboard-optin-text">
            开启后，你的姓氏和本月积分将展示在排行榜上（如 李*）
          </Text>
        </View>
        <Button
          className="lb-optin__button"
          type="primary"
          size="small"
          id="optin-button"
          disabled={saving}
          onClick={() => void onChange(true)}
        >
          {saving ? '正在开启…' : '参与排名'}
        </Button>
      </View>
    )
  return (
    <View className="hy-section lb-optin lb-optin--on" id="leaderboard-optin">
      <View className="lb-optin__main">
        <Text className="lb-optin__title">已参与排名</Text>
        <Text className="lb-optin__text" id="leaderboard-optin-text">
          你的姓氏和本月积分展示在排行榜上，关闭后不再展示
        </Text>
      </View>
      <Switch
        id="optin-switch"
        checked
        loading={saving}
        loadingIcon={<View className="lb-optin__spinner" />}
        onChange={(on) => onChange(on)}
      />
    </View>
  )
}

function Row({ entry, board }: { entry: LeaderboardEntry; board: LeaderboardBoard }) {
  const m = medal(entry.rank)
  return (
    <View className={`lb-row ${entry.me ? 'lb-row--me' : ''}`} id={entry.me ? 'leaderboard-me-row' : undefined}>
      <View className={`lb-row__rank ${m ? `lb-medal lb-medal--${m}` : ''}`}>
        <Text>{entry.rank}</Text>
      </View>
      <Text className="lb-row__avatar">{entry.name.slice(0, 1) || '会'}</Text>
      <View className="lb-row__main">
        <Text className="lb-row__name">{entry.name}</Text>
        {entry.me ? <Text className="lb-row__tag">我</Text> : null}
      </View>
      <Text className="lb-row__score">{scoreText(board, entry.score)}</Text>
    </View>
  )
}

/** 我的排名: the member's place and score, at the bottom of the screen, whether or not in the top list. */
function MyRankBar({ board }: { board: Leaderboard }) {
  const mine = myPlace(board)
  return (
    <View className={`lb-mine ${board.optedIn ? '' : 'lb-mine--out'}`} id="my-rank">
      <Text className="lb-mine__label">我的排名</Text>
      <Text className="lb-mine__place" id="my-rank-place">
        {mine.place}
      </Text>
      <Text className="lb-mine__score" id="my-rank-score">
        {mine.score}
      </Text>
    </View>
  )
}

function Board({ board, saving, onOptIn }: { board: Leaderboard; saving: boolean; onOptIn: (optIn: boolean) => Promise<void> }) {
  const empty = emptyBoard(board.board)
  return (
    <>
      <View className={`lb-head lb-head--${board.board}`} id="leaderboard-head">
        <Text className="lb-head__title" id="leaderboard-title">
          {boardTitle(board.board, board.month)}
        </Text>
        <Text className="lb-head__text">
          {boardRule(board.board)} · <Text id="leaderboard-ranked">{takingPart(board.ranked)}</Text>
        </Text>
      </View>
      <OptInCard board={board} saving={saving} onChange={onOptIn} />
      <View className="hy-section lb-list" id="leaderboard-list">
        {board.items.length === 0 ? (
          <StateView kind="empty" title={empty.title} message={empty.message} />
        ) : (
          board.items.map((e) => <Row key={`${e.rank}-${e.name}-${e.me}`} entry={e} board={board.board} />)
        )}
      </View>
      <View className="lb-fill" />
      <MyRankBar board={board} />
    </>
  )
}

export default function LeaderboardPage() {
  const [tab, setTab] = useState<LeaderboardBoard>('points')
  const { data, error, loading, reload, saving, setOptIn } = useLeaderboard(tab)

  const changeOptIn = async (optIn: boolean) => {
    if (!optIn) {
      const { confirm } = await Taro.showModal({
        title: '退出排行榜？',
        content: '退出后你将不再出现在排行榜上，本月积分不受影响，可随时重新参与。',
        confirmText: '退出',
        cancelText: '再想想',
      })
      if (!confirm) return
    }
    const r = await setOptIn(optIn)
    if (r.ok) void Taro.showToast({ title: optIn ? '已参与排名' : '已退出排行榜', icon: 'success' })
    else void Taro.showToast({ title: r.message, icon: 'none' })
  }

  let body: ReactNode
  if (data) body = <Board board={data} saving={saving} onOptIn={changeOptIn} />
  else if (loading) body = <StateView kind="loading" title="正在加载排行榜…" />
  else if (error?.code === 'NOT_A_MEMBER')
    body = <StateView kind="empty" title="加入会员后即可参与排行榜" actionText="去加入会员" onAction={goJoin} />
  else body = <StateView kind="error" message={error?.message} onAction={() => void reload()} />

  return (
    <View className="hy-page lb" id="leaderboard">
      <View className="hy-tabs" id="leaderboard-tabs">
        {BOARDS.map((t) => (
          <View
            key={t.board}
            id={`tab-${t.board}`}
            className={`hy-tabs__item ${t.board === tab ? 'hy-tabs__item--on' : ''}`}
            onClick={() => setTab(t.board)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {body}
    </View>
  )
}
