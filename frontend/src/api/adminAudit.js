// The audit log (审计日志) and the platform dictionaries 套餐与价格 / 平台设置 (admin only).
import { request } from './http'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The log's filters as query parameters; empty filters are left out. */
const auditParams = ({ tenant = '', actor = '', action = '', from = '', to = '' }) =>
  Object.fromEntries(Object.entries({ tenant, actor, action, from, to }).filter(([, value]) => value))

/**
 * GET /api/admin/audit?tenant=&actor=&action=&from=&to=&cursor=&size= →
 * {items: [{at, at_china, actor, actor_name, role, role_label, action, tenant_id, company_name, detail,
 *   changes: [{field, before, after}], ip}], next_cursor}
 */
export const listAudit = (filters = {}, cursor = '', size = 20) =>
  request({ method: 'get', url: '/api/admin/audit', params: { ...auditParams(filters), ...(cursor ? { cursor } : {}), size } })

/** GET /api/admin/audit/export?tenant=&actor=&action=&from=&to= → 审计日志.xlsx (Blob, at most 50,000 rows) */
/** The actions the log records, grouped: {groups: [{label, actions}]} (the 操作 filter's options). */
export const auditActions = () => request({ method: 'get', url: '/api/admin/audit/actions' })

export const exportAudit = (filters = {}) =>
  request({ method: 'get', url: '/api/admin/audit/export', params: auditParams(filters), responseType: 'blob',
    headers: { Accept: XLSX_TYPE } })

/** GET /api/admin/dictionaries/fee_plans → {items: [{code, name, price_yuan, months, customer_limit, sms_per_month}]} */
export const getFeePlans = () => request({ method: 'get', url: '/api/admin/dictionaries/fee_plans' })

/** PUT /api/admin/dictionaries/fee_plans {items} → {items} */
export const saveFeePlans = (items) => request({ method: 'put', url: '/api/admin/dictionaries/fee_plans', data: { items } })

/**
 * GET /api/admin/dictionaries/settings → {items: {contact_phone, trial_days, grace_days, remind_days,
 *   sms_price_li, sms_daily_cap, sms_monthly_cap, staff_digest_mobiles}}
 */
export const getPlatformSettings = () => request({ method: 'get', url: '/api/admin/dictionaries/settings' })

/** PUT /api/admin/dictionaries/settings {items: {...}} → {items} */
export const savePlatformSettings = (items) =>
  request({ method: 'put', url: '/api/admin/dictionaries/settings', data: { items } })
