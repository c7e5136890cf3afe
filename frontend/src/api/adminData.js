import { request } from './http'

const tenantPath = (id, action) => `/api/admin/tenants/${encodeURIComponent(id)}${action}`

/** GET /api/admin/data → {items: [{tenant_id, company_name, customers, orders, sms_this_month, deletion_due…}], total, page, size} */
export const listTenantData = ({ q = '', page = 1, size = 20 } = {}) => {
  const params = { page, size }
  if (q) params.q = q
  return request({ method: 'get', url: '/api/admin/data', params })
}

/** GET /api/admin/tenants/{id}/data → {stored, usage, jobs, deletion} */
export const getTenantData = (id) => request({ method: 'get', url: tenantPath(id, '/data') })

/** POST /api/admin/tenants/{id}/export → {job} (202) */
export const startExport = (id) => request({ method: 'post', url: tenantPath(id, '/export'), data: {} })

/** GET /api/admin/tenants/{id}/jobs/{jobId} → {job} (a finished export carries `url`, valid 15 minutes) */
export const getDataJob = (id, jobId) =>
  request({ method: 'get', url: tenantPath(id, `/jobs/${encodeURIComponent(jobId)}`) })

/** POST /api/admin/tenants/{id}/deletion {company_name, password} → {deletion} (202) */
export const requestDeletion = (id, companyName, password) =>
  request({ method: 'post', url: tenantPath(id, '/deletion'), data: { company_name: companyName, password } })

/** POST /api/admin/tenants/{id}/deletion/cancel → {deletion} */
export const cancelDeletion = (id) => request({ method: 'post', url: tenantPath(id, '/deletion/cancel'), data: {} })
