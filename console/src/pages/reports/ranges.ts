/** The report pages' date ranges: the day format and the presets 近7天 … 近一年 (at most 366 days). */
import dayjs, { type Dayjs } from 'dayjs'

export const DAY = 'YYYY-MM-DD'

export const rangePresets = (): { label: string; value: [Dayjs, Dayjs] }[] => {
  const today = dayjs().startOf('day')
  const lastMonth = today.subtract(1, 'month')
  return [
    { label: '近7天', value: [today.subtract(6, 'day'), today] },
    { label: '近30天', value: [today.subtract(29, 'day'), today] },
    { label: '本月', value: [today.startOf('month'), today] },
    { label: '上月', value: [lastMonth.startOf('month'), lastMonth.endOf('month').startOf('day')] },
    { label: '近一年', value: [today.subtract(1, 'year').add(1, 'day'), today] },
  ]
}
