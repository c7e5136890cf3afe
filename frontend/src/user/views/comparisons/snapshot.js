// How a comparison page names its snapshots and picks the pair to compare.

/** "2024-01-01 至 2024-12-31 · 手动分析" for a saved analysis. */
export function snapshotLabel(analysis) {
  if (!analysis) return ''
  const { start, end } = analysis.params || {}
  return `${start || '?'} 至 ${end || '?'} · ${analysis.kind_label || analysis.kind || ''}`
}

/**
 * The pair shown first: the route's from/to when given, else the latest saved analysis
 * against the one before it (the list comes newest window end first).
 */
export function initialPair(items, query) {
  const pick = (value) => (typeof value === 'string' && value ? value : '')
  return {
    from: pick(query.from) || items[1]?.analysis_id || '',
    to: pick(query.to) || items[0]?.analysis_id || '',
  }
}

/** ¥1,234.50; missing → "—". */
export function formatMoney(value) {
  if (value === null || value === undefined || value === '') return '—'
  const number = Number(value)
  if (!Number.isFinite(number)) return '—'
  return `¥${number.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}
