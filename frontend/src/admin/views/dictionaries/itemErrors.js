// The server names a dictionary's faulty entries as "items[3].day" or "items[2]": sort its details by row.

const ITEM_FIELD = /^items\[(\d+)\](?:\.(\w+))?$/

/** {rows: {index: {field: message}} (field '' for the whole entry), general: [messages not on a row]} */
export function itemErrors(error) {
  const rows = {}
  const general = []
  for (const detail of error?.details || []) {
    const message = typeof detail?.message === 'string' ? detail.message : ''
    if (!message) continue
    const match = ITEM_FIELD.exec(String(detail.field || ''))
    if (!match) {
      general.push(message)
      continue
    }
    const [, index, field = ''] = match
    rows[index] = { ...rows[index], [field]: message }
  }
  return { rows, general }
}
