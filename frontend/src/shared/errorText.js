// What a failed call said, for displays that are not a form: the server's message plus its details.

// Details that carry data for the page rather than words for people.
const MACHINE_FIELDS = new Set(['retry_after'])
// An internal field name (old_password, region.city, rows[3]) is not shown to people.
const INTERNAL_NAME = /^[A-Za-z0-9_.[\]]+$/

/** The server's `details` as lines to show under its message, without repeating the message. */
export function detailLines(error) {
  const summary = String(error?.message || '')
  const lines = []
  for (const detail of Array.isArray(error?.details) ? error.details : []) {
    const text = typeof detail?.message === 'string' ? detail.message.trim() : ''
    const field = typeof detail?.field === 'string' ? detail.field.trim() : ''
    if (!text || MACHINE_FIELDS.has(field)) continue
    const named = field && !INTERNAL_NAME.test(field) && !text.includes(field)
    if (summary.includes(text) && (!named || summary.includes(field))) continue
    const line = named ? `${field}：${text}` : text
    if (!lines.includes(line)) lines.push(line)
  }
  return lines
}

/** The message with its details in one line, for a toast. */
export function errorText(error) {
  const lines = detailLines(error)
  const message = error?.message || '操作失败，请稍后重试'
  return lines.length ? `${message}（${lines.join('；')}）` : message
}
