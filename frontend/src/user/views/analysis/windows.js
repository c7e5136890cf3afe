// Analysis windows in China dates: whole months up to the end of last month.
const CHINA_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric' })

export const PRESETS = [
  { months: 3, label: '近 3 个月' },
  { months: 6, label: '近 6 个月' },
  { months: 12, label: '近 12 个月' },
]
export const CUSTOM = 'custom'

const isoDay = (date) => date.toISOString().slice(0, 10)

/** [start, end] of the `months` whole months before the current China month, as YYYY-MM-DD. */
export function wholeMonths(months, now = new Date()) {
  const parts = Object.fromEntries(CHINA_MONTH.formatToParts(now).map((p) => [p.type, p.value]))
  const year = Number(parts.year)
  const monthIndex = Number(parts.month) - 1
  // Date.UTC normalises overflow: day 0 of this month is the last day of the previous one.
  const end = new Date(Date.UTC(year, monthIndex, 0))
  const start = new Date(Date.UTC(year, monthIndex - months, 1))
  return [isoDay(start), isoDay(end)]
}
