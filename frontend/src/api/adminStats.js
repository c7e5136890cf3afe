import { request } from './http'

/**
 * GET /api/admin/stats?days=7|30 → {totals, growth, waiting, top_tenants?}
 * (a plan reviewer gets no waiting.overdue_fees and no top_tenants).
 */
export const getPlatformStats = (days = 7) => request({ method: 'get', url: '/api/admin/stats', params: { days } })
