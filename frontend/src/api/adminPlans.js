// Staff endpoints for plans (review, platform plans, usage) and the event/industry dictionaries.
import { request } from './http'

const planPath = (id, action = '') => `/api/admin/plans/${encodeURIComponent(id)}${action}`

/** The body of a plan create/update, in the contract's field order. */
const planBody = (plan) => ({
  name: plan.name,
  industry: plan.industry,
  event: plan.event,
  target_classes: plan.target_classes,
  summary: plan.summary,
  description: plan.description,
  sms_text: plan.sms_text,
  shared: plan.shared,
  price_yuan: plan.price_yuan,
  attachment_key: plan.attachment_key,
})

/** GET /api/admin/plans → {items, total}; status=pending is the review queue, oldest first. */
export const listAdminPlans = ({ status = '', author = '', q = '', page = 1, size = 20 } = {}) => {
  const params = { page, size }
  if (status) params.status = status
  if (author) params.author = author
  if (q) params.q = q
  return request({ method: 'get', url: '/api/admin/plans', params })
}

/** GET /api/admin/plans/{id} → detail + {author_name, audit} */
export const getAdminPlan = (id) => request({ method: 'get', url: planPath(id) })

/** POST /api/admin/plans/{id}/approve → {plan} */
export const approvePlan = (id) => request({ method: 'post', url: planPath(id, '/approve'), data: {} })

/** POST /api/admin/plans/{id}/reject {reason} → {plan} */
export const rejectPlan = (id, reason) => request({ method: 'post', url: planPath(id, '/reject'), data: { reason } })

/** POST /api/admin/plans → 201 {plan} (a platform plan, approved at once) */
export const createPlatformPlan = (plan) => request({ method: 'post', url: '/api/admin/plans', data: planBody(plan) })

/** PUT /api/admin/plans/{id} → {plan} (platform plans only) */
export const updatePlatformPlan = (id, plan) => request({ method: 'put', url: planPath(id), data: planBody(plan) })

/** POST /api/admin/plans/{id}/take-down → {plan} (下架) */
export const takeDownPlan = (id) => request({ method: 'post', url: planPath(id, '/take-down'), data: {} })

/** POST /api/admin/plans/{id}/restore → {plan} (重新上架) */
export const restorePlan = (id) => request({ method: 'post', url: planPath(id, '/restore'), data: {} })

/** POST /api/admin/plans/attachment-upload {filename, size} → {key, upload{url, fields}} */
export const requestAdminAttachmentUpload = ({ filename, size }) =>
  request({ method: 'post', url: '/api/admin/plans/attachment-upload', data: { filename, size } })

/** GET /api/admin/plans/{id}/usage → {totals{views, downloads, uses}, items[{tenant_id, company_name, kind, day, at}]} */
export const getPlanUsage = (id) => request({ method: 'get', url: planPath(id, '/usage') })

/** GET /api/admin/dictionaries/events → {items[{name, rule, month, day}]} */
export const getEventDictionary = () => request({ method: 'get', url: '/api/admin/dictionaries/events' })

/** PUT /api/admin/dictionaries/events {items} → {items} */
export const saveEventDictionary = (items) =>
  request({ method: 'put', url: '/api/admin/dictionaries/events', data: { items } })

/** GET /api/admin/dictionaries/industries → {items[name]} */
export const getIndustryDictionary = () => request({ method: 'get', url: '/api/admin/dictionaries/industries' })

/** PUT /api/admin/dictionaries/industries {items} → {items} */
export const saveIndustryDictionary = (items) =>
  request({ method: 'put', url: '/api/admin/dictionaries/industries', data: { items } })
