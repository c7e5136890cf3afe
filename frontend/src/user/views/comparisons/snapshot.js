// How a comparison page names its snapshots and picks the pair to compare.
import { windowText } from '../../components/rfmFormat'

/** "2024-01-01 至 2024-12-31 · 手动分析" for a saved analysis. */
export function snapshotLabel(analysis) {
  if (!analysis) return ''
  return `${windowText(analysis.params)} · ${analysis.kind_label || analysis.kind || ''}`
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
