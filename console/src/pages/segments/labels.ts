/** Chinese names of the segments area's enums, and money as the segment pages write it. */
import type { AgeBand, PyramidGroup, RfmGroup, RfmOverview } from '@huiyuan/shared/segments/schemas'

export { PYRAMID_GROUP_LABELS, PYRAMID_GROUPS, RFM_GROUP_LABELS, RFM_GROUPS } from '@huiyuan/shared/segments/schemas'

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  under18: '18 岁以下',
  '18-24': '18–24 岁',
  '25-34': '25–34 岁',
  '35-44': '35–44 岁',
  '45-54': '45–54 岁',
  '55+': '55 岁及以上',
  unknown: '未知',
}

export const GENDER_LABELS: Record<'male' | 'female' | 'undisclosed', string> = { male: '男', female: '女', undisclosed: '未透露' }

export const THRESHOLD_SOURCES: Record<RfmOverview['source'], { text: string; color: string }> = {
  merchant: { text: '商家设定', color: 'red' },
  median: { text: '中位数', color: 'blue' },
  default: { text: '默认', color: 'default' },
}

export const RFM_DIMENSIONS: Record<'r' | 'f' | 'm', string> = { r: 'R 最近消费', f: 'F 消费频次', m: 'M 消费金额' }

/** Important groups in reds, general in blues, prospects in grey: the same colour for a group everywhere. */
export const RFM_GROUP_COLORS: Record<RfmGroup, string> = {
  important_value: '#a8071a',
  important_keep: '#cf1322',
  important_develop: '#f5222d',
  important_retain: '#ff7875',
  general_value: '#0958d9',
  general_keep: '#1677ff',
  general_develop: '#4096ff',
  general_retain: '#91caff',
  prospect: '#bfbfbf',
}

export const PYRAMID_COLORS: Record<PyramidGroup, string> = {
  core: '#a8071a',
  big_spender: '#d4380d',
  frequent: '#fa8c16',
  general: '#1677ff',
  prospect: '#bfbfbf',
}

/** ¥1,234.50 — always two decimals (segment figures are compared to the cent). */
export const money = (fen: number): string =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
