import { request } from './http'

const tenantPath = (id, action = '') => `/api/admin/tenants/${encodeURIComponent(id)}${action}`
const staffPath = (username, action) => `/api/admin/staff/${encodeURIComponent(username)}${action}`

/** GET /api/admin/overview → {tenants: {pending, approved, rejected, disabled, total}, pending_changes, registrations} */
export const getOverview = () => request({ method: 'get', url: '/api/admin/overview' })

/** GET /api/admin/tenants → {items, total, page, size}; empty filters are left out. */
export const listTenants = ({ status = '', q = '', pendingChange = false, page = 1, size = 20 } = {}) => {
  const params = { page, size }
  if (status) params.status = status
  if (q) params.q = q
  if (pendingChange) params.pending_change = 1
  return request({ method: 'get', url: '/api/admin/tenants', params })
}

/** GET /api/admin/tenants/{id} → {tenant, license_image_url, audit} */
export const getTenant = (id) => request({ method: 'get', url: tenantPath(id) })

/** PUT /api/admin/tenants/{id}/notes → {tenant} */
export const saveTenantNotes = (id, callNotes) =>
  request({ method: 'put', url: tenantPath(id, '/notes'), data: { call_notes: callNotes } })

/** POST /api/admin/tenants/{id}/approve → {tenant} */
export const approveTenant = (id) => request({ method: 'post', url: tenantPath(id, '/approve'), data: {} })

/** POST /api/admin/tenants/{id}/reject → {tenant} */
export const rejectTenant = (id, reason) => request({ method: 'post', url: tenantPath(id, '/reject'), data: { reason } })

/** POST /api/admin/tenants/{id}/disable → {tenant} */
export const disableTenant = (id) => request({ method: 'post', url: tenantPath(id, '/disable'), data: {} })

/** POST /api/admin/tenants/{id}/enable → {tenant} */
export const enableTenant = (id) => request({ method: 'post', url: tenantPath(id, '/enable'), data: {} })

/** POST /api/admin/tenants/{id}/changes/approve → {tenant} */
export const approveTenantChanges = (id) =>
  request({ method: 'post', url: tenantPath(id, '/changes/approve'), data: {} })

/** POST /api/admin/tenants/{id}/changes/reject → {tenant} */
export const rejectTenantChanges = (id, reason = '') =>
  request({ method: 'post', url: tenantPath(id, '/changes/reject'), data: reason ? { reason } : {} })

/** GET /api/admin/staff → {items} */
export const listStaff = () => request({ method: 'get', url: '/api/admin/staff' })

/** POST /api/admin/staff → 201 {staff} */
export const createStaff = ({ username, display_name, mobile, role, password }) =>
  request({ method: 'post', url: '/api/admin/staff', data: { username, display_name, mobile, role, password } })

/** POST /api/admin/staff/{username}/disable → {staff} */
export const disableStaff = (username) => request({ method: 'post', url: staffPath(username, '/disable'), data: {} })

/** POST /api/admin/staff/{username}/enable → {staff} */
export const enableStaff = (username) => request({ method: 'post', url: staffPath(username, '/enable'), data: {} })

/** GET /api/admin/tenants/{id}/sms-caps (admin, customer_service) → {daily_cap, monthly_cap, used_today, used_this_month} */
export const getSmsCaps = (id) => request({ method: 'get', url: tenantPath(id, '/sms-caps') })

/** PUT /api/admin/tenants/{id}/sms-caps (admin) {daily_cap, monthly_cap} → the caps and their use */
export const saveSmsCaps = (id, { daily_cap, monthly_cap }) =>
  request({ method: 'put', url: tenantPath(id, '/sms-caps'), data: { daily_cap, monthly_cap } })
