import { request } from './http'

const templatePath = (id) => `/api/sms/templates/${encodeURIComponent(id)}`

/** GET /api/sms/templates → {items: [{template_id, name, kind, text, status, status_label, reason, chars, parts, warnings, created_at, ...}]} */
export const listTemplates = () => request({ method: 'get', url: '/api/sms/templates' })

/** GET /api/sms/templates/{id} → template */
export const getTemplate = (id) => request({ method: 'get', url: templatePath(id) })

/** POST /api/sms/templates {name, kind, text} → 201 {template_id, status, parts, chars, warnings}; 409 SIGNATURE_MISSING */
export const createTemplate = ({ name, kind, text }) =>
  request({ method: 'post', url: '/api/sms/templates', data: { name, kind, text } })

/** DELETE /api/sms/templates/{id} (409 while a campaign uses it) */
export const deleteTemplate = (id) => request({ method: 'delete', url: templatePath(id) })

/** POST /api/sms/templates/check {text, kind} → {text, chars, parts, too_long, max_chars, warnings}: nothing stored */
export const checkTemplate = ({ text, kind }) =>
  request({ method: 'post', url: '/api/sms/templates/check', data: { text, kind } })

/** GET /api/sms/rules → {items: [{id, kind, kind_label, source, pattern_words}]} */
export const listRules = () => request({ method: 'get', url: '/api/sms/rules' })

/** GET /api/sms/settings → signature, caps, usage, prices, birthday switch */
export const getSmsSettings = () => request({ method: 'get', url: '/api/sms/settings' })

/** PUT /api/sms/settings {signature?, frequency_days?, frequency_count?, daily_per_number?, birthday_enabled?, birthday_template_id?} → settings */
export const updateSmsSettings = (changes) => request({ method: 'put', url: '/api/sms/settings', data: changes })

/** GET /api/customers/{code}/messages → {items: [{campaign_id, campaign_name, status, status_label, error, submitted_at, reported_at, replied}]} */
export const listCustomerMessages = (code) =>
  request({ method: 'get', url: `/api/customers/${encodeURIComponent(code)}/messages` })
