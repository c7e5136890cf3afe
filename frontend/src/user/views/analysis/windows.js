// Analysis windows in China dates. A preset ends today by default, so this month's purchases count;
// 按整月 gives the whole months up to the end of last month, as the monthly automatic analysis uses.
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })

export const PRESETS = [
  { months: 3, label: '近 3 个月' },
  { months: 6, label: '近 6 个月' },
  { months: 12, label: '近 12 个月' },
]
export const CUSTOM = 'custom'

const isoDay = (date) => date.toISOString().slice(0, 10)

/** {year, monthIndex, day} of `now` in China. */
function chinaToday(now) {
  const parts = Object.fromEntries(CHINA_DAY.formatToParts(now).map((p) => [p.type, p.value]))
  return { year: Number(parts.year), monthIndex: Number(parts.month) - 1, day: Number(parts.day) }
}

/** Today in China as YYYY-MM-DD (the last day a date picker offers). */
export function chinaTodayText(now = new Date()) {
  const { year, monthIndex, day } = chinaToday(now)
  return isoDay(new Date(Date.UTC(year, monthIndex, day)))
}

/** [start, end] of the `months` whole months before the current China month, as YYYY-MM-DD. */
export function wholeMonths(months, now = new Date()) {
  const { year, monthIndex } = chinaToday(now)
  // Date.UTC normalises overflow: day 0 of this month is the last day of the previous one.
  const end = new Date(Date.UTC(year, monthIndex, 0))
  const start = new Date(Date.UTC(year, monthIndex - months, 1))
  return [isoDay(start), isoDay(end)]
}

/** [start, end] of the `months` months up to today (China date): 15 Apr → 16 Jan–15 Apr for 3 months. */
export function endingToday(months, now = new Date()) {
  const { year, monthIndex, day } = chinaToday(now)
  // The same day `months` months back (the month's last day when it has fewer), then the day after it.
  const lastOfThatMonth = new Date(Date.UTC(year, monthIndex - months + 1, 0)).getUTCDate()
  const start = new Date(Date.UTC(year, monthIndex - months, Math.min(day, lastOfThatMonth) + 1))
  return [isoDay(start), isoDay(new Date(Date.UTC(year, monthIndex, day)))]
}

/** The window a preset stands for: up to today, or whole months when `whole`. */
export const presetWindow = (months, whole, now = new Date()) => (whole ? wholeMonths(months, now) : endingToday(months, now))
