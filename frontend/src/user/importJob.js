// How an import job (see docs/api.md) is named, coloured and summed up on screen.
import { formatCount } from '@/shared/format'

export const KIND_LABELS = { customers: '客户', orders: '订单' }
export const SOURCE_LABELS = { upload: '页面上传', drop: 'ERP 目录', api: '接口' }

const STATUSES = {
  waiting_upload: { label: '等待上传', tag: 'info' },
  queued: { label: '排队中', tag: 'info' },
  running: { label: '导入中', tag: 'primary' },
  completed: { label: '已完成', tag: 'success' },
  rejected: { label: '未通过校验', tag: 'danger' },
  failed: { label: '导入失败', tag: 'danger' },
  rolled_back: { label: '已回滚', tag: 'warning' },
  expired: { label: '已过期', tag: 'info' },
}

const TERMINAL = ['completed', 'rejected', 'failed', 'rolled_back', 'expired']

/** {label, tag}; the server's status_label wins over ours. */
export const statusInfo = (job) => {
  const known = STATUSES[job?.status] || { label: job?.status || '未知', tag: 'info' }
  return { label: job?.status_label || known.label, tag: known.tag }
}

/** True once the job will not change by itself any more. */
export const isFinished = (job) => TERMINAL.includes(job?.status)

// The count tiles per kind: [key, label, short label for lists, shown only when non-zero].
const TILES = {
  customers: [['new', '新增', '新增'], ['updated', '更新', '更新'], ['unchanged', '未变化', '未变化'],
    ['attached', '已关联暂存订单', '关联订单', true]],
  orders: [['new', '新增', '新增'], ['skipped', '跳过(重复)', '跳过'], ['warnings', '暂存(客户未导入)', '暂存']],
}

/** [{key, label, short, value}] for the job's kind, errors last. */
export function countTiles(job) {
  const counts = job?.counts || {}
  const tiles = (TILES[job?.kind] || TILES.customers)
    .map(([key, label, short, onlyWhenSet]) => ({ key, label, short, onlyWhenSet, value: Number(counts[key]) || 0 }))
    .filter((tile) => !tile.onlyWhenSet || tile.value > 0)
  return [...tiles, { key: 'errors', label: '错误', short: '错误', value: Number(counts.errors) || 0 }]
}

/** One line such as "新增 12 · 更新 3 · 未变化 40" for lists (errors are shown apart). */
export const countSummary = (job) =>
  countTiles(job)
    .filter((tile) => tile.value > 0 && tile.key !== 'errors')
    .map((tile) => `${tile.short} ${formatCount(tile.value)}`)
    .join(' · ')

/** What happened, in one sentence, for a finished customer or order import. */
export function outcomeText(job) {
  const c = job?.counts || {}
  const n = (key) => formatCount(Number(c[key]) || 0)
  if (job?.kind === 'orders') {
    const parts = [`新增 ${n('new')} 笔订单`]
    if (c.skipped > 0) parts.push(`跳过 ${n('skipped')} 笔重复订单`)
    if (c.warnings > 0) parts.push(`${n('warnings')} 笔订单的客户尚未导入，${job.dry_run ? '将暂存' : '已暂存'}，导入该客户后自动关联`)
    return parts.join('，')
  }
  const parts = [`新增 ${n('new')} 位客户`, `更新 ${n('updated')} 位`, `${n('unchanged')} 位未变化`]
  if (c.attached > 0) parts.push(`${n('attached')} 笔暂存订单已关联到客户`)
  return parts.join('，')
}
