import { request } from './http'

const path = (code) => `/api/customers/${encodeURIComponent(code)}`

/** GET /api/customers/{code} → {customer, consent_history, lifetime, timeline, explanation, last_follow_up} */
export const getCustomer = (code) => request({ method: 'get', url: path(code) })

/** PUT /api/customers/{code} {tags?, sms_consent?} → {customer_code, tags, sms_consent, consent_history} */
export const updateCustomer = (code, changes) => request({ method: 'put', url: path(code), data: changes })

/** GET /api/customers/{code}/orders → {items[{order_id, ordered_at, amount, store}], total} */
export const listCustomerOrders = (code, { page = 1, size = 10 } = {}) =>
  request({ method: 'get', url: `${path(code)}/orders`, params: { page, size } })

/** GET /api/customers/{code}/follow-ups → {items[{followed_at, way, content, next_date, by, created_at}]} */
export const listFollowUps = (code) => request({ method: 'get', url: `${path(code)}/follow-ups` })

/** POST /api/customers/{code}/follow-ups {followed_at, way, content, next_date?} → 201 the follow-up */
export const addFollowUp = (code, followUp) => request({ method: 'post', url: `${path(code)}/follow-ups`, data: followUp })

/** GET /api/follow-ups/due → {items[{customer_code, name, next_date, content, way, followed_at}], total, today} */
export const listDueFollowUps = () => request({ method: 'get', url: '/api/follow-ups/due' })
