// Fees (交费管理): the staff fee list, a tenant's payments and fee plan, and the tenant's own fee state.
import { request } from './http'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const paymentsPath = (tenantId, action = '') => `/api/admin/tenants/${encodeURIComponent(tenantId)}/payments${action}`

/** The list's filters as query parameters; empty filters are left out. */
const listParams = ({ state = '', view = '', q = '' }) => {
  const params = {}
  if (state) params.state = state
  if (view) params.view = view
  if (q) params.q = q
  return params
}

/**
 * GET /api/admin/billing?state=&view=overdue|expiring&q=&page=&size= →
 * {items: [{tenant_id, company_name, contact_name, contact_phone, fee_plan, fee_plan_name, state, state_label,
 *   trial_ends, paid_until, days_left, last_payment: {amount_yuan, paid_at} | null}], total, page, size, counts}
 */
export const listBilling = ({ state = '', view = '', q = '', page = 1, size = 20 } = {}) =>
  request({ method: 'get', url: '/api/admin/billing', params: { ...listParams({ state, view, q }), page, size } })

/** GET /api/admin/billing/export?state=&view=&q= → 交费管理.xlsx (Blob) */
export const exportBilling = ({ state = '', view = '', q = '' } = {}) =>
  request({ method: 'get', url: '/api/admin/billing/export', params: listParams({ state, view, q }),
    responseType: 'blob', headers: { Accept: XLSX_TYPE } })

/** GET /api/admin/tenants/{id}/payments → {billing, payments: [payment], fee_plans} */
export const getTenantPayments = (tenantId) => request({ method: 'get', url: paymentsPath(tenantId) })

/**
 * POST /api/admin/tenants/{id}/payments {amount_yuan, period_start, period_end, method, receipt_no, note, fee_plan}
 * → 201 {billing, payment}; 409 DUPLICATE_RECEIPT
 */
export const recordPayment = (tenantId, payment) => request({
  method: 'post',
  url: paymentsPath(tenantId),
  data: {
    amount_yuan: payment.amount_yuan,
    period_start: payment.period_start,
    period_end: payment.period_end,
    method: payment.method,
    receipt_no: payment.receipt_no,
    note: payment.note,
    fee_plan: payment.fee_plan,
  },
})

/** POST /api/admin/tenants/{id}/payments/{payment_id}/void {reason} → {billing} (admin only) */
export const voidPayment = (tenantId, paymentId, reason) =>
  request({ method: 'post', url: paymentsPath(tenantId, `/${encodeURIComponent(paymentId)}/void`), data: { reason } })

/** PUT /api/admin/tenants/{id}/fee-plan {fee_plan, trial_ends?} → {billing} (admin only) */
export const changeFeePlan = (tenantId, { fee_plan, trial_ends = '' }) => request({
  method: 'put',
  url: `/api/admin/tenants/${encodeURIComponent(tenantId)}/fee-plan`,
  data: trial_ends ? { fee_plan, trial_ends } : { fee_plan },
})

/** GET /api/me/billing → {billing, fee_plan, payments} (payments for the 企业管理员 only) */
export const getMyBilling = () => request({ method: 'get', url: '/api/me/billing' })
