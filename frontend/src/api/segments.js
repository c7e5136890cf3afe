import { request } from './http'

const segmentPath = (id, action = '') => `/api/segments/${encodeURIComponent(id)}${action}`

/** GET /api/segments → {items: [{segment_id, name, rules, count, stale, stale_reason, updated_at}]} */
export const listSegments = () => request({ method: 'get', url: '/api/segments' })

/** GET /api/segments/{id} → segment */
export const getSegment = (id) => request({ method: 'get', url: segmentPath(id) })

/** POST /api/segments {name, rules} → 201 segment */
export const createSegment = ({ name, rules }) => request({ method: 'post', url: '/api/segments', data: { name, rules } })

/** PUT /api/segments/{id} {name, rules} → segment */
export const updateSegment = (id, { name, rules }) => request({ method: 'put', url: segmentPath(id), data: { name, rules } })

/** DELETE /api/segments/{id} */
export const deleteSegment = (id) => request({ method: 'delete', url: segmentPath(id) })

/** POST /api/segments/count {rules} → {count, total}; 422 with details per rule path when a rule is wrong */
export const countSegment = (rules) => request({ method: 'post', url: '/api/segments/count', data: { rules } })

/** GET /api/segments/{id}/members → {items (shaped like the customer list), total, page, size} */
export const listSegmentMembers = (id, { page = 1, size = 20 } = {}) =>
  request({ method: 'get', url: segmentPath(id, '/members'), params: { page, size } })

/** POST /api/segments/{id}/export → {url, filename, count} (the call list, presigned xlsx) */
export const exportSegment = (id) => request({ method: 'post', url: segmentPath(id, '/export'), data: {} })

/** POST /api/segments/export {rules} → {url, filename, count}: the call list of unsaved rules */
export const exportRules = (rules) => request({ method: 'post', url: '/api/segments/export', data: { rules } })
