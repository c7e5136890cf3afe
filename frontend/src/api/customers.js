import { request } from './http'

// Empty filters are left out so the API sees only what the user chose.
const filterParams = ({ q = '', rfmClass = '', tag = '', store = '', sort = '', order = '' } = {}) => {
  const params = {}
  if (q) params.q = q
  if (rfmClass) params.class = rfmClass
  if (tag) params.tag = tag
  if (store) params.store = store
  if (sort) {
    params.sort = sort
    params.order = order === 'desc' ? 'desc' : 'asc'
  }
  return params
}

/** GET /api/customers → {items: [customer], total, page, size, tags} */
export const listCustomers = ({ page = 1, size = 20, ...filters } = {}) =>
  request({ method: 'get', url: '/api/customers', params: { ...filterParams(filters), page, size } })

/** GET /api/customers/distribution → {total, classes: [{name, count}]} */
export const getCustomerDistribution = () => request({ method: 'get', url: '/api/customers/distribution' })

/** POST /api/customers/export → {url, filename, count} (presigned xlsx of the filtered list) */
export const exportCustomers = (filters = {}) =>
  request({ method: 'post', url: '/api/customers/export', data: filterParams(filters) })

/**
 * POST /api/customers/tags: add/remove tags on `codes`, on what `filters` match, or on a saved segment.
 * Without `confirmCount` answers {count} (customers that would change); with it equal to that count, applies → {changed}.
 */
export const batchTags = ({ codes = null, filters = null, segmentId = '', add = [], remove = [], confirmCount = null }) => {
  const data = { add, remove }
  if (codes) data.codes = codes
  else if (segmentId) data.segment_id = segmentId
  else data.filter = filterParams(filters || {})
  if (confirmCount !== null) data.confirm_count = confirmCount
  return request({ method: 'post', url: '/api/customers/tags', data })
}
