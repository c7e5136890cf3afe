// The API speaks ISO-8601 UTC; people read China time.
const FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i

/** `2024-05-01T02:03:04Z` → `2024-05-01 10:03`; empty or unreadable input → `—`. */
export function formatChinaTime(value) {
  if (!value) return '—'
  const text = String(value)
  // A timestamp without a zone is UTC by contract.
  const date = new Date(HAS_ZONE.test(text) || !text.includes('T') ? text : `${text}Z`)
  if (Number.isNaN(date.getTime())) return '—'
  const parts = Object.fromEntries(FORMAT.formatToParts(date).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}
