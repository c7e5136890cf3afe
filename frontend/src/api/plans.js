// 营销方案 for a tenant: the market, a plan's detail and download, own submissions and suggestions.
import { request } from './http'

const planPath = (id, action = '') => `/api/plans/${encodeURIComponent(id)}${action}`

// Empty filters are left out so the API sees only what the user chose.
const marketParams = ({ rfmClass = '', event = '', q = '', sort = '' }) => {
  const params = {}
  if (rfmClass) params.class = rfmClass
  if (event) params.event = event
  if (q) params.q = q
  if (sort) params.sort = sort
  return params
}

/** GET /api/plans → {items: [card], total}; filters rfmClass, event, q; sort newest|uses */
export const listPlans = ({ page = 1, size = 12, ...filters } = {}) =>
  request({ method: 'get', url: '/api/plans', params: { ...marketParams(filters), page, size } })

/** GET /api/plans/{id} → detail (with sms_texts[] and attachment_html) */
export const getPlan = (id) => request({ method: 'get', url: planPath(id) })

/** POST /api/plans/{id}/download → {url, filename} (a presigned GET of the attachment) */
export const downloadPlan = (id) => request({ method: 'post', url: planPath(id, '/download'), data: {} })

/** POST /api/plans/attachment-upload {filename, size} → {key, upload: {url, fields}} */
export const requestAttachmentUpload = ({ filename, size }) =>
  request({ method: 'post', url: '/api/plans/attachment-upload', data: { filename, size } })

/** POST /api/plans {name, industry, event, target_classes, summary, description, sms_text, shared, price_yuan, attachment_key} → 201 {plan_id, status} */
export const submitPlan = (plan) => request({ method: 'post', url: '/api/plans', data: plan })

/** PUT /api/plans/{id} (same body; "" attachment_key keeps the current file) → {plan_id, status} */
export const updatePlan = (id, plan) => request({ method: 'put', url: planPath(id), data: plan })

/** POST /api/plans/{id}/withdraw → {plan} */
export const withdrawPlan = (id) => request({ method: 'post', url: planPath(id, '/withdraw'), data: {} })

/** GET /api/plans/mine → {items: [card + status, reject_reason, updated_at], total} */
export const listMyPlans = ({ page = 1, size = 20, status = '' } = {}) =>
  request({ method: 'get', url: '/api/plans/mine', params: status ? { status, page, size } : { page, size } })

/** GET /api/plans/suggestions → {classes: {<class>: [card]}, events: [{event, date, days_until, plan}]} */
export const getPlanSuggestions = (rfmClass = '') =>
  request({ method: 'get', url: '/api/plans/suggestions', params: rfmClass ? { class: rfmClass } : {} })

/** GET /api/plans/options → {events: [name], industries: [name], classes: [name]} */
export const getPlanOptions = () => request({ method: 'get', url: '/api/plans/options' })
