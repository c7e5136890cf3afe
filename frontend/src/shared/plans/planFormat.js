// How a plan's fields read: author, price, status. No '@/' imports: a node unit test loads this file as it is.
export const AUTHORS = { platform: '平台专家', tenant: '企业投稿' }

export const PLAN_STATUS = {
  pending: { label: '待审核', tag: 'warning' },
  approved: { label: '已通过', tag: 'success' },
  rejected: { label: '已驳回', tag: 'danger' },
  withdrawn: { label: '已撤回', tag: 'info' },
}

export const SORTS = [
  { value: 'newest', label: '最新' },
  { value: 'uses', label: '最常用' },
]

export const authorLabel = (kind) => AUTHORS[kind] || AUTHORS.tenant

/** 0 or missing → "免费", 19.9 → "¥19.90". */
export function priceText(price) {
  const yuan = Number(price)
  if (!Number.isFinite(yuan) || yuan <= 0) return '免费'
  return `¥${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

export const statusInfo = (status) => PLAN_STATUS[status] || { label: status || '—', tag: 'info' }

/** A rejected or withdrawn plan can be edited and sent for review again. */
export const editable = (status) => ['rejected', 'withdrawn'].includes(status)

export const withdrawable = (status) => ['approved', 'pending'].includes(status)
