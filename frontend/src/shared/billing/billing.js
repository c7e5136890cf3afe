// Fees in the UI (issue 13 contract): the state keys the API sends, their labels and tag colours, payment
// methods, and the date and money arithmetic the fee forms and tables need.
export const BILLING_STATES = [
  { value: 'trial', label: '试用中', tag: 'primary' },
  { value: 'active', label: '正常', tag: 'success' },
  { value: 'expiring', label: '即将到期', tag: 'warning' },
  { value: 'grace', label: '宽限期', tag: 'danger' },
  { value: 'stopped', label: '已停用', tag: 'danger', effect: 'dark' },
]

const NONE = { value: 'none', label: '未开通', tag: 'info' }

export const billingStateInfo = (state) => BILLING_STATES.find((s) => s.value === state) || { ...NONE, value: state || 'none' }

export const PAYMENT_METHODS = ['对公转账', '微信', '支付宝', '现金']

const DAY_MS = 86400000

/** The date `days` after `text` (YYYY-MM-DD); dates are calendar days, so UTC arithmetic is exact. */
export function addDays(text, days) {
  return new Date(Date.parse(`${text}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The last day of a period of `months` calendar months starting on `start` (2026-01-01 + 12 → 2026-12-31). */
export function periodEnd(start, months) {
  const [year, month, day] = start.split('-').map(Number)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  // A start day the target month lacks (the 31st, 29 February) ends the period on that month's last day.
  target.setUTCDate(Math.min(day, lastDay))
  const end = target.toISOString().slice(0, 10)
  return day > lastDay ? end : addDays(end, -1)
}

/** Today's date in China (YYYY-MM-DD). */
export function chinaToday() {
  return new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10)
}

/** 3600 → "¥3,600.00"; missing → "—". */
export function yuanText(value) {
  if (value === null || value === undefined || value === '') return '—'
  return `¥${Number(value).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

/** A row's remaining days as people read them: "12 天", "今天到期", or "—" once past. */
export function daysLeftText(days) {
  if (days === null || days === undefined || days < 0) return '—'
  return days === 0 ? '今天到期' : `${days} 天`
}

/** The date a fee row ends on: paid-until, or the trial's last day while only the trial covers it. */
export const coveredUntil = (billing) => billing?.paid_until || billing?.trial_ends || ''
