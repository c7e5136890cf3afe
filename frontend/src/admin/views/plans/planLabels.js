// How plan fields read in the admin portal. Author and price read as in the user portal; a withdrawn plan is
// 已下架 here (staff take plans down; an author's own withdrawal looks the same from the market).
import { AUTHORS } from '@/shared/plans/planFormat'

export { authorLabel, priceText } from '@/shared/plans/planFormat'

export const PLAN_STATUSES = [
  { value: 'pending', label: '待审核', tag: 'warning' },
  { value: 'approved', label: '已通过', tag: 'success' },
  { value: 'rejected', label: '已驳回', tag: 'danger' },
  { value: 'withdrawn', label: '已下架', tag: 'info' },
]

export const planStatus = (status) =>
  PLAN_STATUSES.find((s) => s.value === status) || { value: status, label: status || '未知', tag: 'info' }

export const AUTHOR_KINDS = Object.entries(AUTHORS).map(([value, label]) => ({ value, label }))

export const USAGE_KINDS = { view: '浏览', download: '下载', campaign: '用于营销活动' }
