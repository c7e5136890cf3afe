// How RFM figures read on the analysis pages: money in yuan, shares as percent, thresholds as sentences.
import { formatCount } from '@/shared/format'
import { RFM_CLASSES } from '@/shared/rfm'

const isNumber = (value) => value !== null && value !== undefined && value !== '' && Number.isFinite(Number(value))

/** 1234.5 → "¥1,234.50"; missing → "—". */
export const formatMoney = (value) =>
  isNumber(value)
    ? `¥${Number(value).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    : '—'

/** 0.1234 → "12.3%"; missing → "—". */
export const formatShare = (share) => (isNumber(share) ? `${(Number(share) * 100).toFixed(1)}%` : '—')

/** An average of days or orders, one decimal unless told: 12.345 → "12.3". */
export const formatAverage = (value, digits = 1) =>
  isNumber(value) ? Number(value).toLocaleString('zh-CN', { maximumFractionDigits: digits }) : '—'

/** The window of an analysis: "2024-01-01 至 2024-12-31". */
export const windowText = (params) => (params ? `${params.start} 至 ${params.end}` : '—')

const NOBODY = '无客户达到 3 分'

/** The three thresholds as rows {measure, label, text}; a null threshold means nobody reaches score 3. */
export function thresholdRows(thresholds) {
  const t = thresholds || {}
  const text = (value, render) => (value === null || value === undefined ? NOBODY : render(value))
  return [
    { measure: 'R', label: 'R 阈值（近度）', text: text(t.recency_days, (v) => `R ≤ ${formatAverage(v, 2)} 天为高`) },
    { measure: 'F', label: 'F 阈值（频次）', text: text(t.frequency, (v) => `F ≥ ${formatAverage(v, 2)} 次为高`) },
    { measure: 'M', label: 'M 阈值（金额）', text: text(t.monetary, (v) => `M ≥ ${formatMoney(v)} 为高`) },
  ]
}

/** The eight classes of an analysis' `classes` object as [{name, count, share, avg_…}] in SPEC order. */
export const classList = (classes) =>
  RFM_CLASSES.map(({ name }) => ({ ...(classes?.[name] || {}), name, count: Number(classes?.[name]?.count) || 0 }))

export { formatCount }

/** el-tag type of a class update status (the label comes from the API's status_label). */
export const CLASS_UPDATE_TAG = { pending: 'info', running: 'warning', done: 'success', failed: 'danger', superseded: 'info' }

/** True once a saved analysis' customer class update has finished, well or badly. */
export const classUpdateFinished = (analysis) => ['done', 'failed', 'superseded'].includes(analysis?.class_update?.status)
